#!/usr/bin/env bash
# Runs every test: unit and simulator tests on the host, end-to-end flows in
# headless Chromium against the simulator serving the release build, and
# component tests compiled to WebAssembly in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
# The same app built to be served under a sub-path, for the portal test.
DIST=dist-portal scripts/build.sh -- --public-url /portal/scalingo/
source scripts/env.sh
echo "==> host tests (models, simulator, app logic, end-to-end)"
cargo test --workspace --locked
echo "==> component tests (wasm-bindgen-test in headless Chromium)"
cargo test --locked -p scalingo-dashboard --target wasm32-unknown-unknown
