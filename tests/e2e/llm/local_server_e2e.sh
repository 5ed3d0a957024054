#!/usr/bin/env bash
# End-to-end check of the embedded offline LLM: the real llama-server from the
# bootstrap cache answers schema-constrained proposals through hpoc_llm
# (LocalServer + ChatClient), and `hpoc llm check` passes when the driver is built.
#
#   tests/e2e/llm/local_server_e2e.sh [BUILD_DIR]     (default BUILD_DIR: build)
#
# Without a bootstrap cache it skips (exit 0 with a SKIPPED line) unless
# HPOC_REQUIRE_LLM is set; CI sets it after running scripts/bootstrap-llm.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
BUILD="${1:-${ROOT}/build}"
CACHE="${HPOC_CACHE_DIR:-${HOME}/.cache/hpoc}"

if [ ! -x "${CACHE}/llama.cpp/build/bin/llama-server" ] || ! ls "${CACHE}"/models/*.gguf >/dev/null 2>&1; then
  if [ -z "${HPOC_REQUIRE_LLM:-}" ] || [ "${HPOC_REQUIRE_LLM}" = 0 ]; then
    echo "SKIPPED: no llama-server or model under ${CACHE}; run scripts/bootstrap-llm.sh"
    exit 0
  fi
  echo "error: HPOC_REQUIRE_LLM is set but ${CACHE} has no llama-server or model; run scripts/bootstrap-llm.sh" >&2
  exit 1
fi

cmake --build "$BUILD" --target llm_e2e_test >/dev/null
E2E="$(find "$BUILD" -name llm_e2e_test -type f -perm -u+x | head -n 1)"
[ -n "$E2E" ] || { echo "error: llm_e2e_test not found under $BUILD" >&2; exit 1; }

passed=0
failed=0
if "$E2E"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

HPOC="$(find "$BUILD" -name hpoc -type f -perm -u+x 2>/dev/null | head -n 1 || true)"
if [ -n "$HPOC" ] && "$HPOC" llm --help >/dev/null 2>&1; then
  if env -u HPOC_LLM_URL -u OPENAI_BASE_URL -u HPOC_LLM_MODEL "$HPOC" llm check; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
  fi
fi

echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
