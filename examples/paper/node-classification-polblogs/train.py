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

TRAIN_PER_CLASS = 30  # labelled blogs per class; every other blog is validation


def normalised_adjacency(n, edges):
    """Sparse D^-1/2 (A + I) D^-1/2 of the undirected graph with these (u, v) pairs."""
    loops = np.arange(n)
    idx = torch.from_numpy(np.stack([np.concatenate([edges[:, 0], edges[:, 1], loops]),
                                     np.concatenate([edges[:, 1], edges[:, 0], loops])]))
    deg = torch.zeros(n).index_add_(0, idx[0], torch.ones(idx.shape[1]))
    return torch.sparse_coo_tensor(idx, deg[idx[0]].rsqrt() * deg[idx[1]].rsqrt(), (n, n)).coalesce()


class GCN(nn.Module):
    """Kipf and Welling's GCN. The blogs have no features, so the first layer's
    input is a one-hot identity and its weight is a learnt embedding per blog."""

    def __init__(self, n, sizes, activation, dropout):
        super().__init__()
        self.embedding = nn.Parameter(torch.randn(n, sizes[0]) * (1.0 / sizes[0]) ** 0.5)
        self.layers = nn.ModuleList(nn.Linear(a, b) for a, b in zip(sizes, sizes[1:]))
        self.act, self.drop = pl.activation(activation), nn.Dropout(dropout)

    def forward(self, adj):
        z = torch.sparse.mm(adj, self.drop(self.embedding))
        for layer in self.layers:
            z = torch.sparse.mm(adj, layer(self.drop(self.act(z))))
        return z


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
        loss = F.cross_entropy(model(adj)[train], y[train])
        opt.zero_grad()
        loss.backward()
        opt.step()
        return loss.item()

    def evaluate():
        model.eval()
        with torch.no_grad():
            out = model(adj)
        return {"val_acc": float((out[val].argmax(1) == y[val]).float().mean()),
                "val_loss": float(F.cross_entropy(out[val], y[val]))}

    pl.fit(metrics, c["epochs"], train_epoch, evaluate, "val_acc")


main()
