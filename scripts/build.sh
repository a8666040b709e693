#!/usr/bin/env bash
# Builds the release app (size-optimised wasm, wasm-opt -Oz) into dist/, or
# into $DIST. Options after `--` go to trunk, e.g. to serve the app under a
# sub-path: DIST=dist-portal scripts/build.sh -- --public-url /portal/scalingo/
# The page has no inline script (the hook writes its start-up to a file):
# it runs under a strict Content-Security-Policy.
# Nothing is done when the sources, the options and the output are as they
# were at the last build (FORCE=1 builds anyway).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
DIST=${DIST:-dist}
[ "${1:-}" = "--" ] && shift

# What the build depends on: the app's sources and assets, the shared
# models, the lock file, the options and the tools' versions.
stamp_file="target/build-stamps/$(echo "$DIST" | tr '/' '_')"
stamp=$({
  find src style public crates/scalingo-api/src crates/scalingo-api/Cargo.toml index.html \
    crates/scalingo-wasm-build Cargo.toml Cargo.lock Trunk.toml \
    -type f -print0 | sort -z | xargs -0 sha256sum
  echo "$* ${WASM_BUILD_FEATURES:-}"
  trunk --version; wasm-bindgen --version; wasm-opt --version
} | sha256sum | cut -d' ' -f1)
if [ "${FORCE:-0}" != 1 ] && [ -f "$DIST/index.html" ] && [ "$(cat "$stamp_file" 2>/dev/null)" = "$stamp" ]; then
  echo "==> $DIST is up to date with the sources"
  exit 0
fi

# Type-erased components: the same app in 7 % less WebAssembly (measured).
# The WebAssembly is built in chunks by the hook of Trunk.toml
# (crates/scalingo-wasm-build), with the cargo features of
# WASM_BUILD_FEATURES (the benchmarks' build: WASM_BUILD_FEATURES=bench).
RUSTFLAGS="--cfg erase_components" WASM_BUILD_LOCKED=1 \
  trunk build --release --offline --locked --dist "$DIST" "$@"
# Pre-compressed copies for servers and CDNs that serve files as they are
# (config.json is left alone: it is meant to be edited per environment).
for file in "$DIST"/*.wasm "$DIST"/*.js "$DIST"/*.css "$DIST"/*.html "$DIST"/*.svg; do
  [ -f "$file" ] || continue
  gzip -9 -k -f "$file"
  brotli -q 11 -k -f "$file"
done
mkdir -p "$(dirname "$stamp_file")"
echo "$stamp" > "$stamp_file"
