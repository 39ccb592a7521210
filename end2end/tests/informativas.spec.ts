// Informativas with their own contratista (the persona física test e.firma), so this file does not
// depend on the others: its account and capturista are set up through the API, then a capturista
// does the whole capture in the browser.
import { abrir, expect, test } from "./helpers";
import { cuentaLista, enlace, entrarComoContratista, ultimoCorreo } from "./cuenta";
import type { Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const RFC = "CACX7605101P8";
const CURP = "PELJ850101HDFRPN06";
const CORREO = "luis.perez@despacho.mx";
const CLAVE = "contraseña de luis larga";

test.describe.configure({ mode: "serial" });

/** Registers the capturista, sets her password from the mailed link and logs her in. */
async function entrarComoCapturista(page: Page): Promise<void> {
  const desde = Date.now();
  const r = await page.request.post("/api/v1/capturistas", {
    data: { curp: CURP, nombre: "Luis Pérez Juárez", correo: CORREO },
  });
  expect([201, 409]).toContain(r.status());
  if (r.status() === 201) {
    const ruta = new URL(`http://x${enlace(await ultimoCorreo(CORREO, desde))}`);
    const c = await page.request.post("/api/v1/auth/capturista/contrasena", {
      data: { token: ruta.searchParams.get("token"), contrasena: CLAVE },
    });
    expect(c.status(), await c.text()).toBe(200);
  }
  await page.request.post("/api/v1/auth/salir");
  const e = await page.request.post("/api/v1/auth/capturista", { data: { curp: CURP, contrasena: CLAVE } });
  expect(e.status(), await e.text()).toBe(200);
  const k = await page.request.post("/api/v1/auth/capturista/contratista", { data: { rfc: RFC } });
  expect(k.status(), await k.text()).toBe(200);
}

/** 10,000 worker rows from the generator with every 500th SBC broken and one duplicate. */
function archivoTrabajadores(): string {
  const generado = execFileSync("python3", [path.resolve(__dirname, "../../benches/generar_trabajadores.py"), "10000"], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  const lineas = generado.split("\n");
  for (let i = 1; i < lineas.length; i += 500) {
    if (lineas[i]) lineas[i] = lineas[i].replace(/,([^,]*)$/, ",$$$1");
  }
  lineas.splice(lineas.length - 1, 0, lineas[2]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "icsoe-e2e-"));
  const ruta = path.join(dir, "trabajadores.csv");
  fs.writeFileSync(ruta, lineas.join("\n"));
  return ruta;
}

test("una capturista registra la informativa Normal, un contrato, carga 10,000 trabajadores y la envía a firma", async ({ page, errores }) => {
  test.setTimeout(180_000);
  await cuentaLista(page.request, RFC);
  await entrarComoCapturista(page);

  await abrir(page, "/informativas");
  await expect(page.getByRole("heading", { name: "Informativas", exact: true })).toBeVisible();
  // The server suggests the period being reported now (clock fixed at 21 Nov 2026).
  await expect(page.getByLabel("Periodo", { exact: true })).toHaveValue("3");
  await expect(page.getByLabel("Año", { exact: true })).toHaveValue("2026");
  await page.getByLabel("Normal (hubo contratos en el periodo)").check();
  await page.getByRole("button", { name: "Registrar informativa" }).click();
  await expect(page).toHaveURL(/\/informativas\/\d+$/);
  await page.waitForSelector('body[data-hydrated="true"]');
  await expect(page.getByRole("heading", { name: "Periodo 3 (septiembre-diciembre) de 2026" })).toBeVisible();
  await expect(page.getByTestId("hallazgos").locator('[data-regla="V02"]')).toBeVisible();
  const informativa = page.url();

  await page.getByRole("link", { name: "Agregar contrato" }).click();
  await page.waitForSelector('body[data-hydrated="true"]');
  await expect(page.getByLabel("Servicio u obra especializado (registro REPSE)")).toHaveValue("AR54321/2023-001");
  // The domain code in the browser catches V03 before anything is sent.
  await page.getByLabel("RFC del contratante").fill(RFC);
  await page.getByLabel("Nombre o razón social").fill("Corporativo Cliente SA de CV");
  await page.getByLabel("Correo electrónico").fill("compras@cliente.mx");
  await page.getByLabel("Teléfono celular").fill("55 1122 3344");
  await page.getByLabel("Objeto del contrato").fill("Limpieza de las oficinas corporativas");
  await page.getByLabel("Fecha de inicio").fill("2026-09-15");
  await page.getByRole("button", { name: "Guardar contrato" }).click();
  await expect(page.locator("#rfc_contratante ~ .campo__error")).toContainText("contratista y contratante no pueden ser el mismo");
  await page.getByLabel("RFC del contratante").fill("CCL010101AB1");
  await page.getByRole("button", { name: "Guardar contrato" }).click();
  await expect(page).toHaveURL(/\/contratos\/\d+$/);
  await page.waitForSelector('body[data-hydrated="true"]');
  await expect(page.getByRole("heading", { name: "Corporativo Cliente SA de CV" })).toBeVisible();

  // Carga masiva: preview in the browser, then only the valid rows go up.
  const carga = page.getByTestId("carga-masiva");
  await carga.getByLabel("Archivo CSV de trabajadores").setInputFiles(archivoTrabajadores());
  await expect(carga.locator('dd[data-campo="filas"]')).toHaveAttribute("data-valor", "10001", { timeout: 60_000 });
  await expect(carga.locator('dd[data-campo="con_errores"]')).toHaveAttribute("data-valor", "21");
  const descarga = page.waitForEvent("download");
  await carga.getByRole("button", { name: "Descargar rechazados" }).click();
  const rechazados = fs.readFileSync(await (await descarga).path(), "utf8");
  expect(rechazados.trim().split(/\r?\n/)).toHaveLength(22);
  await carga.getByRole("button", { name: "Cargar 9,980 trabajadores válidos" }).click();
  const resultado = page.getByTestId("carga-resultado");
  await expect(resultado).toBeVisible({ timeout: 60_000 });
  await expect(resultado).toHaveAttribute("data-agregados", "9980");
  await expect(resultado).toContainText("Se agregaron 9,980 trabajadores");
  await expect(page.getByTestId("total-trabajadores")).toContainText("9,980 trabajadores en el contrato.");
  await expect(page.getByTestId("trabajadores").locator("tbody tr")).toHaveCount(50);

  // One more by hand, checked as it is typed.
  await page.getByLabel("NSS", { exact: true }).fill("1108512342");
  await expect(page.locator("#nss ~ .campo__error")).toContainText("Excel quitó el cero inicial");
  await page.getByLabel("NSS", { exact: true }).fill("01108512342");
  await page.getByLabel("CURP", { exact: true }).fill("PELJ850101HDFRPN06");
  await page.getByLabel("SBC diario").fill("315.04");
  await page.getByRole("button", { name: "Agregar trabajador" }).click();
  await expect(page.getByTestId("resultado")).toContainText("Agregaste al trabajador");
  await expect(page.getByTestId("total-trabajadores")).toContainText("9,981");
  await page.getByLabel("Buscar por NSS o CURP").fill("PELJ");
  await page.getByRole("button", { name: "Buscar" }).click();
  await expect(page.getByTestId("trabajadores").locator("tbody tr")).toHaveCount(1);

  await abrir(page, informativa);
  await expect(page.getByTestId("sin-hallazgos")).toBeVisible();
  await expect(page.locator('dd[data-campo="trabajadores"]')).toHaveText("9,981");
  await page.getByRole("button", { name: "Enviar a firma" }).click();
  await expect(page.getByTestId("resultado")).toContainText("Enviaste la informativa a firma");
  await expect(page.getByTestId("cabecera").locator("[data-estado]")).toHaveAttribute("data-estado", "en_firma");
  await expect(page.getByRole("link", { name: "Agregar contrato" })).toHaveCount(0);
});

test("una informativa Sin información va a firma sin contratos", async ({ page, errores }) => {
  await entrarComoContratista(page.request, `${RFC}_FIEL`, RFC);
  await abrir(page, "/informativas");
  await page.getByLabel("Periodo", { exact: true }).selectOption("2");
  await page.getByLabel("Sin información (no hubo contratos)").check();
  await page.getByRole("button", { name: "Registrar informativa" }).click();
  await expect(page).toHaveURL(/\/informativas\/\d+$/);
  await page.waitForSelector('body[data-hydrated="true"]');
  await expect(page.getByTestId("sin-hallazgos")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Contratos" })).toHaveCount(0);
  await page.getByRole("button", { name: "Enviar a firma" }).click();
  await expect(page.getByTestId("resultado")).toContainText("Enviaste la informativa a firma");
  // The contratista may send it back to capture.
  await page.getByRole("button", { name: "Regresar a captura" }).click();
  await expect(page.getByTestId("resultado")).toContainText("regresó a captura");
});

test("la lista de informativas cabe en un teléfono de 360 px", async ({ page, errores }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await entrarComoContratista(page.request, `${RFC}_FIEL`, RFC);
  await abrir(page, "/informativas");
  const tarjetas = page.getByTestId("informativas").locator("li");
  // This file's two, plus any another journey of the same contratista filed (avisos.spec.ts).
  await expect(tarjetas.nth(1)).toBeVisible();
  expect(await tarjetas.count()).toBeGreaterThanOrEqual(2);
  await expect(tarjetas.first()).toContainText("Vence el");
  const ancho = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(ancho).toBeLessThanOrEqual(360);
  await page.screenshot({ path: path.resolve(__dirname, "../artifacts/informativas-360.png"), fullPage: true });
});
