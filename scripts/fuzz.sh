#!/usr/bin/env bash
# Builds one libFuzzer target (under ASan and UBSan) and runs it on one core.
#
#   scripts/fuzz.sh                 # the .hpo parser, 660 seconds
#   scripts/fuzz.sh 60              # the parser, a minute
#   scripts/fuzz.sh 600 journal     # another target, ten minutes
#
# Targets:
#   parser   lexer, parser, checker and diagnostic printer on a .hpo file
#   journal  the journal reader and replay on a journal.jsonl
#   metrics  the metrics reader on a metrics file or a trainer's stdout
#   config   the C++ trainer helper's JSON/YAML config reader
#
# The parser's seed corpus is tests/fuzz/seeds plus every .hpo file of the examples
# and lit tests; the others' is tests/fuzz/<target>-seeds. New inputs go to
# $HPOC_FUZZ_DIR/<target>/corpus, crashes to $HPOC_FUZZ_DIR/<target>/artifacts.
set -euo pipefail
seconds=${1:-660}
target=${2:-parser}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${HPOC_FUZZ_BUILD_DIR:-$root/build-fuzz}
work=${HPOC_FUZZ_DIR:-$build/fuzz}/$target

case $target in
  parser)  binary=hpoc_parser_fuzzer options=(-dict="$root/tests/fuzz/hpo.dict" -max_len=65536) ;;
  journal) binary=runtime/hpoc_journal_fuzzer options=(-max_len=16384) ;;
  metrics) binary=runtime/hpoc_metrics_reader_fuzzer options=(-max_len=131072) ;;
  config)  binary=runtime/hpoc_config_reader_fuzzer options=(-max_len=4096) ;;
  *) echo "fuzz.sh: unknown target '$target' (parser, journal, metrics, config)" >&2; exit 2 ;;
esac

CC=${CC:-clang-14} CXX=${CXX:-clang++-14} \
  cmake -S "$root" -B "$build" -G Ninja -DHPOC_FUZZ=ON -DHPOC_BUILD_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "${HPOC_JOBS:-2}" --target "$(basename "$binary")"

mkdir -p "$work/corpus" "$work/seeds" "$work/artifacts"
if [ "$target" = parser ]; then
  cp "$root"/tests/fuzz/seeds/*.hpo "$work/seeds/"
  find "$root/examples" "$root/tests/lit" -name '*.hpo' | while read -r f; do
    cp "$f" "$work/seeds/$(echo "${f#"$root"/}" | tr / _)"
  done
else
  cp "$root/tests/fuzz/$target-seeds/"* "$work/seeds/"
fi

exec "$build/$binary" "$work/corpus" "$work/seeds" "${options[@]}" \
  -artifact_prefix="$work/artifacts/" \
  -max_total_time="$seconds" -len_control=0 -rss_limit_mb=2048 -timeout=5 \
  -print_final_stats=1
