// Runs after ingresar.spec.ts (files run in name order, one worker): that journey checks the
// first login of a fresh database asks for the terms, and these log the same contratista in.
import { abrir, expect, test } from "./helpers";
import { enlace, entrarComoContratista, ultimoCorreo } from "./cuenta";
import * as path from "node:path";

const FIXTURES = path.resolve(__dirname, "../fixtures");
const CURP = "GAMA900215MJCRRN05";
const CORREO = "ana.muñoz@despacho.mx";

test.describe.configure({ mode: "serial" });

test("el contratista registra sus datos generales con el domicilio social por código postal y el acuse REPSE", async ({ page, errores }) => {
  await entrarComoContratista(page.request, "EKU9003173C9_FIEL", "EKU9003173C9");
  await abrir(page, "/datos-generales");
  await expect(page.getByRole("heading", { name: "Datos generales" })).toBeVisible();
  const guardar = page.getByRole("button", { name: "Guardar" });
  await expect(guardar).toBeEnabled();

  // A bad phone number: the error sits next to the field and nothing typed is lost.
  await page.getByLabel("Correo electrónico").fill("contacto@kemper.mx");
  await page.getByLabel("Teléfono celular").fill("12345");
  await guardar.click();
  await expect(page.locator("#celular ~ .campo__error")).toContainText("10 dígitos");
  await expect(page.getByLabel("Correo electrónico")).toHaveValue("contacto@kemper.mx");
  await page.getByLabel("Teléfono celular").fill("55 1234 5678");

  await page.getByLabel("No", { exact: true }).check();
  const social = page.getByTestId("domicilio_social");
  await social.getByLabel("Código postal").fill("06600");
  await social.getByRole("button", { name: "Ubicar" }).click();
  await social.getByLabel("Colonia").selectOption({ label: "Juárez" });
  await expect(page.getByTestId("domicilio_social-municipio")).toHaveText("Cuauhtémoc");
  await expect(page.getByTestId("domicilio_social-estado")).toHaveText("Ciudad de México");
  await social.getByLabel("Calle", { exact: true }).fill("Versalles");
  await social.getByLabel("Número exterior").fill("15");
  await social.getByRole("button", { name: "Aceptar" }).click();
  await expect(social.locator(".domicilio__resumen")).toContainText("Versalles 15, col. Juárez, Cuauhtémoc, Ciudad de México, C.P. 06600");
  await social.getByRole("button", { name: "Ver datos" }).click();
  await expect(social.locator(".domicilio__datos")).toContainText("Versalles");

  await page.getByLabel("Número de registro REPSE").fill("AR12345/2024");
  await page.getByLabel("Fecha de registro").fill("2024-03-15");
  await page.getByLabel("Folio").fill("AR12345/2024-001");
  await page.getByLabel("Descripción del servicio").fill("Mantenimiento de elevadores");

  // A renamed program is refused by its bytes; the real PDF is stored.
  const acuse = page.getByLabel("Acuse de registro en el padrón de la STPS");
  await acuse.setInputFiles(path.join(FIXTURES, "no_es_pdf.pdf"));
  await expect(page.getByTestId("acuse-repse").locator(".campo__error")).toContainText("no es un PDF");
  await acuse.setInputFiles(path.join(FIXTURES, "acuse_repse.pdf"));
  await expect(page.getByTestId("acuse-guardado")).toContainText("acuse_repse.pdf");
  await expect(page.getByRole("link", { name: "Ver archivo" })).toHaveAttribute("href", "/api/v1/repse/acuse");

  await guardar.click();
  await expect(page.getByTestId("resultado")).toContainText("Datos guardados.");
  await expect(page.getByTestId("pendientes")).toHaveCount(0);

  // What was saved comes back after a reload.
  await abrir(page, "/datos-generales");
  await expect(page.getByLabel("Correo electrónico")).toHaveValue("contacto@kemper.mx");
  await expect(page.getByTestId("domicilio_social").locator(".domicilio__resumen")).toContainText("col. Juárez");
  await expect(page.getByLabel("Folio")).toHaveValue("AR12345/2024-001");
  const pdf = await page.request.get("/api/v1/repse/acuse");
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
});

