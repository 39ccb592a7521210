// Issue 18, as its users live it: a provider (the persona física test e.firma) presents a 2023-3
// Normal whose contract names a client (the persona moral test e.firma) and authorises that
// client; the client logs in with its own e.firma and finds the contract, its workers and the
// acuse in «Mis proveedores» on a phone; the provider sees the access. Then the period is
// published (`icsoe listado publicar`, what the monthly task does) and anyone finds the filing in
// /listado-publico and downloads LPT2023.xlsx. 2023-3 of this RFC is used by no other journey.
import { abrir, expect, test } from "./helpers";
import { cuentaLista, entrarComoContratista } from "./cuenta";
import { presentarPorApi } from "./presentar-api";
import { execFileSync } from "node:child_process";
import * as path from "node:path";

const PROVEEDOR = "CACX7605101P8";
const CLIENTE = "EKU9003173C9";

test("un cliente autorizado ve sus contratos y el listado público publica la informativa", async ({ page, browser, errores }) => {
  test.setTimeout(120_000);
  await cuentaLista(page.request, PROVEEDOR);
  const r = await page.request.post("/api/v1/informativas", { data: { anio: "2023", periodo: "3", tipo: "normal" } });
  expect(r.status(), await r.text()).toBe(201);
  const { id } = await r.json();
  const c = await page.request.post(`/api/v1/informativas/${id}/contratos`, {
    data: {
      rfc_contratante: CLIENTE, nombre_contratante: "Escuela Kemper Urgate SA de CV", correo: "compras@kemper.mx",
      celular: "5511112222", objeto: "Limpieza de aulas", servicio: "AR54321/2023-001", fecha_inicio: "2023-10-02",
    },
  });
  expect(c.status(), await c.text()).toBe(201);
  const cid = (await c.json()).id;
  const filas = execFileSync("python3", [path.resolve(__dirname, "../../benches/generar_trabajadores.py"), "3"], { encoding: "utf8" });
  const t = await page.request.put(`/api/v1/informativas/${id}/contratos/${cid}/trabajadores/carga`, {
    data: filas, headers: { "content-type": "text/csv", "idempotency-key": "e2e-listado-2023-3" },
  });
  expect(t.status(), await t.text()).toBe(200);
  expect((await page.request.post(`/api/v1/informativas/${id}/enviar-firma`)).status()).toBe(200);
  const { folio } = await presentarPorApi(page.request, PROVEEDOR, id);

  // The provider authorises its client on /autorizaciones.
  await abrir(page, "/autorizaciones");
  await page.getByLabel("RFC del cliente").fill(CLIENTE.toLowerCase());
  await page.getByRole("button", { name: "Autorizar" }).click();
  await expect(page.getByTestId("autorizados")).toContainText(CLIENTE);

  // The client, in its own browser on a phone.
  const suyo = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width: 360, height: 740 } });
  await entrarComoContratista(suyo.request, `${CLIENTE}_FIEL`, CLIENTE);
  const cliente = await suyo.newPage();
  await abrir(cliente, "/mis-proveedores");
  const proveedor = cliente.locator(`[data-testid="proveedor"][data-rfc="${PROVEEDOR}"]`);
  await expect(proveedor).toContainText("XOCHILT CASAS CHAVEZ");
  await expect(proveedor).toContainText(folio);
  await expect(proveedor).toContainText("3 trabajadores");
  expect(await cliente.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const [xlsx] = await Promise.all([
    cliente.waitForEvent("download"),
    proveedor.getByRole("link", { name: "Descargar contratos y trabajadores (Excel)" }).click(),
  ]);
  expect(xlsx.suggestedFilename()).toBe(`contratos-${PROVEEDOR}.xlsx`);
  const acuse = await suyo.request.get(`/mis-proveedores/${PROVEEDOR}/${id}/acuse.pdf`);
  expect(acuse.status()).toBe(200);
  await suyo.close();

  // The provider sees who looked.
  await abrir(page, "/autorizaciones");
  await expect(page.getByTestId("accesos")).toContainText("Consultó sus contratos");

  // Published, as the monthly task does, then found by anyone.
  // From the repository root, as the server runs (the trust store path in the settings is relative).
  const raiz = path.resolve(__dirname, "../..");
  const icsoe = process.env.ICSOE_BIN ?? path.join(raiz, "target/release/icsoe");
  const salida = execFileSync(icsoe, ["listado", "publicar", "--anio", "2023", "--periodo", "3"], { encoding: "utf8", cwd: raiz });
  expect(salida).toContain("Listado público 2023-3");
  const anonimo = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width: 360, height: 740 } });
  const visitante = await anonimo.newPage();
  await abrir(visitante, "/listado-publico?anio=2023&periodo=3&q=xochilt");
  const fila = visitante.getByTestId("fila-listado").filter({ hasText: folio });
  await expect(fila).toContainText("Escuela Kemper Urgate SA de CV");
  await expect(visitante.locator("body")).not.toContainText(CLIENTE);
  expect(await visitante.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const [lista] = await Promise.all([
    visitante.waitForEvent("download"),
    visitante.getByRole("link", { name: "LPT2023.xlsx" }).first().click(),
  ]);
  expect(lista.suggestedFilename()).toBe("LPT2023.xlsx");
  await anonimo.close();
});
