#!/usr/bin/env bash
# trainer.sh CONFIG METRICS: the Slurm e2e trainer. Logs where and when it ran
# to $HPOC_E2E_LOG; $HPOC_E2E_MODE makes it fail (exit 1), die (SIGKILL) or
# leave without a metric; $HPOC_E2E_SLEEP is how long it trains
# ($HPOC_E2E_FIRST_SLEEP, when set, for the first trainer the log records).
set -u
x=$(sed -n 's/.*"x": *\([-0-9.eE+]*\).*/\1/p' "$1")
log=${HPOC_E2E_LOG:-/dev/null}
sleep_for=${HPOC_E2E_SLEEP:-1}
if [ -n "${HPOC_E2E_FIRST_SLEEP:-}" ] && ! grep -q '^start' "$log" 2>/dev/null; then
  sleep_for=$HPOC_E2E_FIRST_SLEEP
fi
echo "start $(date +%s.%N) ${SLURMD_NODENAME:-?} gpu=${CUDA_VISIBLE_DEVICES:-none} job=${SLURM_JOB_ID:-?} x=$x" >> "$log"
case ${HPOC_E2E_MODE:-ok} in
  fail) echo "no such file: data.csv" >&2; exit 1 ;;
  none) exit 0 ;;
  kill) kill -9 $$ ;;
esac
sleep "$sleep_for"
echo "{\"loss\": $(awk "BEGIN { print ($x - 0.3) ^ 2 }")}" > "$2"
echo "end $(date +%s.%N) ${SLURMD_NODENAME:-?} job=${SLURM_JOB_ID:-?}" >> "$log"
