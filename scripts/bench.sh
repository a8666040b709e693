#!/usr/bin/env bash
# Prints the performance figures (not asserted by the tests): bundle sizes
# against the budget, and timings measured in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
source scripts/env.sh

# The build before code splitting (one module), for the figures side by
# side: its sources from git, built once into target/bench-old.
OLD_REV=643e8b0
old_dir=target/bench-old
if [ "$(cat "$old_dir/rev" 2>/dev/null)" != "$OLD_REV" ] || [ ! -f "$old_dir/src/dist/index.html" ]; then
  echo "==> building $OLD_REV (before code splitting) for comparison"
  rm -rf "$old_dir"
  mkdir -p "$old_dir/src"
  git archive "$OLD_REV" | tar -x -C "$old_dir/src"
  (cd "$old_dir/src" && CARGO_TARGET_DIR="$PWD/../target" scripts/build.sh)
  echo "$OLD_REV" > "$old_dir/rev"
fi
export BENCH_OLD_DIST="$PWD/$old_dir/src/dist"

# Budget for the first load (the main module, its JS, the chunk loader,
# the start-up script and the CSS: what the app list needs), brotli.
BUDGET_BROTLI=$((200 * 1024))

# raw, gzip -9 and brotli -q 11 sizes of a file.
sizes() {
  echo "$(stat -c %s "$1") $(gzip -9 -c "$1" | wc -c) $(brotli -q 11 -c "$1" | wc -c)"
}

old_brotli=0
for file in "$BENCH_OLD_DIST"/*.wasm "$BENCH_OLD_DIST"/*.js "$BENCH_OLD_DIST"/*.css; do
  old_brotli=$((old_brotli + $(brotli -q 11 -c "$file" | wc -c)))
done
echo "first load of $OLD_REV (one module, everything): $old_brotli bytes brotli"
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
printf '  %-40s %9d %9s %9d\n' "all chunks (parts and shared)" "$chunks_raw" "" "$chunks_brotli"
printf '  %-40s %9s %9s %9d\n' "first load and every chunk" "" "" "$((total_brotli + chunks_brotli))"

# Where the bytes go: twiggy on the modules as they were before wasm-opt
# (the optimised ones have no function names), kept by the build.
TWIGGY_VERSION=0.8.0
if ! twiggy --version 2>/dev/null | grep -q " $TWIGGY_VERSION"; then
  echo "==> cargo install twiggy $TWIGGY_VERSION (about 3 minutes)"
  cargo install twiggy --version "$TWIGGY_VERSION" --locked
fi
named=target/wasm-build/release/unoptimised
echo "where the first load's bytes go, before wasm-opt (twiggy top):"
twiggy top -n 25 "$named/scalingo-dashboard_bg.wasm"
echo "generic functions instantiated most, first load (twiggy monos):"
twiggy monos -m 12 -n 2 "$named/scalingo-dashboard_bg.wasm"
for part in app_page metrics_tab logs_tab containers_tab settings_tab; do
  echo "chunk $part (twiggy top):"
  twiggy top -n 8 "$named/split_$part.wasm"
done

# uPlot, the speed anchor of the chart benchmark, only for this script.
npm ci --prefix tools/bench --no-audit --no-fund --loglevel=error

# The app again, with the benchmarks' entry points (feature `bench`), which
# the production build leaves out.
WASM_BUILD_FEATURES=bench DIST=dist-bench scripts/build.sh
E2E_DIST=dist-bench cargo run --locked --release -p scalingo-e2e --bin bench -- "$@"
