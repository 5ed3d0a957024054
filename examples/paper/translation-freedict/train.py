"""A character-level Transformer translating English words and short phrases
into French (FreeDict English-French; see study.hpo), measured by corpus BLEU-4
over characters on held-out pairs."""
import collections
import math
import os
import sys

# One thread, set before numpy and torch start their thread pools: idle pool
# threads spinning beside another trial's trainer cost more than they give.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
import paperlib as pl  # noqa: E402

TRAIN, VAL, LENGTH = 2000, 300, 16
PAD, BOS, EOS = 0, 1, 2


def encode(words, index):
    x = np.zeros((len(words), LENGTH), dtype=np.int64)
    for i, w in enumerate(words):
        ids = [BOS] + [index.get(ch, 3) for ch in w][:LENGTH - 2] + [EOS]
        x[i, :len(ids)] = ids
    return torch.from_numpy(x)


def bleu(hyps, refs, n=4):
    """Corpus BLEU-n over character sequences, with the brevity penalty."""
    match, total = [0] * n, [0] * n
    hl = rl = 0
    for h, r in zip(hyps, refs):
        hl, rl = hl + len(h), rl + len(r)
        for k in range(1, n + 1):
            hc = collections.Counter(h[i:i + k] for i in range(len(h) - k + 1))
            rc = collections.Counter(r[i:i + k] for i in range(len(r) - k + 1))
            match[k - 1] += sum(min(c, rc[g]) for g, c in hc.items())
            total[k - 1] += max(0, len(h) - k + 1)
    if min(match) == 0:
        return 0.0
    logp = sum(math.log(m / t) for m, t in zip(match, total)) / n
    bp = 1.0 if hl > rl else math.exp(1 - rl / max(hl, 1))
    return 100 * bp * math.exp(logp)


class Seq2Seq(nn.Module):
    def __init__(self, vocab, dropout, d=64):
        super().__init__()
        self.src, self.tgt, self.pos = nn.Embedding(vocab, d), nn.Embedding(vocab, d), nn.Embedding(LENGTH, d)
        self.core = nn.Transformer(d, 4, 1, 1, 2 * d, dropout, batch_first=True)
        self.out = nn.Linear(d, vocab)

    def embed(self, table, ids):
        # Characters and positions on the same scale (both start as N(0, 1)), so
        # that attention can find positions early: that is what copying and
        # aligning characters needs.
        return table(ids) + self.pos(torch.arange(ids.shape[1]))[None]

    def forward(self, src, tgt):
        mask = self.core.generate_square_subsequent_mask(tgt.shape[1])
        h = self.core(self.embed(self.src, src), self.embed(self.tgt, tgt), tgt_mask=mask,
                      src_key_padding_mask=src == PAD, tgt_key_padding_mask=tgt == PAD,
                      memory_key_padding_mask=src == PAD)
        return self.out(h)

    def encode(self, src):
        return self.core.encoder(self.embed(self.src, src), src_key_padding_mask=src == PAD)

    def decode(self, memory, src, tgt):
        """Scores of the next characters given the encoded source (greedy decoding)."""
        mask = self.core.generate_square_subsequent_mask(tgt.shape[1])
        h = self.core.decoder(self.embed(self.tgt, tgt), memory, tgt_mask=mask,
                              memory_key_padding_mask=src == PAD)
        return self.out(h)


def main():
    c, seed, metrics = pl.start()
    with open(pl.data_path(__file__, "pairs.tsv"), encoding="utf-8") as f:
        pairs = [line.rstrip("\n").split("\t") for line in f][:TRAIN + VAL]
    chars = sorted({ch for en, fr in pairs for ch in en + fr})
    index = {ch: i + 4 for i, ch in enumerate(chars)}
    vocab = len(chars) + 4
    src, tgt = encode([p[0] for p in pairs], index), encode([p[1] for p in pairs], index)
    st, tt, sv = src[:TRAIN], tgt[:TRAIN], src[TRAIN:]
    refs = [p[1] for p in pairs[TRAIN:]]
    model = Seq2Seq(vocab, c["dropout"])
    opt = torch.optim.AdamW(model.parameters(), lr=c["learning_rate"], weight_decay=c["weight_decay"])
    rng = np.random.default_rng(seed)
    chars_of = {i: ch for ch, i in index.items()}

    def batch_loss(b):
        logits = model(st[b], tt[b][:, :-1])
        return F.cross_entropy(logits.reshape(-1, vocab), tt[b][:, 1:].reshape(-1), ignore_index=PAD)

    def train_epoch(_):
        return pl.train_epoch(model, opt, TRAIN, c["batch_size"], rng, batch_loss)

    def evaluate():
        model.eval()
        with torch.no_grad():
            memory = model.encode(sv)
            out = torch.full((len(sv), 1), BOS)
            for _ in range(LENGTH - 1):
                nxt = model.decode(memory, sv, out)[:, -1].argmax(1, keepdim=True)
                out = torch.cat([out, nxt], 1)
        hyps = []
        for row in out[:, 1:].tolist():
            word = []
            for t in row:
                if t == EOS:
                    break
                word.append(chars_of.get(t, ""))
            hyps.append("".join(word))
        exact = float(np.mean([h == r for h, r in zip(hyps, refs)]))
        return {"val_bleu": bleu(hyps, refs), "val_exact": exact}

    pl.fit(metrics, c["epochs"], train_epoch, evaluate, "val_bleu")


main()
