import { expect, test } from "@playwright/test";
import { cuentaLista } from "../tests/cuenta";
import { presentadaPorApi } from "../tests/presentar-api";
import * as fs from "node:fs";
import * as path from "node:path";

// Issue 16, measured: a phone on a slow network opens an acuse's QR link and an informativa.
// Headless Chromium, release bundle, empty cache, network 1.6 Mbps down / 750 kbps up / 150 ms
// RTT, CPU slowed 4×. For each page: the time from navigation to the answer being readable
// (verdict, folio) and, for comparison, to hydration. A measured script, not a test: it records
// figures and asserts only that the content appeared. Run by end2end/bench/telefono.sh.

const RFC = "CACX7605101P8";
const VECES = Number(process.env.ICSOE_BENCH_VECES ?? 3);

type Medida = { pagina: string; legible_ms: number; hidratada_ms: number };

test("un teléfono en una red lenta: veredicto y estado legibles", async ({ browser }) => {
  test.setTimeout(600_000);
  const baseURL = test.info().project.use.baseURL;
  const preparar = await browser.newContext({ baseURL });
  await cuentaLista(preparar.request, RFC);
  const { id, folio, codigo } = await presentadaPorApi(preparar.request, RFC, "2025", "1");
  const cookies = await preparar.cookies();
  await preparar.close();

  const medidas: Medida[] = [];
  for (let vez = 0; vez < VECES; vez++) {
    for (const [pagina, ruta, conSesion, legible] of [
      ["verificar", `/verificar/${folio}?codigo=${codigo}`, false, "Acuse auténtico"],
      ["informativa", `/informativas/${id}`, true, folio],
    ] as const) {
      const contexto = await browser.newContext({ baseURL, viewport: { width: 360, height: 640 } });
      if (conSesion) await contexto.addCookies(cookies);
      const page = await contexto.newPage();
      const cdp = await contexto.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: 150,
        downloadThroughput: (1.6e6 / 8) | 0,
        uploadThroughput: (750e3 / 8) | 0,
      });
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
      const inicio = Date.now();
      await page.goto(ruta, { waitUntil: "commit" });
      await expect(page.getByText(legible).first()).toBeVisible({ timeout: 60_000 });
      const legible_ms = Date.now() - inicio;
      await page.waitForSelector('body[data-hydrated="true"]', { timeout: 120_000 });
      const hidratada_ms = Date.now() - inicio;
      medidas.push({ pagina, legible_ms, hidratada_ms });
      await contexto.close();
    }
  }
  const resumen: Record<string, { legible_ms: number[]; hidratada_ms: number[] }> = {};
  for (const m of medidas) {
    resumen[m.pagina] ??= { legible_ms: [], hidratada_ms: [] };
    resumen[m.pagina].legible_ms.push(m.legible_ms);
    resumen[m.pagina].hidratada_ms.push(m.hidratada_ms);
  }
  fs.mkdirSync(path.resolve(__dirname, "../artifacts"), { recursive: true });
  fs.writeFileSync(path.resolve(__dirname, "../artifacts/telefono.json"), JSON.stringify(resumen, null, 2));
  console.log(`telefono: ${JSON.stringify(resumen)}`);
});
