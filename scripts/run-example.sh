#!/usr/bin/env bash
# Runs one example study end to end: configure, build, tune. Run it again and
# the report comes back from the cache, with nothing trained.
#   scripts/run-example.sh [xgboost-breast-cancer|sklearn-digits-mlp] [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
example=${1:-xgboost-breast-cancer}
build=${2:-$root/build}
case $example in
  xgboost-breast-cancer) study=xgb_breast_cancer ;;
  sklearn-digits-mlp) study=sklearn_digits_mlp ;;
  *) echo "run-example: unknown example '$example' (xgboost-breast-cancer, sklearn-digits-mlp)" >&2; exit 2 ;;
esac
jobs=${HPOC_JOBS:-2}
# What a fresh machine lacks: Debian packages, then the local LLM server and model.
"$root/scripts/setup-deps.sh"
"$root/scripts/bootstrap-llm.sh"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -G Ninja
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
cmake --build "$build" --target "tune-$study" -j "$jobs" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
if [ "$rc" -ne 0 ]; then
  # The study's own error and its cause, last, where a reader looks.
  echo "run-example: the study failed (cmake --build exited with $rc):" >&2
  grep -E '^hpoc: error|^  (cause|LLM|fix):|^       ' "$log" | tail -n 12 >&2 || true
  exit "$rc"
fi
# What the study's LLM did, from its journal (hpoc show's first lines): a study
# that never reached it cannot pass for one that did.
"$build/compiler/hpoc" show "$build/hpo/$study" | sed -n '1,4s/^/run-example: /p'
echo "run-example: report in $build/hpo/$study/report.md (and report.html)"
