import { expect, Page, test as base } from "@playwright/test";

/** Opens a page, waits for hydration, and fails the test on any console error (CSP included). */
export const test = base.extend<{ errores: string[] }>({
  errores: async ({ page }, use) => {
    const errores: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errores.push(m.text());
    });
    page.on("pageerror", (e) => errores.push(String(e)));
    await use(errores);
    expect(errores, "errores en la consola del navegador").toEqual([]);
  },
});

export { expect };

/** Navigates and waits until the WASM has hydrated the page (body[data-hydrated]). */
export async function abrir(page: Page, ruta: string): Promise<void> {
  await page.goto(ruta);
  await page.waitForSelector('body[data-hydrated="true"]');
}
