import { abrir, expect, test } from "../tests/helpers";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

// A measured script, not a test: it records figures and asserts nothing about speed. It lives
// outside tests/ (the journeys CI runs) and has its own config. Run it against a release build
// (benches/trabajadores.sh does):
//   BASE_URL=http://127.0.0.1:3017 npx playwright test -c playwright.bench.config.ts
// Output: end2end/artifacts/rendimiento.json and one line on stdout.

test("1,000,000 renglones validados en el navegador", async ({ page, errores }) => {
  test.setTimeout(600_000);
  const filas = Number(process.env.ICSOE_BENCH_FILAS ?? 1_000_000);
  const archivo = process.env.ICSOE_BENCH_CSV ?? `/tmp/trabajadores-${filas}.csv`;
  if (!fs.existsSync(archivo)) {
    const datos = execFileSync("python3", [path.resolve(__dirname, "../../benches/generar_trabajadores.py"), String(filas)], {
      maxBuffer: 1 << 30,
    });
    fs.writeFileSync(archivo, datos);
  }
  await abrir(page, "/validar");
  await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    const largas: number[] = [];
    const avances: [number, string | null][] = [];
    w.largas = largas;
    w.avances = avances;
    new PerformanceObserver((l) => l.getEntries().forEach((e) => largas.push(e.duration))).observe({ type: "longtask" });
    document.getElementById("archivo")?.addEventListener("change", () => (w.inicio = performance.now()), { capture: true });
    new MutationObserver(() => {
      const p = document.querySelector("progress");
      if (p) avances.push([performance.now(), p.getAttribute("value")]);
      if (!w.fin && document.querySelector('dd[data-campo="filas"]')) w.fin = performance.now();
    }).observe(document.body, { subtree: true, attributes: true, childList: true });
  });
  await page.getByLabel("Archivo CSV de trabajadores").setInputFiles(archivo);
  await expect(page.locator('dd[data-campo="filas"]')).toHaveAttribute("data-valor", String(filas), { timeout: 600_000 });
  const m = await page.evaluate(() => {
    const w = window as unknown as { inicio: number; fin: number; largas: number[]; avances: [number, string | null][] };
    const cambios = w.avances.filter((a, i, arr) => i === 0 || a[1] !== arr[i - 1][1]);
    let mayorHueco = 0;
    for (let i = 1; i < cambios.length; i++) mayorHueco = Math.max(mayorHueco, cambios[i][0] - cambios[i - 1][0]);
    return {
      ms_total: Math.round(w.fin - w.inicio),
      actualizaciones_barra: cambios.length,
      actualizaciones_por_segundo: +(cambios.length / ((w.fin - w.inicio) / 1000)).toFixed(1),
      mayor_hueco_entre_actualizaciones_ms: Math.round(mayorHueco),
      tareas_largas: w.largas.length,
      tarea_mas_larga_ms: Math.round(Math.max(0, ...w.largas)),
    };
  });
  const resultado = { filas, bytes: fs.statSync(archivo).size, ...m };
  fs.mkdirSync(path.resolve(__dirname, "../artifacts"), { recursive: true });
  fs.writeFileSync(path.resolve(__dirname, "../artifacts/rendimiento.json"), JSON.stringify(resultado, null, 2));
  console.log(`rendimiento: ${JSON.stringify(resultado)}`);
});
