// Issue 19, as payroll software lives it: the contratista creates an API token on /tokens-api (the
// button waits for the WebAssembly; the secret is shown once), a program with no cookie captures
// an informativa with it, is refused sending it to signature, and the token stops working the
// moment the contratista revokes it. /api/docs and the OpenAPI document are served by the app.
// 2022-3 of this RFC is used by no other journey.
import { abrir, expect, test } from "./helpers";
import { cuentaLista } from "./cuenta";
import { request as peticiones } from "@playwright/test";

const RFC = "CACX7605101P8";

test("un programa de nómina captura con un token de API y deja de poder al revocarlo", async ({ page, baseURL, errores }) => {
  test.setTimeout(90_000);
  await cuentaLista(page.request, RFC);
  await abrir(page, "/tokens-api");
  await page.getByLabel("Nombre del token").fill("Nómina CONTPAQi");
  await page.getByRole("button", { name: "Crear token" }).click();
  const secreto = (await page.getByTestId("secreto").textContent())?.trim() ?? "";
  expect(secreto).toMatch(/^icsoe_[0-9a-f]{64}$/);
  await expect(page.getByTestId("tokens")).toContainText("Nómina CONTPAQi");

  const programa = await peticiones.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${secreto}` } });
  const r = await programa.post("/api/v1/informativas", { data: { anio: "2022", periodo: "3", tipo: "normal" } });
  expect(r.status(), await r.text()).toBe(201);
  const { id } = await r.json();
  const firma = await programa.post(`/api/v1/informativas/${id}/enviar-firma`);
  expect(firma.status()).toBe(403);
  expect((await firma.json()).codigo).toBe("api_token_scope");

  // The reload shows the last use, never the secret again.
  await abrir(page, "/tokens-api");
  await expect(page.getByTestId("tokens")).not.toContainText("Último uso: Nunca");
  expect(await page.content()).not.toContain(secreto);
  await page.getByRole("button", { name: "Revocar «Nómina CONTPAQi»" }).click();
  await expect(page.getByTestId("resultado").first()).toContainText("Revocaste el token");
  const despues = await programa.get("/api/v1/informativas");
  expect(despues.status()).toBe(401);
  expect((await despues.json()).codigo).toBe("api_token_invalid");
  await programa.dispose();

  // The contract, readable by anyone.
  const doc = await page.request.get("/api/v1/openapi.json");
  expect((await doc.json()).openapi).toBe("3.1.0");
  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { name: "API de ICSOE" })).toBeVisible();
  await expect(page.locator("body")).toContainText("PUT /api/v1/informativas/{id}/contratos/{cid}/trabajadores/carga");
  expect((await page.request.delete(`/api/v1/informativas/${id}`)).status()).toBe(204);
});
