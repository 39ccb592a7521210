// Issue 17, as a user lives it: a capturista sends an informativa to signature → the contratista
// finds it in its inbox (/avisos, server-rendered) and in its mail; it presents → the acuse PDF
// arrives attached to the contratista and to the capturista who prepared it; the capturista's
// despacho board fits a 360 px phone. Its own data: a Sin información for 2023-2 of the
// persona física test e.firma, and the capturista of informativas.spec.ts (registered here if
// that file has not run).
import { abrir, expect, test } from "./helpers";
import { cuentaLista, enlace, ultimoCorreo } from "./cuenta";
import { presentarPorApi } from "./presentar-api";
import * as fs from "node:fs";
import * as path from "node:path";

const RFC = "CACX7605101P8";
const CORREO_CONTRATISTA = "xochilt@ejemplo.mx";
const CURP = "PELJ850101HDFRPN06";
const CORREO_CAPTURISTA = "luis.perez@despacho.mx";
const CLAVE = "contraseña de luis larga";

/** The raw messages to `correo` written after `desde` whose text contains `con`. */
async function crudos(correo: string, desde: number, con: string, cuantos = 1): Promise<string[]> {
  const dir = process.env.E2E_CORREO_DIR ?? "";
  for (let intento = 0; intento < 50; intento++) {
    const hallados = (fs.existsSync(dir) ? fs.readdirSync(dir) : [])
      .filter((a) => a.endsWith(".eml"))
      .map((a) => path.join(dir, a))
      .filter((a) => fs.statSync(a).mtimeMs >= desde - 1000)
      .map((a) => fs.readFileSync(a, "utf8"))
      .filter((t) => t.includes(correo) && t.includes(con));
    if (hallados.length >= cuantos) return hallados;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no llegó el correo a ${correo} con «${con}»`);
}

/** The PDF attached to a raw multipart message. */
function pdfAdjunto(eml: string): Buffer {
  const partes = eml.replace(/\r\n/g, "\n").split(/\n--[^\n]+\n/);
  const parte = partes.find((p) => /Content-Type: application\/pdf/i.test(p));
  if (!parte) throw new Error(`sin PDF adjunto:\n${eml.slice(0, 2000)}`);
  const cuerpo = parte.split("\n\n").slice(1).join("\n\n").split("\n--")[0];
  return Buffer.from(cuerpo.replace(/\s+/g, ""), "base64");
}

test("la capturista envía a firma: el contratista lo ve en sus avisos y su correo; al presentar, el acuse llega adjunto a ambos", async ({ page, browser, errores }) => {
  test.setTimeout(120_000);
  await cuentaLista(page.request, RFC);
  // The capturista works in her own browser.
  const suyo = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const capturista = suyo.request;
  const desde = Date.now();
  const alta = await page.request.post("/api/v1/capturistas", {
    data: { curp: CURP, nombre: "Luis Pérez Juárez", correo: CORREO_CAPTURISTA },
  });
  expect([201, 409]).toContain(alta.status());
  if (alta.status() === 201) {
    const ruta = new URL(`http://x${enlace(await ultimoCorreo(CORREO_CAPTURISTA, desde))}`);
    const c = await capturista.post("/api/v1/auth/capturista/contrasena", {
      data: { token: ruta.searchParams.get("token"), contrasena: CLAVE },
    });
    expect(c.status(), await c.text()).toBe(200);
  }
  const e = await capturista.post("/api/v1/auth/capturista", { data: { curp: CURP, contrasena: CLAVE } });
  expect(e.status(), await e.text()).toBe(200);
  const k = await capturista.post("/api/v1/auth/capturista/contratista", { data: { rfc: RFC } });
  expect(k.status(), await k.text()).toBe(200);
  const r = await capturista.post("/api/v1/informativas", { data: { anio: "2023", periodo: "2", tipo: "sin_informacion" } });
  expect(r.status(), await r.text()).toBe(201);
  const { id } = await r.json();
  const enviada = Date.now();
  const f = await capturista.post(`/api/v1/informativas/${id}/enviar-firma`);
  expect(f.status(), await f.text()).toBe(200);

  // The contratista's mail and inbox.
  const correo = await ultimoCorreo(CORREO_CONTRATISTA, enviada);
  expect(correo).toContain("Luis Pérez Juárez terminó de capturar");
  await abrir(page, "/avisos");
  const aviso = page.getByTestId("aviso").filter({ hasText: "lista para firmar" }).first();
  await expect(aviso).toContainText("segundo cuatrimestre de 2023");
  await aviso.getByText("Leer").click();
  await expect(aviso).toContainText("Luis Pérez Juárez terminó de capturar");
  await aviso.getByRole("link", { name: "Ir a la informativa" }).click();
  await expect(page).toHaveURL(new RegExp(`/informativas/${id}$`));

  // Presented: the acuse arrives attached to both.
  const presentada = Date.now();
  const { folio } = await presentarPorApi(page.request, RFC, id);
  for (const destino of [CORREO_CONTRATISTA, CORREO_CAPTURISTA]) {
    const [eml] = await crudos(destino, presentada, folio);
    expect(eml).toMatch(/filename="?acuse-/);
    const pdf = pdfAdjunto(eml);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.toString("latin1")).toContain(folio);
  }
  await abrir(page, "/avisos");
  await expect(page.getByTestId("aviso").filter({ hasText: folio }).first()).toContainText(`acuse ${folio}`);

  // The capturista's board (current and previous periods of each contratista) fits a phone.
  const tablero = await suyo.newPage();
  await tablero.setViewportSize({ width: 360, height: 740 });
  await tablero.goto("/despacho");
  const fila = tablero.locator(`[data-testid="fila-despacho"][data-rfc="${RFC}"]`).first();
  await expect(fila).toBeVisible();
  expect(await tablero.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await suyo.close();
});

test("el calendario público se descarga como iCalendar", async ({ page, errores }) => {
  const r = await page.request.get("/calendario.ics");
  expect(r.status()).toBe(200);
  expect(r.headers()["content-type"]).toContain("text/calendar");
  const texto = await r.text();
  expect(texto).toContain("BEGIN:VCALENDAR");
  expect(texto).toContain("DTSTART;VALUE=DATE:20270118");
});
