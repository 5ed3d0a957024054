#!/usr/bin/env bash
# End-to-end tests of the hpoc runtime. Usage: runtime_e2e.sh CASE SOURCE_DIR E2E_BINARY_DIR [NINJA]
# Each case copies project/ to a fresh folder, configures it against this build's
# hpoc, and runs `cmake --build ... --target tune-<study>` or the runner itself.
set -euo pipefail
case_name=$1 src=$2 bin=$3 ninja=${4:-ninja}
work=$(mktemp -d "${TMPDIR:-/tmp}/hpoc-e2e-$case_name.XXXXXX")
trap 'rm -rf "$work"' EXIT
# Cases that do not edit the project share one configured build (the `setup`
# case makes it; ctest runs them one at a time); the others get their own copy.
shared=$bin/shared
case $case_name in
  setup)
    rm -rf "$shared"; mkdir -p "$shared"; proj=$shared/project build=$shared/build ;;
  cached_rerun|faults|same_failure|corrupt_artifact|second_runner|sigkill_resume|interrupt|unwritable|overhead|strategies|tpe|key_leak|damaged_journal)
    proj=$shared/project build=$shared/build
    [ -f "$build/build.ninja" ] || { echo "run the e2e.runtime.setup test first" >&2; exit 1; }
    rm -rf "$build/hpo" ;;
  *)
    proj=$work/project build=$work/build ;;
esac
[ -d "$proj" ] || cp -r "$src/tests/e2e/runtime/project" "$proj"
export HPOC_E2E_RUNS=$work/runs.log
: > "$HPOC_E2E_RUNS"

calc() { awk "BEGIN { print $* }"; }
fail() { echo "FAIL [$case_name]: $*" >&2; exit 1; }
check() { local what=$1; shift; "$@" || fail "$what"; }
runs() { grep -c "^${1}\$" "$HPOC_E2E_RUNS" || true; }
configure() {
  cmake -S "$proj" -B "$build" -G Ninja -DCMAKE_MAKE_PROGRAM="$ninja" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DHPOC_SOURCE_DIR="$src" -DHPOC_E2E_TARGETS="$bin/hpoc-e2e-targets.cmake" > "$work/configure.log" 2>&1 \
    || { cat "$work/configure.log"; fail "configure"; }
}
tune() { # tune STUDY -> output in $work/out.txt, status in $rc
  set +e
  cmake --build "$build" --target "tune-$1" > "$work/out.txt" 2>&1
  rc=$?
  set -e
}
runner() { # [--exec] STUDY ARGS: the runner's own command line, as tune-<study> runs it
  local exec=""
  if [ "$1" = --exec ]; then exec=exec; shift; fi # in `runner --exec a &`, $! is the runner
  local s=$1; shift
  local gen=$build/hpoc-gen/$s args=(--study-dir "$build/hpo/$s" --rules "$build/hpoc-gen/$s/$s.ninja" --ninja "$ninja")
  if [ -x "$build/trainer_$s" ]; then args+=(--trainer-target "trainer_$s" --trainer-binary "$build/trainer_$s"); fi
  $exec "$build/hpoc-runner-$s" "${args[@]}" "$@"
}
study_dir() { echo "$build/hpo/$1"; }
count_events() { grep -c "\"event\":\"$2\"" "$(study_dir "$1")/journal.jsonl" || true; }

