#!/usr/bin/env bash
# Runs every test ICSOE has, installing what is missing first:
#   1. formatting and the dependency rule (no server crate in the WASM bundle)
#   2. unit tests (domain, settings) and the server integration suite on SQLite
#   3. the same integration suite on PostgreSQL, when ICSOE_TEST_POSTGRES_URL is set
#   4. property-based API fuzzing (schemathesis) of every /api/v1 operation against its OpenAPI
#   5. end-to-end journeys in headless Chromium (Playwright) against the real server: on SQLite
#      with the **release** bundle (what production serves: view types are not erased there, so a
#      release build can fail where a debug one passes), and, when ICSOE_TEST_POSTGRES_URL is set,
#      on a fresh PostgreSQL database with the debug build
# Tests never read the wall clock: the server's clock is fixed with ICSOE_CLOCK.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

E2E_CLOCK="2026-11-21T12:00:00-06:00"
started=$SECONDS
# shellcheck source=dev-null.sh
source scripts/dev-null.sh
stage() { arreglar_dev_null; printf '\n== test [%ss]: %s\n' "$((SECONDS - started))" "$*"; }

stage "bootstrap"
WITH_WASM_OPT=1 bash scripts/bootstrap.sh

stage "cargo fmt --check"
cargo fmt --all -- --check

stage "dependency rule"
bash scripts/check-dependency-rule.sh

stage "clippy (server and browser code, warnings are errors)"
cargo clippy -p app -p server --all-targets -- -D warnings
cargo clippy -p frontend -p app --target wasm32-unknown-unknown --features app/hydrate -- -D warnings

stage "unit + integration tests (SQLite)"
cargo test -p app -p server

stage "the deadline-day load benchmark builds, passes clippy and its own tests (it is run by hand)"
cargo clippy -p dia-limite --all-targets -- -D warnings
cargo test -p dia-limite

if [ -n "${ICSOE_TEST_POSTGRES_URL:-}" ]; then
  stage "integration tests (PostgreSQL: one fresh schema per test)"
  ICSOE_TEST_BACKEND=postgres cargo test -p server --test integration
else
  stage "integration tests (PostgreSQL): skipped, ICSOE_TEST_POSTGRES_URL is not set"
fi

e2e_dir=$(mktemp -d)
pg_db=""
cleanup() {
  rm -rf "$e2e_dir"
  if [ -n "$pg_db" ]; then psql -q "$ICSOE_TEST_POSTGRES_URL" -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

# `cargo leptos end-to-end` runs the journeys even when its build fails (and exits 0 then), so
# each bundle is built first by `cargo leptos build`, whose exit status is reliable.
stage "release bundle (cargo leptos build --release)"
cargo leptos build --release

stage "API fuzzing: schemathesis against the release server, 0 server errors and 0 schema breaks"
bash scripts/api-fuzz.sh target/release/icsoe

stage "end-to-end (Chromium, SQLite, release bundle)"
mkdir -p "$e2e_dir/sqlite"
ICSOE_DATABASE_URL="sqlite://$e2e_dir/sqlite/e2e.sqlite?mode=rwc" ICSOE_CLOCK="$E2E_CLOCK" ICSOE_LOG_LEVEL=warn \
  ICSOE_DATA_DIR="$e2e_dir/sqlite" E2E_CORREO_DIR="$e2e_dir/sqlite/correo" ICSOE_BIN="$PWD/target/release/icsoe" \
  E2E_BACKEND=sqlite cargo leptos end-to-end --release

if [ -n "${ICSOE_TEST_POSTGRES_URL:-}" ]; then
  stage "debug bundle (cargo leptos build)"
  cargo leptos build
  stage "end-to-end (Chromium, PostgreSQL: fresh database, debug bundle)"
  pg_db="icsoe_e2e_$$"
  psql -q "$ICSOE_TEST_POSTGRES_URL" -c "CREATE DATABASE $pg_db" >/dev/null
  mkdir -p "$e2e_dir/pg"
  ICSOE_DATABASE_URL="${ICSOE_TEST_POSTGRES_URL%/*}/$pg_db" ICSOE_CLOCK="$E2E_CLOCK" ICSOE_LOG_LEVEL=warn \
    ICSOE_DATA_DIR="$e2e_dir/pg" E2E_CORREO_DIR="$e2e_dir/pg/correo" ICSOE_BIN="$PWD/target/debug/icsoe" \
    E2E_BACKEND=postgres cargo leptos end-to-end
fi

stage "all tests passed"
