import { abrir, expect, test } from "./helpers";
import type { Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const FIXTURES = path.resolve(__dirname, "../../app/tests/fixtures/trabajadores");

/** The `icsoe` binary cargo-leptos built for this run (ICSOE_BIN overrides). */
function binario(): string {
  const candidatos = [
    process.env.ICSOE_BIN,
    path.resolve(__dirname, "../../target/debug/icsoe"),
    path.resolve(__dirname, "../../target/release/icsoe"),
  ].filter((c): c is string => !!c && fs.existsSync(c));
  if (candidatos.length === 0) throw new Error("No encuentro el binario icsoe; compílalo o define ICSOE_BIN.");
  return candidatos[0];
}

/** What `icsoe validar-trabajadores` says about a file (exit 1 only means "rows with errors"). */
function cli(archivo: string, anio: string, periodo: string): Record<string, unknown> {
  let salida: string;
  try {
    salida = execFileSync(binario(), ["validar-trabajadores", archivo, "--anio", anio, "--periodo", periodo], {
      encoding: "utf8",
      env: { ...process.env, ICSOE_CONFIG: undefined },
    });
  } catch (e) {
    const err = e as { status?: number; stdout?: string };
    if (err.status !== 1 || !err.stdout) throw e;
    salida = err.stdout;
  }
  return JSON.parse(salida);
}

/** The summary the page shows, by the raw values in data-valor. */
async function resumenPagina(page: Page): Promise<Record<string, string>> {
  const datos = page.locator("dd[data-campo]");
  await expect(datos.first()).toBeVisible({ timeout: 60_000 });
  return Object.fromEntries(
    await datos.evaluateAll((els) => els.map((e) => [e.getAttribute("data-campo"), e.getAttribute("data-valor")])),
  );
}

async function elegir(page: Page, archivo: string): Promise<void> {
  await page.getByLabel("Archivo CSV de trabajadores").setInputFiles(archivo);
}

function temporal(nombre: string, contenido: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "icsoe-e2e-"));
  const ruta = path.join(dir, nombre);
  fs.writeFileSync(ruta, contenido);
  return ruta;
}

