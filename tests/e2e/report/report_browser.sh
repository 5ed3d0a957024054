#!/usr/bin/env bash
# End-to-end check of report.html and `hpoc compare --html` in a real headless
# browser. A user's project (found as hpoc's build tree) tunes a 10-trial study
# whose Python trainer fails on some configurations; Chromium opens the report,
# the page's script writes each plot's mark count into the DOM, and the test
# reads them back with --dump-dom: every plot must have marks and no error may
# be reported. Three runs of the study (other search seeds) are compared as HTML
# and checked the same way. A screenshot of the report is saved as report.png in
# the build tree; with HPOC_UPDATE_SCREENSHOT=1 (or when it is missing) it also
# replaces docs/images/report.png, which README shows (its wall time changes from
# run to run, so an ordinary run leaves the source tree alone).
#
#   report_browser.sh SOURCE_DIR BUILD_DIR HPOC [NINJA]
#
# Without chromium it skips (exit 77), except under CI=true, where it fails.
set -euo pipefail
src=$1 build_root=$2 hpoc=$3 ninja=${4:-ninja}
fail() { echo "FAIL [report_browser]: $*" >&2; exit 1; }
check() { local what=$1; shift; "$@" || fail "$what"; }

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  if [ "${CI:-}" = true ]; then
    fail "chromium is not installed (scripts/setup-deps.sh --browser installs it)"
  fi
  echo "SKIPPED: chromium is not installed (scripts/setup-deps.sh --browser installs it)"
  exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/hpoc-e2e-report.XXXXXX")
trap 'rm -rf "$work"' EXIT
user=$work/user
mkdir -p "$user"
cat > "$user/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.25)
project(user LANGUAGES C CXX)
find_package(hpoc REQUIRED)
hpoc_add_study(NAME shapes STUDY study.hpo)
CM
# A trainer that reports five epochs, and dies on wide networks with a large rate.
cat > "$user/train.py" <<'PY'
import json, math, sys
cfg = json.load(open(sys.argv[1]))
if cfg["units"] > 160 and cfg["lr"] > 1e-3:
    sys.exit("RuntimeError: loss diverged to inf at epoch 2")
bias = {"adam": 0.0, "sgd": 0.08, "rmsprop": 0.03}[cfg["optimizer"]]
loss = 1.0
for epoch in range(1, 6):
    loss = loss * (0.7 + abs(math.log10(cfg["lr"]) + 3) * 0.05) + bias / epoch + 16 / (cfg["units"] + 40) / 10
    print(f"epoch={epoch} val_loss={loss:.5f}")
PY
cat > "$user/study.hpo" <<'HPO'
study shapes {
  task "A toy network whose wide variants diverge at large learning rates."
  dataset {
    name "none"
  }
  goal {
    minimize "val_loss"
    trials 10
  }
  space {
    float lr [1e-5, 1e-1] log default 1e-3 "learning rate"
    int units [8, 256] default 64 "hidden units"
    categorical optimizer {"adam", "sgd", "rmsprop"} default "adam" "optimizer"
  }
  trainer {
    command "python3 {study_dir}/train.py {config}"
    depends "train.py"
    metrics stdout
    pattern "val_loss" "val_loss=([0-9.]+)"
    pattern "epoch" "epoch=([0-9]+)"
  }
  agent {
    strategy random
  }
}
HPO

cmake -S "$user" -B "$work/build" -G Ninja -DCMAKE_MAKE_PROGRAM="$ninja" -Dhpoc_DIR="$build_root" \
  > "$work/configure.log" 2>&1 || { cat "$work/configure.log"; fail "configure the user's project"; }
cmake --build "$work/build" --target tune-shapes > "$work/out.txt" 2>&1 || { cat "$work/out.txt"; fail "tune-shapes"; }
study=$work/build/hpo/shapes
finished=$(grep -c '"event":"finished"' "$study/journal.jsonl" || true)
failed=$(grep '"event":"finished"' "$study/journal.jsonl" | grep -vc '"status":"ok"' || true)
check "10 trials finished ($finished)" [ "$finished" = 10 ]
check "some trials failed ($failed) and some succeeded" [ "$failed" -ge 1 ] && [ "$failed" -le 8 ]

