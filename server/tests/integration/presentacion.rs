//! Firmar y presentar end to end: the cadena, the e.firma checks (V16), the folio, idempotency
//! (retries, two replicas at once), the frozen informativa (V17), the acuse (same bytes every
//! time, seal verifiable), `/verificar`, the CSV, late filings with their fine, and
//! complementarias (corrección, sin efectos, V14).

use crate::auth::{b64, credencial};
use crate::cuenta::MORAL;
use crate::helpers::{Respuesta, TestApp};
use crate::informativas::{archivo, campo, fila, id};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{json, Value};

impl TestApp {
    /// A Normal 2026-3 with one contract and `n` workers, sent to signature; its id.
    pub(crate) async fn en_firma(&self, c: &str, n: usize) -> i64 {
        let r = self.nueva(c, "2026", "3", "normal").await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let i = id(&r);
        let r = self.contrato(c, i, json!({})).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let cid = id(&r);
        let r = self
            .cargar(c, i, cid, "carga-presentacion-1", archivo(0, n))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        self.enviar(c, i).await;
        i
    }

    pub(crate) async fn enviar(&self, c: &str, i: i64) {
        let r = self
            .post_json(
                &format!("/api/v1/informativas/{i}/enviar-firma"),
                json!({}),
                Some(c),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    }

    pub(crate) async fn cadena(&self, c: &str, i: i64) -> String {
        let r = self
            .get_con(&format!("/api/v1/informativas/{i}/firma"), c)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        r.json()["cadena"].as_str().unwrap().to_string()
    }

    /// Signs `cadena` with the e.firma in `carpeta` and presents it.
    async fn presentar(
        &self,
        c: &str,
        i: i64,
        cadena: &str,
        carpeta: &str,
        clave: &str,
    ) -> Respuesta {
        self.send(solicitud(c, i, cadena, carpeta, clave)).await
    }

    async fn complementaria(&self, c: &str, i: i64, tipo: &str) -> Respuesta {
        self.post_json(
            &format!("/api/v1/informativas/{i}/complementarias"),
            json!({ "tipo": tipo }),
            Some(c),
        )
        .await
    }

    /// Presents informativa `i` with the contratista's own e.firma; its folio.
    pub(crate) async fn firmar(&self, c: &str, i: i64) -> String {
        let cadena = self.cadena(c, i).await;
        let r = self
            .presentar(c, i, &cadena, MORAL.0, &format!("firma-{i}-0001"))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        r.json()["folio"].as_str().unwrap().to_string()
    }
}

/// The route and JSON body of "Firmar y presentar" for `cadena`, signed with the e.firma in
/// `carpeta`.
fn cuerpo_presentar(i: i64, cadena: &str, carpeta: &str) -> (String, String) {
    let cred = credencial(carpeta);
    let firma = cred.llave.firmar(cadena.as_bytes());
    let cuerpo = json!({"cadena": cadena, "certificado": b64(&cred.cer), "firma": b64(&firma)});
    (
        format!("/api/v1/informativas/{i}/presentar"),
        cuerpo.to_string(),
    )
}

/// As [`cuerpo_presentar`] with the contratista's own e.firma, for a raw HTTP client.
pub(crate) fn solicitud_presentar(i: i64, cadena: &str) -> (String, String) {
    cuerpo_presentar(i, cadena, MORAL.0)
}

fn solicitud(c: &str, i: i64, cadena: &str, carpeta: &str, clave: &str) -> Request<Body> {
    let (ruta, cuerpo) = cuerpo_presentar(i, cadena, carpeta);
    Request::post(ruta)
        .header("content-type", "application/json")
        .header("cookie", c)
        .header("idempotency-key", clave)
        .body(Body::from(cuerpo))
        .unwrap()
}

fn codigo(r: &Respuesta) -> String {
    r.json()["codigo"].as_str().unwrap_or("").to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn presenting_assigns_one_folio_seals_the_acuse_and_freezes_the_informativa() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let i = app.en_firma(&c, 12).await;

    let cadena = app.cadena(&c, i).await;
    let inicio = "||ICSOE|1.1|NORMAL|EKU9003173C9|2026|3||1|12|";
    assert!(cadena.starts_with(inicio), "{cadena}");
    // Then the SHA-256 of the detail, 64 hex digits, and the closing pipes.
    assert!(
        cadena.ends_with("||") && cadena.len() == inicio.len() + 64 + 2,
        "{cadena}"
    );

    let r = app
        .presentar(&c, i, &cadena, MORAL.0, "firma-primera-1")
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let p = r.json();
    let folio = p["folio"].as_str().unwrap().to_string();
    assert!(folio.starts_with("N263") && folio.len() == 10, "{folio}");
    assert_eq!(p["presentada"], "21/11/2026 12:00:00");
    assert_eq!(p["extemporanea"], Value::Null);
    assert_eq!(p["repetida"], false);

    // A retry (or a double click) gets the same folio, not a second presentation.
    let r = app
        .presentar(&c, i, &cadena, MORAL.0, "firma-segunda-2")
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["folio"], folio.as_str());
    assert_eq!(r.json()["repetida"], true);

