#!/usr/bin/env bash
# Issue 15: N simultaneous capturista logins with unknown CURPs against a release build: every
# answer must be 4xx (401 or 429) and the server's memory must stay bounded (Argon2id runs at
# most two at a time). Prints the status counts and the RSS before and at the peak.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=target/release/icsoe
[ -x "$bin" ] || { echo "Falta $bin: ejecuta cargo leptos build --release" >&2; exit 1; }
n=${N:-250}
dir=$(mktemp -d)
puerto=${PUERTO:-3458}
export ICSOE_DATABASE_URL="sqlite://$dir/icsoe.sqlite?mode=rwc" ICSOE_DATA_DIR="$dir" \
  ICSOE_BIND="127.0.0.1:$puerto" ICSOE_LOG_LEVEL=error ICSOE_SITE_ROOT=target/site
"$bin" serve & pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$puerto/healthz" >/dev/null && break; sleep 0.2; done
rss() { awk '/^VmRSS/ {print $2}' "/proc/$pid/status"; }
antes=$(rss)
inicio=$(date +%s.%N)
seq "$n" | xargs -P "$n" -I{} curl -s -o /dev/null -w "%{http_code}\n" \
  -H "content-type: application/json" -H "origin: http://127.0.0.1:$puerto" \
  -d "{\"curp\":\"PELJ850101HDFRPN0{}\",\"contrasena\":\"no es la clave\"}" \
  "http://127.0.0.1:$puerto/api/v1/auth/capturista" | sort | uniq -c
fin=$(date +%s.%N)
pico=$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status")
echo "RSS antes: $((antes / 1024)) MB · pico: $((pico / 1024)) MB · después: $(( $(rss) / 1024 )) MB · $(echo "$fin - $inicio" | bc) s"
