"""The text classification trainer both text tasks share: a small Transformer
encoder trained from scratch on word ids (prepared by each task's setup.sh into
data/text.npz: train_x, train_y, val_x, val_y, vocab_size), with the dropout
places and activation of the paper's DistilBERT space, AdamW, validation accuracy."""
import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

import paperlib as pl


class Layer(nn.Module):
    def __init__(self, d, heads, ff, dropout, attention_dropout, act):
        super().__init__()
        self.attn = nn.MultiheadAttention(d, heads, dropout=attention_dropout, batch_first=True)
        self.ff = nn.Sequential(nn.Linear(d, ff), act, nn.Dropout(dropout), nn.Linear(ff, d))
        self.n1, self.n2, self.drop = nn.LayerNorm(d), nn.LayerNorm(d), nn.Dropout(dropout)

    def forward(self, x, pad):
        a, _ = self.attn(x, x, x, key_padding_mask=pad, need_weights=False)
        x = self.n1(x + self.drop(a))
        return self.n2(x + self.drop(self.ff(x)))


class Classifier(nn.Module):
    def __init__(self, vocab, length, classes, c, d=32, heads=2, layers=1):
        super().__init__()
        self.tok, self.pos = nn.Embedding(vocab, d, padding_idx=0), nn.Embedding(length, d)
        self.layers = nn.ModuleList(Layer(d, heads, 2 * d, c["dropout_rate"], c["attention_dropout"],
                                          pl.activation(c["activation"])) for _ in range(layers))
        self.drop = nn.Dropout(c["seq_classif_dropout"])
        self.head = nn.Linear(d, classes)

    def forward(self, ids):
        pad = ids == 0
        x = self.tok(ids) * math.sqrt(self.tok.embedding_dim) + self.pos(torch.arange(ids.shape[1]))[None]
        for layer in self.layers:
            x = layer(x, pad)
        keep = (~pad).float()[..., None]
        x = (x * keep).sum(1) / keep.sum(1).clamp(min=1)
        return self.head(self.drop(x))


def run(data_file):
    c, seed, metrics = pl.start()
    d = np.load(data_file)
    xt, yt = torch.from_numpy(d["train_x"]).long(), torch.from_numpy(d["train_y"]).long()
    xv, yv = torch.from_numpy(d["val_x"]).long(), torch.from_numpy(d["val_y"]).long()
    classes = int(max(yt.max(), yv.max())) + 1
    model = Classifier(int(d["vocab_size"]), xt.shape[1], classes, c)
    opt = torch.optim.AdamW(model.parameters(), lr=c["learning_rate"], weight_decay=c["weight_decay"])
    rng = np.random.default_rng(seed)

    def train_epoch(_):
        return pl.train_epoch(model, opt, len(xt), c["batch_size"], rng,
                              lambda idx: F.cross_entropy(model(xt[idx]), yt[idx]))

    def evaluate():
        model.eval()
        with torch.no_grad():
            pred = torch.cat([model(xv[i:i + 256]).argmax(1) for i in range(0, len(xv), 256)])
        return {"val_acc": float((pred == yv).float().mean())}

    pl.fit(metrics, c["epochs"], train_epoch, evaluate, "val_acc")
