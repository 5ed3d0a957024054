#!/usr/bin/env bash
# Installs the Debian packages hpoc builds and tests with. Idempotent: when every
# package is present it only checks and returns.
#
#   scripts/setup-deps.sh             # what building and running hpoc needs
#   scripts/setup-deps.sh --browser   # and Chromium, for the report's browser test (large)
set -euo pipefail

packages=(
  # build
  cmake ninja-build g++ git pkg-config
  # libraries
  nlohmann-json3-dev libyaml-cpp-dev libcurl4-openssl-dev
  # SHA-256 (OpenSSL's libcrypto) and linear-time regular expressions for user patterns
  libssl-dev libre2-dev
  # the command line of hpoc (CLI11, header-only)
  libcli11-dev
  # Vega, compiled into report.html's inline script (cmake/VegaBundle.cmake)
  libjs-vega
  # Clang LibTooling (the trainer reader) and LLVM's test tools (lit, FileCheck)
  libclang-14-dev libclang-cpp14-dev llvm-14-dev llvm-14-tools clang-14 libclang-rt-14-dev
  # tests
  libgtest-dev libgmock-dev python3
  # scripts/check-format.sh
  clang-format-14
  # examples: XGBoost's C API and scikit-learn with its bundled data sets
  libxgboost-dev python3-sklearn
)
# trials on Slurm: a throw-away cluster on this machine for tests/e2e/slurm
# (tests/slurm/start-slurm.sh); opt in with HPOC_WITH_SLURM=1
if [ "${HPOC_WITH_SLURM:-0}" = 1 ]; then
  packages+=(slurmctld slurmd slurm-client munge)
fi
packages+=(${HPOC_EXTRA_DEBIAN_PACKAGES:-})
if [ "${1:-}" = --browser ]; then
  # headless Chromium opens report.html in tests/e2e/report (about 350 MB installed)
  packages+=(chromium)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup-deps: all ${#packages[@]} Debian packages present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "setup-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
