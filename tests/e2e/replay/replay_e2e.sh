#!/usr/bin/env bash
# A study replays in another folder, path or build tree. Usage:
#   replay_e2e.sh CASE SOURCE_DIR E2E_BINARY_DIR [NINJA]
# Both cases build project/ against this build's hpoc and run its agent study
# against a scripted OpenAI-compatible server (scripted_llm.py), then stop it:
#   copied_study  `cp -r` of the study folder reruns with 0 trainings and 0 LLM
#                 calls; a fresh folder holding only llm-cache replays with
#                 --replay to the same journal (timestamps and durations masked)
#                 and report; a request missing from the cache stops --replay,
#                 naming it (a proposal, or the closing analysis), without
#                 starting an LLM or falling back.
#   moved_build   the project configured and built in a build tree on another
#                 path, given the first tree's study folder, trains nothing and
#                 passes `HPOC_RUNNER_ARGS=--replay`; so does the first build tree
#                 moved (`mv`) elsewhere.
set -euo pipefail
case_name=$1 src=$2 bin=$3 ninja=${4:-ninja}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/hpoc-replay-$case_name.XXXXXX")
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "${HPOC_E2E_KEEP:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
fail() { echo "FAIL [$case_name]: $*" >&2; exit 1; }
check() { local what=$1; shift; "$@" || fail "$what"; }
export HPOC_E2E_RUNS=$work/runs.log
: > "$HPOC_E2E_RUNS"
trainings() { wc -l < "$HPOC_E2E_RUNS" | tr -d ' '; }
llm_calls() { [ -f "$work/llm.log" ] && wc -l < "$work/llm.log" | tr -d ' ' || echo 0; }
# No local model and no user settings leak in: a miss could only reach the scripted server.
export HPOC_CACHE_DIR=$work/no-local-llm
unset HPOC_LLM_URL HPOC_LLM_MODEL HPOC_LLM_API_KEY OPENAI_BASE_URL OPENAI_API_KEY HPOC_RUNNER_ARGS || true

