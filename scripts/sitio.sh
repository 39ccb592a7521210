#!/usr/bin/env bash
# Builds the debug site exactly where and as cargo-leptos does (target/site: pkg/icsoe.js,
# pkg/icsoe.wasm, pkg/icsoe.css, the public/ files; the server binary target/debug/icsoe), with
# plain cargo and the wasm-bindgen CLI. scripts/run.sh uses it so that a newcomer's first start
# does not wait ~12 min for cargo-leptos to compile (issue 19); cargo-leptos stays the tool for
# the release bundle (wasm-opt, the wasm-release profile), `cargo leptos watch` and the
# end-to-end suite. What it does, step for step, is cargo-leptos 0.3's debug build:
#   1. the `frontend` crate for wasm32-unknown-unknown (lib, default features off, as configured
#      in [workspace.metadata.leptos]);
#   2. wasm-bindgen --target web, renamed to the output name leptos' hydration script asks for
#      (LEPTOS_OUTPUT_NAME=icsoe in .cargo/config.toml → /pkg/icsoe.js and /pkg/icsoe.wasm);
#   3. style/main.css as /pkg/icsoe.css (plain CSS: nothing to compile) and public/ at the root;
#   4. the `server` package's `icsoe` binary.
# With CARGO_TARGET_DIR set, everything goes there (the site in $CARGO_TARGET_DIR/site).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
destino="${CARGO_TARGET_DIR:-target}"
sitio="$destino/site"
# As cargo-leptos in debug: `--cfg erase_components` erases view types, which makes the debug
# build much faster and the debug WASM several times smaller (its artifacts are kept apart from
# plain `cargo test` builds, so neither rebuilds the other).
export RUSTFLAGS="${RUSTFLAGS:-} --cfg erase_components"
cargo build -p frontend --lib --target wasm32-unknown-unknown --no-default-features
mkdir -p "$sitio/pkg"
wasm-bindgen --target web --no-typescript --out-dir "$sitio/pkg" --out-name icsoe \
  "$destino/wasm32-unknown-unknown/debug/frontend.wasm"
mv -f "$sitio/pkg/icsoe_bg.wasm" "$sitio/pkg/icsoe.wasm"
cp style/main.css "$sitio/pkg/icsoe.css"
cp -R public/. "$sitio/"
cargo build -p server --bin icsoe --no-default-features
