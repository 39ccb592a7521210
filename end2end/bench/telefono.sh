#!/usr/bin/env bash
# Issue 16: how soon a phone on a slow network can read an acuse's verification and an
# informativa's status (end2end/bench/telefono.bench.ts). Starts the release build on loopback on
# a fresh SQLite database with the e2e clock, runs the measurement, prints the figures.
# Needs `cargo leptos build --release` and end2end's node packages (scripts/bootstrap.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=target/release/icsoe
[ -x "$bin" ] || { echo "Falta $bin: ejecuta cargo leptos build --release" >&2; exit 1; }
dir=$(mktemp -d)
puerto=${PUERTO:-3458}
export ICSOE_DATABASE_URL="sqlite://$dir/icsoe.sqlite?mode=rwc" ICSOE_DATA_DIR="$dir" \
  ICSOE_BIND="127.0.0.1:$puerto" ICSOE_CLOCK="2026-11-21T12:00:00-06:00" ICSOE_LOG_LEVEL=error \
  ICSOE_SITE_ROOT=target/site
"$bin" migrate >/dev/null
"$bin" serve & pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$puerto/healthz" >/dev/null && break; sleep 0.2; done
cd end2end
BASE_URL="http://127.0.0.1:$puerto" npx playwright test -c playwright.bench.config.ts telefono.bench.ts
