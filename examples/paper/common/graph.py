"""A graph convolutional network (Kipf and Welling) in plain PyTorch: dense
normalised adjacency, which suits the small real graphs networkx ships."""
import torch
import torch.nn as nn

import paperlib as pl


def normalised_adjacency(n, edges):
    """D^-1/2 (A + I) D^-1/2 of an undirected graph given as (u, v) pairs."""
    a = torch.eye(n)
    for u, v in edges:
        a[u, v] = a[v, u] = 1.0
    d = a.sum(1).rsqrt()
    return d[:, None] * a * d[None, :]


class GCN(nn.Module):
    def __init__(self, sizes, activation, dropout):
        super().__init__()
        self.layers = nn.ModuleList(nn.Linear(a, b) for a, b in zip(sizes, sizes[1:]))
        self.act, self.drop = pl.activation(activation), nn.Dropout(dropout)

    def forward(self, x, adj):
        for i, layer in enumerate(self.layers):
            x = adj @ layer(self.drop(x))
            if i + 1 < len(self.layers):
                x = self.act(x)
        return x
