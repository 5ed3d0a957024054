"""Turns labelled texts into the word-id arrays common/text_task.py reads.

    prepare_text.py OUT.npz < texts.jsonl    # lines {"text", "label", "split": "train"|"val"}

Lower-cased words (letters, digits, apostrophes); the vocabulary is the 5,000
most frequent training words (0 = padding, 1 = unknown); each text is cut to its
first 40 words."""
import collections
import json
import re
import sys

import numpy as np

LENGTH, VOCAB = 40, 5000
rows = [json.loads(line) for line in sys.stdin]
words = [re.findall(r"[a-z0-9']+", r["text"].lower())[:LENGTH] for r in rows]
counts = collections.Counter(w for r, ws in zip(rows, words) if r["split"] == "train" for w in ws)
index = {w: i + 2 for i, (w, _) in enumerate(counts.most_common(VOCAB - 2))}
out = {}
for split in ("train", "val"):
    sel = [i for i, r in enumerate(rows) if r["split"] == split]
    x = np.zeros((len(sel), LENGTH), dtype=np.int32)
    for j, i in enumerate(sel):
        ids = [index.get(w, 1) for w in words[i]]
        x[j, :len(ids)] = ids
    out[f"{split}_x"], out[f"{split}_y"] = x, np.array([rows[i]["label"] for i in sel], dtype=np.int64)
np.savez_compressed(sys.argv[1], vocab_size=VOCAB, **out)
print(f"{sys.argv[1]}: " + ", ".join(f"{s} {len(out[s + '_y'])} texts ({np.bincount(out[s + '_y']).tolist()} per class)" for s in ("train", "val")))
