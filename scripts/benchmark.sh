#!/usr/bin/env bash
# Runs the paper benchmark: installs what it needs, builds the benchmark
# studies, compares the strategies on every task and writes docs/benchmarks/
# (results.json, table, plots). The trial cache and the LLM response caches live
# in OUT, so a second run trains nothing and a killed run resumes.
#   scripts/benchmark.sh [OUT]          (default OUT: bench-out/paper)
# Environment: HPOC_BENCH_RUNS (run specs of bench/compare.py, default every
# strategy and TPE variant at 5 seeds: see DEFAULT_RUNS there), HPOC_BENCH_STUDIES
# (default: every study under examples/paper), HPOC_JOBS, HPOC_BENCH_PYTHON.
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

python=${HPOC_BENCH_PYTHON:-python3}
runs=${HPOC_BENCH_RUNS:-$("$python" -c "import sys; sys.path.insert(0, '$root/bench'); import compare; print(compare.DEFAULT_RUNS)")}
# The LLM's runs: the agent and its ablations (agent-classic, hybrid-*).
llm_specs='^(agent|agent-classic|hybrid|hybrid-[a-z0-9]*)='
agent_runs=$(tr ',' '\n' <<<"$runs" | grep -E "$llm_specs" | paste -sd, - || true)
peer_runs=$(tr ',' '\n' <<<"$runs" | grep -vE "$llm_specs" | paste -sd, - || true)
# Two phases, because a CPU LLM and a trainer on the same two cores slow each
# other far more than they overlap: first the peers (random, random from the
# defaults, TPE, human) with a trainer on each core; then the agent alone, whose
# LLM and trainer take turns, with the LLM on both cores.
if [ -n "$peer_runs" ]; then
  # shellcheck disable=SC2086
  python3 "$root/bench/compare.py" --build "$build" --out "$out" --lanes "$jobs" \
    --results "$out/results-peers.json" --runs "$peer_runs" $studies
fi
if [ -n "$agent_runs" ]; then
  # shellcheck disable=SC2086
  HPOC_LLM_THREADS=${HPOC_LLM_THREADS:-$jobs} python3 "$root/bench/compare.py" --build "$build" \
    --out "$out" --lanes 1 --human 0 --results "$out/results-agent.json" --runs "$agent_runs" $studies
fi
# The strategy analysis (section 5.2): the agent and the peers on a convex function.
HPOC_LLM_THREADS=${HPOC_LLM_THREADS:-$jobs} python3 "$root/bench/compare.py" --build "$build" \
  --out "$out" --human 0 --lanes 1 --results "$out/results-convex.json" --runs "agent=3,random=3,tpe=3" convex_2d
files=(); for f in "$out"/results-peers.json "$out"/results-agent.json "$out"/results-convex.json; do [ -f "$f" ] && files+=("$f"); done
"$python" "$root/bench/report.py" "${files[@]}" --docs "$root/docs/benchmarks"
echo "benchmark: done in $(( $(date +%s) - started )) s; results in $out, table in docs/benchmarks.md"
