#!/usr/bin/env bash
# Installs what is missing, builds the app and starts the local Scalingo
# platform serving it on http://127.0.0.1:8080 with the demo data.
# Extra arguments go to the simulator, e.g. --port 9090 or --data state.json.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
source scripts/env.sh
cargo build --locked --release -p scalingo-sim
exec target/release/scalingo-sim --dist dist "$@"
