"""Link prediction on the co-appearance graph of Les Miserables (networkx's
built-in graph): a GCN encoder, dot-product decoder (see study.hpo)."""
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
    g = nx.convert_node_labels_to_integers(nx.les_miserables_graph(), ordering="sorted")
    n = g.number_of_nodes()
    edges = sorted((min(u, v), max(u, v)) for u, v in g.edges())
    # A fixed split: 20% of the edges are held out, with as many non-edges.
    rng = np.random.default_rng(0)
    order = rng.permutation(len(edges))
    held = [edges[i] for i in order[:len(edges) // 5]]
    kept = [edges[i] for i in order[len(edges) // 5:]]
    present = set(edges)
    non_edges = [(u, v) for u in range(n) for v in range(u + 1, n) if (u, v) not in present]
    neg_val = [non_edges[i] for i in rng.choice(len(non_edges), len(held), replace=False)]
    adj = normalised_adjacency(n, kept)
    x = torch.eye(n)
    sizes = [n] + [c["hidden_channels"]] * (c["num_layers"] - 1) + [c["out_channels"]]
    model = GCN(sizes, c["activation"], c["dropout"])
    opt = pl.optimizer(model.parameters(), c)
    pos = torch.tensor(kept)
    val_pairs = torch.tensor(held + neg_val)
    val_labels = np.array([1] * len(held) + [0] * len(neg_val))
    sample = torch.Generator().manual_seed(seed)

    def score(z, pairs):
        return (z[pairs[:, 0]] * z[pairs[:, 1]]).sum(1)

    def train_epoch(_):
        model.train()
        opt.zero_grad()
        z = model(x, adj)
        neg = torch.randint(0, n, (len(pos), 2), generator=sample)
        logits = torch.cat([score(z, pos), score(z, neg)])
        labels = torch.cat([torch.ones(len(pos)), torch.zeros(len(neg))])
        loss = F.binary_cross_entropy_with_logits(logits, labels)
        loss.backward()
        opt.step()
        return loss.item()

    def evaluate():
        model.eval()
        with torch.no_grad():
            s = score(model(x, adj), val_pairs).numpy()
        return {"val_auc": pl.auc(s, val_labels)}

    pl.fit(metrics, c["epochs"], train_epoch, evaluate, "val_auc")


main()