# A user's project with a trainer hpoc knows nothing of: a Python script that logs like
# PyTorch Lightning, with metric names a word cannot spell, read by patterns. The first
# argument is how its CMakeLists.txt gets hpoc; the project lands in $user.
user_project() {
  user=$work/user; mkdir -p "$user"
  { echo "cmake_minimum_required(VERSION 3.25)"; echo "project(user LANGUAGES C CXX)"; echo "$1"
    echo "hpoc_add_study(NAME lightning STUDY study.hpo)"; } > "$user/CMakeLists.txt"
  cat > "$user/train.py" <<'PY'
import json, math, os, sys
cfg = json.load(open(sys.argv[1]))
with open(os.environ["HPOC_E2E_RUNS"], "a") as runs:
    runs.write("lightning\n")
acc = 0.5
print("  | Name | Type   | Params")
for epoch in range(3):
    acc = min(0.99, acc + 0.1 - abs(math.log10(cfg["lr"]) + 2.5) * 0.03 + cfg["units"] / 5000)
    print(f"Epoch {epoch}: 100%|####| 32/32 [00:00<00:00] train/loss={1 - acc:.4f} val/acc={acc - 0.02:.4f}")
PY
  cat > "$user/study.hpo" <<'HPO'
study lightning {
  task "A toy classifier whose trainer logs like PyTorch Lightning."
  dataset {
    name "none"
  }
  goal {
    maximize "val/acc"
    trials 3
  }
  space {
    float lr [1e-5, 1e-1] log default 1e-3 "learning rate"
    int units [8, 256] default 64 "hidden units"
  }
  trainer {
    command "python3 {study_dir}/train.py {config}"
    depends "train.py"
    metrics stdout
    pattern "val/acc" "val/acc=([0-9.]+)"
    pattern "train/loss" "train/loss=([0-9.]+)"
  }
  agent {
    strategy random
  }
}
HPO
}
# Configures $user with the given arguments, then tunes it twice: 3 trials, then none.
tune_user_project() {
  cmake -S "$user" -B "$work/user-build" -G Ninja -DCMAKE_MAKE_PROGRAM="$ninja" "$@" \
    > "$work/configure.log" 2>&1 || { cat "$work/configure.log"; fail "configure the user's project"; }
  set +e; cmake --build "$work/user-build" --target tune-lightning > "$work/out.txt" 2>&1; rc=$?; set -e
  [ $rc = 0 ] || { cat "$work/out.txt"; fail "tune-lightning"; }
  check "3 trials ok" grep -q "3 of 3 trials done (3 ok)" "$work/out.txt"
  check "3 trainers ran" [ "$(runs lightning)" = 3 ]
  traj=$(ls "$work"/user-build/hpo/lightning/trials/*/trajectory.jsonl | head -1)
  check "every epoch's metrics read from the log" [ "$(grep -c '"train/loss":.*"val/acc"' "$traj")" = 3 ]
  check "the report names the metric" grep -q "Best val/acc" "$work/user-build/hpo/lightning/report.md"
  set +e; cmake --build "$work/user-build" --target tune-lightning > "$work/out.txt" 2>&1; rc=$?; set -e
  [ $rc = 0 ] || { cat "$work/out.txt"; fail "second tune-lightning"; }
  check "the rerun trained nothing" [ "$(runs lightning)" = 3 ]
}

case $case_name in
  installed_package|build_tree_package|add_subdirectory) ;; # a user's project of their own
  *) [ -f "$build/build.ninja" ] || configure ;;
esac
case $case_name in

setup)
  cmake --build "$build" > "$work/build.log" 2>&1 || { cat "$work/build.log"; fail "build"; }
  ;;

same_failure)
  # Every trial dies of the same mistake: the study stops after 3, says why, and
  # the build fails instead of reporting a success.
  tune broken
  check "the build fails (exit status $rc)" [ "$rc" != 0 ]
  check "3 trials ran, not 8" [ "$(count_events broken finished)" = 3 ]
  check "the cause is named" grep -q "the first 3 trials all failed the same way (failed: .*KeyError: max_dept)" "$work/out.txt"
  check "no trial succeeded is an error" grep -q "hpoc: error: broken: no trial succeeded" "$work/out.txt"
  check "the report is written" grep -q "The study stopped early" "$(study_dir broken)/report.md"
  runner broken > "$work/out2.txt" 2>&1 && fail "a rerun must fail the same way"
  check "a rerun trains nothing" [ "$(count_events broken finished)" = 3 ]
  ;;

cached_rerun)
  # Trials take longer for a larger x, so two in flight finish out of turn ...
  HPOC_E2E_SLEEP_X_MS=800 tune a; [ $rc = 0 ] || { cat "$work/out.txt"; fail "first tune failed"; }
  check "6 trials trained" [ "$(runs a)" = 6 ]
  echo "finished in the order: $(grep -o '"event":"finished".*"trial":[0-9]*' "$(study_dir a)/journal.jsonl" | grep -o '[0-9]*$' | tr '\n' ' ')"
  # ... and are shown in trial order all the same.
  shown=$(grep -o '^\[ *[0-9]*/6\]' "$work/out.txt" | tr -dc '0-9/\n' | cut -d/ -f1 | tr '\n' ' ')
  check "the trial lines come in trial order (got $shown)" [ "$shown" = "1 2 3 4 5 6 " ]
  cp "$(study_dir a)/report.md" "$work/report1.md"; cp "$(study_dir a)/journal.jsonl" "$work/journal1"
  start=$(date +%s.%N); tune a; end=$(date +%s.%N)
  [ $rc = 0 ] || { cat "$work/out.txt"; fail "second tune failed"; }
  check "the second tune trained nothing" [ "$(runs a)" = 6 ]
  check "the report is byte-identical" cmp -s "$work/report1.md" "$(study_dir a)/report.md"
  check "the journal is unchanged" cmp -s "$work/journal1" "$(study_dir a)/journal.jsonl"
  check "every trial shown as cached" [ "$(grep -c 'cached ok' "$work/out.txt")" = 6 ]
  check "the summary is printed" grep -q "hpoc: best score" "$work/out.txt"
  secs=$(calc "$end - $start"); echo "cached rerun: $secs s"
  check "the cached rerun took under 5 s" [ "$(calc "$secs < 5")" = 1 ]
  ;;

trainer_change)
  tune a; [ $rc = 0 ] || fail "tune a"; tune b; [ $rc = 0 ] || fail "tune b"
  check "a trained" [ "$(runs a)" = 6 ]
  check "b trained" [ "$(runs b)" = 4 ]
  # A comment does not change the binary's bytes: every trial stays cached.
  echo "// a comment" >> "$proj/trainer_a.cpp"
  tune a; [ $rc = 0 ] || fail "tune a after a comment"
  check "a comment retrains nothing" [ "$(runs a)" = 6 ]
  # A real change makes exactly a's trials stale, and none of b's.
  sed -i 's/kOffset = 0.0;/kOffset = 0.5;/' "$proj/trainer_a.cpp"
  tune a; [ $rc = 0 ] || { cat "$work/out.txt"; fail "tune a after the change"; }
  tune b; [ $rc = 0 ] || fail "tune b after a's change"
  check "all 6 trials of a ran again" [ "$(runs a)" = 12 ]
  check "no trial of b ran again" [ "$(runs b)" = 4 ]
  check "a's new results are recorded" [ "$(count_events a finished)" = 12 ]
  check "the same 6 configurations, not new ones" [ "$(count_events a proposed)" = 6 ]
  ;;

