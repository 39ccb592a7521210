//! What a browser gets before (or without) the WebAssembly (issue 16): every page's content in the
//! server's HTML, and forms that work as plain `POST`s — a success redirects where the action
//! leads, a failure redirects back with the error, which the page then renders. Nothing secret
//! ever travels in a URL.

use crate::capturistas::{ANA, CLAVE};
use crate::cuenta::MORAL;
use crate::helpers::{Respuesta, TestApp};
use crate::informativas::id;
use axum::body::Body;
use axum::http::{Request, StatusCode};

impl TestApp {
    /// A plain HTML form post (what a browser sends before hydration): url-encoded body,
    /// `Accept: text/html`, the page it came from as `Referer`.
    pub(crate) async fn formulario(
        &self,
        accion: &str,
        campos: &[(&str, &str)],
        desde: &str,
        cookie: Option<&str>,
    ) -> Respuesta {
        let cuerpo = campos
            .iter()
            .map(|(k, v)| format!("{}={}", codificar(k), codificar(v)))
            .collect::<Vec<_>>()
            .join("&");
        let mut req = Request::post(accion)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "text/html,application/xhtml+xml")
            .header("referer", format!("http://localhost{desde}"));
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        self.send(req.body(Body::from(cuerpo)).unwrap()).await
    }
}

