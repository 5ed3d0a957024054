#!/usr/bin/env bash
# The agent strategy end to end: real trainer (XGBoost), real local model behind
# llama-server started with an API key, a canary key in the environment.
#   agent_e2e.sh RUNNER RULES TRAINER NINJA
# Checks: the study finishes with agent proposals and analyses; the key reaches
# no file; a rerun with no LLM reachable replays from the caches: no trainer run,
# no LLM request, the same report; so does a copy of the study folder on another
# path, and a folder holding only its llm-cache replays (--replay) to the same
# proposals and metrics.
set -euo pipefail
runner=$1 rules=$2 trainer=$3 ninja=${4:-ninja}
cache=${HPOC_CACHE_DIR:-$HOME/.cache/hpoc}
server=${HPOC_LLAMA_SERVER:-$cache/llama.cpp/build/bin/llama-server}
model_name=${HPOC_E2E_MODEL:-qwen2.5-coder-0.5b-instruct-q4_k_m}
model=$cache/models/$model_name.gguf
if [ ! -x "$server" ] || [ ! -f "$model" ]; then
  if [ -n "${HPOC_REQUIRE_LLM:-}" ]; then
    echo "FAIL: the local LLM is not set up ($server, $model); run scripts/bootstrap-llm.sh" >&2
    exit 1
  fi
  echo "SKIP: the local LLM is not set up; run scripts/bootstrap-llm.sh"
  exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/hpoc-agent-e2e.XXXXXX")
canary="sk-CANARY-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [ -f "$work/out1.txt" ] && tail -40 "$work/out1.txt" >&2; exit 1; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$server" -m "$model" -a "$model_name" --host 127.0.0.1 --port "$port" -c 8192 -np 2 \
  --api-key "$canary" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 180); do
  curl -sf "http://127.0.0.1:$port/health" > /dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; fail "llama-server exited"; }
  sleep 1
done
# The key is required: a request without it is refused.
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
  -d '{"messages":[{"role":"user","content":"hi"}],"max_tokens":1}' \
  "http://127.0.0.1:$port/v1/chat/completions")
[ "$code" = 401 ] || fail "llama-server did not require the key (HTTP $code)"

study=$work/hpo/xgb_breast_cancer
run() {
  "$runner" --study-dir "$study" --rules "$rules" --trainer-target xgb_train \
    --trainer-binary "$trainer" --ninja "$ninja" --strategy agent --trials 3 "$@"
}

# 1. A whole study with the agent, the key only in the environment.
start=$(date +%s)
HPOC_LLM_URL="http://127.0.0.1:$port/v1" HPOC_LLM_MODEL="$model_name" HPOC_LLM_API_KEY="$canary" \
  run > "$work/out1.txt" 2>&1 || fail "the agent study failed"
echo "agent study: $(( $(date +%s) - start )) s"
journal=$study/journal.jsonl
[ "$(grep -c '"event":"finished"' "$journal")" = 3 ] || fail "3 trials should have finished"
grep -q '"source":"llm' "$journal" || fail "no proposal came from the LLM"
grep -q '"source":"random-fallback"' "$journal" && fail "a proposal fell back to a random draw"
grep -q '"ok":false' "$journal" && fail "an LLM call failed"
grep -q 'hpoc: warning' "$work/out1.txt" && fail "the study warned: $(grep 'hpoc: warning' "$work/out1.txt" | head -3)"
grep -q 'hpoc: proposals: ' "$work/out1.txt" || fail "the closing lines do not show the proposals by source"
grep -q '"purpose":"analyse"' "$journal" || fail "no trial was analysed"
grep -q '"cached":false' "$journal" || fail "no request reached the LLM"
[ -s "$study/report.md" ] && [ -s "$study/report.html" ] || fail "reports missing"
grep -q "Trial by trial" "$study/report.md" || fail "the report has no explanations"

# 2. The key reaches no file the study or the runner's build leaves.
if grep -rIl -- "$canary" "$work/hpo" "$(dirname "$runner")" "$(dirname "$rules")" 2>/dev/null; then
  fail "the API key was written to a file"
fi
grep -q -- "$canary" "$work/out1.txt" && fail "the API key was printed"

