"""A graph convolutional network (Kipf and Welling) in plain PyTorch on a
sparse normalised adjacency, for graphs without node features: the first
layer's input is a one-hot identity, so its weight is a learnt embedding per node."""
import numpy as np
import torch
import torch.nn as nn

import paperlib as pl


def normalised_adjacency(n, edges):
    """Sparse D^-1/2 (A + I) D^-1/2 of the undirected graph with these (u, v) pairs."""
    loops = np.arange(n)
    idx = torch.from_numpy(np.stack([np.concatenate([edges[:, 0], edges[:, 1], loops]),
                                     np.concatenate([edges[:, 1], edges[:, 0], loops])]))
    deg = torch.zeros(n).index_add_(0, idx[0], torch.ones(idx.shape[1]))
    return torch.sparse_coo_tensor(idx, deg[idx[0]].rsqrt() * deg[idx[1]].rsqrt(), (n, n)).coalesce()


class GCN(nn.Module):
    """Graph convolution layers over a learnt embedding per node."""

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