# Opens an HTML file in headless Chromium and checks what its script recorded:
# N plots drawn, none failed, no page error, and marks in every plot.
check_page() { # check_page FILE PLOTS NAME
  local file=$1 plots=$2 name=$3 dom=$work/$3.dom
  "$browser" --headless --no-sandbox --disable-gpu --enable-logging=stderr --v=0 \
    --virtual-time-budget=20000 --dump-dom "file://$file" > "$dom" 2> "$work/$name.log" \
    || { cat "$work/$name.log"; fail "$name: chromium failed"; }
  check "$name: the page has no errors" grep -q 'data-page-errors="0"' "$dom"
  check "$name: $plots plots drawn" grep -q "data-plots-drawn=\"$plots\"" "$dom"
  check "$name: no plot failed" grep -q 'data-plots-failed="0"' "$dom"
  if grep -iE 'CONSOLE.*(uncaught|error)' "$work/$name.log"; then fail "$name: console errors"; fi
  local ids
  ids=$(grep -o '<div id="plot-[a-z0-9-]*" class="vega"[^>]*>' "$dom" || true)
  check "$name: $plots plot boxes" [ "$(printf '%s\n' "$ids" | grep -c 'class="vega"')" = "$plots" ]
  while read -r box; do
    marks=$(printf '%s' "$box" | sed -n 's/.*data-marks="\([0-9]*\)".*/\1/p')
    check "$name: marks in $box" [ -n "$marks" ] && [ "$marks" -gt 0 ]
  done <<< "$ids"
  echo "$name: $plots plots, marks: $(printf '%s\n' "$ids" | sed -n 's/.*id="\(plot-[a-z0-9-]*\)".*data-marks="\([0-9]*\)".*/\1=\2/p' | tr '\n' ' ')"
}
# Best so far, 3 parameters, parallel coordinates, learning curves.
check_page "$study/report.html" 6 report
check "report.md links its images" grep -q '](report-best-so-far.svg)' "$study/report.md"
check "the images are beside it" [ -s "$study/report-param-3-optimizer.svg" ]
check "report.md has the computed importance" grep -q '| units | ' "$study/report.md"

# Three runs of the study side by side.
runner=$work/build/hpoc-runner-shapes
for seed in 3 4; do
  "$runner" --study-dir "$work/runs/seed-$seed" --rules "$work/build/hpoc-gen/shapes/shapes.ninja" \
    --ninja "$ninja" --search-seed "$seed" > "$work/run-$seed.txt" 2>&1 \
    || { cat "$work/run-$seed.txt"; fail "run with search seed $seed"; }
done
"$hpoc" compare "$study" "$work/runs/seed-3" "$work/runs/seed-4" --html "$work/compare.html" \
  > "$work/compare.txt" 2>&1 || { cat "$work/compare.txt"; fail "hpoc compare --html"; }
check "compare prints the text table too" grep -q "^   10 " "$work/compare.txt"
check_page "$work/compare.html" 1 compare

# The screenshot README shows.
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,1700 \
  --virtual-time-budget=20000 --screenshot="$work/report.png" "file://$study/report.html" \
  > "$work/screenshot.log" 2>&1 || { cat "$work/screenshot.log"; fail "screenshot"; }
check "a screenshot was taken" [ -s "$work/report.png" ]
cp "$work/report.png" "$build_root/report.png"
if [ "${HPOC_UPDATE_SCREENSHOT:-0}" = 1 ] || [ ! -f "$src/docs/images/report.png" ]; then
  mkdir -p "$src/docs/images"
  cp "$work/report.png" "$src/docs/images/report.png"
  echo "screenshot: $src/docs/images/report.png"
fi
echo "PASS: report.html of a 10-trial study with $failed failed trials and hpoc compare --html, drawn in $("$browser" --version)"
