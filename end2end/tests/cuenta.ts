import { APIRequestContext, expect } from "@playwright/test";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

const CERTS = path.resolve(__dirname, "../../fixtures/sat-test-certs");

/**
 * Logs a contratista in through the JSON API, signing the challenge here in Node with the SAT
 * test key (the browser journey of /ingresar is ingresar.spec.ts), and accepts the terms. The
 * cookie lands in the page's context.
 */
export async function entrarComoContratista(request: APIRequestContext, carpeta: string, rfc: string): Promise<void> {
  const dir = path.join(CERTS, carpeta);
  const llave = crypto.createPrivateKey({
    key: fs.readFileSync(path.join(dir, "private_key.key")),
    format: "der",
    type: "pkcs8",
    passphrase: fs.readFileSync(path.join(dir, "password.txt"), "utf8"),
  });
  const r = await request.post("/api/v1/auth/reto", { data: { rfc } });
  expect(r.status()).toBe(200);
  const { reto } = await r.json();
  const firma = crypto.sign("sha256", Buffer.from(reto, "utf8"), llave).toString("base64");
  const certificado = fs.readFileSync(path.join(dir, "certificate.cer")).toString("base64");
  const e = await request.post("/api/v1/auth/efirma", { data: { reto, certificado, firma } });
  expect(e.status(), await e.text()).toBe(200);
  const t = await request.post("/api/v1/auth/terminos", { data: { version: "2026-11" } });
  expect(t.status()).toBe(204);
}

function decodificarCuerpo(eml: string): string {
  const [encabezados, ...resto] = eml.replace(/\r\n/g, "\n").split("\n\n");
  const cuerpo = resto.join("\n\n");
  const cte = /Content-Transfer-Encoding:\s*(\S+)/i.exec(encabezados)?.[1]?.toLowerCase() ?? "7bit";
  if (cte === "base64") return Buffer.from(cuerpo.replace(/\s+/g, ""), "base64").toString("utf8");
  if (cte === "quoted-printable") {
    const bytes = cuerpo
      .replace(/=\n/g, "")
      .replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return cuerpo;
}

/** The newest message to `correo` in the development mail directory, decoded, after `desde`. */
export async function ultimoCorreo(correo: string, desde: number): Promise<string> {
  const dir = process.env.E2E_CORREO_DIR;
  if (!dir) throw new Error("E2E_CORREO_DIR no está definido (scripts/test.sh lo define)");
  for (let intento = 0; intento < 50; intento++) {
    const archivos = fs.existsSync(dir) ? fs.readdirSync(dir).filter((a) => a.endsWith(".eml")) : [];
    const candidatos = archivos
      .map((a) => path.join(dir, a))
      .filter((a) => fs.statSync(a).mtimeMs >= desde - 1000)
      .map((a) => ({ a, texto: fs.readFileSync(a, "utf8"), t: fs.statSync(a).mtimeMs }))
      .filter(({ texto }) => texto.includes(`<${correo}>`) || texto.includes(correo))
      .sort((x, y) => y.t - x.t || y.a.localeCompare(x.a));
    if (candidatos.length > 0) return decodificarCuerpo(candidatos[0].texto);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no llegó ningún correo para ${correo}`);
}

/** The link with a token in a message. */
export function enlace(texto: string): string {
  const m = /https?:\/\/\S+\?token=[0-9a-f]+/.exec(texto);
  if (!m) throw new Error(`el correo no trae enlace:\n${texto}`);
  return new URL(m[0]).pathname + new URL(m[0]).search;
}

/** Logs the contratista in and completes its account through the API: datos generales, one REPSE
 *  service and the REPSE acuse (what "Registrar informativa" requires). */
export async function cuentaLista(request: APIRequestContext, rfc: string): Promise<void> {
  await entrarComoContratista(request, `${rfc}_FIEL`, rfc);
  const d = await request.put("/api/v1/datos-generales", {
    data: {
      correo: "xochilt@ejemplo.mx",
      celular: "5587654321",
      repse: {
        numero: "AR54321/2023",
        fecha_registro: "2023-06-01",
        servicios: [{ folio: "AR54321/2023-001", descripcion: "Limpieza de oficinas" }],
      },
    },
  });
  expect(d.status(), await d.text()).toBe(200);
  const a = await request.put("/api/v1/repse/acuse", {
    data: fs.readFileSync(path.resolve(__dirname, "../fixtures/acuse_repse.pdf")),
    headers: { "content-type": "application/pdf", "x-nombre-archivo": "acuse.pdf" },
  });
  expect(a.status(), await a.text()).toBe(200);
}
