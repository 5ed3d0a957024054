#!/usr/bin/env bash
# PyTorch and networkx (whose built-in graph is the data) from Debian's packages.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
HPOC_EXTRA_DEBIAN_PACKAGES="python3-torch python3-numpy python3-networkx" "$here/../../../scripts/setup-deps.sh"
