#!/usr/bin/env bash
# Issue 15 read figures against a release build on loopback, all in one run:
#   1. a server-rendered page alone (/calendario, one connection): median latency (TCP_NODELAY)
#   2. the same JSON read (/api/v1/calendario/hoy) anonymous and with a session cookie
#   3. /healthz anonymous and with a session cookie
# Needs wrk and a release build (`cargo leptos build --release`). Bounded: 10 s per wrk run.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=target/release/icsoe
[ -x "$bin" ] || { echo "Falta $bin: ejecuta cargo leptos build --release" >&2; exit 1; }
dir=$(mktemp -d)
puerto=${PUERTO:-3457}
export ICSOE_DATABASE_URL="sqlite://$dir/icsoe.sqlite?mode=rwc" ICSOE_DATA_DIR="$dir" \
  ICSOE_BIND="127.0.0.1:$puerto" ICSOE_CLOCK="2026-11-21T12:00:00-06:00" ICSOE_LOG_LEVEL=error \
  ICSOE_SITE_ROOT=target/site
"$bin" migrate >/dev/null
# A contratista with the terms accepted and a session whose cookie is `token-de-medicion`.
python3 - "$dir/icsoe.sqlite" <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
t = "2026-11-21T18:00:00+00:00"
db.execute("INSERT INTO contratista (rfc, nombre, persona, curp, rfc_representante, creado) VALUES (?,?,?,?,?,?)",
           ("EKU9003173C9", "ESCUELA KEMPER URGATE SA DE CV", "moral", None, None, t))
version = [l for l in open("app/src/api/sesion.rs") if "VERSION_TERMINOS: &str" in l][0].split('"')[1]
db.execute("INSERT INTO aceptacion_terminos (rfc, version, instante) VALUES (?,?,?)", ("EKU9003173C9", version, t))
db.execute("INSERT INTO sesion (id, rfc, creada, ultimo_uso) VALUES (?,?,?,?)",
           (hashlib.sha256(b"token-de-medicion").hexdigest(), "EKU9003173C9", t, t))
db.commit()
PY
"$bin" serve & pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$puerto/healthz" >/dev/null && break; sleep 0.2; done
cookie="Cookie: icsoe_sesion=token-de-medicion"
curl -sf -H "$cookie" "http://127.0.0.1:$puerto/api/v1/auth/sesion" >/dev/null || { echo "la sesión de medición no funciona" >&2; exit 1; }
base="http://127.0.0.1:$puerto"
medir() { wrk -t"$1" -c"$2" -d10s --latency "${@:3}" | grep -E "Requests/sec|50%|99%"; }
echo "== página sola (/calendario, 1 conexión)";            medir 1 1 "$base/calendario"
echo "== JSON anónimo (/api/v1/calendario/hoy, 32 conexiones)"; medir 2 32 "$base/api/v1/calendario/hoy"
echo "== JSON con sesión (misma ruta, 32 conexiones)";      medir 2 32 -H "$cookie" "$base/api/v1/calendario/hoy"
echo "== /healthz anónimo";                                 medir 2 32 "$base/healthz"
echo "== /healthz con sesión";                              medir 2 32 -H "$cookie" "$base/healthz"
