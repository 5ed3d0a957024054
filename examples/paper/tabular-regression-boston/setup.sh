#!/usr/bin/env bash
# XGBoost and the data (statsmodels and scikit-learn ship it) from Debian's packages.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
HPOC_EXTRA_DEBIAN_PACKAGES="python3-xgboost python3-numpy python3-statsmodels python3-sklearn" "$here/../../../scripts/setup-deps.sh"
