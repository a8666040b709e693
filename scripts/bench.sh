#!/usr/bin/env bash
# Prints the performance figures (not asserted by the tests): bundle sizes
# against the budget, and timings measured in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
source scripts/env.sh

# Budget for the whole first load (wasm + JS glue + CSS), brotli.
BUDGET_BROTLI=$((150 * 1024))

echo "bundle sizes (bytes): raw / gzip -9 / brotli -q 11"
total_raw=0; total_gzip=0; total_brotli=0
for file in dist/*.wasm dist/*.js dist/*.css; do
  raw=$(stat -c %s "$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  br=$(brotli -q 11 -c "$file" | wc -c)
  total_raw=$((total_raw + raw)); total_gzip=$((total_gzip + gz)); total_brotli=$((total_brotli + br))
  printf '  %-12s %9d %9d %9d\n' "${file##*.}" "$raw" "$gz" "$br"
done
printf '  %-12s %9d %9d %9d\n' "total" "$total_raw" "$total_gzip" "$total_brotli"
if [ "$total_brotli" -le "$BUDGET_BROTLI" ]; then
  echo "  within the budget of $BUDGET_BROTLI bytes brotli"
else
  echo "  OVER the budget of $BUDGET_BROTLI bytes brotli by $((total_brotli - BUDGET_BROTLI))"
fi

# uPlot, the speed anchor of the chart benchmark, only for this script.
npm ci --prefix tools/bench --no-audit --no-fund --loglevel=error

# The app again, with the benchmarks' entry points (feature `bench`), which
# the production build leaves out.
WASM_BUILD_FEATURES=bench DIST=dist-bench scripts/build.sh
E2E_DIST=dist-bench cargo run --locked --release -p scalingo-e2e --bin bench -- "$@"
