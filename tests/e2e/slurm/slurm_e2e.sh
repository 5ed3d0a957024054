#!/usr/bin/env bash
# End-to-end tests of `executor slurm`: one case per run, on the private cluster
# that tests/slurm/start-slurm.sh keeps in BIN/cluster (started on first use,
# left running for the next case; a case that stops a daemon starts it again).
# Usage: slurm_e2e.sh CASE SOURCE_DIR BIN RUNNER HPOC_SLURM_TRIAL [NINJA]
# Exit 77 (skipped) with the reason when this machine cannot run Slurm; under
# CI=true a cluster whose packages are installed must start.
set -euo pipefail
case_name=$1 src=$2 bin=$3 runner_bin=$4 wrapper=$5 ninja=${6:-ninja}
work=$(mktemp -d "${TMPDIR:-/tmp}/hpoc-slurm-$case_name.XXXXXX")
cluster=$bin/cluster
here=$src/tests/e2e/slurm
bg=()
cleanup() {
  for p in "${bg[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "FAIL [$case_name]: $*" >&2; exit 1; }
check() { local what=$1; shift; "$@" || fail "$what"; echo "ok: $what"; }

# The cluster: started when missing or when a daemon of it is down.
set +e
started=$("$src/tests/slurm/start-slurm.sh" "$cluster" 2>"$work/start.err"); rc=$?
set -e
if [ $rc -ne 0 ]; then
  cat "$work/start.err" >&2
  if [ $rc -eq 77 ] && { [ "${CI:-}" != true ] || ! command -v slurmctld >/dev/null; }; then
    echo "SKIPPED [$case_name]: no Slurm cluster on this machine (reason above)"
    exit 77
  fi
  fail "the Slurm cluster did not start"
fi
eval "$started"
export HPOC_E2E_LOG=$work/trainer.log HPOC_SLURM_RETRY_DELAY=1
: > "$HPOC_E2E_LOG"
study=$work/hpo/slurm_e2e
rules=$bin/gen/slurm_e2e.ninja

run() { # run [ARGS...]: the runner of the study, output in $work/out.txt, status in $rc
  set +e
  ${inside:-} "$runner_bin" --study-dir "$study" --rules "$rules" --ninja "$ninja" --slurm-trial "$wrapper" \
    --trainer-command "$here/trainer.sh {config} {metrics}" "$@" > "$work/out.txt" 2>&1
  rc=$?
  set -e
}
run_bg() { # run_bg [ARGS...]: the runner in its own process group, as a terminal's job
  setsid "$runner_bin" --study-dir "$study" --rules "$rules" --ninja "$ninja" --slurm-trial "$wrapper" \
    --trainer-command "$here/trainer.sh {config} {metrics}" "$@" > "$work/out.txt" 2>&1 &
  runner_pid=$!
  bg+=("$runner_pid")
}
jobs_known() { scontrol show jobs -o 2>/dev/null | grep -c '^JobId=' || true; }
running_jobs() { squeue -h -t RUNNING -o '%i %N %j' | grep -c ' hpoc-' || true; }
hpoc_jobs() { squeue -h -o '%i %j' | grep -c ' hpoc-' || true; }
running_is() { [ "$(running_jobs)" = "$1" ]; }
no_hpoc_job() { [ "$(hpoc_jobs)" = 0 ]; }
wait_for() { # wait_for SECONDS COMMAND...: until COMMAND (run anew each time) succeeds
  local limit=$1; shift
  for _ in $(seq $((limit * 5))); do "$@" && return 0; sleep 0.2; done
  return 1
}
results() { ls "$study"/trials/*/result.json 2>/dev/null | wc -l; }
attempts() { cat "$study"/trials/*/attempts.jsonl 2>/dev/null; }
done_line() { grep -q "$1 of $1 trials done" "$work/out.txt" || { cat "$work/out.txt"; return 1; }; }
status_of_all() { # every result's status is $1
  for r in "$study"/trials/*/result.json; do grep -q "\"status\": \"$1\"" "$r" || return 1; done
}
no_staging_left() { [ -z "$(ls -A "$study/slurm-staging" 2>/dev/null)" ]; }

case $case_name in
four_in_flight)
  HPOC_E2E_SLEEP=3 run
  check "the study finishes" [ $rc = 0 ]
  check "with 4 trials" done_line 4
  check "4 results, each published once" [ "$(results)" = 4 ] && [ "$(attempts | grep -c '"published"')" = 4 ]
  check "4 trainers ran" [ "$(grep -c '^start' "$HPOC_E2E_LOG")" = 4 ]
  check "on both nodes" [ "$(awk '/^start/ { print $3 }' "$HPOC_E2E_LOG" | sort -u | wc -l)" = 2 ]
  check "each trial on its own GPU" [ "$(awk '/^start/ { print $3, $4 }' "$HPOC_E2E_LOG" | sort -u | wc -l)" = 4 ]
  check "all 4 in flight at once (every start before the first end)" \
    awk '/^start/ { s[++n] = $2 } /^end/ && !e { e = $2 } END { for (i in s) if (s[i] > e) exit 1 }' "$HPOC_E2E_LOG"
  check "no staging folder left" no_staging_left
  ;;
cached_rerun)
  HPOC_E2E_SLEEP=0 run
  check "the first run finishes" [ $rc = 0 ]
  before=$(jobs_known)
  HPOC_E2E_SLEEP=0 run
  check "the rerun finishes" [ $rc = 0 ]
  check "from the cache" grep -q "cached" "$work/out.txt"
  check "submitting no job" [ "$(jobs_known)" = "$before" ]
  check "and training nothing" [ "$(grep -c '^start' "$HPOC_E2E_LOG")" = 4 ]
  ;;
trainer_fails|trainer_killed)
  mode=fail; [ $case_name = trainer_killed ] && mode=kill
  HPOC_E2E_MODE=$mode HPOC_E2E_SLEEP=0 run --trials 2
  check "the runner says no trial succeeded (exit status 4)" [ $rc = 4 ]
  check "2 results recorded as failed" [ "$(results)" = 2 ] && status_of_all failed
  [ $mode = kill ] && check "naming the signal" grep -q 'killed by signal 9' "$study"/trials/*/result.json
  check "each published at its first attempt (not retried)" [ "$(attempts | wc -l)" = 2 ]
  before=$(jobs_known)
  HPOC_E2E_MODE=$mode run --trials 2
  check "a rerun takes the failures from the cache, submitting nothing" [ "$(jobs_known)" = "$before" ]
  ;;
scancel_retried)
  HPOC_E2E_SLEEP=6 run_bg --trials 1
  check "the trial's job runs" wait_for 30 running_is 1
  scancel "$(squeue -h -t RUNNING -o '%i %j' | awk '/ hpoc-/ { print $1; exit }')"
  wait "$runner_pid" && rc=0 || rc=$?
  cat "$study"/trials/*/attempts.jsonl
  [ $rc = 0 ] || cat "$work/out.txt"
  check "the study finishes" [ $rc = 0 ]
  check "the cancellation is a cluster failure, recorded" grep -q 'CANCELLED.*"cluster-failure"' "$study"/trials/*/attempts.jsonl
  check "and the trial ran again and was published" grep -q '"published"' "$study"/trials/*/attempts.jsonl
  check "as the trial's own result" status_of_all ok
  check "the trainer ran twice" [ "$(grep -c '^start' "$HPOC_E2E_LOG")" = 2 ]
  ;;
node_lost)
  # The controller takes a node for lost some 15 s after its slurmd stops answering.
  HPOC_E2E_FIRST_SLEEP=60 HPOC_E2E_SLEEP=1 run_bg --trials 1
  check "the trial's job runs" wait_for 30 running_is 1
  node=$(squeue -h -t RUNNING -o '%N %j' | awk '/ hpoc-/ { print $1; exit }')
  kill "$(cat "$cluster/pids/slurmd-$node.pid")"
  wait "$runner_pid" && rc=0 || rc=$?
  "$src/tests/slurm/start-slurm.sh" "$cluster" > /dev/null # the node comes back
  cat "$study"/trials/*/attempts.jsonl
  check "the study finishes" [ $rc = 0 ]
  check "the lost node is a cluster failure, recorded" grep -q 'NODE_FAIL.*"cluster-failure"' "$study"/trials/*/attempts.jsonl
  check "the trial ran again elsewhere and was published once" [ "$(attempts | grep -c '"published"')" = 1 ]
  check "its result holds" status_of_all ok
  ;;
requeue_refused)
  # Slurm requeues batch jobs only; a trial's job (srun's) stays and finishes once.
  HPOC_E2E_SLEEP=4 run_bg --trials 1
  check "the trial's job runs" wait_for 30 running_is 1
  job=$(squeue -h -t RUNNING -o '%i %j' | awk '/ hpoc-/ { print $1; exit }')
  check "scontrol requeue refuses it" bash -c "! scontrol requeue $job"
  wait "$runner_pid" && rc=0 || rc=$?
  check "the study finishes" [ $rc = 0 ]
  check "the trial is published at its first attempt" [ "$(attempts | wc -l)" = 1 ] && status_of_all ok
  ;;
time_limit)
  # The rule of `time 1min`: Slurm's shortest limit, so this case takes a minute.
  sed 's/\$slurm_trial /$slurm_trial --time 1 /' "$rules" > "$work/limited.ninja"
  rules=$work/limited.ninja
  HPOC_E2E_SLEEP=300 run --trials 1
  attempts
  check "the trial that reached Slurm's time limit is recorded as a timeout" status_of_all timeout
  check "at its first attempt, not retried" [ "$(attempts | wc -l)" = 1 ]
  check "naming the limit" grep -q "Slurm time limit of 1 min" "$study"/trials/*/result.json
  ;;
interrupt_cancels)
  HPOC_E2E_SLEEP=60 run_bg
  check "4 jobs run" wait_for 40 running_is 4
  kill -INT -- -"$runner_pid" # Ctrl-C: the whole foreground group
  wait "$runner_pid" || true
  check "no job is left in squeue" wait_for 15 no_hpoc_job
  check "and no result was published" [ "$(results)" = 0 ]
  ;;
