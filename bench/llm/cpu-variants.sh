#!/usr/bin/env bash
# Prompt and generation speed of the portable llama-server with each of its CPU
# variants in turn (the others hidden), and of any other builds named, on the
# default model: the table in docs/llm.md.
#   bench/llm/cpu-variants.sh [RUNS] [THREADS] [LABEL=SERVER ...]
# Runs each variant RUNS times (default 3) in one server start; prints a
# Markdown table. Run it on an idle machine: llama.cpp's threads spin-wait.
# LABEL=SERVER adds a llama-server of your own to compare with (another llama.cpp
# version, say). This script builds nothing; the bootstrap's builds are portable.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-3} threads=${2:-2}
shift $(( $# < 2 ? $# : 2 ))
cache=${HPOC_CACHE_DIR:-$HOME/.cache/hpoc}
model=$cache/models/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf
portable=$cache/llama.cpp/build-portable/bin
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "| build | CPU code | prompt tokens/s | generation tokens/s |"
echo "|---|---|---|---|"
measure() { # LABEL SERVER
  local out
  out=$(python3 "$root/scripts/llm-smoke.py" "$2" "$model" --runs "$runs" --threads "$threads" \
        --tokens 64 --log "$work/$1.log" 2>&1 | tail -n 1) || true
  if [[ $out == ok:* ]]; then
    sed -E "s/^ok: prompt ([0-9.]+) tokens\/s, generation ([0-9.]+) tokens\/s, CPU backend (.*)$/| $1 | \3 | \1 | \2 |/" <<<"$out"
  else
    echo "| $1 | - | ${out%%;*} | |"
  fi
}
# The variant llama-server picks by itself, then each one alone: the server
# loads its CPU code from its own folder, so a copy with one variant beside it
# can load only that one.
measure "portable (its choice)" "$portable/llama-server"
for so in "$portable"/libggml-cpu-*.so; do
  v=$(basename "$so" .so); v=${v#libggml-cpu-}
  mkdir -p "$work/$v"
  cp "$portable/llama-server" "$work/$v/"
  ln -s "$so" "$work/$v/"
  measure "portable, $v only" "$work/$v/llama-server"
done
if [ -x "$cache/llama.cpp/build-baseline/bin/llama-server" ]; then
  measure baseline "$cache/llama.cpp/build-baseline/bin/llama-server"
fi
for extra in "$@"; do
  measure "${extra%%=*}" "${extra#*=}"
done
