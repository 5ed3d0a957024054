#!/usr/bin/env bash
# The runtime's own cost per trial, against Optuna's, in one run: a 60-trial
# random study of a trivial shell trainer through hpoc (a study runner built
# against this build tree), the same trainer through Optuna (RandomSampler,
# JournalStorage, subprocess.run), and a bare loop of the same spawns.
#   bench/overhead/run.sh BUILD_DIR [TRIALS] [REPEATS]
# Prints each run's wall time and the per-trial overhead (minus the bare loop).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:?usage: run.sh BUILD_DIR [TRIALS] [REPEATS]}" && pwd)
trials=${2:-60} repeats=${3:-3}
cache=${HPOC_CACHE_DIR:-$HOME/.cache/hpoc}
optuna_version=5.0.0
if ! PYTHONPATH="$cache/bench-python" python3 -c "import optuna, sys; sys.exit(optuna.__version__ != '$optuna_version')" 2>/dev/null; then
  python3 -m pip install -q --disable-pip-version-check --target "$cache/bench-python" --upgrade "optuna==$optuna_version"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/project"
cat > "$work/project/study.hpo" <<HPO
study overhead {
  task "A trainer that does nothing, to measure the runtime's own cost."
  goal {
    maximize v
    trials $trials
  }
  space {
    float x [0, 1] "Unused."
  }
  trainer {
    command "sh -c 'echo v=1' {config}"
    metrics stdout
    pattern v "v=([0-9.]+)"
  }
  agent {
    strategy random
  }
}
HPO
cat > "$work/project/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.25)
project(overhead C CXX)
find_package(hpoc REQUIRED)
hpoc_add_study(NAME overhead STUDY study.hpo)
CM
cmake -S "$work/project" -B "$work/build" -G Ninja -Dhpoc_DIR="$build" > "$work/configure.log" 2>&1 \
  || { cat "$work/configure.log"; exit 1; }
cmake --build "$work/build" --target hpoc-runner-overhead > "$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }
runner=$work/build/hpoc-runner-overhead
rules=$(find "$work/build" -name overhead.ninja | head -1)

cat > "$work/optuna_study.py" <<'PY'
import re, subprocess, sys, time
import optuna
from optuna.storages import JournalStorage
from optuna.storages.journal import JournalFileBackend
trials, path = int(sys.argv[1]), sys.argv[2]
optuna.logging.set_verbosity(optuna.logging.WARNING)
def objective(trial):
    trial.suggest_float("x", 0, 1)
    out = subprocess.run(["sh", "-c", "echo v=1"], capture_output=True, text=True, check=True).stdout
    return float(re.search(r"v=([0-9.]+)", out).group(1))
start = time.monotonic()
study = optuna.create_study(direction="maximize", sampler=optuna.samplers.RandomSampler(seed=0),
                            storage=JournalStorage(JournalFileBackend(path)))
study.optimize(objective, n_trials=trials)
print("%.3f" % (time.monotonic() - start))
PY
cat > "$work/bare.py" <<'PY'
import subprocess, sys, time
start = time.monotonic()
for _ in range(int(sys.argv[1])):
    subprocess.run(["sh", "-c", "echo v=1"], capture_output=True, text=True, check=True)
print("%.3f" % (time.monotonic() - start))
PY
now() { python3 -c 'import time; print("%.6f" % time.monotonic())'; }
echo "run | hpoc (s) | Optuna (s) | bare spawns (s) | hpoc per trial (ms) | Optuna per trial (ms)"
echo "---|---|---|---|---|---"
for r in $(seq 1 "$repeats"); do
  s=$(now)
  "$runner" --study-dir "$work/hpo-$r" --rules "$rules" --ninja "$(command -v ninja)" > "$work/hpoc-$r.log" 2>&1
  hpoc=$(python3 -c "print('%.3f' % ($(now) - $s))")
  # Optuna's time includes its import, as hpoc's includes the runner's start.
  s=$(now)
  PYTHONPATH="$cache/bench-python" python3 "$work/optuna_study.py" "$trials" "$work/optuna-$r.log" > /dev/null
  optuna=$(python3 -c "print('%.3f' % ($(now) - $s))")
  bare=$(python3 "$work/bare.py" "$trials")
  python3 -c "
h, o, b, n = $hpoc, $optuna, $bare, $trials
print('%d | %.2f | %.2f | %.2f | %.1f | %.1f' % ($r, h, o, b, (h - b) / n * 1000, (o - b) / n * 1000))"
done
grep -q "$trials of $trials trials done" "$work/hpoc-$repeats.log" || { echo "hpoc's study did not finish:"; tail "$work/hpoc-$repeats.log"; exit 1; }
