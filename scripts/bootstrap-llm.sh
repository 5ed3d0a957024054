#!/usr/bin/env bash
# Sets up the embedded offline LLM: llama.cpp's `llama-server` built from source and
# small instruction-tuned GGUF models, all taken from package registries and cached
# outside any build tree.
#
#   scripts/bootstrap-llm.sh                 # server + default model
#   scripts/bootstrap-llm.sh NAME [NAME...]  # server + the named models
#   scripts/bootstrap-llm.sh --all           # server + every model in the lock file
#   scripts/bootstrap-llm.sh --server-only   # only llama-server
#   scripts/bootstrap-llm.sh --list          # models known to the lock file
#
# Layout (HPOC_CACHE_DIR, default ~/.cache/hpoc):
#   llama.cpp/                    llama.cpp source (from the node-llama-cpp npm package)
#   llama.cpp/build/bin/llama-server
#   models/<name>.gguf            verified against scripts/llm-models.lock
#   llm.env                       shell snippet with the paths above
#
# A second run verifies stamps only and takes about a second.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LOCK_FILE="${SCRIPT_DIR}/llm-models.lock"
CACHE="${HPOC_CACHE_DIR:-${HOME}/.cache/hpoc}"
LLAMA_NPM_PACKAGE="node-llama-cpp"
LLAMA_NPM_VERSION="3.21.1"
LLAMA_BUNDLE_SHA256="9336d8aab8f8e6a8919380f3641fe92e57b02fb55df1b6bd083b82491a6293b8"
JOBS="${HPOC_BUILD_JOBS:-$(nproc 2>/dev/null || echo 2)}"

log() { printf 'bootstrap-llm: %s\n' "$*" >&2; }
die() { printf 'bootstrap-llm: error: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- lock file
# Each non-comment line: name  default|-  sha256  size  source...
# where source is `pypi:PKG==VER:PATH_IN_ARCHIVE` (one per split part, in order).
lock_names() { awk '!/^#/ && NF { print $1 }' "$LOCK_FILE"; }
lock_default() { awk '!/^#/ && NF && $2 == "default" { print $1; exit }' "$LOCK_FILE"; }
lock_field() { awk -v n="$1" -v f="$2" '!/^#/ && NF && $1 == n { print $f; exit }' "$LOCK_FILE"; }
lock_sources() { awk -v n="$1" '!/^#/ && NF && $1 == n { for (i = 5; i <= NF; i++) print $i; exit }' "$LOCK_FILE"; }

# ---------------------------------------------------------------- tools
need_tools() {
  local missing=()
  local t
  for t in "$@"; do
    command -v "$t" >/dev/null 2>&1 || missing+=("$t")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  local pkgs=()
  for t in "${missing[@]}"; do
    case "$t" in
      ninja) pkgs+=(ninja-build) ;;
      g++) pkgs+=(g++) ;;
      python3) pkgs+=(python3) ;;
      pip3) pkgs+=(python3-pip) ;;
      *) pkgs+=("$t") ;;
    esac
  done
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    die "missing tools: ${missing[*]} (install: ${pkgs[*]})"
  fi
  log "installing ${pkgs[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
}

pip_cmd() {
  if command -v pip3 >/dev/null 2>&1; then echo pip3
  elif python3 -m pip --version >/dev/null 2>&1; then echo "python3 -m pip"
  else need_tools pip3; echo pip3
  fi
}

# ---------------------------------------------------------------- llama-server
SERVER_DIR="${CACHE}/llama.cpp"
SERVER_BIN="${SERVER_DIR}/build/bin/llama-server"
SERVER_STAMP="${SERVER_DIR}/build/.hpoc-stamp"
SERVER_STAMP_TEXT="${LLAMA_NPM_PACKAGE}@${LLAMA_NPM_VERSION} ${LLAMA_BUNDLE_SHA256}"

