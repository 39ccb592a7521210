#!/usr/bin/env bash
# Property-based API fuzzing (issue 19): schemathesis (PyPI) reads GET /api/v1/openapi.json from a
# real server and sends generated requests to every /api/v1 operation — valid and invalid — logged
# in as a contratista (an e.firma session cookie). It fails on any 5xx ("not a server error") and
# on any response that breaks the documented schema, status code or content type.
#
#   bash scripts/api-fuzz.sh [BINARY]         (default target/debug/icsoe; API_FUZZ_EJEMPLOS=40)
#
# Only POST /api/v1/auth/salir is left out: it would end the session the run is logged in with.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-target/debug/icsoe}"
ejemplos="${API_FUZZ_EJEMPLOS:-40}"
SCHEMATHESIS_VERSION=4.32.5
if ! python3 -c "import schemathesis, sys; sys.exit(schemathesis.__version__ != '$SCHEMATHESIS_VERSION')" 2>/dev/null; then
  echo "== api-fuzz: pip install schemathesis $SCHEMATHESIS_VERSION"
  python3 -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
dir=$(mktemp -d)
puerto=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$puerto"
ICSOE_DATABASE_URL="sqlite://$dir/api.sqlite?mode=rwc" ICSOE_CLOCK="2026-11-21T12:00:00-06:00" \
  ICSOE_DATA_DIR="$dir" ICSOE_BIND="127.0.0.1:$puerto" ICSOE_LOG_LEVEL=warn "$bin" > "$dir/servidor.log" 2>&1 &
servidor=$!
trap 'kill $servidor 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 120); do curl -fs "$base/readyz" >/dev/null 2>&1 && break; sleep 0.5; done
mapfile -t cred < <(python3 scripts/api_sesion.py "$base" fixtures/sat-test-certs/EKU9003173C9_FIEL)
# Something to find: one informativa with one contract (ids 1 and 1 in this fresh database).
curl -fs -X POST "$base/api/v1/informativas" -H "cookie: ${cred[0]}" -H 'content-type: application/json' \
  -d '{"anio":"2026","periodo":"3","tipo":"normal"}' >/dev/null
set +e
PYTHONPATH=scripts SCHEMATHESIS_HOOKS=schemathesis_hooks schemathesis run "$base/api/v1/openapi.json" \
  -H "Cookie: ${cred[0]}" --exclude-path /api/v1/auth/salir \
  --checks not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance \
  --phases examples,coverage,fuzzing --max-examples "$ejemplos" --workers 1 --seed 19 --no-color \
  --generation-database none --report junit --report-dir "$dir/informe"
rc=$?
set -e
if grep -q 'panicked\|ERROR' "$dir/servidor.log"; then
  echo "== api-fuzz: the server logged errors:"; grep 'panicked\|ERROR' "$dir/servidor.log" | head -20; rc=1
fi
exit $rc