    // V17: nothing changes after presentation.
    let d = app.detalle(&c, i).await;
    assert_eq!(d["informativa"]["estado"], "presentada");
    assert_eq!(d["informativa"]["folio"], folio.as_str());
    assert_eq!(d["presentacion"]["folio"], folio.as_str());
    let r = app.contrato(&c, i, json!({})).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(r.json()["codigo"], "informativa_state");
    let r = app
        .post_json(
            &format!("/api/v1/informativas/{i}/regresar-captura"),
            json!({}),
            Some(&c),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());

    // The acuse: a PDF with the folio, the same bytes on every download.
    let a = app
        .get_con(&format!("/api/v1/informativas/{i}/acuse.pdf"), &c)
        .await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.header("content-type"), "application/pdf");
    assert!(a.body.starts_with(b"%PDF-1.4"));
    let texto = String::from_utf8_lossy(&a.body).into_owned();
    assert!(texto.contains(&folio) && texto.contains("EKU9003173C9"));
    assert!(texto.contains(&cadena[..40]));
    let b = app
        .get_con(&format!("/api/v1/informativas/{i}/acuse.pdf"), &c)
        .await;
    assert_eq!(a.body, b.body);

    // Anyone holding the acuse can verify it; a folio alone is not enough.
    let cod = codigo(&r_detalle(&app, &c, i).await);
    let v = app
        .get(&format!(
            "/api/v1/verificar?folio={}&codigo={cod}",
            folio.to_lowercase()
        ))
        .await;
    assert_eq!(v.status, StatusCode::OK, "{}", v.text());
    let v = v.json();
    assert_eq!(v["situacion"], "Vigente");
    assert_eq!(v["sello_valido"], true);
    assert_eq!(v["firma_valida"], true);
    assert_eq!(v["trabajadores"], 12);
    assert_eq!(v["sello_desarrollo"], true);
    assert_eq!(v["con_codigo"], true);
    assert_eq!(
        v["presentada"].as_str().unwrap().len(),
        "21/11/2026 12:00:00".len()
    );
    let v = app
        .get(&format!(
            "/api/v1/verificar?folio={folio}&codigo=0000000000000000"
        ))
        .await;
    assert_eq!(v.status, StatusCode::NOT_FOUND);
    assert_eq!(v.json()["codigo"], "not_found");
    // By folio and the contratista's RFC, as JSON at /api/v1/acuses/{folio}.
    let v = app
        .get(&format!("/api/v1/acuses/{folio}?rfc=eku9003173c9"))
        .await;
    assert_eq!(v.status, StatusCode::OK, "{}", v.text());
    assert_eq!(v.json()["vigente"], true);
    assert!(v.json()["afectada_por"].is_null());
    // The RFC is public: no more than the public listing (the day, not the time; no
    // authenticity verdict, which needs the code printed on the acuse).
    assert_eq!(v.json()["con_codigo"], false);
    assert!(v.json()["sello_valido"].is_null() && v.json()["firma_valida"].is_null());
    assert!(v.json()["sello_desarrollo"].is_null());
    assert_eq!(
        v.json()["presentada"].as_str().unwrap().len(),
        "21/11/2026".len()
    );
    assert!(v.json().get("nss").is_none() && !v.text().contains("\"curp\""));
    let v = app
        .get(&format!("/api/v1/acuses/{folio}?rfc=AAA010101AAA"))
        .await;
    assert_eq!(v.status, StatusCode::NOT_FOUND);
    let v = app.get(&format!("/api/v1/acuses/{folio}?rfc=X")).await;
    assert_eq!(v.status, StatusCode::BAD_REQUEST);
    assert_eq!(v.json()["codigo"], "field_required");
    // Rate limited per client address: 30 a minute (5 asked so far on this fixed clock).
    let mut estados = Vec::new();
    for _ in 0..26 {
        let v = app
            .get(&format!("/api/v1/acuses/{folio}?rfc=EKU9003173C9"))
            .await;
        estados.push(v.status.as_u16());
    }
    assert_eq!(
        estados.iter().filter(|s| **s == 200).count(),
        25,
        "{estados:?}"
    );
    let v = app
        .get(&format!("/api/v1/acuses/{folio}?rfc=EKU9003173C9"))
        .await;
    assert_eq!(v.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(v.json()["codigo"], "rate_limited");

    // The seal's certificate is public.
    let s = app.get("/sello/certificado.cer").await;
    assert_eq!(s.status, StatusCode::OK);
    assert_eq!(s.body[0], 0x30);

    // What was presented, as CSV: a header and one row per worker.
    let csv = app
        .get_con(&format!("/api/v1/informativas/{i}/presentada.csv"), &c)
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    let t = csv.text();
    assert!(t.starts_with('\u{feff}'));
    assert_eq!(t.lines().count(), 13, "{t}");
    assert!(t
        .lines()
        .nth(1)
        .unwrap()
        .starts_with(&format!("{folio},1,AAA010101AAA,")));
}

