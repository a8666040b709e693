#!/usr/bin/env bash
# Runs the tests: every one by default, or a part of them.
#
#   scripts/test.sh              everything (as CI does, but the soak)
#   scripts/test.sh unit         host tests: models, simulator, gateway, app logic
#   scripts/test.sh wasm         component tests in headless Chromium
#   scripts/test.sh e2e          every end-to-end file
#   scripts/test.sh e2e logs …   some end-to-end files (crates/e2e/tests/<name>.rs)
#
# Tools are installed only when missing, and the app is built only when
# its sources changed since the last build (scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
part=${1:-all}
[ $# -gt 0 ] && shift

scripts/setup.sh
source scripts/env.sh

unit() {
  echo "==> host tests (models, simulator, gateway, app logic)"
  cargo test --locked
}

wasm() {
  echo "==> component tests (wasm-bindgen-test in headless Chromium)"
  cargo test --locked -p scalingo-dashboard --target wasm32-unknown-unknown
}

e2e() {
  scripts/build.sh
  # The same app built to be served under a sub-path, for the portal test.
  DIST=dist-portal scripts/build.sh -- --public-url /portal/scalingo/
  echo "==> end-to-end tests in headless Chromium"
  if [ $# -eq 0 ]; then
    cargo test --locked -p scalingo-e2e
  else
    local files=()
    for name in "$@"; do files+=(--test "$name"); done
    cargo test --locked -p scalingo-e2e "${files[@]}"
  fi
}

case "$part" in
  all) unit; wasm; e2e ;;
  unit) unit ;;
  wasm) wasm ;;
  e2e) e2e "$@" ;;
  *) echo "usage: scripts/test.sh [all | unit | wasm | e2e [file …]]" >&2; exit 2 ;;
esac
