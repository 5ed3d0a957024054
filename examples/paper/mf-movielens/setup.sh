#!/usr/bin/env bash
# MovieLens from Debian's r-cran-dslabs, exported once into data/movielens.npz.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
"$here/../common/movielens_setup.sh" "$here/data"