description_edit)
  tune a; [ $rc = 0 ] || fail "tune a"
  sed -i 's/"Find the best x and y of a toy function."/"A new task text."/; s/"A real knob."/"A knob, described anew."/' "$proj/studies.hpo"
  tune a; [ $rc = 0 ] || { cat "$work/out.txt"; fail "tune after the edit"; }
  check "the study was compiled again" grep -q "compiling study a" "$work/out.txt"
  check "no trial ran again" [ "$(runs a)" = 6 ]
  check "the report shows the new task" grep -q "A new task text." "$(study_dir a)/report.md"
  ;;

faults)
  tune faults; [ $rc = 0 ] || { cat "$work/out.txt"; fail "the study must go on past failing trials"; }
  cat "$work/out.txt"
  r=$(study_dir faults)/report.md
  for want in "| ok |" "| failed |" "| timeout |" "| no-metric |" "| nan |"; do
    check "report has a trial with status '$want'" grep -qF -- "$want" "$r"
  done
  check "two failed trials (crash and partial metrics)" [ "$(grep -cF '| failed |' "$r")" = 2 ]
  check "the crash's stderr is in the report" grep -q "boom: the trainer crashed" "$r"
  # Its stderr was not UTF-8; the result records it as valid UTF-8 all the same.
  crashed=$(grep -l "boom: the trainer crashed" "$(study_dir faults)"/trials/*/result.json | head -1)
  check "the crash's result is valid JSON with its stderr made UTF-8" python3 -c \
    'import json, sys; t = json.load(open(sys.argv[1]))["stderr_tail"]; assert "caf\ufffd \ufffd (not UTF-8)" in t, t' "$crashed"
  check "the failure is shown on the terminal" grep -q "boom: the trainer crashed" "$work/out.txt"
  check "the timeout is explained" grep -q "over the time limit" "$r"
  check "only the ok trial counts as best" grep -q "Best score: 0.75" "$r"
  # The hung trainer printed its child's process id; that process, not any
  # other `sleep` on the machine, must be gone.
  child=$(grep -ho "started a child [0-9]*" "$(study_dir faults)"/trials/*/stderr.log | awk '{print $4}' | head -1)
  check "the hung trainer reported its child" [ -n "$child" ]
  alive() { [ -r "/proc/$1/stat" ] && ! awk '{ exit $3 == "Z" ? 0 : 1 }' "/proc/$1/stat" 2>/dev/null; }
  check "the hung trainer's child ($child) was killed with its group" bash -c "$(declare -f alive); ! alive $child"
  check "all 7 modes ran" [ "$(wc -l < "$HPOC_E2E_RUNS")" = 7 ]
  # The process that left its trainer's group outlives the study, but holds none
  # of the build's pipes: the build returned while it still runs.
  left=$(pgrep -f "sleep 61; echo left" || true)
  for p in $left; do kill -- "-$p" 2>/dev/null || true; done # its session's group
  check "the build did not wait for a process the trainer left behind" [ -n "$left" ]
  ;;

corrupt_artifact)
  tune a; [ $rc = 0 ] || fail "tune a"
  trial=$(ls -d "$(study_dir a)"/trials/*/ | head -1)
  sed -i 's/"score": \([0-9]\)/"score": 9\1/' "$trial/metrics.jsonl"
  tune a; [ $rc = 0 ] || { cat "$work/out.txt"; fail "tune after the corruption"; }
  check "the damage was reported" grep -q "fails its check (metrics.jsonl no longer matches its hash)" "$work/out.txt"
  check "exactly one trial ran again" [ "$(runs a)" = 7 ]
  check "the journal records the invalidation" [ "$(count_events a invalidated)" = 1 ]
  # A result edited by hand is caught by its seal.
  trial=$(ls -d "$(study_dir a)"/trials/*/ | tail -1)
  sed -i 's/"status": "ok"/"status": "ok" /; s/"seconds": /"seconds": 1/' "$trial/result.json"
  tune a; [ $rc = 0 ] || fail "tune after editing a result"
  check "the edited result was caught" grep -q "result.json was modified" "$work/out.txt"
  check "and its trial ran again" [ "$(runs a)" = 8 ]
  tune a; check "then everything is cached" [ "$(runs a)" = 8 ]
  ;;

