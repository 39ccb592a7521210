#!/usr/bin/env python3
"""Logs in to a running ICSOE server with a SAT test e.firma, as a third-party client would
(docs/API.md): asks a challenge, signs it with the private key (openssl: RSA PKCS#1 v1.5 /
SHA-256), presents it, accepts the terms, completes datos generales and the REPSE acuse, and
creates an API token. Prints two lines: the session cookie (`icsoe_sesion=…`) and the API token.

    python3 scripts/api_sesion.py http://127.0.0.1:3000 ../shared/fixtures/sat-test-certs/EKU9003173C9_FIEL
"""
import base64
import json
import os
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

DATOS = {
    "correo": "contacto@ejemplo.mx", "celular": "5512345678", "fijo": "",
    "domicilio_social_igual_fiscal": True,
    "domicilio_social": {"codigo_postal": "06600", "colonia": "0930", "calle": "Versalles",
                         "numero_exterior": "15", "numero_interior": "", "entre_calles": ""},
    "repse": {"numero": "AR12345/2024", "fecha_registro": "15/03/2024",
              "servicios": [{"folio": "AR12345/2024-001", "descripcion": "Mantenimiento de elevadores"}]},
}


def pedir(base, metodo, ruta, cuerpo=None, cookie=None, tipo="application/json"):
    datos = cuerpo if isinstance(cuerpo, (bytes, type(None))) else json.dumps(cuerpo).encode()
    req = urllib.request.Request(base + ruta, data=datos, method=metodo)
    req.add_header("content-type", tipo)
    req.add_header("accept", "application/json")
    if cookie:
        req.add_header("cookie", cookie)
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        raise SystemExit(f"{metodo} {ruta}: {e.code} {e.read().decode(errors='replace')}")


def firmar(carpeta: Path, texto: str) -> bytes:
    clave = (carpeta / "password.txt").read_text().strip()
    pem = subprocess.run(
        ["openssl", "pkcs8", "-inform", "DER", "-in", str(carpeta / "private_key.key"),
         "-passin", f"pass:{clave}"], check=True, capture_output=True).stdout
    fd, ruta = tempfile.mkstemp()
    try:
        os.write(fd, pem)
        os.close(fd)
        return subprocess.run(["openssl", "dgst", "-sha256", "-sign", ruta],
                              input=texto.encode(), check=True, capture_output=True).stdout
    finally:
        os.unlink(ruta)


def main():
    base, carpeta = sys.argv[1].rstrip("/"), Path(sys.argv[2])
    rfc = carpeta.name.split("_")[0]
    _, _, r = pedir(base, "POST", "/api/v1/auth/reto", {"rfc": rfc})
    reto = json.loads(r)["reto"]
    cer = base64.b64encode((carpeta / "certificate.cer").read_bytes()).decode()
    firma = base64.b64encode(firmar(carpeta, reto)).decode()
    _, h, _ = pedir(base, "POST", "/api/v1/auth/efirma", {"reto": reto, "certificado": cer, "firma": firma})
    cookie = h["set-cookie"].split(";")[0]
    _, _, r = pedir(base, "GET", "/api/v1/auth/sesion", cookie=cookie)
    if json.loads(r).get("terminos_pendientes"):
        version = sys.argv[3] if len(sys.argv) > 3 else "2026-11"
        pedir(base, "POST", "/api/v1/auth/terminos", {"version": version}, cookie=cookie)
    pedir(base, "PUT", "/api/v1/datos-generales", DATOS, cookie=cookie)
    pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    pedir(base, "PUT", "/api/v1/repse/acuse", pdf, cookie=cookie, tipo="application/pdf")
    _, _, r = pedir(base, "POST", "/api/fn/tokens-api/nuevo",
                    urllib.parse.urlencode({"nombre": "schemathesis"}).encode(), cookie=cookie,
                    tipo="application/x-www-form-urlencoded")
    print(cookie)
    print(json.loads(r)["secreto"])


if __name__ == "__main__":
    main()
