"""The image classification trainer both image tasks share: a SmallResNet
variant (vision.py) on 28x28 grey images, cross-entropy, validation accuracy."""
import numpy as np
import torch
import torch.nn.functional as F

import paperlib as pl
from vision import SmallResNet


def run(x_train, y_train, x_val, y_val, classes):
    """x: float32 arrays of shape (n, 28, 28) in [0, 1]; y: int labels."""
    c, seed, metrics = pl.start()
    model = SmallResNet(c["model_name"], c["global_pool"], c["dropout_rate"], classes)
    opt = pl.optimizer(model.parameters(), c)
    xt, yt = torch.from_numpy(x_train[:, None]), torch.from_numpy(y_train).long()
    xv, yv = torch.from_numpy(x_val[:, None]), torch.from_numpy(y_val).long()
    rng = np.random.default_rng(seed)

    def train_epoch(_):
        return pl.train_epoch(model, opt, len(xt), c["batch_size"], rng,
                              lambda idx: F.cross_entropy(model(xt[idx]), yt[idx]))

    def evaluate():
        model.eval()
        with torch.no_grad():
            pred = torch.cat([model(xv[i:i + 500]).argmax(1) for i in range(0, len(xv), 500)])
        return {"val_acc": float((pred == yv).float().mean())}

    pl.fit(metrics, c["epochs"], train_epoch, evaluate, "val_acc")
