"""DeepFM-style click-through prediction on MovieLens: does a user rate a movie
4 stars or more? Measured by validation AUC (see study.hpo)."""
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
import paperlib as pl  # noqa: E402

EPOCHS = 1


class DeepFM(nn.Module):
    def __init__(self, sizes, c):
        super().__init__()
        self.offsets = torch.tensor(np.concatenate([[0], np.cumsum(sizes)[:-1]]))
        total, k = int(sum(sizes)), c["embedding_size"]
        self.emb, self.lin = nn.Embedding(total, k), nn.Embedding(total, 1)
        nn.init.normal_(self.emb.weight, std=0.01)
        layers, width = [], len(sizes) * k
        for _ in range(c["num_mlp_layers"]):
            layers += [nn.Linear(width, c["mlp_hidden_size"]), nn.ReLU(), nn.Dropout(c["dropout_prob"])]
            width = c["mlp_hidden_size"]
        self.mlp = nn.Sequential(*layers, nn.Linear(width, 1))

    def forward(self, fields):
        ids = fields + self.offsets
        e = self.emb(ids)  # batch x fields x k
        fm = 0.5 * (e.sum(1).pow(2) - e.pow(2).sum(1)).sum(1)
        return self.lin(ids).sum((1, 2)) + fm + self.mlp(e.flatten(1)).squeeze(1), e


def main():
    c, seed, metrics = pl.start()
    d = np.load(pl.data_path(__file__, "movielens.npz"))
    year = np.clip((d["year"] - 1900) // 10, 0, 12)  # decade buckets, 0 also for unknown
    fields = np.stack([d["user"], d["movie"], d["genre"], year], 1)
    sizes = fields.max(0) + 1
    label = (d["rating"] >= 4).astype(np.float32)
    rng = np.random.default_rng(0)
    val = rng.random(len(label)) < 0.2
    xt, yt = torch.from_numpy(fields[~val]), torch.from_numpy(label[~val])
    xv, yv = torch.from_numpy(fields[val]), label[val]
    model = DeepFM(sizes, c)
    opt = pl.optimizer(model.parameters(), {**c, "reg_weight": 0.0})
    sample = np.random.default_rng(seed)

    def train_epoch(_):
        model.train()
        total = 0.0
        for b in pl.batches(len(xt), c["batch_size"], sample):
            logit, e = model(xt[b])
            loss = F.binary_cross_entropy_with_logits(logit, yt[b])
            opt.zero_grad()
            (loss + c["reg_weight"] * e.pow(2).sum() / len(b)).backward()
            opt.step()
            total += loss.item() * len(b)
        return total / len(xt)

    def evaluate():
        model.eval()
        with torch.no_grad():
            s = torch.cat([model(xv[i:i + 8192])[0] for i in range(0, len(xv), 8192)]).numpy()
        return {"val_auc": pl.auc(s, yv)}

    pl.fit(metrics, EPOCHS, train_epoch, evaluate, "val_auc")


main()
