#!/usr/bin/env bash
# Prints the performance figures (not asserted by the tests): bundle sizes
# against the budget, and timings measured in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
source scripts/env.sh

# Budget for the first load (the main module, its JS, the chunk loader,
# the start-up script and the CSS: what the app list needs), brotli.
BUDGET_BROTLI=$((200 * 1024))

# raw, gzip -9 and brotli -q 11 sizes of a file.
sizes() {
  echo "$(stat -c %s "$1") $(gzip -9 -c "$1" | wc -c) $(brotli -q 11 -c "$1" | wc -c)"
}

echo "first load (bytes): raw / gzip -9 / brotli -q 11"
total_raw=0; total_gzip=0; total_brotli=0
for file in dist/*.wasm dist/*.js dist/*.css; do
  case "${file##*/}" in split_* | chunk_*) continue ;; esac
  read -r raw gz br < <(sizes "$file")
  total_raw=$((total_raw + raw)); total_gzip=$((total_gzip + gz)); total_brotli=$((total_brotli + br))
  printf '  %-40s %9d %9d %9d\n' "${file##*/}" "$raw" "$gz" "$br"
done
printf '  %-40s %9d %9d %9d\n' "total" "$total_raw" "$total_gzip" "$total_brotli"
if [ "$total_brotli" -le "$BUDGET_BROTLI" ]; then
  echo "  within the budget of $BUDGET_BROTLI bytes brotli"
else
  echo "  OVER the budget of $BUDGET_BROTLI bytes brotli by $((total_brotli - BUDGET_BROTLI))"
fi
echo "chunks, fetched on first use (bytes): raw / gzip -9 / brotli -q 11"
chunks_raw=0; chunks_brotli=0
for file in dist/split_*.wasm dist/chunk_*.wasm; do
  [ -f "$file" ] || continue
  read -r raw gz br < <(sizes "$file")
  chunks_raw=$((chunks_raw + raw)); chunks_brotli=$((chunks_brotli + br))
  case "${file##*/}" in split_*) printf '  %-40s %9d %9d %9d\n' "${file##*/}" "$raw" "$gz" "$br" ;; esac
done
printf '  %-40s %9d %9s %9d\n' "all chunks (tabs and shared)" "$chunks_raw" "" "$chunks_brotli"

# uPlot, the speed anchor of the chart benchmark, only for this script.
npm ci --prefix tools/bench --no-audit --no-fund --loglevel=error

# The app again, with the benchmarks' entry points (feature `bench`), which
# the production build leaves out.
WASM_BUILD_FEATURES=bench DIST=dist-bench scripts/build.sh
E2E_DIST=dist-bench cargo run --locked --release -p scalingo-e2e --bin bench -- "$@"
