import { abrir, expect, test } from "./helpers";
import * as path from "node:path";

const vences = (page: import("@playwright/test").Page) =>
  page.locator("article.periodo").evaluateAll((els) => els.map((e) => e.getAttribute("data-vence")));

test("el calendario de 2026 muestra los vencimientos recorridos al día hábil", async ({ page, errores }) => {
  await abrir(page, "/calendario");
  await expect(page).toHaveTitle("Calendario de presentación · ICSOE");
  await expect(page.getByRole("heading", { name: "Periodos de 2026" })).toBeVisible();
  expect(await vences(page)).toEqual(["2026-05-18", "2026-09-17", "2027-01-18"]);
  const primero = page.locator('article[data-periodo="1"]');
  await expect(primero).toContainText("lunes 18 de mayo de 2026");
  await expect(primero).toContainText("17 may 2026: domingo");
  await expect(primero.locator(".etiqueta")).toHaveText("Plazo vencido");
  await expect(page.locator('article[data-periodo="3"] .etiqueta')).toHaveText("En curso");
  await expect(page.getByTestId("en-curso")).toContainText("3 · septiembre–diciembre 2026");
});

test("cambiar de año actualiza el calendario sin recargar la página", async ({ page, errores }) => {
  await abrir(page, "/calendario");
  // A value that only survives if the document is never reloaded.
  await page.evaluate(() => ((window as unknown as { sinRecarga: number }).sinRecarga = 42));

  await page.getByLabel("Año", { exact: true }).selectOption("2027");
  await expect(page).toHaveURL(/\/calendario\?anio=2027$/);
  await expect(page.getByRole("heading", { name: "Periodos de 2027" })).toBeVisible();
  expect(await vences(page)).toEqual(["2027-05-17", "2027-09-17", "2028-01-17"]);

  await page.getByRole("link", { name: /año siguiente/ }).click();
  await expect(page.getByRole("heading", { name: "Periodos de 2028" })).toBeVisible();
  expect(await vences(page)).toEqual(["2028-05-17", "2028-09-18", "2029-01-17"]);

  await page.goBack();
  await expect(page.getByRole("heading", { name: "Periodos de 2027" })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { sinRecarga?: number }).sinRecarga)).toBe(42);
});

test("un año inválido en la dirección muestra el error y permite corregirlo", async ({ page, errores }) => {
  await abrir(page, "/calendario?anio=1999");
  const alerta = page.getByRole("alert");
  await expect(alerta).toContainText("El año 1999 está fuera del calendario de ICSOE");
  await expect(alerta).toContainText("anio_out_of_range");
  await page.getByLabel("Año", { exact: true }).selectOption("2026");
  await expect(page.getByRole("heading", { name: "Periodos de 2026" })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
});

test("en un teléfono de 390 px el calendario se lee sin desplazamiento horizontal", async ({ page, errores }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await abrir(page, "/calendario");
  await expect(page.getByRole("heading", { name: "Periodos de 2026" })).toBeVisible();
  const ancho = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(ancho).toBeLessThanOrEqual(390);
  const archivo = path.join(__dirname, "..", "artifacts", `calendario-390-${process.env.E2E_BACKEND ?? "app"}.png`);
  await page.screenshot({ path: archivo, fullPage: true });
});
