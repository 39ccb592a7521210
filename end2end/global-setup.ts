// `cargo leptos end-to-end` starts the server and Playwright at the same moment: wait until the
// server answers its readiness probe (database migrated and reachable), for up to 120 s.
export default async function globalSetup(): Promise<void> {
  const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
  const deadline = Date.now() + 120_000;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${base}/readyz`);
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`El servidor en ${base} no estuvo listo en 120 s (último intento: ${last})`);
}
