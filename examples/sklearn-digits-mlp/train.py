"""Trains a scikit-learn multi-layer perceptron on the handwritten digits data
(the CSV that Debian's python3-sklearn ships) with one hpoc trial's
hyperparameters, reporting the validation accuracy after every epoch.

    /usr/bin/python3 train.py --config config.yaml --metrics metrics.jsonl [--seed N]
"""
import argparse
import math
import sys
import warnings

import numpy as np
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

import hpoc_trainer as hp


def main():
    args = hp.parse_args()
    extra = argparse.ArgumentParser()
    extra.add_argument("--seed", type=int, default=0)
    seed = extra.parse_known_args()[0].seed
    c = hp.load_config(args.config)

    x, y = load_digits(return_X_y=True)  # 1,797 images of 8x8 pixels, 10 classes
    x_train, x_val, y_train, y_val = train_test_split(x, y, test_size=0.25, random_state=0, stratify=y)
    scaler = StandardScaler().fit(x_train)
    x_train, x_val = scaler.transform(x_train), scaler.transform(x_val)

    layers = (c["hidden_units"],) * c["layers"]
    model = MLPClassifier(hidden_layer_sizes=layers, activation=c["activation"], solver=c["solver"],
                          alpha=c["alpha"], batch_size=c["batch_size"],
                          learning_rate_init=c["learning_rate"],
                          momentum=c.get("momentum", 0.9), random_state=seed)
    classes = np.unique(y_train)
    best = 0.0
    warnings.simplefilter("ignore", ConvergenceWarning)
    with hp.Metrics(args.metrics) as m:
        for epoch in range(1, c["epochs"] + 1):
            model.partial_fit(x_train, y_train, classes=classes)
            loss = model.loss_
            if not math.isfinite(loss):
                print(f"training loss is {loss} at epoch {epoch}", file=sys.stderr)
                m.log(epoch=epoch, train_loss=loss)
                sys.exit(hp.EXIT_DIVERGED)
            acc = model.score(x_val, y_val)
            best = max(best, acc)
            m.log(epoch=epoch, train_loss=loss, val_acc=acc)
            print(f"epoch {epoch} train_loss={loss:.4f} val_acc={acc:.4f}")
        m.final(val_acc=acc, best_val_acc=best, train_loss=loss)


if __name__ == "__main__":
    main()
