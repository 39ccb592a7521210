#!/usr/bin/env bash
# Coverage-guided fuzzing (issue 19) of what users and their software send: the worker CSV engine
# (whole reader vs. slices of any size must agree), the contract CSV import, certificate and
# private-key parsing, and the cadena original's escaping. libFuzzer through cargo fuzz.
#
#   bash scripts/fuzz.sh [SECONDS per target, default 60] [TARGET …]
#
# The machine's toolchain is stable: cargo fuzz needs nightly flags (-Z sanitizer), which
# RUSTC_BOOTSTRAP=1 allows on stable. Inputs that found a crash are kept in fuzz/regresiones/<target>
# and replayed first, every run; new interesting inputs go to fuzz/corpus/<target> (not committed),
# seeded from fuzz/semillas/<target> and the project's test fixtures.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
segundos="${1:-60}"
shift || true
objetivos=("$@")
[ ${#objetivos[@]} -gt 0 ] || objetivos=(trabajadores_csv contratos_csv certificado llave cadena)
CARGO_FUZZ_VERSION=0.13.2
if [ "$(cargo fuzz --version 2>/dev/null | awk '{print $2}')" != "$CARGO_FUZZ_VERSION" ]; then
  echo "== fuzz: cargo install cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi
export RUSTC_BOOTSTRAP=1
semillas() {
  case "$1" in
    trabajadores_csv) echo app/tests/fixtures/trabajadores ;;
    certificado) echo fixtures/sat-test-certs/EKU9003173C9_FIEL fixtures/sat-test-certs/sat-test-ca ;;
    llave) echo fixtures/sat-test-certs/CACX7605101P8_FIEL ;;
  esac
}
for t in "${objetivos[@]}"; do
  mkdir -p "fuzz/corpus/$t" "fuzz/semillas/$t" "fuzz/regresiones/$t"
  if [ -n "$(ls -A "fuzz/regresiones/$t")" ]; then
    echo "== fuzz: $t, regression inputs"
    cargo fuzz run --fuzz-dir fuzz "$t" "fuzz/regresiones/$t" -- -runs=0
  fi
  echo "== fuzz: $t for ${segundos}s"
  registro="fuzz/ultimo-$t.log"
  # shellcheck disable=SC2046
  if ! cargo fuzz run --fuzz-dir fuzz "$t" "fuzz/corpus/$t" "fuzz/semillas/$t" $(semillas "$t") -- \
    -max_total_time="$segundos" -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 > "$registro" 2>&1; then
    tail -40 "$registro"
    if [ -n "$(ls -A "fuzz/artifacts/$t" 2>/dev/null)" ]; then
      echo "== fuzz: $t found a crash: fuzz/artifacts/$t (fix it, then copy the input to fuzz/regresiones/$t)"
    else
      echo "== fuzz: $t did not build or run; the log is $registro"
    fi
    exit 1
  fi
  grep -E '^(Done |stat::number_of_executed_units|stat::peak_rss_mb|stat::new_units_added)' "$registro" || true
done
echo "== fuzz: no crash"
