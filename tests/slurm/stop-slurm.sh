#!/usr/bin/env bash
# Stops the cluster tests/slurm/start-slurm.sh DIR started: its jobs, its slurmd
# nodes, slurmctld and its munged. Only the processes whose pid files DIR holds.
set -uo pipefail
DIR=${1:?usage: stop-slurm.sh DIR}
[ -d "$DIR" ] || exit 0
if [ -f "$DIR/slurm.conf" ]; then
  SLURM_CONF=$DIR/slurm.conf scancel --full --quiet --user="$(id -un)" >/dev/null 2>&1 || true
fi
for f in "$DIR"/pids/slurmd-*.pid "$DIR"/pids/slurmctld.pid "$DIR"/munge/munged.pid; do
  [ -f "$f" ] || continue
  pid=$(cat "$f")
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$f"
done
rm -f "$DIR/pids/munged.pid"
echo "stopped the Slurm cluster of $DIR"
