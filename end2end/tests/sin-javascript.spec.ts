// Issue 16: what a phone gets before (or without) the WebAssembly. With JavaScript disabled every
// page's main content is in the server's HTML, the forms work as plain POSTs (nothing secret ever
// lands in a URL), and an acuse's QR link shows the verdict.
import { expect, test } from "./helpers";
import { cuentaLista } from "./cuenta";
import { presentadaPorApi } from "./presentar-api";

// The persona física test e.firma (no domicilio social to give); its 2024 periods are used by
// no other journey.
const RFC = "CACX7605101P8";

test.use({ javaScriptEnabled: false });
test.describe.configure({ mode: "serial" });

test("sin JavaScript cada página trae su contenido y los formularios funcionan", async ({ page, errores }) => {
  await cuentaLista(page.request, RFC);
  const { id, folio } = await presentadaPorApi(page.request, RFC, "2024", "1");

  await page.goto("/panel");
  await expect(page.getByTestId("contratista")).toContainText("XOCHILT CASAS CHAVEZ");
  await expect(page.getByTestId("proximo-vencimiento")).toBeVisible();

  await page.goto("/informativas");
  const tarjeta = page.locator(`li[data-id="${id}"]`);
  await expect(tarjeta).toContainText("Periodo 1 (enero-abril) de 2024");
  await expect(tarjeta.locator('[data-campo="folio"]')).toContainText(folio);
  // The form arrives with the period being reported now (the fixed clock: 21/11/2026 → 2026-3).
  await expect(page.getByLabel("Periodo", { exact: true })).toHaveValue("3");

  await page.goto(`/informativas/${id}`);
  await expect(page.getByTestId("presentada").locator('[data-campo="folio"]')).toHaveText(folio);

  await page.goto("/datos-generales");
  await expect(page.getByLabel("Correo electrónico")).toHaveValue("xochilt@ejemplo.mx");
  await page.goto("/administracion");
  await expect(page.getByRole("heading", { name: "Registrar capturista" })).toBeVisible();
  await page.goto("/calendario?anio=2027");
  await expect(page.getByRole("heading", { name: "Periodos de 2027" })).toBeVisible();

  // Registering an informativa is a real form: the server answers with the new page.
  await page.goto("/informativas");
  await page.getByLabel("Año", { exact: true }).selectOption("2024");
  await page.getByLabel("Periodo", { exact: true }).selectOption("2");
  await page.getByLabel("Sin información (no hubo contratos)").check();
  await page.getByRole("button", { name: "Registrar informativa" }).click();
  await expect(page).toHaveURL(/\/informativas\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Periodo 2 (mayo-agosto) de 2024");
  // …and so is deleting it, after confirming.
  await page.getByText("Eliminar informativa").click();
  await page.getByRole("button", { name: "Sí, eliminar" }).click();
  await expect(page).toHaveURL(/\/informativas$/);
  await expect(page.getByText("Periodo 2 (mayo-agosto) de 2024")).toHaveCount(0);
});

test("sin JavaScript el código QR de un acuse muestra el veredicto", async ({ browser, errores }) => {
  // The acuse presented by the previous test, verified by someone with no session at all.
  const conSesion = await browser.newContext({ baseURL: test.info().project.use.baseURL, javaScriptEnabled: false });
  await cuentaLista(conSesion.request, RFC);
  const lista = await (await conSesion.request.get("/api/v1/informativas")).json();
  const presentada = lista.find((i: { anio: number; periodo: number; folio: string | null }) => i.anio === 2024 && i.periodo === 1 && i.folio);
  const detalle = await (await conSesion.request.get(`/api/v1/informativas/${presentada.id}`)).json();
  await conSesion.close();
  const { folio, codigo } = detalle.presentacion;

  const anonimo = await browser.newContext({ baseURL: test.info().project.use.baseURL, javaScriptEnabled: false, viewport: { width: 360, height: 640 } });
  const telefono = await anonimo.newPage();
  await telefono.goto(`/verificar/${folio}?codigo=${codigo}`);
  const veredicto = telefono.getByTestId("verificacion");
  await expect(veredicto.getByRole("heading")).toHaveText("Acuse auténtico");
  await expect(veredicto).toContainText(folio);
  // Above the fold on a 360 × 640 phone.
  const caja = await veredicto.getByRole("heading").boundingBox();
  expect(caja && caja.y + caja.height).toBeLessThanOrEqual(640);
  // A client checking its provider with the RFC sees only what the public listing publishes.
  await telefono.goto(`/verificar/${folio}?rfc=${RFC}`);
  await expect(telefono.getByTestId("verificacion").getByRole("heading")).toHaveText("Informativa presentada");
  // The form works too: a plain GET of what is printed on the acuse.
  await telefono.goto("/verificar");
  await telefono.getByLabel("Folio").fill(folio);
  await telefono.getByLabel("RFC del contratista o código de verificación").fill(codigo);
  await telefono.getByRole("button", { name: "Verificar" }).click();
  await expect(telefono.getByTestId("verificacion").getByRole("heading")).toHaveText("Acuse auténtico");
  await anonimo.close();
});

test("sin JavaScript el ingreso de capturista nunca pone la contraseña en la URL", async ({ page, errores }) => {
  await page.goto("/ingresar");
  await page.getByLabel("CURP").fill("PELJ850101HDFRPN06");
  await page.getByLabel("Contraseña", { exact: true }).fill("una contraseña secreta");
  await page.getByLabel("Contraseña", { exact: true }).press("Enter");
  await expect(page).toHaveURL(/\/ingresar/);
  expect(page.url()).not.toContain("secreta");
  expect(page.url()).not.toContain("PELJ850101HDFRPN06");
  await expect(page.locator(".aviso--error")).toBeVisible();
  // The e.firma form cannot be sent before the WebAssembly that reads the key is there.
  await expect(page.getByRole("button", { name: "Cargando…" })).toBeDisabled();
});
