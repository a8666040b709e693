# Sourced by the other scripts: the tool versions and the PATH they use.
# shellcheck shell=bash
TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)
export PATH="$HOME/.cargo/bin:$PWD/tools/node_modules/.bin:$PATH"
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
export TRUNK_SKIP_VERSION_CHECK=true