# 3. Replay with no LLM: the server is gone and the URL points nowhere.
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
cp "$study/report.md" "$work/report1.md"
cp "$journal" "$work/journal1"
requests_before=$(grep -c 'POST /v1/chat/completions' "$work/server.log" || true)
HPOC_LLM_URL="http://127.0.0.1:$port/v1" HPOC_LLM_MODEL="$model_name" HPOC_LLM_API_KEY="$canary" \
  run > "$work/out2.txt" 2>&1 || { cat "$work/out2.txt" >&2; fail "the replay failed"; }
cmp -s "$work/report1.md" "$study/report.md" || fail "the replayed report differs"
cmp -s "$work/journal1" "$journal" || fail "the replay changed the journal"
grep -q -- "$canary" "$work/out2.txt" && fail "the API key was printed"

# 4. Start the study over with no LLM: every request is answered by the response
# cache and every trial by the trial cache, so the same trials come back.
HPOC_LLM_URL="http://127.0.0.1:$port/v1" HPOC_LLM_MODEL="$model_name" \
  run --fresh > "$work/out3.txt" 2>&1 || { cat "$work/out3.txt" >&2; fail "the fresh replay failed"; }
grep -q '"cached":false' "$journal" && fail "the fresh replay sent a request to the LLM"
grep -q '"cached":true' "$journal" || fail "the fresh replay used no cached answer"
configs() { grep '"event":"proposed"' "$1" | python3 -c '
import json, sys
for line in sys.stdin:
    e = json.loads(line)
    print(json.dumps(e.get("config"), sort_keys=True), e.get("source"))'; }
[ "$(configs "$work/journal1")" = "$(configs "$journal")" ] || fail "the replayed proposals differ"
# A run that trained nothing but proposed every trial still closes the study.
grep -q '"event":"summary"' "$journal" || fail "the fresh replay wrote no closing analysis"
grep -q '"event":"run"' "$journal" || fail "the fresh replay recorded no run time"

# 5. Elsewhere, with no LLM: a copy of the folder on another path reruns from its
# caches to the same report; a folder holding only llm-cache replays strictly
# (--replay) to the same proposals and metrics, training every trial again.
run_in() { local dir=$1; shift
  HPOC_LLM_URL="http://127.0.0.1:$port/v1" HPOC_LLM_MODEL="$model_name" \
    "$runner" --study-dir "$dir" --rules "$rules" --trainer-target xgb_train \
    --trainer-binary "$trainer" --ninja "$ninja" --strategy agent --trials 3 "$@"
}
cp "$study/report.md" "$work/report4.md"; cp "$journal" "$work/journal4"
mkdir -p "$work/elsewhere"; cp -r "$study" "$work/elsewhere/copy"
run_in "$work/elsewhere/copy" > "$work/out5.txt" 2>&1 || { cat "$work/out5.txt" >&2; fail "the copy's rerun failed"; }
cmp -s "$work/report4.md" "$work/elsewhere/copy/report.md" || fail "the copy's report differs"
cmp -s "$work/journal4" "$work/elsewhere/copy/journal.jsonl" || fail "the copy's rerun changed its journal"
mkdir -p "$work/fresh/only-cache"; cp -r "$study/llm-cache" "$work/fresh/only-cache/"
run_in "$work/fresh/only-cache" --replay > "$work/out6.txt" 2>&1 || { cat "$work/out6.txt" >&2; fail "the strict replay failed"; }
results() { python3 -c '
import json, sys
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e["event"] == "proposed":
        print("proposed", e["trial"], json.dumps(e.get("config"), sort_keys=True), e.get("source"))
    elif e["event"] == "finished":
        print("finished", e["trial"], e.get("status"), e.get("metric"))' "$1"; }
[ "$(results "$work/journal4")" = "$(results "$work/fresh/only-cache/journal.jsonl")" ] \
  || fail "the strict replay's proposals or metrics differ"
[ "$(grep -c '"event":"finished"' "$work/fresh/only-cache/journal.jsonl")" = 3 ] \
  || fail "the strict replay should have trained 3 trials"
echo "PASS: agent study, canary key, offline replay, cached restart, copy and strict replay elsewhere"
