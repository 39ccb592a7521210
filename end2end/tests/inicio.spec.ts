import { abrir, expect, test } from "./helpers";

// The server runs with ICSOE_CLOCK=2026-11-21T12:00:00-06:00 (scripts/test.sh).

test("la página de inicio explica ICSOE y muestra el próximo vencimiento", async ({ page, errores }) => {
  await abrir(page, "/");
  await expect(page).toHaveTitle("Inicio · ICSOE");
  await expect(page.locator("html")).toHaveAttribute("lang", "es-MX");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Informativa de Contratos de Servicios u Obras Especializados",
  );
  await expect(page.getByTestId("proximo-vencimiento")).toContainText("lunes 18 de enero de 2027");
  await expect(page.getByRole("link", { name: "Inicio" })).toHaveAttribute("aria-current", "page");
});

test("la cuenta regresiva avanza una vez hidratada", async ({ page, errores }) => {
  await abrir(page, "/");
  const cuenta = page.getByRole("timer");
  await expect(cuenta).toContainText("Faltan 58 días, 11 h, 59 min");
  const antes = await cuenta.textContent();
  await expect(cuenta).not.toHaveText(antes ?? "", { timeout: 5_000 });
});

test("una página que no existe responde 404 en español", async ({ page, errores }) => {
  const res = await page.goto("/no-existe");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Página no encontrada");
  // The browser logs the 404 of the document itself; that one is expected.
  errores.splice(0, errores.length, ...errores.filter((e) => !e.includes("404")));
});

test("el primer Tab lleva a «Saltar al contenido»", async ({ page, errores }) => {
  await abrir(page, "/");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Saltar al contenido" })).toBeFocused();
});