/** `n` rows: valid ones from the generator script, then every `cadaError`-th row broken. */
function archivoGenerado(n: number, cadaError: number): string {
  const generado = execFileSync("python3", [path.resolve(__dirname, "../../benches/generar_trabajadores.py"), String(n)], {
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  const lineas = generado.split("\n");
  for (let i = 1; i < lineas.length; i += cadaError) {
    if (lineas[i]) lineas[i] = lineas[i].replace(/,([^,]*)$/, ",$$$1");
  }
  return temporal(`generado-${n}.csv`, lineas.join("\n"));
}

test("el resumen del navegador es idéntico al de la línea de comandos", async ({ page, errores }) => {
  await abrir(page, "/validar");
  await expect(page).toHaveTitle("Validar archivo de trabajadores · ICSOE");
  await page.getByLabel("Año", { exact: true }).selectOption("2026");
  await page.getByLabel("Periodo").selectOption("2");
  const archivos = [
    path.join(FIXTURES, "errores.csv"),
    path.join(FIXTURES, "windows1252.csv"),
    path.join(FIXTURES, "bom_encabezado.csv"),
    path.join(FIXTURES, "duplicados.csv"),
    path.join(FIXTURES, "solo_cr.csv"),
    archivoGenerado(5000, 97),
  ];
  for (const archivo of archivos) {
    await elegir(page, archivo);
    await expect(page.locator(".resumen")).toBeVisible({ timeout: 60_000 });
    const enPagina = await resumenPagina(page);
    const esperado = cli(archivo, "2026", "2");
    for (const campo of ["filas", "validas", "con_errores", "con_avisos", "codificacion", "separador"]) {
      expect(enPagina[campo], `${path.basename(archivo)}: ${campo}`).toBe(String(esperado[campo]));
    }
    const hallazgos = (esperado.hallazgos as unknown[]).length;
    if (hallazgos > 0) {
      await expect(page.getByRole("heading", { name: `Hallazgos (${hallazgos})` })).toBeVisible();
    }
  }
});

test("los hallazgos se filtran por código, se paginan y los rechazados se descargan", async ({ page, errores }) => {
  await abrir(page, "/validar");
  const solicitudes: string[] = [];
  page.on("request", (r) => {
    if (r.method() !== "GET") solicitudes.push(`${r.method()} ${r.url()}`);
  });
  const archivo = archivoGenerado(3000, 25);
  await elegir(page, archivo);
  await expect(page.locator('dd[data-campo="con_errores"]')).toHaveAttribute("data-valor", "120", { timeout: 60_000 });
  await expect(page.getByText("120 de 3,000 renglones tienen errores")).toBeVisible();

  const filas = page.locator(".hallazgos__tabla tbody tr");
  await expect(filas).toHaveCount(50);
  await expect(page.getByText("Página 1 de 3")).toBeVisible();
  await page.getByRole("button", { name: "Siguiente" }).click();
  await expect(page.getByText("Página 2 de 3")).toBeVisible();
  await expect(filas.first().locator("td").first()).toHaveText("1252");

  await page.getByLabel("Filtrar por problema").selectOption("sbc_format");
  await expect(page.getByText("Página 1 de 3")).toBeVisible();
  expect(new Set(await filas.evaluateAll((els) => els.map((e) => e.getAttribute("data-codigo"))))).toEqual(
    new Set(["sbc_format"]),
  );

  const [descarga] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Descargar rechazados" }).click(),
  ]);
  expect(descarga.suggestedFilename()).toMatch(/^rechazados_generado-3000\.csv$/);
  const contenido = fs.readFileSync(await descarga.path());
  expect(contenido.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  const lineas = contenido.toString("utf8").trim().split(/\r\n/);
  expect(lineas[0].replace(/^\ufeff/, "")).toBe("NSS,CURP,SBC,MOTIVO");
  expect(lineas).toHaveLength(121);
  expect(lineas[1]).toContain("Renglón 2.");

  expect(solicitudes, "el archivo no sale del navegador").toEqual([]);
});

test("cambiar el periodo vuelve a validar con los límites de ese año", async ({ page, errores }) => {
  await abrir(page, "/validar");
  // 2,900.00 is under 25 UMA of 2026 (2,932.75) but over 25 UMA of 2025 (2,828.50).
  const archivo = temporal("tope.csv", "01108512342,PELJ850101HDFRPN06,2900.00\n");
  await page.getByLabel("Año", { exact: true }).selectOption("2026");
  await elegir(page, archivo);
  await expect(page.locator('dd[data-campo="con_errores"]')).toHaveAttribute("data-valor", "0");
  await page.getByLabel("Año", { exact: true }).selectOption("2025");
  await expect(page.locator('dd[data-campo="con_errores"]')).toHaveAttribute("data-valor", "1");
  await expect(page.locator('tr[data-codigo="sbc_over_cap"]')).toContainText("$2,828.50");
});

test("un archivo inservible muestra el error en español con su código", async ({ page, errores }) => {
  await abrir(page, "/validar");
  await elegir(page, path.join(FIXTURES, "solo_encabezado.csv"));
  const aviso = page.getByRole("alert");
  await expect(aviso).toContainText("solo tiene el encabezado");
  await expect(aviso).toHaveAttribute("data-codigo", "file_empty");
});

test("la plantilla se descarga y valida sin hallazgos", async ({ page, errores }) => {
  await abrir(page, "/validar");
  const [descarga] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Descargar plantilla" }).click(),
  ]);
  const ruta = await descarga.path();
  expect(fs.readFileSync(ruta, "utf8")).toContain("NSS,CURP,SBC");
  await elegir(page, ruta);
  await expect(page.locator('dd[data-campo="validas"]')).toHaveAttribute("data-valor", "2");
  await expect(page.getByText("Todos los renglones son válidos (2).")).toBeVisible();
});

test("en un teléfono la barra de progreso avanza y los hallazgos caben en la pantalla", async ({ page, errores }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await abrir(page, "/validar");
  const archivo = archivoGenerado(60000, 1000);
  const avances = new Set<string>();
  const vigilar = setInterval(async () => {
    const v = await page.locator("progress").getAttribute("value").catch(() => null);
    if (v) avances.add(v);
  }, 50);
  await elegir(page, archivo);
  await expect(page.locator('dd[data-campo="filas"]')).toHaveAttribute("data-valor", "60000", { timeout: 60_000 });
  clearInterval(vigilar);
  expect(avances.size, "la barra mostró al menos un avance").toBeGreaterThan(0);
  const anchos = await page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > 390.5)
      .map((e) => `${e.tagName}.${e.className}: ${Math.round(e.getBoundingClientRect().right)}`)
      .slice(0, 5),
  );
  expect(anchos, "nada se sale de la pantalla").toEqual([]);
  fs.mkdirSync(path.resolve(__dirname, "../artifacts"), { recursive: true });
  await page.screenshot({ path: path.resolve(__dirname, "../artifacts/validar-390.png") });
});
