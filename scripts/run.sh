#!/usr/bin/env bash
# Starts ICSOE at http://127.0.0.1:3000 on the embedded SQLite database (./data/icsoe.sqlite,
# created and migrated on first start). Installs the build tools first if they are missing.
#
# The debug site is built by scripts/sitio.sh (plain cargo + the wasm-bindgen CLI), so a first
# start needs no cargo-leptos (its install alone took 12.5 of the 20.5 minutes a newcomer waited:
# docs/BENCHMARKS.md, "First start"). Pass --release for the optimised site, built by cargo-leptos
# with wasm-opt (installed the first time).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
if [[ " $* " == *" --release "* ]]; then
  WITH_BROWSER=0 WITH_WASM_OPT=1 bash scripts/bootstrap.sh
  echo "== ICSOE: building the optimised site and serving at http://127.0.0.1:3000 (Ctrl-C stops it)"
  exec cargo leptos serve "$@"
fi
WITH_BROWSER=0 WITH_LEPTOS=0 bash scripts/bootstrap.sh
echo "== ICSOE: building (scripts/sitio.sh)"
bash scripts/sitio.sh
echo "== ICSOE: serving at http://127.0.0.1:3000 (Ctrl-C stops it)"
destino="${CARGO_TARGET_DIR:-target}"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-$destino/site}"
exec "$destino/debug/icsoe" "$@"
