"""A GCN classifying the members of Zachary's karate club by the faction they
joined (networkx's built-in graph; see study.hpo)."""
import os
import sys

import networkx as nx
import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
import paperlib as pl  # noqa: E402
from graph import GCN, normalised_adjacency  # noqa: E402


def main():
    c, seed, metrics = pl.start()
    g = nx.karate_club_graph()
    n = g.number_of_nodes()
    y = torch.tensor([int(g.nodes[i]["club"] == "Officer") for i in range(n)])
    adj = normalised_adjacency(n, g.edges())
    x = torch.eye(n)  # no node features: each member is a one-hot identity
    # A fixed split: 4 labelled members per faction, the other 26 are validation.
    rng = np.random.default_rng(0)
    train = np.concatenate([rng.choice(np.flatnonzero(y.numpy() == k), 4, replace=False) for k in (0, 1)])
    val = np.setdiff1d(np.arange(n), train)
    sizes = [n] + [c["hidden_size"]] * (c["num_layers"] - 1) + [2]
    model = GCN(sizes, c["activation"], c["dropout"])
    opt = pl.optimizer(model.parameters(), c)

    def train_epoch(_):
        model.train()
        opt.zero_grad()
        loss = F.cross_entropy(model(x, adj)[train], y[train])
        loss.backward()
        opt.step()
        return loss.item()

    def evaluate():
        model.eval()
        with torch.no_grad():
            out = model(x, adj)
        return {"val_acc": float((out[val].argmax(1) == y[val]).float().mean()),
                "val_loss": float(F.cross_entropy(out[val], y[val]))}

    pl.fit(metrics, c["epochs"], train_epoch, evaluate, "val_acc")


main()
