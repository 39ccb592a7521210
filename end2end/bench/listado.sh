#!/usr/bin/env bash
# Issue 18: publish a period with N contract rows (default 500,000; the real first cuatrimestre of
# 2026 had about 356,000) with a release build. Seeds N/5 presented Normal informativas of 2026-1
# with five contracts each (one in fifty with a contract without workers, so the inconsistent list
# has rows) into a fresh SQLite database, then times `icsoe listado publicar --anio 2026 --periodo 1`
# with GNU time (wall time and maximum RSS) and prints the sizes of the files it stored.
#   N=500000 bash end2end/bench/listado.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=target/release/icsoe
[ -x "$bin" ] || { echo "Falta $bin: ejecuta cargo build --release -p server" >&2; exit 1; }
n=${N:-500000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export ICSOE_DATABASE_URL="sqlite://$dir/icsoe.sqlite?mode=rwc" ICSOE_DATA_DIR="$dir" \
  ICSOE_LOG_LEVEL=error ICSOE_CLOCK=2026-12-01T09:00:00-06:00
"$bin" migrate >/dev/null
python3 - "$dir/icsoe.sqlite" "$n" <<'PY'
import json, sqlite3, sys
db, n = sqlite3.connect(sys.argv[1]), int(sys.argv[2])
t = "2026-05-12T18:00:00+00:00"
informativas = n // 5
rfc = lambda i: f"AAA{i:06d}XX{i % 10}"
db.executemany("INSERT INTO contratista (rfc, nombre, persona, creado) VALUES (?, ?, 'moral', ?)",
               ((rfc(i), f"EMPRESA DE SERVICIOS {i} SA DE CV", t) for i in range(informativas)))
db.executemany(
    "INSERT INTO informativa (id, rfc, anio, periodo, tipo, estado, original, num_contratos, num_trabajadores,"
    " creada, creada_por, actualizada, folio, presentada) VALUES (?, ?, 2026, 1, 'normal', 'presentada', 1, 5, 20, ?, ?, ?, ?, ?)",
    ((i + 1, rfc(i), t, rfc(i), t, f"N261{i:06d}", t) for i in range(informativas)))
db.executemany(
    "INSERT INTO presentacion (informativa_id, folio, rfc, nombre, tipo, anio, periodo, num_contratos, num_trabajadores,"
    " sha256_detalle, cadena, firma, certificado, no_certificado, presentada, vence, extemporanea, sello,"
    " no_certificado_sello, sello_desarrollo, codigo, clave, por)"
    " VALUES (?, ?, ?, ?, 'normal', 2026, 1, 5, 20, ?, '||1.0|…||', 'firma', 'certificado', '30001000000500003416', ?, '2026-05-18', 0,"
    " 'sello', '1', 1, ?, ?, ?)",
    ((i + 1, f"N261{i:06d}", rfc(i), f"EMPRESA DE SERVICIOS {i} SA DE CV", "0" * 64, t, f"{i:016x}", f"k{i}", rfc(i))
     for i in range(informativas)))
def datos(i, j):
    return json.dumps({
        "rfc_contratante": f"CLI{j:06d}AB{j % 10}", "nombre_contratante": f"CLIENTE {j} SA DE CV",
        "correo": f"compras{j}@cliente.mx", "celular": "5512345678", "fijo": None,
        "domicilio_social": {"calle": "AV INSURGENTES SUR", "numero_exterior": "1605", "numero_interior": None,
                             "colonia": "SAN JOSE INSURGENTES", "codigo_postal": "03900", "municipio": "BENITO JUAREZ",
                             "estado": "CIUDAD DE MEXICO", "entre_calles": None},
        "domicilio_convencional": None, "objeto": "Mantenimiento preventivo y correctivo de instalaciones",
        "servicio": {"folio": "AR12345/2024-001", "descripcion": "Mantenimiento de instalaciones eléctricas"},
        "fecha_inicio": "2026-02-01", "fecha_termino": None, "numero_contrato": f"C-{i}-{j}",
        "monto_centavos": 12500000, "trabajadores_estimados": 4})
db.executemany(
    "INSERT INTO contrato (informativa_id, rfc_contratante, nombre_contratante, servicio, fecha_inicio, datos,"
    " num_trabajadores, creado, actualizado) VALUES (?, ?, ?, 'AR12345/2024-001', '2026-02-01', ?, ?, ?, ?)",
    ((k // 5 + 1, f"CLI{k:06d}AB{k % 10}", f"CLIENTE {k} SA DE CV", datos(k // 5, k), 0 if k % 50 == 0 else 4, t, t)
     for k in range(informativas * 5)))
db.commit()
PY
/usr/bin/time -f "publicar: %e s, pico %M KB" "$bin" listado publicar --anio 2026 --periodo 1
echo "archivos guardados:"
find "$dir/archivos/listado" -type f -printf '%s B  %P\n' | sort -k3
