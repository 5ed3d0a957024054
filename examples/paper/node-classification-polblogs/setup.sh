#!/usr/bin/env bash
# PyTorch, and graph-tool whose built-in collection holds the graph, from Debian's
# packages; the graph is exported once into data/polblogs.npz (the trainer needs only numpy and torch).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
HPOC_EXTRA_DEBIAN_PACKAGES="python3-torch python3-numpy python3-graph-tool" "$here/../../../scripts/setup-deps.sh"
[ -f "$here/data/polblogs.npz" ] && exit 0
/usr/bin/python3 "$here/../common/graph_tool_export.py" polblogs "$here/data"
