import { abrir, expect, test } from "./helpers";
import type { Page } from "@playwright/test";
import * as fs from "node:fs";
import * as path from "node:path";

const CERTS = path.resolve(__dirname, "../../fixtures/sat-test-certs");
const archivo = (carpeta: string, nombre: string) => path.join(CERTS, carpeta, nombre);
const contrasena = (carpeta: string) => fs.readFileSync(archivo(carpeta, "password.txt"), "utf8");

async function llenar(page: Page, rfc: string, carpeta: string, clave = contrasena(carpeta)): Promise<void> {
  await page.getByLabel("RFC", { exact: true }).fill(rfc);
  await page.getByLabel("Certificado (.cer)").setInputFiles(archivo(carpeta, "certificate.cer"));
  await page.getByLabel("Clave privada (.key)").setInputFiles(archivo(carpeta, "private_key.key"));
  await page.getByLabel("Contraseña de la clave privada").fill(clave);
}

/** Logs in; accepts the terms when the server asks for them (the first login of a database). */
async function recorrido(page: Page, terminos: "aceptar" | "si-hace-falta" = "si-hace-falta"): Promise<number> {
  await abrir(page, "/ingresar");
  await expect(page).toHaveTitle("Ingresar con e.firma · ICSOE");
  await llenar(page, "EKU9003173C9", "EKU9003173C9_FIEL");
  const inicio = Date.now();
  await page.getByRole("button", { name: "Validar" }).click();
  await expect(page.getByText("La validación de la FIEL fue exitosa")).toBeVisible({ timeout: 30_000 });
  const ms = Date.now() - inicio;
  await expect(page.getByText("ESCUELA KEMPER URGATE SA DE CV · RFC EKU9003173C9")).toBeVisible();
  const solicitudes: string[] = [];
  page.on("request", (r) => solicitudes.push(r.postData() ?? ""));
  await page.getByRole("button", { name: "Ingresar", exact: true }).click();
  await page.waitForURL(/\/(terminos|panel)$/);
  expect(solicitudes.join("\n"), "la contraseña nunca viaja").not.toContain(contrasena("EKU9003173C9_FIEL"));
  if (terminos === "aceptar") await expect(page).toHaveURL(/\/terminos$/);
  if (page.url().endsWith("/terminos")) {
    await page.waitForSelector('body[data-hydrated="true"]');
    await page.getByLabel("Acepto los términos y condiciones").check();
    await page.getByRole("button", { name: "Ingresar" }).click();
    // The IMSS guide's next step after accepting: datos generales.
    await expect(page).toHaveURL(/\/panel\?bienvenida=1$/);
    await expect(page.getByTestId("bienvenida").getByRole("link", { name: "Continuar" })).toHaveAttribute("href", "/datos-generales");
  }
  await expect(page).toHaveURL(/\/panel(\?bienvenida=1)?$/);
  await expect(page.getByRole("heading", { name: "Inicio" })).toBeVisible();
  await expect(page.getByTestId("contratista")).toContainText("ESCUELA KEMPER URGATE SA DE CV");
  await expect(page.getByTestId("proximo-vencimiento")).toBeVisible();
  return ms;
}

test("ingresar con la e.firma de prueba, aceptar los términos y salir", async ({ page, errores }) => {
  const ms = await recorrido(page, process.env.E2E_TERMINOS_ACEPTADOS ? "si-hace-falta" : "aceptar");
  console.log(`validar-efirma-ms: ${ms}`);
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.getByRole("button", { name: "Salir" }).click();
  await expect(page).toHaveURL(/\/ingresar$/);
  await page.goto("/panel");
  await expect(page).toHaveURL(/\/ingresar$/);
});

test("en un teléfono de 390 px el ingreso también funciona", async ({ page, errores }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await recorrido(page);
  const ancho = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(ancho).toBeLessThanOrEqual(390);
});

test("una contraseña equivocada se señala junto a su campo", async ({ page, errores }) => {
  await abrir(page, "/ingresar");
  await llenar(page, "EKU9003173C9", "EKU9003173C9_FIEL", "12345678b");
  await page.getByRole("button", { name: "Validar" }).click();
  const error = page.locator(".campo", { has: page.getByLabel("Contraseña de la clave privada") }).getByRole("alert");
  await expect(error).toContainText("La contraseña de la clave privada no es correcta", { timeout: 30_000 });
  await expect(error).toHaveAttribute("data-codigo", "efirma_password");
});

test("un CSD se rechaza junto al campo del certificado", async ({ page, errores }) => {
  await abrir(page, "/ingresar");
  await llenar(page, "EKU9003173C9", "EKU9003173C9_CSD");
  await page.getByRole("button", { name: "Validar" }).click();
  const error = page.locator(".campo", { has: page.getByLabel("Certificado (.cer)") }).getByRole("alert");
  await expect(error).toContainText("Certificado de Sello Digital", { timeout: 30_000 });
  await expect(error).toHaveAttribute("data-codigo", "efirma_csd");
});

test("sin sesión, las páginas protegidas llevan a ingresar", async ({ page, errores }) => {
  await page.goto("/panel");
  await expect(page).toHaveURL(/\/ingresar$/);
  await page.goto("/terminos");
  await expect(page).toHaveURL(/\/ingresar$/);
});
