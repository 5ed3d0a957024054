#!/usr/bin/env bash
# Checks that hpoc's C++ sources (dsl/, compiler/, runtime/) are as clang-format
# (the root .clang-format) writes them; prints each file that is not and exits 1.
# Fix with: git ls-files 'dsl/*.[ch]*' 'compiler/*.[ch]*' 'runtime/*.[ch]*' | xargs clang-format-14 -i
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
format=$(command -v clang-format-14 || command -v clang-format)
bad=0
while read -r f; do
  if ! "$format" --dry-run --Werror "$f" >/dev/null 2>&1; then
    echo "check-format: $f is not formatted (clang-format -i $f)"
    bad=1
  fi
done < <(git ls-files 'dsl/*.cpp' 'dsl/*.h' 'compiler/*.cpp' 'compiler/*.h' 'runtime/*.cpp' 'runtime/*.h')
[ $bad = 0 ] && echo "check-format: every C++ source of dsl/, compiler/ and runtime/ is formatted"
exit $bad
