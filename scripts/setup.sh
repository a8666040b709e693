#!/usr/bin/env bash
# Installs what building and testing need, skipping what is already there at
# the right version. Everything comes from package registries: Debian
# packages, crates.io, npm.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Chromium and its WebDriver for the browser tests, brotli for the
# pre-compressed build and the size report, python3 for the build's
# strict-CSP step. Never Debian's binaryen: its wasm-opt breaks the app in
# the browser.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v brotli >/dev/null || missing+=(brotli)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> apt-get install ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "==> rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  echo "==> cargo install trunk $TRUNK_VERSION (about 8 minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  echo "==> cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 4 minutes)"
  # Not --locked: the CLI's own lock pins a crate version the registry no
  # longer serves.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# wasm-opt (binaryen) for the build, axe-core for the accessibility checks
# of the end-to-end tests: both pinned in tools/package-lock.json.
if ! wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION " \
  || ! grep -qs '"version": "4.14.1"' tools/node_modules/axe-core/package.json; then
  echo "==> npm ci (binaryen $BINARYEN_VERSION for wasm-opt, axe-core)"
  npm ci --prefix tools --no-audit --no-fund --loglevel=error
fi

cargo fetch --locked
