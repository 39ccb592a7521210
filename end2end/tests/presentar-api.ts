import { APIRequestContext, expect } from "@playwright/test";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

const CERTS = path.resolve(__dirname, "../../fixtures/sat-test-certs");

/**
 * Registers a Sin información for `anio`-`periodo`, sends it to signature and presents it through
 * the JSON API ([`presentarPorApi`]; the browser journey of signing is presentacion.spec.ts).
 * Returns the id, folio and verification code.
 */
export async function presentadaPorApi(
  request: APIRequestContext,
  rfc: string,
  anio: string,
  periodo: string,
): Promise<{ id: number; folio: string; codigo: string }> {
  const r = await request.post("/api/v1/informativas", { data: { anio, periodo, tipo: "sin_informacion" } });
  expect(r.status(), await r.text()).toBe(201);
  const { id } = await r.json();
  const e = await request.post(`/api/v1/informativas/${id}/enviar-firma`);
  expect(e.status(), await e.text()).toBe(200);
  return { id, ...(await presentarPorApi(request, rfc, id)) };
}

/** Signs informativa `id` (already in signature) here in Node with the SAT test e.firma of `rfc`
 *  and presents it through the JSON API. Returns its folio and verification code. */
export async function presentarPorApi(
  request: APIRequestContext,
  rfc: string,
  id: number,
): Promise<{ folio: string; codigo: string }> {
  const dir = path.join(CERTS, `${rfc}_FIEL`);
  const f = await request.get(`/api/v1/informativas/${id}/firma`);
  expect(f.status(), await f.text()).toBe(200);
  const { cadena } = await f.json();
  const llave = crypto.createPrivateKey({
    key: fs.readFileSync(path.join(dir, "private_key.key")),
    format: "der",
    type: "pkcs8",
    passphrase: fs.readFileSync(path.join(dir, "password.txt"), "utf8"),
  });
  const firma = crypto.sign("sha256", Buffer.from(cadena, "utf8"), llave).toString("base64");
  const certificado = fs.readFileSync(path.join(dir, "certificate.cer")).toString("base64");
  const p = await request.post(`/api/v1/informativas/${id}/presentar`, {
    data: { cadena, certificado, firma },
    headers: { "idempotency-key": `e2e-${rfc}-${id}` },
  });
  expect(p.status(), await p.text()).toBe(200);
  const { folio, codigo } = await p.json();
  return { folio, codigo };
}