build_project() { # build_project PROJECT BUILD
  cmake -S "$1" -B "$2" -G Ninja -DCMAKE_MAKE_PROGRAM="$ninja" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DHPOC_SOURCE_DIR="$src" -DHPOC_E2E_TARGETS="$bin/hpoc-replay-targets.cmake" > "$work/configure.log" 2>&1 \
    || { cat "$work/configure.log"; fail "configure $2"; }
  cmake --build "$2" > "$work/build.log" 2>&1 || { cat "$work/build.log"; fail "build $2"; }
}
start_llm() {
  python3 "$here/scripted_llm.py" "$work/llm.port" "$work/llm.log" 2> "$work/llm.err" &
  server_pid=$!
  for _ in $(seq 1 100); do [ -f "$work/llm.port" ] && break; sleep 0.1; done
  [ -f "$work/llm.port" ] || { cat "$work/llm.err"; fail "the scripted LLM did not start"; }
  export HPOC_LLM_URL="http://127.0.0.1:$(cat "$work/llm.port")/v1" HPOC_LLM_MODEL=scripted-model
}
stop_llm() { # afterwards the URL points at a port nobody listens on
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
}
runner() { # runner BUILD STUDY_DIR ARGS: the runner's command line, as tune-toy runs it
  local b=$1 d=$2; shift 2
  "$b/hpoc-runner-toy" --study-dir "$d" --rules "$b/hpoc-gen/toy/toy.ninja" --ninja "$ninja" \
    --trainer-target toy_trainer --trainer-binary "$b/toy_trainer" "$@"
}
# first_study BUILD: the agent study with the scripted LLM; 6 trainings, every proposal the agent's.
first_study() {
  start_llm
  cmake --build "$1" --target tune-toy > "$work/out1.txt" 2>&1 || { cat "$work/out1.txt"; fail "the first run failed"; }
  local j=$1/hpo/toy/journal.jsonl
  check "6 trials trained" [ "$(trainings)" = 6 ]
  check "6 proposals, all the LLM's (warm start or choice)" [ "$(grep -c '"event":"proposed".*"source":"llm' "$j")" = 6 ]
  check "the LLM analysed trials" grep -q '"purpose":"analyse"' "$j"
  check "the LLM was asked" [ "$(llm_calls)" -gt 6 ]
  # Trial 2 fails naming its config file: the journal names its folder by placeholder.
  check "trial 2 failed" grep -q '"event":"finished".*"status":"failed".*"trial":2}' "$j"
  check "the error tail names the study folder by placeholder" grep -q 'read from <study-folder>/trials/' "$j"
  grep -q "$1" "$j" && fail "the journal names the build tree's absolute path"
  stop_llm
}

case $case_name in

copied_study)
  proj=$work/project build=$work/build
  cp -r "$here/project" "$proj"
  build_project "$proj" "$build"
  first_study "$build"
  study=$build/hpo/toy calls=$(llm_calls)

  # 1. cp -r elsewhere, no LLM reachable: nothing trains, nothing is asked, the same report.
  mkdir -p "$work/elsewhere"; cp -r "$study" "$work/elsewhere/toy"
  runner "$build" "$work/elsewhere/toy" > "$work/out2.txt" 2>&1 || { cat "$work/out2.txt"; fail "the copy's rerun failed"; }
  check "the copy trained nothing" [ "$(trainings)" = 6 ]
  check "the copy asked no LLM" [ "$(llm_calls)" = "$calls" ]
  check "the copy's journal is unchanged" cmp -s "$study/journal.jsonl" "$work/elsewhere/toy/journal.jsonl"
  check "the copy's report is the same" cmp -s "$study/report.md" "$work/elsewhere/toy/report.md"

  # 2. Only llm-cache, --replay: the same proposals, metrics and notes; 6 trainings, no LLM.
  mkdir -p "$work/fresh/toy"; cp -r "$study/llm-cache" "$work/fresh/toy/"
  cp -r "$study/llm-cache" "$work/missing-cache"
  runner "$build" "$work/fresh/toy" --replay > "$work/out3.txt" 2>&1 || { cat "$work/out3.txt"; fail "the replay failed"; }
  check "the replay trained the 6 trials again" [ "$(trainings)" = 12 ]
  check "the replay asked no LLM" [ "$(llm_calls)" = "$calls" ]
  python3 "$here/normalize_study.py" journal "$study/journal.jsonl" > "$work/journal1.txt"
  python3 "$here/normalize_study.py" journal "$work/fresh/toy/journal.jsonl" > "$work/journal3.txt"
  diff -u "$work/journal1.txt" "$work/journal3.txt" || fail "the replayed journal differs"
  python3 "$here/normalize_study.py" report "$study/report.md" > "$work/report1.txt"
  python3 "$here/normalize_study.py" report "$work/fresh/toy/report.md" > "$work/report3.txt"
  diff -u "$work/report1.txt" "$work/report3.txt" || fail "the replayed report differs"

  # 3. A request the cache lacks stops --replay, named, with no LLM started and no fallback.
  key=$(python3 -c 'import json,sys
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e["event"] == "proposed" and e["trial"] == 4:
        print(e["details"]["llm"][0]["request"])' "$study/journal.jsonl")
  rm "$work/missing-cache/$key.json"
  mkdir -p "$work/missing/toy"; mv "$work/missing-cache" "$work/missing/toy/llm-cache"
  unset HPOC_LLM_URL # the study's own LLM, the local server, would be started on a miss
  set +e; runner "$build" "$work/missing/toy" --replay > "$work/out4.txt" 2>&1; rc=$?; set -e
  check "a miss fails the replay" [ "$rc" = 1 ]
  check "the miss names the request and its trial" grep -q "the choose request of trial 4 is not in" "$work/out4.txt"
  grep -q 'nearest cached request (.*, purpose choose) differs in messages\[1\].content, line' "$work/out4.txt" \
    || { cat "$work/out4.txt"; fail "the miss does not name the field that differs"; }
  check "no LLM server was started" [ ! -e "$work/missing/toy/llm-server.log" ]
  check "trials 1-3 replayed, nothing after" [ "$(grep -c '"event":"proposed"' "$work/missing/toy/journal.jsonl")" = 3 ]
  grep -q '"source":"random' "$work/missing/toy/journal.jsonl" && fail "the replay fell back to random draws"

  # 4. The closing analysis missing: the same, after all six trials.
  report_key=$(python3 -c 'import json,sys
for line in open(sys.argv[1]):
    e = json.loads(line)
    if e["event"] == "summary":
        print(e["details"]["llm"][0]["request"])' "$study/journal.jsonl")
  mkdir -p "$work/no-report/toy"; cp -r "$study/llm-cache" "$work/no-report/toy/"
  rm "$work/no-report/toy/llm-cache/$report_key.json"
  set +e; runner "$build" "$work/no-report/toy" --replay > "$work/out5.txt" 2>&1; rc=$?; set -e
  check "a missing closing analysis fails the replay" [ "$rc" = 1 ]
  grep -q "the report request is not in" "$work/out5.txt" || { cat "$work/out5.txt"; fail "the report miss is not named"; }
  check "no summary was journaled" [ "$(grep -c '"event":"summary"' "$work/no-report/toy/journal.jsonl" || true)" = 0 ]
  check "no LLM server was started for the report" [ ! -e "$work/no-report/toy/llm-server.log" ]
  ;;

moved_build)
  proj=$work/project
  cp -r "$here/project" "$proj"
  build_project "$proj" "$work/a/build"
  first_study "$work/a/build"
  calls=$(llm_calls)

  # 1. The same project configured and built in another build tree, the study folder copied in.
  build_project "$proj" "$work/b/other-build"
  check "the trainer rebuilt elsewhere has the same bytes" \
    cmp -s "$work/a/build/toy_trainer" "$work/b/other-build/toy_trainer"
  mkdir -p "$work/b/other-build/hpo"; cp -r "$work/a/build/hpo/toy" "$work/b/other-build/hpo/toy"
  # --replay through the environment, as CI passes it: all answers are cached.
  HPOC_RUNNER_ARGS=--replay cmake --build "$work/b/other-build" --target tune-toy > "$work/out2.txt" 2>&1 \
    || { cat "$work/out2.txt"; fail "the rerun in the other build tree failed"; }
  check "the other build tree trained nothing" [ "$(trainings)" = 6 ]
  check "the other build tree asked no LLM" [ "$(llm_calls)" = "$calls" ]
  check "every trial shown as cached" [ "$(grep -c 'cached' "$work/out2.txt")" -ge 6 ]

  # 2. The first build tree moved whole to another path.
  mkdir -p "$work/c"; mv "$work/a/build" "$work/c/moved"
  runner "$work/c/moved" "$work/c/moved/hpo/toy" > "$work/out3.txt" 2>&1 \
    || { cat "$work/out3.txt"; fail "the moved build tree's rerun failed"; }
  check "the moved build tree trained nothing" [ "$(trainings)" = 6 ]
  check "the moved build tree asked no LLM" [ "$(llm_calls)" = "$calls" ]
  check "the moved study's report is the same" cmp -s "$work/c/moved/hpo/toy/report.md" "$work/b/other-build/hpo/toy/report.md"
  ;;

*) fail "unknown case" ;;
esac
echo "PASS [$case_name]"