ensure_server() {
  if [ -x "$SERVER_BIN" ] && [ "$(cat "$SERVER_STAMP" 2>/dev/null)" = "$SERVER_STAMP_TEXT" ]; then
    log "llama-server up to date: $SERVER_BIN"
    return 0
  fi
  need_tools git cmake ninja g++ npm tar
  local dl="${CACHE}/downloads/npm"
  mkdir -p "$dl"
  local tgz="${dl}/${LLAMA_NPM_PACKAGE}-${LLAMA_NPM_VERSION}.tgz"
  if [ ! -f "$tgz" ]; then
    log "fetching ${LLAMA_NPM_PACKAGE}@${LLAMA_NPM_VERSION} (llama.cpp source)"
    (cd "$dl" && npm pack --silent "${LLAMA_NPM_PACKAGE}@${LLAMA_NPM_VERSION}" >/dev/null)
  fi
  local unpack="${dl}/unpacked"
  rm -rf "$unpack" && mkdir -p "$unpack"
  tar -xzf "$tgz" -C "$unpack" package/llama/gitRelease.bundle
  local bundle="${unpack}/package/llama/gitRelease.bundle"
  local got
  got="$(sha256sum "$bundle" | cut -d' ' -f1)"
  [ "$got" = "$LLAMA_BUNDLE_SHA256" ] || die "llama.cpp bundle checksum mismatch: $got"
  if [ ! -f "${SERVER_DIR}/CMakeLists.txt" ] || \
     [ "$(cat "${SERVER_DIR}/.hpoc-bundle" 2>/dev/null)" != "$LLAMA_BUNDLE_SHA256" ]; then
    log "unpacking llama.cpp source into $SERVER_DIR"
    rm -rf "$SERVER_DIR"
    git -c advice.detachedHead=false clone --quiet "$bundle" "$SERVER_DIR"
    echo "$LLAMA_BUNDLE_SHA256" > "${SERVER_DIR}/.hpoc-bundle"
  fi
  rm -rf "$unpack"
  log "building llama-server with ${JOBS} jobs (about 7 minutes on 2 cores)"
  local start=$SECONDS
  cmake -S "$SERVER_DIR" -B "${SERVER_DIR}/build" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release \
    -DLLAMA_BUILD_SERVER=ON -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_OPENSSL=OFF \
    -DLLAMA_CURL=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF \
    > "${SERVER_DIR}/build-configure.log" 2>&1 \
    || { tail -n 30 "${SERVER_DIR}/build-configure.log" >&2; die "configuring llama.cpp failed"; }
  cmake --build "${SERVER_DIR}/build" --target llama-server -j "$JOBS" \
    > "${SERVER_DIR}/build.log" 2>&1 \
    || { tail -n 30 "${SERVER_DIR}/build.log" >&2; die "building llama-server failed"; }
  [ -x "$SERVER_BIN" ] || die "build finished but $SERVER_BIN is missing"
  echo "$SERVER_STAMP_TEXT" > "$SERVER_STAMP"
  log "built llama-server in $((SECONDS - start)) s"
}

# ---------------------------------------------------------------- models
MODELS_DIR="${CACHE}/models"

# Unpacks one registry archive (wheel or sdist) into a directory.
unpack_archive() {
  local archive="$1" into="$2"
  mkdir -p "$into"
  case "$archive" in
    *.whl|*.zip) python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$archive" "$into" ;;
    *.tar.gz|*.tgz) tar -xzf "$archive" -C "$into" ;;
    *) die "unknown archive type: $archive" ;;
  esac
}