controller_restart)
  HPOC_E2E_SLEEP=8 run_bg --trials 2
  check "the jobs run" wait_for 30 running_is 2
  kill "$(cat "$cluster/pids/slurmctld.pid")"
  sleep 2
  "$src/tests/slurm/start-slurm.sh" "$cluster" > /dev/null
  wait "$runner_pid" && rc=0 || rc=$?
  attempts
  check "the study finishes" [ $rc = 0 ]
  check "both trials are published" [ "$(results)" = 2 ] && status_of_all ok
  ;;
controller_down_at_submit)
  kill "$(cat "$cluster/pids/slurmctld.pid")"
  ctld=$(cat "$cluster/pids/slurmctld.pid")
  gone() { ! kill -0 "$ctld" 2>/dev/null; }
  wait_for 10 gone || fail "slurmctld did not stop"
  HPOC_E2E_SLEEP=0 run_bg --trials 1
  a_failure_recorded() { grep -qs '"cluster-failure"' "$study"/trials/*/attempts.jsonl; }
  check "the submission fails" wait_for 60 a_failure_recorded
  "$src/tests/slurm/start-slurm.sh" "$cluster" > /dev/null
  wait "$runner_pid" && rc=0 || rc=$?
  attempts; cat "$work/out.txt"
  check "the study finishes once the controller is back" [ $rc = 0 ]
  check "after a recorded cluster failure" grep -q 'Unable to contact slurm controller.*"cluster-failure"' "$study"/trials/*/attempts.jsonl
  check "its trial is published" [ "$(results)" = 1 ] && status_of_all ok
  ;;
controller_down_throughout)
  kill "$(cat "$cluster/pids/slurmctld.pid")"
  HPOC_E2E_SLEEP=0 run --trials 1
  "$src/tests/slurm/start-slurm.sh" "$cluster" > /dev/null
  attempts
  check "the study stops" [ $rc = 1 ]
  check "naming an infrastructure failure" grep -q "infrastructure failure: the cluster failed every one of 4 attempts; nothing was cached" "$work/out.txt"
  check "after 4 recorded attempts" [ "$(attempts | grep -c '"cluster-failure"')" = 4 ]
  check "and nothing is cached" [ "$(results)" = 0 ]
  ;;