second_runner)
  cmake --build "$build" --target hpoc-runner-a trainer_a > /dev/null
  export HPOC_E2E_SLEEP_MS=1500
  runner --exec a > "$work/first.txt" 2>&1 & first=$!
  for _ in $(seq 50); do [ -s "$(study_dir a)/runner.pid" ] && break; sleep 0.1; done
  set +e; runner a > "$work/second.txt" 2>&1; rc2=$?; set -e
  check "the second runner is refused" [ $rc2 = 1 ]
  check "with a clear message" grep -q "another runner is working on this study" "$work/second.txt"
  wait $first || fail "the first runner failed"
  check "the first runner finished its study" grep -q "6 of 6 trials done" "$work/first.txt"
  ;;

changed_space)
  tune a; [ $rc = 0 ] || fail "tune a"
  cp "$(study_dir a)/journal.jsonl" "$work/journal1"
  # A wider range holds every trial: the study keeps them and goes on.
  sed -i '0,/float x \[0, 1\]/s//float x [0, 2]/' "$proj/studies.hpo"
  tune a
  [ $rc = 0 ] || { cat "$work/out.txt"; fail "a wider space must be taken"; }
  check "and said" grep -q "the space changed; its 6 trials all lie inside it and are kept" "$work/out.txt"
  check "with the change named" grep -q "parameter 'x' changed" "$work/out.txt"
  check "nothing trained" [ "$(runs a)" = 6 ]
  check "the journal keeps every line" cmp -s -n "$(stat -c %s "$work/journal1")" "$work/journal1" "$(study_dir a)/journal.jsonl"
  check "and records the new space" [ "$(count_events a study)" = 2 ]
  cp "$(study_dir a)/journal.jsonl" "$work/journal2"
  # A narrower one leaves trials out: refused, naming one.
  sed -i '0,/float x \[0, 2\]/s//float x [0, 0.001]/' "$proj/studies.hpo"
  tune a
  check "a space that leaves trials out is refused" [ $rc != 0 ]
  check "naming a trial outside it" grep -q "lies outside the new space" "$work/out.txt"
  check "and the way out" grep -q -- "--fresh" "$work/out.txt"
  check "the journal is untouched" cmp -s "$work/journal2" "$(study_dir a)/journal.jsonl"
  check "nothing trained" [ "$(runs a)" = 6 ]
  # The recorded space, but minimizing: the goal change is refused too.
  sed -i '0,/float x \[0, 0.001\]/s//float x [0, 2]/; 0,/maximize score/s//minimize score/' "$proj/studies.hpo"
  tune a
  check "a changed goal is refused" [ $rc != 0 ]
  check "and named" grep -q "goal: maximize score -> minimize score" "$work/out.txt"
  check "alone" bash -c "! grep -q \"parameter 'x'\" '$work/out.txt'"
  sed -i '0,/float x \[0, 2\]/s//float x [0, 1]/; 0,/minimize score/s//maximize score/' "$proj/studies.hpo"
  HPOC_RUNNER_ARGS=--fresh tune a
  [ $rc = 0 ] || { cat "$work/out.txt"; fail "--fresh failed"; }
  check "--fresh archives the old journal" [ "$(ls "$(study_dir a)"/journal-*.jsonl | wc -l)" = 1 ]
  check "and completes a new study" grep -q "6 of 6 trials done" "$work/out.txt"
  check "reusing the 6 cached trials (same seed, same configurations)" [ "$(grep -c 'cached ok' "$work/out.txt")" = 6 ]
  check "without training" [ "$(runs a)" = 6 ]
  ;;

