#!/usr/bin/env bash
# Runs hpoc's whole test suite on a fresh machine: installs what it needs (Debian
# packages, the local LLM server and model, cached under ~/.cache/hpoc), checks
# the folders' layering, builds everything, runs the unit, lit and end-to-end
# tests under ctest, then the unit and lit tests again on an ASan+UBSan build
# (scripts/test-sanitizers.sh).
#
#   scripts/test.sh            # everything
#   scripts/test.sh -L lit     # extra arguments go to ctest (and skip the sanitizer build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${HPOC_BUILD_DIR:-$root/build}

# The Slurm end-to-end tests run on a private cluster of this machine
# (tests/slurm/start-slurm.sh); HPOC_WITH_SLURM=0 leaves its packages out.
export HPOC_WITH_SLURM=${HPOC_WITH_SLURM:-1}
"$root/scripts/setup-deps.sh" --browser
if [ -x "$root/scripts/bootstrap-llm.sh" ]; then
  "$root/scripts/bootstrap-llm.sh"
  # The end-to-end tests with the local model must run, not skip, once it is set up.
  export HPOC_REQUIRE_LLM=${HPOC_REQUIRE_LLM:-1}
fi

# Every #include follows cmake/layers.txt: a folder uses only the folders below it.
python3 "$root/scripts/check-layers.py"
# Every C++ source is as clang-format writes it.
"$root/scripts/check-format.sh"

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE:-RelWithDebInfo} \
  -DHPOC_WERROR=${HPOC_WERROR:-ON}
cmake --build "$build" -j "${HPOC_JOBS:-2}"
(cd "$build" && ctest --output-on-failure --timeout 1800 "$@")
if [ $# -eq 0 ] && [ "${HPOC_SANITIZERS:-1}" != 0 ]; then
  "$root/scripts/test-sanitizers.sh"
fi
