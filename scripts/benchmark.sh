#!/usr/bin/env bash
# Runs the paper benchmark: installs what it needs, builds the benchmark
# studies, compares the strategies on every task and writes docs/benchmarks/
# (results.json, table, plots). The trial cache and the LLM response caches live
# in OUT, so a second run trains nothing and a killed run resumes.
#   scripts/benchmark.sh [OUT]          (default OUT: bench-out/paper)
# Environment: HPOC_BENCH_RUNS (default agent=3,random=5,random-default=5,tpe=5),
# HPOC_BENCH_STUDIES (default: every study under examples/paper), HPOC_JOBS.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/bench-out/paper}
build=${HPOC_BENCH_BUILD:-$root/build-bench}
jobs=${HPOC_JOBS:-2}
started=$(date +%s)

"$root/scripts/setup-deps.sh"
"$root/scripts/bootstrap-llm.sh"
"$root/scripts/setup-bench.sh"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DHPOC_BUILD_TESTS=OFF -DHPOC_BUILD_BENCHMARKS=ON
fi
studies=${HPOC_BENCH_STUDIES:-$(sed -n 's/^study \([a-z0-9_]*\) {.*/\1/p' "$root"/examples/paper/*/study.hpo | grep -v '^convex_2d$' | tr '\n' ' ')}
targets=()
for s in $studies convex_2d; do targets+=("hpoc-runner-$s"); done
cmake --build "$build" -j "$jobs" --target "${targets[@]}"

# shellcheck disable=SC2086
python3 "$root/bench/compare.py" --build "$build" --out "$out" \
  --runs "${HPOC_BENCH_RUNS:-agent=3,random=5,random-default=5,tpe=5}" $studies
# The strategy analysis (section 5.2): the agent and the peers on a convex function.
python3 "$root/bench/compare.py" --build "$build" --out "$out" --human 0 \
  --runs "agent=3,random=3,tpe=3" convex_2d
python3 "$root/bench/report.py" "$out/results.json" --docs "$root/docs/benchmarks"
echo "benchmark: done in $(( $(date +%s) - started )) s; results in $out, table in docs/benchmarks.md"
