// Issue 16: axe-core on every page, hydrated, at phone and desktop widths. The CSP blocks script
// tags, so axe's source is evaluated in the page (DevTools protocol), then `axe.run`. No
// critical or serious violation is allowed; the rest are printed for the record.
import { abrir, expect, test } from "./helpers";
import { cuentaLista } from "./cuenta";
import type { Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const AXE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
// The persona física test e.firma; its 2024 periods are used by no other journey.
const RFC = "CACX7605101P8";

type Violacion = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

async function revisar(page: Page, ruta: string): Promise<void> {
  await abrir(page, ruta);
  await page.evaluate(AXE);
  const violaciones: Violacion[] = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (d: Document, o: object) => Promise<{ violations: Violacion[] }> } }).axe.run(document, {
      resultTypes: ["violations"],
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  const graves = violaciones.filter((v) => v.impact === "critical" || v.impact === "serious");
  const leves = violaciones.filter((v) => !graves.includes(v));
  if (leves.length) console.log(`axe ${ruta}: ${leves.map((v) => `${v.id} (${v.impact})`).join(", ")}`);
  expect(graves, `${ruta}: ${JSON.stringify(graves, null, 1)}`).toEqual([]);
}

test("ninguna página tiene violaciones graves de accesibilidad (axe-core)", async ({ page, errores }) => {
  test.setTimeout(180_000);
  for (const ruta of ["/", "/calendario", "/cifras", "/listado-publico", "/validar", "/verificar", "/ingresar", "/recuperar", "/contrasena?token=abc"]) {
    await revisar(page, ruta);
  }
  await cuentaLista(page.request, RFC);
  // A Normal for 2024-3 of this RFC with one contract and workers (deleted at the end).
  const r = await page.request.post("/api/v1/informativas", { data: { anio: "2024", periodo: "3", tipo: "normal" } });
  expect(r.status(), await r.text()).toBe(201);
  const { id } = await r.json();
  const c = await page.request.post(`/api/v1/informativas/${id}/contratos`, {
    data: {
      rfc_contratante: "AAA010101AAA", nombre_contratante: "Cliente del Norte SA de CV", correo: "compras@cliente.mx",
      celular: "5511112222", objeto: "Limpieza de oficinas", servicio: "AR54321/2023-001", fecha_inicio: "2024-10-01",
    },
  });
  expect(c.status(), await c.text()).toBe(201);
  const cid = (await c.json()).id;
  const filas = execFileSync("python3", [path.resolve(__dirname, "../../benches/generar_trabajadores.py"), "60"], { encoding: "utf8" });
  const t = await page.request.put(`/api/v1/informativas/${id}/contratos/${cid}/trabajadores/carga`, {
    data: filas, headers: { "content-type": "text/csv", "idempotency-key": "e2e-accesibilidad" },
  });
  expect(t.status(), await t.text()).toBe(200);
  const paginas = [
    "/panel", "/informativas", `/informativas/${id}`, `/informativas/${id}/contratos/${cid}`,
    `/informativas/${id}/contratos/nuevo`, `/informativas/${id}/contratos/${cid}/editar`,
    "/datos-generales", "/administracion", "/avisos", "/tokens-api",
  ];
  for (const ruta of paginas) await revisar(page, ruta);
  await page.setViewportSize({ width: 360, height: 740 });
  for (const ruta of ["/", "/verificar", `/informativas/${id}`, `/informativas/${id}/contratos/${cid}`]) {
    await revisar(page, ruta);
    // Nothing wider than the phone (the contract page and worker cards, with their labels).
    const ancho = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(ancho, ruta).toBeLessThanOrEqual(360);
  }
  // The worker cards keep their labels at 360 px.
  const celda = page.getByTestId("trabajadores").locator("tbody tr").first().locator("td").first();
  expect(await celda.evaluate((e) => getComputedStyle(e, "::before").content)).toContain("NSS");
  // Clean up: the informativa is a draft, so it can go.
  expect((await page.request.delete(`/api/v1/informativas/${id}`)).status()).toBe(204);
});