ensure_model() {
  local name="$1"
  local sha size
  sha="$(lock_field "$name" 3)"
  size="$(lock_field "$name" 4)"
  [ -n "$sha" ] || die "unknown model '$name' (known: $(lock_names | tr '\n' ' '))"
  local dest="${MODELS_DIR}/${name}.gguf"
  local stamp="${MODELS_DIR}/.${name}.sha256"
  if [ -f "$dest" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$sha" ] && \
     [ "$(stat -c %s "$dest")" = "$size" ]; then
    log "model up to date: $dest"
    return 0
  fi
  need_tools python3 tar
  local pip
  pip="$(pip_cmd)"
  local work="${CACHE}/downloads/pypi/${name}"
  mkdir -p "$work" "$MODELS_DIR"
  local partial="${dest}.partial"
  : > "$partial"
  local src spec path pkgdir archive
  while read -r src; do
    [ -n "$src" ] || continue
    # pypi:PKG==VER:PATH
    spec="${src#pypi:}"; path="${spec#*:}"; spec="${spec%%:*}"
    pkgdir="${work}/${spec//==/-}"
    archive="$(ls "$pkgdir"/*.whl "$pkgdir"/*.tar.gz 2>/dev/null | head -n 1 || true)"
    if [ -z "$archive" ]; then
      log "fetching $spec"
      mkdir -p "$pkgdir"
      $pip download --quiet --no-deps --no-build-isolation --disable-pip-version-check \
        -d "$pkgdir" "$spec" >/dev/null 2>"${pkgdir}.log" \
        || { cat "${pkgdir}.log" >&2; die "download of $spec failed"; }
      archive="$(ls "$pkgdir"/*.whl "$pkgdir"/*.tar.gz 2>/dev/null | head -n 1 || true)"
      [ -n "$archive" ] || die "no archive for $spec in $pkgdir"
    fi
    rm -rf "${pkgdir}/x"
    unpack_archive "$archive" "${pkgdir}/x"
    [ -f "${pkgdir}/x/${path}" ] || die "$spec has no file $path"
    cat "${pkgdir}/x/${path}" >> "$partial"
    rm -rf "${pkgdir}/x"
  done < <(lock_sources "$name")
  local got
  got="$(sha256sum "$partial" | cut -d' ' -f1)"
  if [ "$got" != "$sha" ]; then
    rm -f "$partial"
    die "model $name: sha256 $got does not match the lock file ($sha)"
  fi
  mv -f "$partial" "$dest"
  echo "$sha" > "$stamp"
  # The verified file is the cache; the downloaded archives are not needed again.
  [ -n "${HPOC_KEEP_DOWNLOADS:-}" ] || rm -rf "$work"
  log "model ready: $dest ($(du -h "$dest" | cut -f1))"
}

write_env() {
  local default="$1"
  cat > "${CACHE}/llm.env" <<ENV
# Written by scripts/bootstrap-llm.sh
HPOC_LLAMA_SERVER=${SERVER_BIN}
HPOC_MODELS_DIR=${MODELS_DIR}
HPOC_DEFAULT_MODEL=${default}
ENV
}

# ---------------------------------------------------------------- main
main() {
  [ -f "$LOCK_FILE" ] || die "missing $LOCK_FILE"
  local server=1 models=() all=0 list=0
  while [ $# -gt 0 ]; do
    case "$1" in
      --all) all=1 ;;
      --server-only) models=(); server=2 ;;
      --list) list=1 ;;
      -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
      -*) die "unknown option $1" ;;
      *) models+=("$1") ;;
    esac
    shift
  done
  local default
  default="$(lock_default)"
  if [ "$list" -eq 1 ]; then
    local n
    for n in $(lock_names); do
      printf '%s%s\n' "$n" "$([ "$n" = "$default" ] && echo ' (default)')"
    done
    exit 0
  fi
  if [ "$all" -eq 1 ]; then mapfile -t models < <(lock_names)
  elif [ "${#models[@]}" -eq 0 ] && [ "$server" -ne 2 ]; then models=("$default")
  fi
  local m
  for m in "${models[@]}"; do
    [ -n "$(lock_field "$m" 3)" ] || die "unknown model '$m' (known: $(lock_names | tr '\n' ' '))"
  done
  mkdir -p "$CACHE"
  ensure_server
  for m in "${models[@]}"; do ensure_model "$m"; done
  write_env "$default"
  local shown="${models[*]:-none}"
  echo "hpoc LLM ready: server=${SERVER_BIN} models=${MODELS_DIR} (${shown// /, }) default=${default} cache=${CACHE}"
}

main "$@"
