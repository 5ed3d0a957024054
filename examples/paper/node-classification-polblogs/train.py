"""A GCN classifying the political leaning of US political blogs from the
hyperlinks between them (Adamic and Glance's 2005 network, from the collection
Debian's python3-graph-tool ships; see study.hpo)."""
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
import paperlib as pl  # noqa: E402
from graph import GCN, normalised_adjacency  # noqa: E402

TRAIN_PER_CLASS = 30  # labelled blogs per class; every other blog is validation


def main():
    c, seed, metrics = pl.start()
    d = np.load(pl.data_path(__file__, "polblogs.npz"))
    edges, n, y = d["edges"].astype(np.int64), int(d["num_nodes"]), torch.from_numpy(d["label"])
    classes = int(y.max()) + 1
    # A fixed split, whatever the trial's seed: 30 labelled blogs per class.
    rng = np.random.default_rng(0)
    train = np.concatenate([rng.choice(np.flatnonzero(d["label"] == k), TRAIN_PER_CLASS, replace=False)
                            for k in range(classes)])
    val = np.setdiff1d(np.arange(n), train)
    adj = normalised_adjacency(n, edges)
    sizes = [c["hidden_size"]] * (c["num_layers"] - 1) + [classes]
    model = GCN(n, sizes, c["activation"], c["dropout"])
    opt = pl.optimizer(model.parameters(), c)

    def train_epoch(_):
        model.train()
        return pl.step(opt, F.cross_entropy(model(adj)[train], y[train]))

    def evaluate():
        model.eval()
        with torch.no_grad():
            out = model(adj)
        return {"val_acc": float((out[val].argmax(1) == y[val]).float().mean()),
                "val_loss": float(F.cross_entropy(out[val], y[val]))}

    pl.fit(metrics, c["epochs"], train_epoch, evaluate, "val_acc")


main()
