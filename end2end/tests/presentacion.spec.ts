// Firmar y presentar in the browser: the contratista prepares the signature, loads its e.firma
// (.cer, .key, password: used by WASM, never sent), presents, downloads the acuse, verifies it on
// the public page (also on a phone), and annuls it with a complementaria sin efectos. Its own
// data: a Sin información for period 1 of 2026 of the persona física test e.firma (late on the
// fixed clock of 21 Nov 2026, so the fine is shown); and a Normal for 2025-3 corrected with a
// complementaria de corrección that replaces it.
import { abrir, expect, test } from "./helpers";
import { cuentaLista } from "./cuenta";
import type { Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const CERTS = path.resolve(__dirname, "../../fixtures/sat-test-certs");
const RFC = "CACX7605101P8";
const EFIRMA = path.join(CERTS, `${RFC}_FIEL`);

test.describe.configure({ mode: "serial" });

async function enFirma(page: Page): Promise<number> {
  await cuentaLista(page.request, RFC);
  const r = await page.request.post("/api/v1/informativas", {
    data: { anio: "2026", periodo: "1", tipo: "sin_informacion" },
  });
  expect(r.status(), await r.text()).toBe(201);
  const { id } = await r.json();
  const e = await page.request.post(`/api/v1/informativas/${id}/enviar-firma`);
  expect(e.status(), await e.text()).toBe(200);
  return id;
}

async function firmar(page: Page, contrasena: string): Promise<void> {
  const panel = page.getByTestId("firmar");
  await panel.getByRole("button", { name: "Preparar firma" }).click();
  await expect(panel.getByTestId("cadena")).toHaveText(/^\|\|ICSOE\|1\.1\|/);
  await panel.getByLabel("Certificado (.cer)").setInputFiles(path.join(EFIRMA, "certificate.cer"));
  await panel.getByLabel("Clave privada (.key)").setInputFiles(path.join(EFIRMA, "private_key.key"));
  await panel.getByLabel("Contraseña de la clave privada").fill(contrasena);
  await panel.getByRole("button", { name: "Firmar y presentar" }).click();
}

test("el contratista firma y presenta, descarga el acuse y lo verifica; luego lo deja sin efectos", async ({ page, errores }) => {
  test.setTimeout(120_000);
  const id = await enFirma(page);
  const contrasena = fs.readFileSync(path.join(EFIRMA, "password.txt"), "utf8");

  // Nothing leaves the browser but the certificate and the signature.
  const enviados: string[] = [];
  page.on("request", (r) => enviados.push(r.postData() ?? ""));

  await abrir(page, `/informativas/${id}`);
  await page.getByTestId("firmar").getByRole("button", { name: "Preparar firma" }).click();
  await expect(page.getByTestId("extemporanea")).toContainText("$58,655.00");
  // A wrong password is caught in the browser.
  await page.getByTestId("firmar").getByLabel("Certificado (.cer)").setInputFiles(path.join(EFIRMA, "certificate.cer"));
  await page.getByTestId("firmar").getByLabel("Clave privada (.key)").setInputFiles(path.join(EFIRMA, "private_key.key"));
  await page.getByTestId("firmar").getByLabel("Contraseña de la clave privada").fill("no es la contraseña");
  await page.getByTestId("firmar").getByRole("button", { name: "Firmar y presentar" }).click();
  await expect(page.getByTestId("firmar").getByRole("alert")).toHaveAttribute("data-codigo", "efirma_password");

  await page.getByTestId("firmar").getByLabel("Contraseña de la clave privada").fill(contrasena);
  await page.getByTestId("firmar").getByRole("button", { name: "Firmar y presentar" }).click();
  const presentada = page.getByTestId("presentada");
  await expect(presentada).toBeVisible({ timeout: 30_000 });
  const folio = (await presentada.locator('dd[data-campo="folio"]').textContent()) ?? "";
  expect(folio).toMatch(/^SI261\d{6}$/);
  await expect(presentada.locator('dd[data-campo="presentada"]')).toHaveText("21/11/2026 12:00:00");
  await expect(presentada.getByTestId("extemporanea")).toContainText("$234,620.00");
  for (const cuerpo of enviados) {
    expect(cuerpo).not.toContain(contrasena);
    expect(cuerpo).not.toContain("ENCRYPTED");
  }

  // The acuse: a PDF carrying the folio.
  const descarga = page.waitForEvent("download");
  await presentada.getByRole("link", { name: "Descargar acuse (PDF)" }).click();
  const pdf = fs.readFileSync(await (await descarga).path());
  expect(pdf.subarray(0, 8).toString("latin1")).toBe("%PDF-1.4");
  expect(pdf.toString("latin1")).toContain(folio);

  // Public verification, as the QR opens it, on a phone.
  await page.setViewportSize({ width: 360, height: 740 });
  await presentada.getByRole("link", { name: "Verificar acuse" }).click();
  await page.waitForSelector('body[data-hydrated="true"]');
  const v = page.getByTestId("verificacion");
  await expect(v).toContainText("Acuse auténtico");
  await expect(v.locator('dd[data-campo="situacion"]')).toHaveText("Vigente");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.setViewportSize({ width: 1280, height: 800 });

  // Complementaria sin efectos: created, sent to signature, signed; the original loses effect.
  await abrir(page, `/informativas/${id}`);
  await page.getByRole("button", { name: "Complementaria sin efectos" }).click();
  await expect(page).not.toHaveURL(new RegExp(`/informativas/${id}$`));
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.getByRole("button", { name: "Enviar a firma" }).click();
  await expect(page.getByTestId("resultado")).toContainText("Enviaste la informativa a firma");
  await firmar(page, contrasena);
  await expect(page.getByTestId("presentada").locator('dd[data-campo="folio"]')).toHaveText(/^SE261\d{6}$/, { timeout: 30_000 });

  const folioSe = (await page.getByTestId("presentada").locator('dd[data-campo="folio"]').textContent()) ?? "";

  await abrir(page, `/informativas/${id}`);
  await expect(page.getByTestId("cabecera")).toContainText("Sin efectos");

  // Anyone with the folio and the RFC sees that the original no longer has effect, and by which folio.
  await abrir(page, `/verificar/${folio}?rfc=CACX7605101P8`);
  const v2 = page.getByTestId("verificacion");
  // The RFC is public: the listing's data, no authenticity verdict (that needs the acuse's code).
  await expect(v2).toContainText("Informativa presentada");
  await expect(v2).not.toContainText("Sello digital ICSOE");
  await expect(v2.locator('dd[data-campo="situacion"]')).toHaveText(`Dejada sin efectos por la complementaria con folio ${folioSe}`);

  // The list keeps the folio and the acuse of the original.
  await abrir(page, "/informativas");
  const tarjeta = page.locator(`li[data-id="${id}"]`);
  await expect(tarjeta.locator('[data-campo="folio"]')).toContainText(folio);
  await expect(tarjeta.getByRole("link", { name: "Acuse de presentación (PDF)" })).toHaveAttribute("href", `/api/v1/informativas/${id}/acuse.pdf`);
});

test("una complementaria de corrección copia la informativa, se corrige, se firma y sustituye a la original", async ({ page, errores }) => {
  test.setTimeout(120_000);
  await cuentaLista(page.request, RFC);
  const contrasena = fs.readFileSync(path.join(EFIRMA, "password.txt"), "utf8");

  // A Normal for 2025-3 (no other journey files that period) with one contract and three workers,
  // through the API.
  const r = await page.request.post("/api/v1/informativas", { data: { anio: "2025", periodo: "3", tipo: "normal" } });
  expect(r.status(), await r.text()).toBe(201);
  const { id } = await r.json();
  const c = await page.request.post(`/api/v1/informativas/${id}/contratos`, {
    data: {
      rfc_contratante: "AAA010101AAA", nombre_contratante: "Cliente del Norte SA de CV", correo: "compras@cliente.mx",
      celular: "5511112222", objeto: "Limpieza de oficinas", servicio: "AR54321/2023-001", fecha_inicio: "2025-10-01",
    },
  });
  expect(c.status(), await c.text()).toBe(201);
  const cid = (await c.json()).id;
  const filas = execFileSync("python3", [path.resolve(__dirname, "../../benches/generar_trabajadores.py"), "3"], { encoding: "utf8" });
  const t = await page.request.put(`/api/v1/informativas/${id}/contratos/${cid}/trabajadores/carga`, {
    data: filas, headers: { "content-type": "text/csv", "idempotency-key": "e2e-correccion-original" },
  });
  expect(t.status(), await t.text()).toBe(200);
  expect((await page.request.post(`/api/v1/informativas/${id}/enviar-firma`)).status()).toBe(200);

  await abrir(page, `/informativas/${id}`);
  const nav = page.getByRole("navigation", { name: "Principal" });
  await expect(nav.getByRole("link", { name: "Mi panel" })).toBeVisible();
  await firmar(page, contrasena);
  const original = (await page.getByTestId("presentada").locator('dd[data-campo="folio"]').textContent({ timeout: 30_000 })) ?? "";
  expect(original).toMatch(/^N253\d{6}$/);

  // The corrección starts as a full copy of what was presented.
  await page.getByRole("button", { name: "Complementaria de corrección" }).click();
  await expect(page).not.toHaveURL(new RegExp(`/informativas/${id}$`));
  await page.waitForSelector('body[data-hydrated="true"]');
  const nueva = Number(new URL(page.url()).pathname.split("/").pop());
  await expect(page.getByTestId("cabecera")).toContainText("Complementaria de corrección");
  await expect(page.getByTestId("cabecera")).toContainText("Sin plazo");
  await expect(page.locator('dd[data-campo="trabajadores"]')).toHaveText("3");
  const detalle = await (await page.request.get(`/api/v1/informativas/${nueva}`)).json();
  const copia = detalle.contratos[0].id;

  // Corrected in the browser: the worker that was missing is added by hand.
  await abrir(page, `/informativas/${nueva}/contratos/${copia}`);
  await page.getByLabel("NSS", { exact: true }).fill("01108512342");
  await page.getByLabel("CURP", { exact: true }).fill("PELJ850101HDFRPN06");
  await page.getByLabel("SBC diario").fill("315.04");
  await page.getByRole("button", { name: "Agregar trabajador" }).click();
  await expect(page.getByTestId("resultado")).toContainText("Agregaste al trabajador");

  await abrir(page, `/informativas/${nueva}`);
  await expect(page.locator('dd[data-campo="trabajadores"]')).toHaveText("4");
  await page.getByRole("button", { name: "Enviar a firma" }).click();
  await expect(page.getByTestId("resultado")).toContainText("Enviaste la informativa a firma");
  await firmar(page, contrasena);
  const correccion = page.getByTestId("presentada").locator('dd[data-campo="folio"]');
  await expect(correccion).toHaveText(/^C253\d{6}$/, { timeout: 30_000 });
  const folioC = (await correccion.textContent()) ?? "";

  await abrir(page, `/informativas/${id}`);
  await expect(page.getByTestId("cabecera")).toContainText("Sustituida");
  await abrir(page, `/verificar/${original}?rfc=${RFC}`);
  await expect(page.getByTestId("verificacion").locator('dd[data-campo="situacion"]')).toHaveText(
    `Sustituida por la complementaria de corrección con folio ${folioC}`,
  );

  // Logged out, the header offers "Ingresar" again.
  expect((await page.request.post("/api/v1/auth/salir")).ok()).toBeTruthy();
  await abrir(page, "/verificar");
  await expect(nav.getByRole("link", { name: "Ingresar" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Mi panel" })).toHaveCount(0);
});

test("«Contratos y trabajadores (CSV)» se descarga completo en el navegador (con gzip)", async ({ page }) => {
  test.setTimeout(120_000);
  await cuentaLista(page.request, RFC);
  const contrasena = fs.readFileSync(path.join(EFIRMA, "password.txt"), "utf8");
  // 2025-2 is filed by no other journey; 2,500 workers crossed the size where the stream broke.
  const r = await page.request.post("/api/v1/informativas", { data: { anio: "2025", periodo: "2", tipo: "normal" } });
  expect(r.status(), await r.text()).toBe(201);
  const { id } = await r.json();
  const c = await page.request.post(`/api/v1/informativas/${id}/contratos`, {
    data: {
      rfc_contratante: "AAA010101AAA", nombre_contratante: "=HYPERLINK(\"http://x\")", correo: "compras@cliente.mx",
      celular: "5511112222", objeto: "Limpieza de oficinas", servicio: "AR54321/2023-001", fecha_inicio: "2025-06-01",
    },
  });
  expect(c.status(), await c.text()).toBe(201);
  const cid = (await c.json()).id;
  const filas = execFileSync("python3", [path.resolve(__dirname, "../../benches/generar_trabajadores.py"), "2500"], { encoding: "utf8" });
  const t = await page.request.put(`/api/v1/informativas/${id}/contratos/${cid}/trabajadores/carga`, {
    data: filas, headers: { "content-type": "text/csv", "idempotency-key": "e2e-descarga-csv-2500" },
  });
  expect(t.status(), await t.text()).toBe(200);
  // Rows over the 2025 cap (25 UMA of 2025) are refused; the rest are the informativa.
  const { agregados } = await t.json();
  expect(agregados).toBeGreaterThan(2000);
  expect((await page.request.post(`/api/v1/informativas/${id}/enviar-firma`)).status()).toBe(200);

  await abrir(page, `/informativas/${id}`);
  await firmar(page, contrasena);
  const presentada = page.getByTestId("presentada");
  await expect(presentada).toBeVisible({ timeout: 30_000 });
  const descarga = page.waitForEvent("download");
  await presentada.getByRole("link", { name: "Contratos y trabajadores (CSV)" }).click();
  const csv = fs.readFileSync(await (await descarga).path(), "utf8");
  const lineas = csv.split(/\r?\n/).filter((l) => l.length > 0);
  expect(lineas.length).toBe(agregados + 1);
  // A client name that is a formula arrives as text.
  expect(lineas[1]).toContain("'=HYPERLINK");
});
