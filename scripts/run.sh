#!/usr/bin/env bash
# Starts ICSOE at http://127.0.0.1:3000 on the embedded SQLite database (./data/icsoe.sqlite,
# created and migrated on first start). Installs the build tools first if they are missing.
# Pass --release for an optimised build (needs WITH_WASM_OPT=1 the first time).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
if [[ " $* " == *" --release "* ]]; then export WITH_WASM_OPT=1; fi
WITH_BROWSER=0 bash scripts/bootstrap.sh
echo "== ICSOE: building and serving at http://127.0.0.1:3000 (Ctrl-C stops it)"
exec cargo leptos serve "$@"
