#!/usr/bin/env bash
# Fashion-MNIST and PyTorch from Debian's packages.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
HPOC_EXTRA_DEBIAN_PACKAGES="dataset-fashion-mnist python3-torch python3-numpy" "$here/../../../scripts/setup-deps.sh"
