#!/usr/bin/env bash
# Installs what this machine lacks to build, run and test ICSOE. Idempotent: safe to run every
# time; each step says what it does and is skipped when already done. Nothing is downloaded from
# GitHub or a CDN: Rust tools come from crates.io, Chromium from Debian, Playwright from npm.
#
#   WITH_BROWSER=0   skip Chromium and the end2end node packages (enough to run the app)
#   WITH_WASM_OPT=1  also build wasm-opt 116 (needed only for --release builds; ~8 min)
#   WITH_LEPTOS=0    skip cargo-leptos (scripts/run.sh builds the debug site without it)
# Also Python's aiosmtpd (PyPI): the SMTP server the notice tests deliver to.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

# cargo-leptos 0.3.11 needs rustc >= 1.96; 0.3.10 has the same code (docs/DEVELOPMENT.md).
CARGO_LEPTOS_VERSION=0.3.10
# The wasm-bindgen CLI must equal the wasm-bindgen crate in Cargo.lock, to the patch level.
WASM_BINDGEN_VERSION=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"$/\1/p')
# Debian's binaryen 108 breaks the wasm (externref table); binaryen 116 from crates.io works.
WASM_OPT_VERSION=0.116.1

step() { printf '\n== bootstrap: %s\n' "$*"; }

command -v cargo >/dev/null || { echo "No se encontró cargo. Instala Rust con rustup (https://rustup.rs) y vuelve a intentarlo." >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    step "rustup component add $component"
    rustup component add "$component"
  fi
done

if [ "${WITH_LEPTOS:-1}" = 1 ] && [ "$(cargo leptos --version 2>/dev/null)" != "cargo-leptos $CARGO_LEPTOS_VERSION" ]; then
  step "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 15 min on 2 cores, once)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
fi

if [ -z "$WASM_BINDGEN_VERSION" ]; then
  echo "Cargo.lock does not list wasm-bindgen; run 'cargo generate-lockfile' first." >&2
  exit 1
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 min, once)"
  # No --locked: its published lockfile names a webpki-roots version the registry does not serve.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ "${WITH_WASM_OPT:-0}" = 1 ] && ! wasm-opt --version 2>/dev/null | grep -q 'version 116'; then
  step "installing wasm-opt $WASM_OPT_VERSION = binaryen 116 (about 8 min, once)"
  cargo install wasm-opt --version "$WASM_OPT_VERSION" --locked
fi

if [ "${WITH_BROWSER:-1}" = 1 ]; then
  if ! [ -x /usr/bin/chromium ]; then
    step "apt-get install chromium (Debian's build; Playwright never downloads a browser here)"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
  fi
  if ! [ -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
    step "npm ci in end2end/"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
fi

# The integration suite hands notices to a real SMTP server process (issue 17): Python's aiosmtpd,
# from PyPI, started by the test on a loopback port.
AIOSMTPD_VERSION=1.4.6
if ! python3 -c "import aiosmtpd, sys; sys.exit(aiosmtpd.__version__ != '$AIOSMTPD_VERSION')" 2>/dev/null; then
  step "pip install aiosmtpd $AIOSMTPD_VERSION (SMTP server for the notice tests)"
  python3 -m pip install --quiet --disable-pip-version-check "aiosmtpd==$AIOSMTPD_VERSION"
fi
