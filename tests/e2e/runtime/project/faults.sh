#!/bin/sh
# A trainer that misbehaves as its config's `mode` says.
config=$1 metrics=$2
mode=$(sed -n 's/^mode: "\(.*\)"$/\1/p' "$config")
echo "$mode" >> "${HPOC_E2E_RUNS:-/dev/null}"
case $mode in
  ok)       printf '{"epoch": 1, "score": 0.5}\n{"final": true, "score": 0.75}\n' > "$metrics" ;;
  crash)    printf '{"epoch": 1, "score": 0.9}\n' > "$metrics"
            printf 'caf\351 \377 (not UTF-8)\n' >&2; echo "boom: the trainer crashed" >&2; exit 1 ;;
  hang)     sleep 300 & echo "started a child $!" >&2; sleep 300 ;;
  nometric) printf '{"epoch": 1, "loss": 0.5}\n' > "$metrics" ;;
  nan)      printf '{"epoch": 1, "score": NaN}\n{"final": true, "score": NaN}\n' > "$metrics" ;;
  escape)   printf '{"final": true, "score": 0.25}\n' > "$metrics"
            # A process that leaves the trainer's group and outlives it; the
            # trainer waits until it has left, or the group's end would take it.
            mark=${HPOC_E2E_RUNS:-/tmp/hpoc-e2e}.escaped
            setsid sh -c ': > "$0"; sleep 61; echo left' "$mark" > /dev/null 2>&1 < /dev/null &
            while [ ! -e "$mark" ]; do sleep 0.05; done ;;
  partial)  printf '{"epoch": 1, "score": 0.9}\n{"final": true, "sc' > "$metrics"; kill -9 $$ ;;
esac
