#!/usr/bin/env bash
# The dependency rule: the WebAssembly bundle (frontend -> app[hydrate]) must not contain any
# server-only crate. `cargo tree` for the wasm32 target proves it; this fails naming the culprit.
set -euo pipefail
cd "$(dirname "$0")/.."
forbidden='^(sea-orm|sea-orm-migration|sea-query|sea-query-sqlx|sqlx|sqlx-core|sqlx-sqlite|sqlx-postgres|libsqlite3-sys|tokio|mio|hyper|hyper-util|axum|axum-core|leptos_axum|tower-http|tracing-subscriber|rustls|ring|clap)$'
crates=$(cargo tree -p frontend --target wasm32-unknown-unknown -e normal --prefix none --format '{p}' | awk '{print $1}' | sort -u)
bad=$(echo "$crates" | grep -E "$forbidden" || true)
if [ -n "$bad" ]; then
  echo "Dependency rule broken: the WASM bundle would contain server-only crates:" >&2
  echo "$bad" | sed 's/^/  - /' >&2
  for c in $bad; do cargo tree -p frontend --target wasm32-unknown-unknown -e normal -i "$c" | head -20 >&2; done
  exit 1
fi
echo "dependency rule: ok ($(echo "$crates" | wc -l) crates in the WASM bundle, none server-only)"
