#!/usr/bin/env bash
# Builds the .hpo parser fuzzer (lexer, parser, checker and diagnostic printer under
# ASan and UBSan) and runs it on one core.
#
#   scripts/fuzz.sh            # 660 seconds
#   scripts/fuzz.sh 60         # a minute
#
# The seed corpus is tests/fuzz/seeds plus every .hpo file of the examples and lit
# tests; new inputs go to $HPOC_FUZZ_DIR/corpus, crashes to $HPOC_FUZZ_DIR/artifacts.
set -euo pipefail
seconds=${1:-660}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${HPOC_FUZZ_BUILD_DIR:-$root/build-fuzz}
work=${HPOC_FUZZ_DIR:-$build/fuzz}

CC=${CC:-clang-14} CXX=${CXX:-clang++-14} \
  cmake -S "$root" -B "$build" -G Ninja -DHPOC_FUZZ=ON -DHPOC_BUILD_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "${HPOC_JOBS:-2}" --target hpoc_parser_fuzzer

mkdir -p "$work/corpus" "$work/seeds" "$work/artifacts"
cp "$root"/tests/fuzz/seeds/*.hpo "$work/seeds/"
find "$root/examples" "$root/tests/lit" -name '*.hpo' | while read -r f; do
  cp "$f" "$work/seeds/$(echo "${f#"$root"/}" | tr / _)"
done

exec "$build/dsl/hpoc_parser_fuzzer" "$work/corpus" "$work/seeds" \
  -dict="$root/tests/fuzz/hpo.dict" \
  -artifact_prefix="$work/artifacts/" \
  -max_total_time="$seconds" -max_len=65536 -len_control=0 -rss_limit_mb=2048 -timeout=5 \
  -print_final_stats=1
