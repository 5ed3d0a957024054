"""Per-pixel garment labels on Fashion-MNIST with a tiny encoder-decoder (see study.hpo)."""
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
import paperlib as pl  # noqa: E402
from vision import TinySegNet  # noqa: E402

ROOT = "/usr/share/datasets/fashion-mnist"
CLASSES = 11  # 10 garments + background (label 10)


def load(prefix, n):
    x = pl.read_idx(f"{ROOT}/{prefix}-images-idx3-ubyte.gz")[:n].astype("float32") / 255
    y = pl.read_idx(f"{ROOT}/{prefix}-labels-idx1-ubyte.gz")[:n].astype("int64")
    masks = np.where(x > 0.1, y[:, None, None], CLASSES - 1)
    return torch.from_numpy(x[:, None]), torch.from_numpy(masks)


def main():
    c, seed, metrics = pl.start()
    xt, mt = load("train", 600)
    xv, mv = load("t10k", 500)
    model = TinySegNet(lambda: pl.activation(c["activation"]), CLASSES)
    opt = pl.optimizer(model.parameters(), c)
    rng = np.random.default_rng(seed)

    def train_epoch(_):
        return pl.train_epoch(model, opt, len(xt), c["batch_size"], rng,
                              lambda idx: F.cross_entropy(model(xt[idx]), mt[idx]))

    def evaluate():
        model.eval()
        with torch.no_grad():
            pred = model(xv).argmax(1)
        ious = []
        for k in range(CLASSES):
            inter = ((pred == k) & (mv == k)).sum().item()
            union = ((pred == k) | (mv == k)).sum().item()
            if union:
                ious.append(inter / union)
        return {"val_miou": float(np.mean(ious)), "val_pixel_acc": float((pred == mv).float().mean())}

    pl.fit(metrics, c["epochs"], train_epoch, evaluate, "val_miou")


main()
