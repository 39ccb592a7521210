#!/usr/bin/env bash
# Issue 17: schedule and send the deadline reminders of N contratistas (default 100,000) with a
# release build. Seeds N contratistas, each with datos generales (an address) and every tenth with
# an active capturista, into a fresh SQLite database; then times `icsoe avisos recordar` on the
# due date of 2026-3 and `icsoe avisos enviar` to the file backend (one .eml per notice), printing
# wall time and peak memory (GNU time's maximum RSS) of each, and a second `recordar` (idempotent:
# 0 new).   N=100000 bash end2end/bench/recordatorios.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=target/release/icsoe
[ -x "$bin" ] || { echo "Falta $bin: ejecuta cargo build --release -p server" >&2; exit 1; }
n=${N:-100000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export ICSOE_DATABASE_URL="sqlite://$dir/icsoe.sqlite?mode=rwc" ICSOE_DATA_DIR="$dir" \
  ICSOE_LOG_LEVEL=error ICSOE_CORREO=directorio ICSOE_CORREO_DIR="$dir/correo"
"$bin" migrate >/dev/null
python3 - "$dir/icsoe.sqlite" "$n" <<'PY'
import sqlite3, sys
db, n = sqlite3.connect(sys.argv[1]), int(sys.argv[2])
t = "2026-11-21T18:00:00+00:00"
rfc = lambda i: f"AAA{i:06d}XX{i % 10}"
db.executemany("INSERT INTO contratista (rfc, nombre, persona, creado) VALUES (?, ?, 'moral', ?)",
               ((rfc(i), f"EMPRESA {i} SA DE CV", t) for i in range(n)))
db.executemany("INSERT INTO datos_generales (rfc, correo, celular, actualizado) VALUES (?, ?, '5512345678', ?)",
               ((rfc(i), f"avisos{i}@empresa{i}.mx", t) for i in range(n)))
db.executemany("INSERT INTO capturista_contratista (rfc, curp, nombre, correo, activo, registrado) VALUES (?, ?, ?, ?, 1, ?)",
               ((rfc(i), f"PELJ850101HDF{i:05d}", f"Capturista {i}", f"captura{i}@despacho.mx", t) for i in range(0, n, 10)))
db.commit()
PY
medir() {
  local etiqueta=$1; shift
  /usr/bin/time -f "$etiqueta: %e s, pico %M KB" "$@"
}
medir "recordar" "$bin" avisos recordar --ahora 2027-01-18T09:00:00-06:00
medir "recordar otra vez" "$bin" avisos recordar --ahora 2027-01-18T09:00:00-06:00
ICSOE_CLOCK=2027-01-18T09:00:00-06:00 medir "enviar" "$bin" avisos enviar
echo "archivos .eml: $(find "$dir/correo" -name '*.eml' | wc -l)"