async fn r_detalle(app: &TestApp, c: &str, i: i64) -> Respuesta {
    let r = app.get_con(&format!("/api/v1/informativas/{i}"), c).await;
    let mut j = r.json();
    let p = j["presentacion"].take();
    Respuesta {
        status: r.status,
        headers: r.headers,
        body: p.to_string().into_bytes(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_checks_the_efirma_v16_and_that_the_data_did_not_change() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let (i, cid) = app.normal_con_contrato(&c).await;
    app.cargar(&c, i, cid, "carga-firma-0001", archivo(0, 3))
        .await;

    // Still in capture: there is nothing to sign yet.
    let r = app
        .get_con(&format!("/api/v1/informativas/{i}/firma"), &c)
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    app.enviar(&c, i).await;
    let cadena = app.cadena(&c, i).await;

    // The company's CSD is not an e.firma.
    let r = app
        .presentar(&c, i, &cadena, "EKU9003173C9_CSD", "firma-csd-00001")
        .await;
    assert!(r.status.is_client_error(), "{}", r.text());
    assert_eq!(r.json()["codigo"], "efirma_csd", "{}", r.text());
    // Another taxpayer's e.firma (V16).
    let r = app
        .presentar(&c, i, &cadena, "CACX7605101P8_FIEL", "firma-otro-00001")
        .await;
    assert!(r.status.is_client_error(), "{}", r.text());
    assert!(
        r.json()["mensaje"]
            .as_str()
            .unwrap()
            .contains("Firma con la e.firma del contratista"),
        "{}",
        r.text()
    );
    // An expired e.firma (it expired on 15/05/2021).
    let r = app
        .presentar(&c, i, &cadena, "AAA010101AAA_FIEL", "firma-vencida-001")
        .await;
    assert_eq!(r.json()["codigo"], "efirma_expired", "{}", r.text());
    // A cadena that is not the stored data's (as if it changed after it was prepared).
    let otra = cadena.replace("|1|3|", "|1|4|");
    let r = app
        .presentar(&c, i, &otra, MORAL.0, "firma-otra-00001")
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(r.json()["codigo"], "cadena_changed");
    // A signature of something else.
    let mut req = solicitud(&c, i, "otro texto", MORAL.0, "firma-mala-00001");
    let cuerpo = {
        let cred = credencial(MORAL.0);
        json!({"cadena": cadena, "certificado": b64(&cred.cer),
               "firma": b64(&cred.llave.firmar(b"otro texto"))})
    };
    *req.body_mut() = Body::from(cuerpo.to_string());
    let r = app.send(req).await;
    assert!(r.status.is_client_error(), "{}", r.text());
    // Nothing was presented by any of those.
    let d = app.detalle(&c, i).await;
    assert_eq!(d["informativa"]["estado"], "en_firma");
    assert_eq!(d["presentacion"], Value::Null);

    // Back to capture: the prepared cadena is stale once a worker is added.
    let r = app
        .post_json(
            &format!("/api/v1/informativas/{i}/regresar-captura"),
            json!({}),
            Some(&c),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    app.cargar(&c, i, cid, "carga-firma-0002", archivo(3, 4))
        .await;
    app.enviar(&c, i).await;
    let r = app
        .presentar(&c, i, &cadena, MORAL.0, "firma-vieja-00001")
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(r.json()["codigo"], "cadena_changed");
    let folio = app.firmar(&c, i).await;
    assert!(folio.starts_with("N263"), "{folio}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_late_presentation_is_accepted_and_shows_the_fine_in_uma_and_pesos() {
    // Period 2026-3 is due in January 2027; February 2027 is late. January uses the 2026 UMA.
    let app = TestApp::with_clock("2027-02-01T10:00:00-06:00").await;
    let c = app.contratista_listo().await;
    let i = app.en_firma(&c, 2).await;
    let r = app
        .get_con(&format!("/api/v1/informativas/{i}/firma"), &c)
        .await;
    assert_eq!(
        r.json()["extemporanea"]["minima"],
        "$58,655.00",
        "{}",
        r.text()
    );
    let cadena = r.json()["cadena"].as_str().unwrap().to_string();
    let r = app
        .presentar(&c, i, &cadena, MORAL.0, "firma-tarde-00001")
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let m = &r.json()["extemporanea"];
    assert_eq!(m["uma"], "$117.31");
    assert_eq!(m["minima"], "$58,655.00");
    assert_eq!(m["maxima"], "$234,620.00");
    let a = app
        .get_con(&format!("/api/v1/informativas/{i}/acuse.pdf"), &c)
        .await;
    assert!(String::from_utf8_lossy(&a.body).contains("$234,620.00"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_signing_at_once_produce_one_presentation() {
    let mut app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let i = app.en_firma(&c, 5).await;
    let cadena = app.cadena(&c, i).await;
    let uno = app.router.clone();
    app.reiniciar(crate::helpers::AHORA);
    let dos = app.router.clone();
    use tower::ServiceExt;
    let (a, b) = tokio::join!(
        uno.oneshot(solicitud(&c, i, &cadena, MORAL.0, "replica-uno-0001")),
        dos.oneshot(solicitud(&c, i, &cadena, MORAL.0, "replica-dos-0001")),
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.status(), StatusCode::OK);
    assert_eq!(b.status(), StatusCode::OK);
    use sea_orm::{EntityTrait, PaginatorTrait};
    use server::persistence::entities::{folio, presentacion};
    assert_eq!(
        presentacion::Entity::find().count(&app.db).await.unwrap(),
        1
    );
    assert_eq!(folio::Entity::find().count(&app.db).await.unwrap(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn complementarias_replace_or_annul_and_at_most_four_per_period() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let i = app.en_firma(&c, 4).await;
    let original = app.firmar(&c, i).await;

    // Only a presented informativa takes a complementaria, and only of a known type.
    let r = app.complementaria(&c, i, "otra").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());

    // Corrección: a full copy, edited and signed; the original becomes sustituida.
    let r = app.complementaria(&c, i, "correccion").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let c1 = id(&r);
    assert_eq!(r.json()["tipo"], "correccion");
    assert_eq!(r.json()["trabajadores"], 4);
    let d = app.detalle(&c, c1).await;
    let cid = d["contratos"][0]["id"].as_i64().unwrap();
    assert_eq!(d["contratos"][0]["trabajadores"], 4);
    // The copy carries both halves of V08: a copied CURP under a new NSS is refused.
    let copiada = fila(1);
    let r = app
        .post_json(
            &format!("/api/v1/informativas/{c1}/contratos/{cid}/trabajadores"),
            json!({"nss": "01108512342", "curp": copiada.split(',').nth(1).unwrap(), "sbc": "400"}),
            Some(&c),
        )
        .await;
    assert_eq!(campo(&r), ("curp".into(), "duplicate_curp".into()));
    app.cargar(&c, c1, cid, "carga-correccion-1", archivo(4, 6))
        .await;
    app.enviar(&c, c1).await;
    let cadena = app.cadena(&c, c1).await;
    assert!(
        cadena.contains(&format!("|CORRECCION|EKU9003173C9|2026|3|{original}|1|6|")),
        "{cadena}"
    );
    let f1 = app.firmar(&c, c1).await;
    assert!(f1.starts_with("C263"), "{f1}");
    let d = app.detalle(&c, i).await;
    assert_eq!(d["informativa"]["estado"], "sustituida");
    // The original's page names and links the complementaria that replaced it.
    assert_eq!(d["afectada_por"]["folio"], f1.as_str());
    assert_eq!(d["afectada_por"]["id"], c1);
    let html = app.get_con(&format!("/informativas/{i}"), &c).await.text();
    assert!(
        html.contains(&format!(r#"href="/informativas/{c1}">{f1}</a>"#)),
        "{html}"
    );
    // Verifying the original names the folio that replaced it.
    let v = app
        .get(&format!("/api/v1/acuses/{original}?rfc=EKU9003173C9"))
        .await
        .json();
    assert_eq!(v["vigente"], false);
    assert_eq!(v["afectada_por"], f1.as_str());
    assert_eq!(
        v["situacion"],
        format!("Sustituida por la complementaria de corrección con folio {f1}")
    );

    // A second complementaria of the replaced one is refused: it is no longer valid.
    let r = app.complementaria(&c, i, "sin_efectos").await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());

    // Two more corrections (3 in all), then a fourth left in capture: a fifth is V14.
    let mut vigente = c1;
    for _ in 0..2 {
        let r = app.complementaria(&c, vigente, "correccion").await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let n = id(&r);
        app.enviar(&c, n).await;
        app.firmar(&c, n).await;
        vigente = n;
    }
    let r = app.complementaria(&c, vigente, "sin_efectos").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let se = id(&r);
    assert_eq!(r.json()["trabajadores"], 0);
    let r = app.complementaria(&c, vigente, "correccion").await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(r.json()["codigo"], "complementarias_limit");

    // Sin efectos: signed, the valid one becomes sin_efectos.
    app.enviar(&c, se).await;
    let f = app.firmar(&c, se).await;
    assert!(f.starts_with("SE263"), "{f}");
    assert_eq!(
        app.detalle(&c, vigente).await["informativa"]["estado"],
        "sin_efectos"
    );
}