strategies)
  cmake --build "$build" --target hpoc-runner-a trainer_a > /dev/null
  hpo=$build/hpo
  proposer="python3 $proj/grid_proposer.py"
  # external: every proposal comes from the proposer, in order, and is recorded as such.
  runner a --study-dir "$hpo/ext" --strategy external --proposer "$proposer" --search-seed 9 \
    > "$work/out.txt" 2>&1 || { cat "$work/out.txt"; fail "the external strategy run failed"; }
  j=$hpo/ext/journal.jsonl
  check "6 trials proposed by the proposer" [ "$(grep '"event":"proposed"' "$j" | grep -c '"source":"external"')" = 6 ]
  check "the grid's 4th point" grep -q '"config":{"x":0.4,"y":5},.*"rationale":"grid point 4 (seed 9)"' "$j"
  check "the request is left for inspection" grep -q '"first": 5' "$hpo/ext/proposer-request.json"
  # A failing proposer stops the study with its name and exit code; nothing is proposed.
  set +e
  HPOC_E2E_PROPOSER_FAIL=1 runner a --study-dir "$hpo/ext-fail" --strategy external --proposer "$proposer" \
    > "$work/out.txt" 2>&1
  rc=$?
  set -e
  check "a failing proposer fails the run" [ $rc != 0 ]
  check "the message names the proposer and its exit code" grep -q "proposer .*exit code 3" "$work/out.txt"
  check "nothing proposed after the failure" [ "$(grep -c '"event":"proposed"' "$hpo/ext-fail/journal.jsonl" || true)" = 0 ]
  set +e
  runner a --study-dir "$hpo/bad" --proposer "$proposer" > "$work/out.txt" 2>&1
  rc=$?
  set -e
  check "--proposer without --strategy external is refused" [ $rc != 0 ]
  check "the refusal says why" grep -q -- "--proposer needs --strategy external" "$work/out.txt"
  # --default-first: trial 1 is the middle of the space (study a has no defaults).
  runner a --study-dir "$hpo/df" --default-first --trials 2 > "$work/out.txt" 2>&1 \
    || { cat "$work/out.txt"; fail "the default-first run failed"; }
  check "trial 1 is the default configuration" \
    grep -q '"config":{"x":0.5,"y":3},"event":"proposed","rationale":"the study.s default configuration' "$hpo/df/journal.jsonl"
  # --search-seed changes the draws but not the trials' own seed.
  runner a --study-dir "$hpo/s1" --trials 3 > /dev/null 2>&1 || fail "search seed run 1"
  runner a --study-dir "$hpo/s2" --trials 3 --search-seed 2 > /dev/null 2>&1 || fail "search seed run 2"
  check "another search seed draws other configurations" \
    bash -c "! cmp -s <(grep '\"event\":\"proposed\"' '$hpo/s1/journal.jsonl' | sed 's/\"time\":\"[^\"]*\"//') <(grep '\"event\":\"proposed\"' '$hpo/s2/journal.jsonl' | sed 's/\"time\":\"[^\"]*\"//')"
  seeds=$(cat "$hpo"/s2/trials/*/trial.json | grep -o '"HPOC_SEED": *"[0-9]*"' | tr -d ' ' | sort -u)
  check "the trials keep the study's seed (got $seeds)" [ "$seeds" = '"HPOC_SEED":"1"' ]
  # bench/compare.py over the same study: runs share one trial cache, a rerun trains nothing.
  python3 "$src/bench/compare.py" --build "$build" --out "$work/cmp" --trials 4 --human 10 \
    --runs random=2,random-default=1 a > "$work/cmp.txt" 2>&1 || { cat "$work/cmp.txt"; fail "compare.py"; }
  python3 - "$work/cmp/results.json" <<'PY' || fail "compare.py's results"
import json, sys
r = json.load(open(sys.argv[1]))["a"]
runs = r["runs"]
assert sorted(runs) == ["random-default-s1", "random-s1", "random-s2"], sorted(runs)
for name, run in runs.items():
    best = run["best"]
    assert len(best) == 4 and all(b is not None for b in best), (name, best)
    assert all(best[i] <= best[i + 1] for i in range(3)), (name, best)  # maximize: never worse
    assert best[-1] == max(m for m in run["metrics"] if m is not None), (name, run)
assert runs["random-default-s1"]["configs"][0] == {"x": 0.5, "y": 3}, runs["random-default-s1"]["configs"][0]
assert runs["random-default-s1"]["configs"][1:] == runs["random-s1"]["configs"][1:]
assert r["human"]["trials"] >= 10 and r["human"]["best"] >= max(x["best"][-1] for x in runs.values() if x["strategy"] == "random")
PY
  before=$(runs a)
  python3 "$src/bench/compare.py" --build "$build" --out "$work/cmp" --trials 4 --human 10 \
    --runs random=2,random-default=1 a > "$work/cmp.txt" 2>&1 || fail "compare.py rerun"
  check "a rerun of the comparison trains nothing" [ "$(runs a)" = "$before" ]
  # A seed range runs those seeds only; a seed already run comes back from its journal.
  python3 "$src/bench/compare.py" --build "$build" --out "$work/cmp" --trials 4 --human 0 \
    --results "$work/cmp/range.json" --runs random=2..3 a > "$work/cmp.txt" 2>&1 || { cat "$work/cmp.txt"; fail "compare.py A..B"; }
  python3 - "$work/cmp/results.json" "$work/cmp/range.json" <<'PY' || fail "compare.py's seed range"
import json, sys
whole, part = (json.load(open(p))["a"]["runs"] for p in sys.argv[1:])
assert sorted(part) == ["random-s2", "random-s3"], sorted(part)
assert part["random-s2"]["configs"] == whole["random-s2"]["configs"]
assert part["random-s3"]["configs"] != part["random-s2"]["configs"]
PY
  for bad in random=two random=3..2 random=0; do
    set +e
    python3 "$src/bench/compare.py" --build "$build" --out "$work/cmp" --runs "$bad" a > "$work/cmp.txt" 2>&1
    rc=$?
    set -e
    check "--runs $bad is refused" [ $rc != 0 ]
    check "the refusal names $bad" grep -q -- "'$bad'" "$work/cmp.txt"
  done
  python3 "$src/bench/report.py" "$work/cmp/results.json" --docs "$work/docs/benchmarks" > "$work/report.txt" \
    || fail "report.py"
  check "the table has a row per mark" [ "$(grep -c '^| .* | [0-9]* | ' "$work/docs/benchmarks.md")" = 4 ]
  check "a plot is written" grep -q "<polyline" "$work/docs/benchmarks/a.svg"
  ;;

sigkill_resume)
  cmake --build "$build" --target hpoc-runner-a trainer_a > /dev/null
  export HPOC_E2E_SLEEP_MS=300
  # Kill the runner while trainers run (3 times), then at arbitrary moments.
  for i in 1 2 3; do
    before=$(runs a)
    runner --exec a > /dev/null 2>&1 & pid=$!
    for _ in $(seq 100); do [ "$(runs a)" -gt "$before" ] && break; sleep 0.05; done
    sleep 0.1
    kill -9 $pid 2>/dev/null || true
    wait $pid 2>/dev/null || true
  done
  interrupted=$(runs a)
  for delay in 0.05 0.3 0.45 0.7; do
    runner --exec a > /dev/null 2>&1 & pid=$!
    sleep $delay
    kill -9 $pid 2>/dev/null || true
    wait $pid 2>/dev/null || true
  done
  sleep 0.5
  check "no trainer outlives a killed runner" bash -c "! pgrep -f '[t]rainer_a --config' >/dev/null"
  runner a > "$work/out.txt" 2>&1 || { cat "$work/out.txt"; fail "the resumed run failed"; }
  j=$(study_dir a)/journal.jsonl
  check "every trial proposed exactly once" [ "$(count_events a proposed)" = 6 ]
  for k in 1 2 3 4 5 6; do
    n=$(grep '"event":"finished"' "$j" | grep -c "\"trial\":$k[,}]" || true)
    check "trial $k recorded exactly once (got $n)" [ "$n" = 1 ]
  done
  check "the study is complete" grep -q "6 of 6 trials done (6 ok)" "$work/out.txt"
  echo "trainer runs across the kills: $(runs a) for 6 trials"
  check "interrupted trials were run again" [ "$(runs a)" -gt 6 ]
  # A runner killed in the middle of an append leaves half a line: it is ignored.
  printf '{"event":"finished","tri' >> "$j"
  runner a > "$work/out.txt" 2>&1 || { cat "$work/out.txt"; fail "a truncated last line must be ignored"; }
  check "the truncated line is reported" grep -q "ignored the unfinished last line" "$work/out.txt"
  check "and cut off" bash -c "tail -c 1 '$j' | od -c | grep -q '\\\\n'"
  # A damaged line followed by valid ones is an error.
  sed -i '2s/.*/{not json/' "$j"
  set +e; runner a > "$work/out.txt" 2>&1; rc3=$?; set -e
  check "a damaged journal is refused" [ $rc3 = 1 ]
  check "naming the line" grep -q "journal.jsonl:2: not valid JSON" "$work/out.txt"
  check "saying the journal is damaged" grep -q "journal.jsonl is damaged: 1 complete line" "$work/out.txt"
  ;;

interrupt)
  export HPOC_E2E_SLEEP_MS=5000
  runner --exec a > "$work/out.txt" 2>&1 & pid=$!
  for _ in $(seq 100); do [ "$(runs a)" -gt 0 ] && break; sleep 0.05; done
  start=$(date +%s.%N); kill -INT $pid; set +e; wait $pid; rc=$?; set -e; end=$(date +%s.%N)
  check "an interrupted runner exits with 130" [ $rc = 130 ]
  check "promptly, without waiting for the trials" [ "$(calc "$end - $start < 3")" = 1 ]
  check "saying how to resume" grep -q "interrupted; run again to resume" "$work/out.txt"
  check "its trainers are gone" bash -c "! pgrep -f '[t]rainer_a --config' >/dev/null"
  check "no interrupted trial has a result" [ "$(ls "$(study_dir a)"/trials/*/result.json 2>/dev/null | wc -l)" = 0 ]
  export HPOC_E2E_SLEEP_MS=0
  runner a > "$work/out.txt" 2>&1 || { cat "$work/out.txt"; fail "resume after the interrupt"; }
  check "the study completes" grep -q "6 of 6 trials done (6 ok)" "$work/out.txt"
  check "each trial recorded once" [ "$(count_events a finished)" = 6 ]
  ;;

tpe)
  # `strategy tpe` with `startup_trials 3`, two trials in flight: trials 1-3 are
  # random draws, 4-8 come from TPE's estimators, and a rerun is free.
  tune tpe; [ $rc = 0 ] || { cat "$work/out.txt"; fail "tune tpe"; }
  j=$(study_dir tpe)/journal.jsonl
  check "8 trials ok" grep -q "8 of 8 trials done (8 ok)" "$work/out.txt"
  check "8 trainers ran" [ "$(runs a)" = 8 ]
  check "3 random start-up trials" [ "$(grep '"event":"proposed"' "$j" | grep -c '"source":"random"')" = 3 ]
  check "5 TPE trials" [ "$(grep '"event":"proposed"' "$j" | grep -c '"source":"tpe"')" = 5 ]
  check "the start-up is said" grep -q "TPE's start-up: 3 random trials" "$j"
  # Trial 8 is proposed beside trial 7, which is in flight and counted as the worst.
  check "trial 8 names its good group and the trial in flight" bash -c "grep '\"trial\":8}' '$j' |
    grep -q 'TPE: .*good group: the best 1 of 6 finished trials, score >= .*; 1 in flight counted as the worst'"
  cp "$j" "$work/journal1"
  tune tpe; [ $rc = 0 ] || { cat "$work/out.txt"; fail "second tune tpe"; }
  check "the rerun trained nothing" [ "$(runs a)" = 8 ]
  check "the journal is unchanged" cmp -s "$work/journal1" "$j"
  # The runner's --startup-trials overrides the study's; the seed is the same, so
  # trials 1-3 are the same random draws as before.
  runner tpe --study-dir "$build/hpo/tpe6" --trainer-target trainer_a --trainer-binary "$build/trainer_a" \
    --startup-trials 6 > "$work/out.txt" 2>&1 \
    || { cat "$work/out.txt"; fail "--startup-trials 6"; }
  j6=$build/hpo/tpe6/journal.jsonl
  check "6 random start-up trials" [ "$(grep '"event":"proposed"' "$j6" | grep -c '"source":"random"')" = 6 ]
  first3() { grep '"event":"proposed"' "$1" | grep -o '"config":{[^}]*}' | head -3; }
  check "the same first draws" [ "$(first3 "$j")" = "$(first3 "$j6")" ]
  runner tpe --study-dir "$build/hpo/tpe-df" --trainer-target trainer_a --trainer-binary "$build/trainer_a" \
    --default-first --trials 2 > "$work/out.txt" 2>&1 || { cat "$work/out.txt"; fail "tpe --default-first"; }
  check "with --default-first, trial 1 is the default configuration" \
    grep -q '"config":{"x":0.5,"y":3},"event":"proposed","rationale":"the study.s default configuration' \
    "$build/hpo/tpe-df/journal.jsonl"
  set +e
  runner a --study-dir "$build/hpo/bad" --startup-trials 3 > "$work/out.txt" 2>&1
  rc=$?
  set -e
  check "--startup-trials with random is refused" [ $rc != 0 ]
  check "the refusal says why" grep -q -- "--startup-trials applies to the 'tpe' strategy only" "$work/out.txt"
  ;;