test("el contratista registra un capturista; el capturista crea su contraseña, ingresa y elige al contratista", async ({ page, errores }) => {
  await entrarComoContratista(page.request, "EKU9003173C9_FIEL", "EKU9003173C9");
  await abrir(page, "/administracion");
  const desde = Date.now();
  await page.getByLabel("CURP").fill(CURP);
  await page.getByLabel("Nombre completo").fill("Ana Muñoz Gámez");
  await page.getByLabel("Correo electrónico").fill(CORREO);
  await page.getByRole("button", { name: "Registrar capturista" }).click();
  await expect(page.getByTestId("resultado")).toContainText("Registraste a Ana Muñoz Gámez");
  await expect(page.getByTestId("capturistas")).toContainText("Invitación pendiente");

  const invitacion = await ultimoCorreo(CORREO, desde);
  expect(invitacion).toContain("Hola, Ana Muñoz Gámez:");
  expect(invitacion).toContain("48 horas");

  // The capturista, in her own browser session.
  await page.request.post("/api/v1/auth/salir");
  await abrir(page, enlace(invitacion));
  await page.getByLabel("Nueva contraseña").fill("cuatro palabras largas");
  await page.getByLabel("Confirma la contraseña").fill("cuatro palabras largas");
  await page.getByRole("button", { name: "Guardar contraseña" }).click();
  await expect(page.getByText("Tu contraseña quedó guardada")).toBeVisible();
  await page.getByRole("link", { name: "Ingresar como capturista" }).click();
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.getByLabel("CURP").fill(CURP);
  await page.getByLabel("Contraseña", { exact: true }).fill("cuatro palabras largas");
  await page.getByRole("button", { name: "Ingresar como capturista" }).click();
  await expect(page).toHaveURL(/\/elegir-contratista$/);
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.getByRole("button", { name: "Trabajar para ESCUELA KEMPER URGATE SA DE CV" }).click();
  await expect(page).toHaveURL(/\/panel$/);
  await expect(page.getByTestId("contratista")).toContainText("ESCUELA KEMPER URGATE SA DE CV");
  await expect(page.getByTestId("capturista")).toContainText("Ana Muñoz Gámez");
  // A capturista does not administer the account.
  await expect(page.getByRole("link", { name: "Administración de capturistas" })).toHaveCount(0);
  const r = await page.request.get("/api/v1/capturistas");
  expect(r.status()).toBe(403);
});

test("recuperar la contraseña con la CURP", async ({ page, errores }) => {
  await abrir(page, "/ingresar");
  await page.getByRole("link", { name: "¿Olvidaste tu contraseña?" }).click();
  await expect(page).toHaveURL(/\/recuperar$/);
  await page.waitForSelector('body[data-hydrated="true"]');
  const desde = Date.now();
  await page.getByLabel("CURP").fill(CURP);
  await page.getByRole("button", { name: "Enviar enlace" }).click();
  await expect(page.getByTestId("resultado")).toContainText("Si esa CURP tiene una cuenta de capturista");
  const correo = await ultimoCorreo(CORREO, desde);
  expect(correo).toContain("30 minutos");
  await abrir(page, enlace(correo));
  await page.getByLabel("Nueva contraseña").fill("una frase nueva y larga");
  await page.getByLabel("Confirma la contraseña").fill("una frase nueva y larga");
  await page.getByRole("button", { name: "Guardar contraseña" }).click();
  await expect(page.getByText("Tu contraseña quedó guardada")).toBeVisible();

  // The old password no longer works (asked outside the page, whose console must stay clean).
  const vieja = await page.request.post("/api/v1/auth/capturista", { data: { curp: CURP, contrasena: "cuatro palabras largas" } });
  expect(vieja.status()).toBe(401);
  expect((await vieja.json()).mensaje).toContain("La CURP o la contraseña no son correctas");
  await abrir(page, "/ingresar");
  await page.getByLabel("CURP").fill(CURP);
  await page.getByLabel("Contraseña", { exact: true }).fill("una frase nueva y larga");
  await page.getByRole("button", { name: "Ingresar como capturista" }).click();
  await expect(page).toHaveURL(/\/elegir-contratista$/);
});

test("en un teléfono de 390 px los datos generales caben", async ({ page, errores }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await entrarComoContratista(page.request, "EKU9003173C9_FIEL", "EKU9003173C9");
  await abrir(page, "/datos-generales");
  await expect(page.getByLabel("Correo electrónico")).toHaveValue("contacto@kemper.mx");
  const ancho = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(ancho).toBeLessThanOrEqual(390);
});
