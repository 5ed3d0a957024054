#!/usr/bin/env bash
# `hpoc llm check` with the local model: a real generation, and the facts a user
# needs to trust it (tokens/s, model, server binary, CPU variant).
#   llm_check_e2e.sh HPOC
set -euo pipefail
hpoc=$1
cache=${HPOC_CACHE_DIR:-$HOME/.cache/hpoc}
if [ ! -x "$cache/llama.cpp/build/bin/llama-server" ] || ! ls "$cache"/models/*.gguf > /dev/null 2>&1; then
  if [ -n "${HPOC_REQUIRE_LLM:-}" ] && [ "$HPOC_REQUIRE_LLM" != 0 ]; then
    echo "FAIL: the local LLM is not set up under $cache; run scripts/bootstrap-llm.sh" >&2
    exit 1
  fi
  echo "SKIP: the local LLM is not set up under $cache; run scripts/bootstrap-llm.sh"
  exit 77
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
env -u HPOC_LLM_URL -u OPENAI_BASE_URL -u HPOC_LLM_MODEL "$hpoc" llm check > "$out" 2>&1 \
  || { cat "$out" >&2; echo "FAIL: hpoc llm check failed" >&2; exit 1; }
cat "$out"
for field in 'server:     ' 'cpu:        ' 'model:      ' 'generation: [1-9][0-9]* tokens, [0-9.]* tokens/s' 'llm check: ok'; do
  grep -q "^$field" "$out" || { echo "FAIL: no line '$field'" >&2; exit 1; }
done
echo "PASS: hpoc llm check generated with the local model"