unwritable)
  cmake --build "$build" --target hpoc-runner-a trainer_a > /dev/null
  touch "$work/not-a-folder"
  set +e
  "$build/hpoc-runner-a" --study-dir "$work/not-a-folder/hpo/a" --trainer-binary "$build/trainer_a" > "$work/out.txt" 2>&1
  rc=$?; set -e
  cat "$work/out.txt"
  check "an unwritable build tree is an error" [ $rc = 1 ]
  check "with a clear message" grep -q "cannot create the folder .*not-a-folder/hpo/a.*is the build tree writable" "$work/out.txt"
  ;;

overhead)
  cmake --build "$build" --target hpoc-runner-noop > /dev/null
  start=$(date +%s.%N); runner noop > "$work/out.txt" 2>&1 || { cat "$work/out.txt"; fail "noop"; }; end=$(date +%s.%N)
  check "40 trials ok" grep -q "40 of 40 trials done (40 ok)" "$work/out.txt"
  trainer=$(grep -h '"seconds"' "$(study_dir noop)"/trials/*/result.json | sed 's/[^0-9.]//g' | awk '{ s += $1 } END { print s }')
  per=$(calc "($end - $start - $trainer) / 40")
  echo "runtime overhead per trial (wall, trainer time excluded): $per s; trainers took $trainer s in all"
  start=$(date +%s.%N); runner noop > /dev/null 2>&1; end=$(date +%s.%N)
  echo "cached rerun of 40 trials: $(calc "$end - $start") s"
  # Times are reported, not asserted (bench/overhead/run.sh measures them against
  # Optuna); what must hold is that the rerun trains nothing.
  check "the rerun trains nothing (40 results, none recorded twice)" [ "$(count_events noop finished)" = 40 ]
  ;;

installed_package)
  # find_package(hpoc) with an installed hpoc.
  [ -n "${HPOC_E2E_BUILD_ROOT:-}" ] || fail "HPOC_E2E_BUILD_ROOT is not set"
  cmake --install "$HPOC_E2E_BUILD_ROOT" --prefix "$work/prefix" > "$work/install.log" 2>&1 \
    || { cat "$work/install.log"; fail "install"; }
  check "the Python helper is installed" [ -f "$work/prefix/share/hpoc/python/hpoc_trainer.py" ]
  check "the local LLM's set-up is installed and knows its models" \
    bash -c "'$work/prefix/share/hpoc/bootstrap-llm.sh' --list | grep -q '(default)'"
  check "the Python trainer reader is installed" [ -f "$work/prefix/share/hpoc/python_trainer_reader.py" ]
  check "the LLM smoke test is installed" [ -x "$work/prefix/share/hpoc/llm-smoke.py" ]
  check "Optuna's TPE proposer is installed" [ -x "$work/prefix/share/hpoc/bench/tpe-proposer" ] \
    && [ -f "$work/prefix/share/hpoc/bench/tpe_proposer.py" ]
  printf 'import argparse\np = argparse.ArgumentParser()\np.add_argument("--lr", type=float, default=0.01)\n' \
    > "$work/argparse_train.py"
  "$work/prefix/bin/hpoc" init "$work/argparse_train.py" > "$work/init.hpo" 2>&1 \
    || { cat "$work/init.hpo"; fail "the installed hpoc reads a Python trainer"; }
  check "the installed hpoc reads a Python trainer's options" grep -q "float lr" "$work/init.hpo"
  user_project "find_package(hpoc REQUIRED)"
  tune_user_project -DCMAKE_PREFIX_PATH="$work/prefix"
  ;;

build_tree_package)
  # find_package(hpoc) with hpoc's build tree, never installed: -Dhpoc_DIR=<build>.
  [ -n "${HPOC_E2E_BUILD_ROOT:-}" ] || fail "HPOC_E2E_BUILD_ROOT is not set"
  user_project "find_package(hpoc REQUIRED)"
  tune_user_project -Dhpoc_DIR="$HPOC_E2E_BUILD_ROOT"
  ;;

add_subdirectory)
  # hpoc's sources inside the user's build: add_subdirectory(hpoc), with hpoc's own
  # tests and examples off (and its C++ trainer reader, to bound the build's time).
  user_project "set(HPOC_BUILD_TESTS OFF)
set(HPOC_BUILD_EXAMPLES OFF)
set(HPOC_WITH_CLANG OFF)
add_subdirectory(\"$src\" hpoc)"
  tune_user_project ${HPOC_E2E_LAUNCHER:+-DCMAKE_CXX_COMPILER_LAUNCHER="$HPOC_E2E_LAUNCHER"}
  check "the study ran this build's hpoc" [ -x "$work/user-build/hpoc/compiler/hpoc" ]
  ;;

key_leak)
  # A server that echoes the API key in an error body (cut at 300 bytes, the key
  # straddling the cut), in its answers, its model name and its request id: the
  # key, or any piece of it, must reach no file of the study's build tree.
  fake=${HPOC_E2E_FAKE_LLM:-}
  [ -x "$fake" ] || fail "HPOC_E2E_FAKE_LLM names no fake LLM server"
  cmake --build "$build" --target hpoc-runner-a trainer_a > /dev/null
  canary="sk-CANARY-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  # agent-classic: the canned answer is a proposal, asked for at every trial.
  FAKE_LLAMA_MODE=echo-key FAKE_LLAMA_ANSWER='{"config":{"x":0.5,"y":3},"rationale":"the middle"}' \
    "$fake" --port "$port" > "$work/server.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
  for _ in $(seq 1 50); do
    python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/health')" 2>/dev/null && break
    sleep 0.1
  done
  set +e
  HPOC_LLM_URL="http://127.0.0.1:$port/v1" HPOC_LLM_MODEL=fake HPOC_LLM_API_KEY="$canary" \
    runner a --study-dir "$build/hpo/leak" --strategy agent-classic --trials 2 > "$work/out.txt" 2>&1
  rc=$?
  set -e
  [ $rc = 0 ] || { cat "$work/out.txt"; fail "the agent study failed"; }
  j=$build/hpo/leak/journal.jsonl
  check "the server's echo reached the journal, masked" grep -q 'Bearer \*\*\*' "$j"
  check "the error body reached the journal, masked" grep -q '\.\.\.\.Bearer \*\*\*' "$j"
  if grep -rIl -- "CANARY" "$build" "$work/out.txt"; then
    fail "the API key, or a piece of it, was written to a file"
  fi
  ;;

damaged_journal)
  # Wrong types and invalid UTF-8 in complete lines are refused with their line
  # numbers, the file kept byte for byte; a configuration outside the space is refused.
  cmake --build "$build" --target hpoc-runner-a trainer_a > /dev/null
  runner a --trials 1 > "$work/out.txt" 2>&1 || { cat "$work/out.txt"; fail "first run"; }
  j=$(study_dir a)/journal.jsonl
  cp "$j" "$work/good.jsonl"
  refused() { # refused WHAT EXPECTED-MESSAGE: the runner fails cleanly and changes nothing
    cp "$j" "$work/before.jsonl"
    set +e; runner a --trials 2 > "$work/out.txt" 2>&1; rc=$?; set -e
    [ $rc = 1 ] || { cat "$work/out.txt"; fail "$1: exit status $rc, not 1"; }
    grep -qF -- "$2" "$work/out.txt" || { cat "$work/out.txt"; fail "$1: no message '$2'"; }
    cmp -s "$j" "$work/before.jsonl" || fail "$1: the journal was changed"
    cp "$work/good.jsonl" "$j"
  }
  printf '{"event":"proposed","trial":"1"}\n' >> "$j"
  line=$(wc -l < "$j")
  refused "a string trial number" "journal.jsonl:$line: a 'proposed' event whose 'trial' is string"
  printf '{"event":"note","trial":1,"analysis":"\xff"}\n' >> "$j"
  refused "invalid UTF-8" "journal.jsonl:$line: not valid JSON"
  sed -i 's/"config":{"x":[0-9.e-]*/"config":{"x":99/' "$j"
  refused "x=99 for [0, 1]" "was proposed with a configuration outside the study's space"
  ;;

*) fail "unknown case" ;;
esac
echo "PASS [$case_name]"
