"""What the paper benchmark's trainers share: start-up (config, seed, one
thread), optimisers and activations named as the studies name them, the
per-epoch loop that reports to hpoc, and the data readers.

Each trainer is run as
    /usr/bin/python3 examples/paper/<task>/train.py --config C --metrics M --seed S
and reads its prepared data from examples/paper/<task>/data/ (made by setup.sh).
"""
import argparse
import gzip
import math
import os
import random
import struct
import sys
import time

import numpy as np

import hpoc_trainer as hp


def start():
    """The trial's config, seed and metrics path; every generator seeded, torch on one thread."""
    args = hp.parse_args()
    extra = argparse.ArgumentParser(add_help=False)
    extra.add_argument("--seed", type=int, default=0)
    seed = extra.parse_known_args()[0].seed
    config = hp.load_config(args.config)
    random.seed(seed)
    np.random.seed(seed)
    torch = sys.modules.get("torch")  # seeded only when the trainer uses it (its import costs seconds)
    if torch is not None:
        torch.manual_seed(seed)
        torch.set_num_threads(1)
        torch.use_deterministic_algorithms(True, warn_only=True)
    return config, seed, args.metrics


def data_path(trainer_file, *parts):
    path = os.path.join(os.path.dirname(os.path.abspath(trainer_file)), "data", *parts)
    if not os.path.exists(path):
        sys.exit(f"{path} is missing: run {os.path.join(os.path.dirname(os.path.abspath(trainer_file)), 'setup.sh')}")
    return path


def optimizer(params, config, lr=None):
    """adam, adamw or sgd (with `momentum` when the study has it), L2 weight decay."""
    import torch
    lr = config["learning_rate"] if lr is None else lr
    wd = config.get("weight_decay", config.get("reg_weight", 0.0))
    name = config.get("optimizer", "adam")
    if name == "sgd":
        return torch.optim.SGD(params, lr=lr, momentum=config.get("momentum", 0.9), weight_decay=wd)
    if name == "adamw":
        return torch.optim.AdamW(params, lr=lr, weight_decay=wd)
    return torch.optim.Adam(params, lr=lr, weight_decay=wd)


def activation(name):
    import torch.nn as nn
    return {"relu": nn.ReLU, "elu": nn.ELU, "silu": nn.SiLU, "gelu": nn.GELU, "prelu": nn.PReLU,
            "tanh": nn.Tanh}[name]()


def fit(metrics_path, epochs, train_epoch, evaluate, goal):
    """Runs `epochs` epochs: train_epoch(epoch) -> mean training loss, evaluate() ->
    {metric: value}. Logs one line per epoch; the final value of `goal` is the last
    epoch's. A non-finite loss ends the trial as diverged (exit code 3)."""
    with hp.Metrics(metrics_path) as m:
        values = {}
        for epoch in range(1, epochs + 1):
            t0 = time.time()
            loss = float(train_epoch(epoch))
            if not math.isfinite(loss):
                m.log(epoch=epoch, train_loss=loss, seconds=time.time() - t0)
                print(f"training loss is {loss} at epoch {epoch}: diverged", file=sys.stderr)
                sys.exit(hp.EXIT_DIVERGED)
            values = evaluate()
            m.log(epoch=epoch, train_loss=loss, seconds=round(time.time() - t0, 3), **values)
            print(f"epoch {epoch} train_loss={loss:.4f} " +
                  " ".join(f"{k}={v:.4f}" for k, v in values.items()), flush=True)
        m.final(**values)


def step(opt, loss):
    """One optimiser step on `loss`; its value."""
    opt.zero_grad()
    loss.backward()
    opt.step()
    return loss.item()


def train_epoch(model, opt, n, batch_size, rng, batch_loss):
    """One epoch of minibatch training over n examples in shuffled batches:
    batch_loss(indices) -> loss tensor. The mean loss, weighted by batch size.
    `model` (None when the parameters are bare tensors) is put in training mode."""
    if model is not None:
        model.train()
    total = 0.0
    for idx in batches(n, batch_size, rng):
        total += step(opt, batch_loss(idx)) * len(idx)
    return total / n


def batches(n, batch_size, rng):
    """Shuffled index batches of one epoch."""
    order = rng.permutation(n)
    for i in range(0, n, batch_size):
        yield order[i:i + batch_size]


def read_idx(path):
    """A gzipped IDX file (the MNIST family's format) as a numpy array."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def auc(scores, labels):
    """Area under the ROC curve (rank statistic, ties averaged)."""
    scores, labels = np.asarray(scores, dtype=np.float64), np.asarray(labels)
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    s = scores[order]
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    pos = labels == 1
    n_pos, n_neg = pos.sum(), (~pos).sum()
    if n_pos == 0 or n_neg == 0:
        return 0.5
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))
