#!/usr/bin/env bash
# Worker CSV benchmarks (docs/BENCHMARKS.md records the figures):
#   1. native: rows/s of `validar_lector` vs a plain csv-crate parse of the same file, one core;
#   2. peak memory of `icsoe validar-trabajadores` (release) on the same file;
#   3. browser: the same file in headless Chromium against a release server
#      (end-to-end time, progress updates, main-thread long tasks).
# Usage: bash benches/trabajadores.sh [FILAS]   (default 1000000; step 3 needs the e2e tooling)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
FILAS="${1:-1000000}"
CSV="/tmp/trabajadores-${FILAS}.csv"
[ -f "$CSV" ] || python3 benches/generar_trabajadores.py "$FILAS" > "$CSV"
echo "== archivo: $CSV ($(stat -c %s "$CSV") bytes)"

echo "== 1. nativo (cargo bench, un hilo)"
cargo bench -p server --bench validar_trabajadores -- "$CSV"

echo "== 2. memoria pico de icsoe validar-trabajadores (release)"
cargo build --release -p server --bin icsoe -q
/usr/bin/time -f "tiempo %e s, memoria pico %M KB" ./target/release/icsoe validar-trabajadores "$CSV" --anio 2026 --periodo 2 \
  | head -c 200; echo

if [ "${SIN_NAVEGADOR:-0}" = 1 ]; then exit 0; fi
echo "== 3. navegador (release, Chromium headless)"
WITH_WASM_OPT=1 bash scripts/bootstrap.sh >/dev/null
cargo leptos build --release
PUERTO=3017
LEPTOS_SITE_ROOT=target/site ICSOE_BIND="127.0.0.1:$PUERTO" ICSOE_DATA_DIR="$(mktemp -d)" ./target/release/icsoe serve &
SERVIDOR=$!
trap 'kill $SERVIDOR 2>/dev/null || true' EXIT
(cd end2end && BASE_URL="http://127.0.0.1:$PUERTO" ICSOE_BENCH_FILAS="$FILAS" ICSOE_BENCH_CSV="$CSV" \
  npx playwright test -c playwright.bench.config.ts --reporter=line)
cat end2end/artifacts/rendimiento.json
