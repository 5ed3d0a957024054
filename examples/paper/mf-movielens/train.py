"""LightGCN-style graph matrix factorisation on MovieLens with the BPR loss,
measured by NDCG@10 on held-out movies per user (see study.hpo)."""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
import paperlib as pl  # noqa: E402


def main():
    c, seed, metrics = pl.start()
    d = np.load(pl.data_path(__file__, "movielens.npz"))
    keep = d["rating"] >= 4  # implicit feedback: a rating of 4 or more is a positive
    users, items = d["user"][keep], d["movie"][keep]
    nu, ni = int(d["user"].max()) + 1, int(d["movie"].max()) + 1
    rng = np.random.default_rng(0)  # a fixed 80/20 split of each user's positives
    test = rng.random(len(users)) < 0.2
    tu, ti = torch.from_numpy(users[~test]), torch.from_numpy(items[~test])
    n = nu + ni
    idx = torch.cat([torch.stack([tu, ti + nu]), torch.stack([ti + nu, tu])], 1)
    deg = torch.zeros(n).index_add_(0, idx[0], torch.ones(idx.shape[1]))
    w = deg[idx[0]].rsqrt() * deg[idx[1]].rsqrt()
    adj = torch.sparse_coo_tensor(idx, w, (n, n)).coalesce()
    emb = torch.nn.Parameter(torch.randn(n, c["embedding_size"]) * 0.1)
    opt = pl.optimizer([emb], {**c, "reg_weight": 0.0})
    train_items = [set() for _ in range(nu)]
    for u, i in zip(tu.tolist(), ti.tolist()):
        train_items[u].add(i)
    held = [[] for _ in range(nu)]
    for u, i in zip(users[test], items[test]):
        held[u].append(i)
    eval_users = [u for u in range(nu) if held[u]]
    mask = torch.zeros(len(eval_users), ni, dtype=torch.bool)
    for k, u in enumerate(eval_users):
        mask[k, list(train_items[u])] = True
    discount = 1 / np.log2(np.arange(2, 12))
    sample = np.random.default_rng(seed)

    def propagate():
        out, x = emb, emb
        for _ in range(c["num_layers"]):
            x = torch.sparse.mm(adj, x)
            out = out + x
        return out / (c["num_layers"] + 1)

    def batch_loss(b):
        z = propagate()
        u, i = tu[b], ti[b] + nu
        j = torch.from_numpy(sample.integers(0, ni, len(b))) + nu
        x = (z[u] * (z[i] - z[j])).sum(1)
        reg = c["reg_weight"] * (emb[u].pow(2).sum() + emb[i].pow(2).sum() + emb[j].pow(2).sum()) / len(b)
        return torch.nn.functional.softplus(-x).mean() + reg

    def train_epoch(_):
        return pl.train_epoch(None, opt, len(tu), c["batch_size"], sample, batch_loss)

    def evaluate():
        with torch.no_grad():
            z = propagate()
            scores = z[eval_users] @ z[nu:].T
            scores[mask] = -float("inf")
            top = scores.topk(10, dim=1).indices.numpy()
        ndcg = []
        for k, u in enumerate(eval_users):
            hits = np.isin(top[k], held[u])
            ideal = discount[:min(10, len(held[u]))].sum()
            ndcg.append(float((hits * discount).sum() / ideal))
        return {"ndcg_at_10": float(np.mean(ndcg))}

    pl.fit(metrics, c["epochs"], train_epoch, evaluate, "ndcg_at_10")


main()