fn codificar(texto: &str) -> String {
    texto
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Every `<form …>` opening tag of a page.
fn formularios(html: &str) -> Vec<String> {
    html.match_indices("<form")
        .map(|(i, _)| html[i..].split('>').next().unwrap_or("").to_string())
        .collect()
}

/// A form without `method` submits as `GET` before hydration: fields, passwords included, would
/// land in the URL, the history and the server log. Only searches may be `GET`.
fn todos_con_metodo(html: &str, pagina: &str) {
    // HTML forbids a form inside another: the parser drops the inner one, the page's buttons post
    // the wrong form, and hydration fails on the missing element.
    let mut abiertos = 0;
    for (i, _) in html.match_indices("form") {
        if html[..i].ends_with("</") {
            abiertos -= 1;
        } else if html[..i].ends_with('<') {
            abiertos += 1;
            assert!(
                abiertos <= 1,
                "{pagina}: un formulario dentro de otro en {}",
                &html[i.saturating_sub(200)..i]
            );
        }
    }
    let f = formularios(html);
    assert!(!f.is_empty(), "{pagina}: sin formularios");
    for tag in f {
        let tag = tag.to_lowercase();
        assert!(
            tag.contains(r#"method="post""#)
                || (tag.contains(r#"method="get""#) && !html.contains(r#"type="password""#)),
            "{pagina}: formulario sin method=\"post\": {tag}"
        );
    }
}

fn cookie_de(r: &Respuesta) -> String {
    r.header("set-cookie")
        .split(';')
        .next()
        .unwrap()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_informativas_page_arrives_with_its_list_and_the_period_already_chosen() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let r = app.nueva(&c, "2026", "2", "sin_informacion").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let html = app.get_con("/informativas", &c).await.text();
    assert!(html.contains("Periodo 2 (mayo-agosto) de 2026"), "{html}");
    assert!(html.contains(r#"data-testid="informativas""#));
    // The clock says 21/11/2026: the period being reported is 2026-3, selected by the server,
    // so no default arrives later to overwrite what the user picked.
    assert!(html.contains(r#"<option value="3" selected"#), "{html}");
    assert!(html.contains(r#"action="/api/fn/informativas/registrar""#));
    // No type is pre-selected.
    assert!(!html.contains(r#"value="normal" checked"#));
    todos_con_metodo(&html, "/informativas");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registering_with_a_plain_post_goes_to_the_new_informativa_and_errors_come_back_rendered() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let accion = "/api/fn/informativas/registrar";
    let r = app
        .formulario(
            accion,
            &[("anio", "2026"), ("periodo", "3"), ("tipo", "normal")],
            "/informativas",
            Some(&c),
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.text());
    let destino = r.header("location").to_string();
    assert!(destino.starts_with("/informativas/"), "{destino}");
    let html = app.get_con(&destino, &c).await.text();
    assert!(
        html.contains("Periodo 3 (septiembre-diciembre) de 2026"),
        "{html}"
    );
    assert!(html.contains("Enviar a firma"));
    todos_con_metodo(&html, &destino);

    // Without a type: back to the page, which shows what to fix.
    let r = app
        .formulario(
            accion,
            &[("anio", "2026"), ("periodo", "2")],
            "/informativas",
            Some(&c),
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND);
    let atras = r.header("location").to_string();
    assert!(
        atras.contains("/informativas?") && atras.contains("__err="),
        "{atras}"
    );
    let html = app.get_con(&atras, &c).await.text();
    assert!(html.contains("Elige el tipo"), "{html}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_capturista_logs_in_with_a_plain_post_and_the_password_never_reaches_a_url() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let r = app.alta(&c, ANA, "Ana Muñoz Gámez").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());

    // The password form from the mailed link, posted plainly.
    let token = app.ultimo_token().await;
    let enlace = format!("/contrasena?token={token}");
    let html = app.get(&enlace).await.text();
    todos_con_metodo(&html, "/contrasena");
    assert!(html.contains(&format!(r#"name="token" value="{token}""#)));
    let r = app
        .formulario(
            "/api/fn/capturista/contrasena",
            &[
                ("token", &token),
                ("contrasena", CLAVE),
                ("confirmacion", "otra cosa distinta"),
            ],
            &enlace,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND);
    let html = app.get(r.header("location")).await.text();
    assert!(html.contains("Las dos contraseñas no coinciden"), "{html}");
    let r = app
        .formulario(
            "/api/fn/capturista/contrasena",
            &[
                ("token", &token),
                ("contrasena", CLAVE),
                ("confirmacion", CLAVE),
            ],
            &enlace,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert!(
        !r.header("location").contains("__err"),
        "{}",
        r.header("location")
    );

    let html = app.get("/ingresar").await.text();
    todos_con_metodo(&html, "/ingresar");
    assert!(html.contains(r#"action="/api/fn/capturista/ingresar""#));

    // A wrong password: back to /ingresar with the error, no session, no password in the URL.
    let r = app
        .formulario(
            "/api/fn/capturista/ingresar",
            &[("curp", ANA), ("contrasena", "no es la clave")],
            "/ingresar",
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND);
    let atras = r.header("location").to_string();
    assert!(!atras.contains("clave") && !atras.contains(ANA), "{atras}");
    assert!(r.headers.get("set-cookie").is_none());
    let html = app.get(&atras).await.text();
    assert!(
        html.contains(r#"data-codigo="auth_failed""#) || html.contains("CURP o la contraseña"),
        "{html}"
    );

    // The right one: a session cookie and on to choosing the contratista.
    let r = app
        .formulario(
            "/api/fn/capturista/ingresar",
            &[("curp", ANA), ("contrasena", CLAVE)],
            "/ingresar",
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.text());
    assert_eq!(r.header("location"), "/elegir-contratista");
    let ana = cookie_de(&r);
    let html = app.get_con("/elegir-contratista", &ana).await.text();
    assert!(html.contains("¿Para quién vas a capturar?"), "{html}");
    todos_con_metodo(&html, "/elegir-contratista");
    let r = app
        .formulario(
            "/api/fn/capturista/elegir",
            &[("rfc", MORAL.1)],
            "/elegir-contratista",
            Some(&ana),
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.text());
    assert_eq!(r.header("location"), "/panel");
    let html = app.get_con("/panel", &ana).await.text();
    assert!(
        html.contains(r#"data-testid="capturista""#) && html.contains("Ana Muñoz Gámez"),
        "{html}"
    );

    // "Salir" as a plain post ends the session.
    let r = app
        .formulario("/api/fn/salir", &[], "/panel", Some(&ana))
        .await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert_eq!(r.header("location"), "/ingresar");
    assert!(r.header("set-cookie").contains("Max-Age=0"));
    let r = app.get_con("/api/v1/auth/capturista", &ana).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_verification_verdict_is_in_the_server_html_from_the_qr_link() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let i = app.en_firma(&c, 3).await;
    let folio = app.firmar(&c, i).await;
    let codigo = app.detalle(&c, i).await["presentacion"]["codigo"]
        .as_str()
        .unwrap()
        .to_string();
    let html = app
        .get(&format!("/verificar/{folio}?codigo={codigo}"))
        .await
        .text();
    assert!(html.contains("Acuse auténtico"), "{html}");
    assert!(html.contains(&folio));
    // The verdict comes before the form, so a phone shows it first.
    let main = &html[html.find("<main").unwrap()..];
    assert!(main.find("Acuse auténtico") < main.find("<form"), "{main}");
    todos_con_metodo(&html, "/verificar");

    let html = app
        .get(&format!("/verificar/{folio}?rfc={}", MORAL.1))
        .await
        .text();
    assert!(html.contains("Informativa presentada"), "{html}");

    let html = app
        .get(&format!("/verificar/{folio}?codigo=0000000000000000"))
        .await
        .text();
    assert!(html.contains(r#"data-codigo="not_found""#), "{html}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_contract_page_arrives_with_its_workers_and_deletes_one_after_confirming() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let (i, cid) = app.normal_con_contrato(&c).await;
    let r = app
        .cargar(
            &c,
            i,
            cid,
            "sin-wasm-1",
            crate::informativas::archivo(0, 60),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let pagina = format!("/informativas/{i}/contratos/{cid}");
    let html = app.get_con(&pagina, &c).await.text();
    assert!(html.contains("60 trabajadores en el contrato."), "{html}");
    assert_eq!(html.matches("<tr data-nss=").count(), 50);
    assert!(html.contains("Página 1 de 2"));
    assert!(html.contains(r#"<details class="confirmar""#));
    todos_con_metodo(&html, &pagina);

    // The second page is a link.
    let siguiente = html
        .split(r#"href="?despues="#)
        .nth(1)
        .and_then(|s| s.split('"').next())
        .map(|s| format!("{pagina}?despues={}", s.replace("&amp;", "&")))
        .expect("enlace a la página siguiente");
    let html2 = app.get_con(&siguiente, &c).await.text();
    assert_eq!(html2.matches("<tr data-nss=").count(), 10, "{siguiente}");

    let nss = html
        .split(r#"<tr data-nss=""#)
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    let r = app
        .formulario(
            "/api/fn/trabajador/eliminar",
            &[
                ("id", &i.to_string()),
                ("cid", &cid.to_string()),
                ("nss", &nss),
            ],
            &pagina,
            Some(&c),
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND);
    let html = app.get_con(&pagina, &c).await.text();
    assert!(html.contains("59 trabajadores en el contrato."), "{html}");
    assert!(!html.contains(&format!(r#"data-nss="{nss}""#)));

    // Adding one with a plain post.
    let r = app
        .formulario(
            "/api/fn/trabajador/agregar",
            &[
                ("id", &i.to_string()),
                ("cid", &cid.to_string()),
                ("nss", &nss),
                ("curp", "PELJ850101HDFRPN06"),
                ("sbc", "315.04"),
            ],
            &pagina,
            Some(&c),
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert!(
        !r.header("location").contains("__err"),
        "{}",
        r.header("location")
    );
    let html = app.get_con(&pagina, &c).await.text();
    assert!(html.contains("60 trabajadores en el contrato."), "{html}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_contract_is_added_and_copied_with_plain_posts() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let r = app.nueva(&c, "2026", "3", "normal").await;
    let i = id(&r);
    let nuevo = format!("/informativas/{i}/contratos/nuevo");
    let html = app.get_con(&nuevo, &c).await.text();
    todos_con_metodo(&html, &nuevo);
    assert!(
        html.contains(r#"name="contrato[rfc_contratante]""#),
        "{html}"
    );
    let r = app
        .formulario(
            "/api/fn/contrato/guardar",
            &[
                ("id", &i.to_string()),
                ("contrato[rfc_contratante]", "AAA010101AAA"),
                ("contrato[nombre_contratante]", "Cliente Uno SA de CV"),
                ("contrato[correo]", "compras@cliente.mx"),
                ("contrato[celular]", "5512345678"),
                (
                    "contrato[objeto]",
                    "Mantenimiento de elevadores del edificio",
                ),
                ("contrato[servicio]", "AR12345/2024-001"),
                ("contrato[fecha_inicio]", "2026-09-15"),
            ],
            &nuevo,
            Some(&c),
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.text());
    let destino = r.header("location").to_string();
    assert!(
        destino.starts_with(&format!("/informativas/{i}/contratos/")) && !destino.contains("__err"),
        "{destino}"
    );
    let cid: i64 = destino.rsplit('/').next().unwrap().parse().unwrap();

    let r = app
        .formulario(
            "/api/fn/contrato/copiar",
            &[("id", &i.to_string()), ("cid", &cid.to_string())],
            &format!("/informativas/{i}"),
            Some(&c),
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND);
    let copia = r.header("location").to_string();
    assert!(
        copia.ends_with(&format!("/editar?copia_de={cid}")),
        "{copia}"
    );
    let html = app.get_con(&copia, &c).await.text();
    assert!(
        html.contains("Copia del contrato con Cliente Uno SA de CV"),
        "{html}"
    );
    assert!(html.contains(r#"value="AAA010101AAA""#));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accepting_the_terms_with_a_plain_post_leads_to_the_guides_next_step() {
    let app = TestApp::new().await;
    let c = app.ingresar(MORAL.0, MORAL.1).await;
    let html = app.get_con("/terminos", &c).await.text();
    todos_con_metodo(&html, "/terminos");
    // Without the box ticked: back with what to do.
    let version = app::api::sesion::VERSION_TERMINOS;
    let r = app
        .formulario(
            "/api/fn/terminos",
            &[("version", version)],
            "/terminos",
            Some(&c),
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND);
    let html = app.get_con(r.header("location"), &c).await.text();
    assert!(
        html.contains("Marca «Acepto los términos y condiciones»"),
        "{html}"
    );
    let r = app
        .formulario(
            "/api/fn/terminos",
            &[("version", version), ("acepto", "si")],
            "/terminos",
            Some(&c),
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert_eq!(r.header("location"), "/panel?bienvenida=1");
    let html = app.get_con("/panel?bienvenida=1", &c).await.text();
    assert!(html.contains(r#"data-testid="bienvenida""#), "{html}");
    assert!(html.contains(r#"href="/datos-generales">Continuar"#));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn datos_generales_arrive_filled_in_and_save_with_a_plain_post() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let html = app.get_con("/datos-generales", &c).await.text();
    todos_con_metodo(&html, "/datos-generales");
    // What is saved is in the fields the server sent: nothing arrives later to overwrite typing.
    assert!(html.contains(r#"name="datos[correo]""#), "{html}");
    assert!(html.contains(r#"value="Contacto@kemper.mx""#), "{html}");
    assert!(html.contains(r#"value="AR12345/2024-002""#));
    assert!(html.contains(r#"name="datos[repse][servicios][1][descripcion]""#));
    // The saved domicilio social, shown as a summary, still posts whole.
    assert!(
        html.contains(r#"name="datos[domicilio_social][calle]" value="Versalles""#),
        "{html}"
    );

    let campos = [
        ("datos[correo]", "nuevo@kemper.mx"),
        ("datos[celular]", "5512345678"),
        ("datos[domicilio_social_igual_fiscal]", "true"),
        ("datos[repse][numero]", "AR12345/2024"),
        ("datos[repse][fecha_registro]", "2024-03-15"),
        ("datos[repse][servicios][0][folio]", "AR12345/2024-001"),
        (
            "datos[repse][servicios][0][descripcion]",
            "Mantenimiento de elevadores",
        ),
    ];
    let r = app
        .formulario(
            "/api/fn/datos-generales/guardar",
            &campos,
            "/datos-generales",
            Some(&c),
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.text());
    assert!(
        !r.header("location").contains("__err"),
        "{}",
        r.header("location")
    );
    let d = app.get_con("/api/v1/datos-generales", &c).await.json();
    assert_eq!(d["datos"]["correo"], "nuevo@kemper.mx");
    assert_eq!(
        d["datos"]["repse"]["servicios"].as_array().unwrap().len(),
        1
    );

    // A bad e-mail comes back next to its field, and nothing saved is lost.
    let mut malos = campos.to_vec();
    malos[0] = ("datos[correo]", "no-es-correo");
    let r = app
        .formulario(
            "/api/fn/datos-generales/guardar",
            &malos,
            "/datos-generales",
            Some(&c),
        )
        .await;
    let html = app.get_con(r.header("location"), &c).await.text();
    assert!(
        html.contains(r#"id="correo-error""#) || html.contains("campo__error"),
        "{html}"
    );
    let d = app.get_con("/api/v1/datos-generales", &c).await.json();
    assert_eq!(d["datos"]["correo"], "nuevo@kemper.mx");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn capturistas_are_listed_and_registered_with_plain_posts() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let html = app.get_con("/administracion", &c).await.text();
    todos_con_metodo(&html, "/administracion");
    assert!(html.contains("Aún no registras capturistas."), "{html}");
    let r = app
        .formulario(
            "/api/fn/capturistas/registrar",
            &[
                ("curp", ANA),
                ("nombre", "Ana Muñoz Gámez"),
                ("correo", "ana@despacho.mx"),
            ],
            "/administracion",
            Some(&c),
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND);
    assert!(
        !r.header("location").contains("__err"),
        "{}",
        r.header("location")
    );
    let html = app.get_con("/administracion", &c).await.text();
    assert!(html.contains(&format!(r#"data-curp="{ANA}""#)), "{html}");
    assert!(html.contains("Invitación pendiente"));
    let r = app
        .formulario(
            "/api/fn/capturistas/accion",
            &[("curp", ANA), ("que", "desactivar")],
            "/administracion",
            Some(&c),
        )
        .await;
    assert_eq!(r.status, StatusCode::FOUND);
    let html = app.get_con("/administracion", &c).await.text();
    assert!(html.contains("Inactivo"), "{html}");
    assert!(html.contains("Reactivar"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_hydrated_page_gets_its_answer_and_navigates_itself_no_302() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    // What the hydrated page sends: the same form fields, asking for JSON.
    let r = app
        .send(
            Request::post("/api/fn/informativas/registrar")
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "application/json")
                .header("cookie", &c)
                .body(Body::from("anio=2026&periodo=3&tipo=normal"))
                .unwrap(),
        )
        .await;
    // A 302 would make fetch follow it and hand the next page's HTML to the JSON decoder.
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert!(r.headers.contains_key("serverfnredirect"));
    let i = r.json()["id"].as_i64().unwrap();
    assert_eq!(r.header("location"), format!("/informativas/{i}"));
}
