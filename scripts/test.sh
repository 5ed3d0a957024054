#!/usr/bin/env bash
# Runs hpoc's whole test suite on a fresh machine: installs what it needs (Debian
# packages, the local LLM server and model, cached under ~/.cache/hpoc), builds
# everything, and runs the unit, lit and end-to-end tests under ctest.
#
#   scripts/test.sh            # everything
#   scripts/test.sh -L lit     # extra arguments go to ctest
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${HPOC_BUILD_DIR:-$root/build}

"$root/scripts/setup-deps.sh" --browser
if [ -x "$root/scripts/bootstrap-llm.sh" ]; then
  "$root/scripts/bootstrap-llm.sh"
  # The end-to-end tests with the local model must run, not skip, once it is set up.
  export HPOC_REQUIRE_LLM=${HPOC_REQUIRE_LLM:-1}
fi

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE:-RelWithDebInfo} \
  -DHPOC_WERROR=${HPOC_WERROR:-ON}
cmake --build "$build" -j "${HPOC_JOBS:-2}"
cd "$build"
ctest --output-on-failure --timeout 1800 "$@"
