"""Link prediction on Newman's network-science coauthorship graph (from the
collection Debian's python3-graph-tool ships; see study.hpo): a graph
convolutional encoder over learnt node embeddings, a dot-product decoder,
binary cross-entropy against sampled non-edges, ROC AUC on held-out edges."""
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
import hpoc_trainer as hp  # noqa: E402
import paperlib as pl  # noqa: E402
from graph import GCN as Encoder, normalised_adjacency  # noqa: E402

HELD_OUT = 0.15  # share of the edges held out for validation


def main():
    c, seed, metrics = pl.start()
    if c["num_layers"] < 2:
        print("num_layers must be at least 2 (an embedding layer and an output layer)", file=sys.stderr)
        sys.exit(hp.EXIT_INVALID_CONFIG)
    d = np.load(pl.data_path(__file__, "netscience.npz"))
    edges, n = d["edges"].astype(np.int64), int(d["num_nodes"])
    # A fixed split, whatever the trial's seed: 15% of the edges held out, with as
    # many node pairs that are not edges.
    rng = np.random.default_rng(0)
    order = rng.permutation(len(edges))
    cut = int(len(edges) * HELD_OUT)
    held, kept = edges[order[:cut]], edges[order[cut:]]
    present = set(map(tuple, edges.tolist()))
    neg_val = []
    while len(neg_val) < cut:
        u, v = sorted(rng.integers(0, n, 2).tolist())
        if u != v and (u, v) not in present and (u, v) not in neg_val:
            neg_val.append((u, v))
    val_pairs = torch.from_numpy(np.concatenate([held, np.array(neg_val)]))
    val_labels = np.array([1] * cut + [0] * cut)
    adj = normalised_adjacency(n, kept)
    sizes = [c["hidden_channels"]] * (c["num_layers"] - 1) + [c["out_channels"]]
    model = Encoder(n, sizes, c["activation"], c["dropout"])
    opt = pl.optimizer(model.parameters(), c)
    pos = torch.from_numpy(kept)
    labels = torch.cat([torch.ones(len(pos)), torch.zeros(len(pos))])
    sample = torch.Generator().manual_seed(seed)

    def score(z, pairs):
        return (z.index_select(0, pairs[:, 0]) * z.index_select(0, pairs[:, 1])).sum(1)

    def train_epoch(_):
        model.train()
        z = model(adj)
        neg = torch.randint(0, n, (len(pos), 2), generator=sample)  # fresh random non-edges
        return pl.step(opt, F.binary_cross_entropy_with_logits(torch.cat([score(z, pos), score(z, neg)]), labels))

    def evaluate():
        model.eval()
        with torch.no_grad():
            s = score(model(adj), val_pairs).numpy()
        if not np.all(np.isfinite(s)):
            return {"val_auc": 0.5}
        return {"val_auc": pl.auc(s, val_labels)}

    pl.fit(metrics, c["epochs"], train_epoch, evaluate, "val_auc")


main()
