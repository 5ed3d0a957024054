#!/usr/bin/env bash
# An agent study whose LLM cannot answer never passes for a success: with a
# stand-in llama-server that dies with SIGILL while loading (as a build for the
# wrong CPU does), one that dies at its first request, one that never gets
# ready, and one that answers prose instead of JSON.
#   llm_failure_e2e.sh RUNNER RULES TRAINER NINJA FAKE_LLAMA_SERVER
# Checks, for each: the exit status (3: the LLM failed), the console's cause and
# log, and that no trial was trained but trial 1, the study's default (the hybrid
# agent needs no LLM for it); then that `on_llm_failure random` goes on, marks
# every trial the LLM should have given and says so in the closing lines and the
# report.
set -euo pipefail
runner=$1 rules=$2 trainer=$3 ninja=$4 fake=$5
work=$(mktemp -d "${TMPDIR:-/tmp}/hpoc-llm-failure.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; [ -f "$work/out.txt" ] && tail -30 "$work/out.txt" >&2; exit 1; }

# A cache with a model file the server check accepts (GGUF magic, version 3).
mkdir -p "$work/cache/models"
printf 'GGUF\003\000\000\000' > "$work/cache/models/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
head -c 4096 /dev/zero >> "$work/cache/models/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
unset HPOC_LLM_URL OPENAI_BASE_URL HPOC_LLM_MODEL

# run MODE [runner options...]: one study in a fresh folder; sets $rc, $study, $secs.
run() {
  local mode=$1; shift
  study=$work/$mode/hpo/xgb_breast_cancer
  local start=$SECONDS
  set +e
  HPOC_CACHE_DIR=$work/cache HPOC_LLAMA_SERVER=$fake FAKE_LLAMA_MODE=$mode \
    "$runner" --study-dir "$study" --rules "$rules" --trainer-target xgb_train \
    --trainer-binary "$trainer" --ninja "$ninja" --strategy agent --trials 3 "$@" \
    > "$work/out.txt" 2>&1
  rc=$?
  set -e
  secs=$((SECONDS - start))
}
trained() { grep -c '"event":"finished"' "$study/journal.jsonl" 2>/dev/null || true; }

# 1. The server dies with SIGILL before it is ready.
run sigill --llm-timeout 20
[ "$rc" = 3 ] || fail "sigill: exit status $rc, expected 3"
grep -q 'llama-server was killed by SIGILL (illegal instruction)' "$work/out.txt" || fail "sigill: the signal is not named"
grep -q 'llm-server.log' "$work/out.txt" || fail "sigill: the server's log is not named"
grep -q 'hpoc: warning: trial 2: the LLM gave no configuration' "$work/out.txt" || fail "sigill: no warning at the first failed call"
grep -q 'failed 3 times in a row, so the study stops' "$work/out.txt" || fail "sigill: no stop message"
grep -q 'bootstrap-llm.sh' "$work/out.txt" || fail "sigill: the fix is not named"
[ "$(trained)" = 1 ] || fail "sigill: a trial but the default was trained without the LLM"
echo "sigill: exit 3 after ${secs} s"

# 2. The server dies at its first request: it is restarted twice, then the study stops.
run sigill-on-request --llm-timeout 20
[ "$rc" = 3 ] || fail "sigill-on-request: exit status $rc, expected 3"
grep -q 'killed by SIGILL' "$work/out.txt" || fail "sigill-on-request: the signal is not named"
grep -q 'restarted 2 times already' "$work/out.txt" || fail "sigill-on-request: the server was not restarted"
ls "$study"/llm-server.log.crash1 > /dev/null || fail "sigill-on-request: the crashed server's log was not kept"
[ "$(trained)" = 1 ] || fail "sigill-on-request: a trial but the default was trained without the LLM"
echo "sigill-on-request: exit 3 after ${secs} s"

# 3. The server never gets ready.
run never --llm-timeout 3
[ "$rc" = 3 ] || fail "never: exit status $rc, expected 3"
grep -q 'was not ready after 3 s' "$work/out.txt" || fail "never: the time-out is not named"
echo "never: exit 3 after ${secs} s"

# 4. Every answer is prose: the repair round and one more question fail too.
run garbage --llm-timeout 20
[ "$rc" = 3 ] || fail "garbage: exit status $rc, expected 3"
grep -q 'not valid JSON' "$work/out.txt" || fail "garbage: the invalid answer is not named"
[ "$(trained)" = 1 ] || fail "garbage: a trial but the default was trained without the LLM"
echo "garbage: exit 3 after ${secs} s"

# 5. on_llm_failure random: the study goes on, and says so everywhere.
run garbage --llm-timeout 20 --on-llm-failure random
[ "$rc" = 0 ] || fail "random fallback: exit status $rc, expected 0"
[ "$(trained)" = 3 ] || fail "random fallback: 3 trials should have run"
[ "$(grep -c '\[random-fallback\]' "$work/out.txt")" = 2 ] || fail "random fallback: every warm-start trial line must show its source"
grep -q 'hpoc: warning: trial 2: the LLM gave no configuration' "$work/out.txt" \
  || fail "random fallback: the failed warm start must be warned about"
grep -q 'hpoc: warning: the LLM proposed 0 of 3 trials; 2 were random draws' "$work/out.txt" \
  || fail "random fallback: the closing lines do not say how many trials the LLM proposed"
grep -q 'hpoc: proposals: 1 default, 2 random-fallback' "$work/out.txt" || fail "random fallback: no proposals line"
head -n 8 "$study/report.md" | grep -q 'The LLM proposed 0 of 3 trials' \
  || fail "random fallback: the report's first lines do not say how many trials the LLM proposed"
[ "$(grep -c '"source":"random-fallback"' "$study/journal.jsonl")" = 2 ] || fail "random fallback: the journal does not record the source"
echo "PASS: SIGILL at start, SIGILL at a request, never ready, invalid answers, random fallback"