inside_allocation)
  # Inside an allocation (`salloc`), each trial is a step of it: srun --exact.
  inside="salloc --nodes=2 --ntasks=4 --gres=gpu:2 --job-name=hpoc-alloc"
  HPOC_E2E_SLEEP=2 run
  check "the study finishes" [ $rc = 0 ]
  check "with 4 trials" done_line 4
  check "each published once" [ "$(attempts | grep -c '"published"')" = 4 ]
  check "all of them steps of the one allocation" [ "$(sed -n 's/.* job=\([0-9]*\) .*/\1/p' "$HPOC_E2E_LOG" | sort -u | wc -l)" = 1 ]
  check "each trial on its own GPU" [ "$(awk '/^start/ { print $3, $4 }' "$HPOC_E2E_LOG" | sort -u | wc -l)" = 4 ]
  ;;
two_at_once)
  HPOC_E2E_SLEEP=0 run --trials 2
  check "a first run finishes" [ $rc = 0 ]
  rm -f "$study"/trials/*/result.json "$study"/trials/*/attempts.jsonl
  : > "$HPOC_E2E_LOG"
  targets=$(cd "$study" && ls -d trials/*/ | sed 's|/$|/result.json|')
  export HPOC_E2E_SLEEP=3
  (cd "$study" && "$ninja" -f trials.ninja $targets > "$work/first.txt" 2>&1) & first=$!
  (cd "$study" && "$ninja" -f trials.ninja $targets > "$work/second.txt" 2>&1) & second=$!
  wait $first && wait $second || { cat "$work/first.txt" "$work/second.txt"; fail "a build failed"; }
  check "both builds succeed and each trial ran once" [ "$(grep -c '^start' "$HPOC_E2E_LOG")" = 2 ]
  check "and was published once" [ "$(attempts | grep -c '"published"')" = 2 ]
  check "and its result holds" status_of_all ok
  ;;
damaged_result)
  HPOC_E2E_SLEEP=0 run --trials 2
  check "a first run finishes" [ $rc = 0 ]
  trials=($(ls -d "$study"/trials/*/))
  head -c 5 "${trials[0]}/metrics.jsonl" > "$work/m" && cp "$work/m" "${trials[0]}/metrics.jsonl"
  sed -i 's/"metrics.jsonl": "\(.\)/"metrics.jsonl": "0\1/' "${trials[1]}/result.json"
  HPOC_E2E_SLEEP=0 run --trials 2
  check "the rerun finishes" [ $rc = 0 ]
  check "the truncated metrics file is rejected" grep -q "metrics.jsonl no longer matches its hash" "$work/out.txt"
  check "the manifest with a wrong hash is rejected" grep -q "result.json was modified after it was written" "$work/out.txt"
  check "both trials ran again on the cluster" [ "$(grep -c '^start' "$HPOC_E2E_LOG")" = 4 ]
  check "and hold now" status_of_all ok
  ;;
measure)
  # 20 trials with parallel 4 against the same 20 one at a time (a rules file of depth 1).
  sed 's/depth = 4/depth = 1/' "$rules" > "$work/serial.ninja"
  export HPOC_E2E_SLEEP=2
  t0=$(date +%s.%N); run --trials 20; t1=$(date +%s.%N)
  check "20 trials in parallel" done_line 20
  check "none duplicated, none lost" [ "$(results)" = 20 ] && [ "$(attempts | grep -c '"published"')" = 20 ] \
    && [ "$(grep -c '^start' "$HPOC_E2E_LOG")" = 20 ]
  rm -rf "$study"; : > "$HPOC_E2E_LOG"
  rules=$work/serial.ninja
  t2=$(date +%s.%N); run --trials 20; t3=$(date +%s.%N)
  check "20 trials one at a time" done_line 20
  awk -v p="$(awk "BEGIN { print $t1 - $t0 }")" -v s="$(awk "BEGIN { print $t3 - $t2 }")" \
    'BEGIN { printf "measured: 20 trials of 2 s on 2 nodes: parallel 4 %.1f s, serial %.1f s (%.2f of serial)\n", p, s, p / s }'
  ;;
*)
  fail "unknown case" ;;
esac
