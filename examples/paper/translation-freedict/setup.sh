#!/usr/bin/env bash
# English-French word and phrase pairs from Debian's dict-freedict-eng-fra
# (the first translation of each headword), written once to data/pairs.tsv;
# PyTorch from Debian.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
HPOC_EXTRA_DEBIAN_PACKAGES="dict-freedict-eng-fra python3-torch python3-numpy" "$here/../../../scripts/setup-deps.sh"
[ -f "$here/data/pairs.tsv" ] && exit 0
mkdir -p "$here/data"
/usr/bin/python3 - "$here/data/pairs.tsv" <<'PY'
import gzip, random, re, sys
ALPHA = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
def b64(s):
    n = 0
    for ch in s:
        n = n * 64 + ALPHA.index(ch)
    return n
text = gzip.open("/usr/share/dictd/freedict-eng-fra.dict.dz").read()
pairs = []
for line in open("/usr/share/dictd/freedict-eng-fra.index", encoding="utf-8"):
    head, off, length = line.rstrip("\n").split("\t")
    if head.startswith("00"):
        continue
    entry = text[b64(off):b64(off) + b64(length)].decode("utf-8").splitlines()
    senses = [re.sub(r"^\d+\. ", "", s).strip() for s in entry[1:] if s.strip()]
    if not senses:
        continue
    fr = senses[0].split(",")[0].strip()
    en = re.sub(r"\s*/.*$", "", entry[0]).strip()
    if en and fr and len(en) <= 14 and len(fr) <= 14 and "\t" not in en + fr:
        pairs.append((en.lower(), fr.lower()))
pairs = sorted(set(pairs))
random.Random(0).shuffle(pairs)
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for en, fr in pairs:
        f.write(f"{en}\t{fr}\n")
print(f"freedict: {len(pairs)} pairs")
PY
