#!/usr/bin/env bash
# Exports the MovieLens ratings that Debian's r-cran-dslabs ships into DIR/movielens.npz
# (user, movie, rating, year, genre ids; plus the genre names). Idempotent.
#   common/movielens_setup.sh DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$1
HPOC_EXTRA_DEBIAN_PACKAGES="r-cran-dslabs r-base-core python3-torch python3-numpy" "$here/../../../scripts/setup-deps.sh"
[ -f "$out/movielens.npz" ] && exit 0
mkdir -p "$out"
Rscript -e 'data(movielens, package="dslabs"); write.csv(movielens, commandArgs(TRUE)[1], row.names=FALSE)' "$out/movielens.csv"
/usr/bin/python3 - "$out" <<'PY'
import csv, os, sys
import numpy as np
out = sys.argv[1]
users, movies, ratings, years, genres = [], [], [], [], []
names = {}
with open(os.path.join(out, "movielens.csv"), newline="", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        users.append(int(row["userId"])); movies.append(int(row["movieId"])); ratings.append(float(row["rating"]))
        years.append(int(row["year"]) if row["year"] not in ("", "NA") else 0)
        first = row["genres"].split("|")[0]
        genres.append(names.setdefault(first, len(names)))
uid = {u: i for i, u in enumerate(sorted(set(users)))}
mid = {m: i for i, m in enumerate(sorted(set(movies)))}
np.savez_compressed(os.path.join(out, "movielens.npz"), user=np.array([uid[u] for u in users]),
                    movie=np.array([mid[m] for m in movies]), rating=np.array(ratings, dtype=np.float32),
                    year=np.array(years), genre=np.array(genres), genre_names=np.array(list(names)))
os.remove(os.path.join(out, "movielens.csv"))
print(f"movielens: {len(users)} ratings, {len(uid)} users, {len(mid)} movies")
PY
