//! Issue 14, "Errors and responses" and the broken downloads: every `/api/v1` error is JSON,
//! redirects are real 302s, logged-in answers are not cached, a streamed CSV survives gzip, stored
//! files take RFCs with `&` and `Ñ`, and CSV cells cannot run as formulas.

use crate::cuenta::pdf;
use crate::helpers::TestApp;
use crate::informativas::archivo;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use sea_orm::{ActiveModelTrait, Set};
use serde_json::json;
use server::persistence::entities::{aceptacion_terminos, contratista, sesion};
use sha2::Digest;
use std::io::Read;

fn es_error_json(r: &crate::helpers::Respuesta, codigo: &str) {
    assert!(
        r.header("content-type").starts_with("application/json"),
        "{} {:?}",
        r.status,
        r.headers
    );
    let j = r.json();
    assert_eq!(j["codigo"], codigo, "{j}");
    assert!(!j["mensaje"].as_str().unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_api_error_is_json_with_its_own_code() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    // Bad JSON syntax.
    let r = app
        .bytes_con(
            "POST",
            "/api/v1/informativas",
            b"{no es json".to_vec(),
            &[("content-type", "application/json")],
            &c,
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    es_error_json(&r, "body_invalid");
    // A missing field.
    let r = app
        .post_json("/api/v1/informativas", json!({"anio": "2026"}), Some(&c))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    es_error_json(&r, "body_invalid");
    // Wrong content type.
    let r = app
        .bytes_con(
            "POST",
            "/api/v1/informativas",
            b"anio=2026".to_vec(),
            &[("content-type", "text/plain")],
            &c,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    es_error_json(&r, "media_type_unsupported");
    // Body over the limit (the default 2 MB of a JSON route).
    let grande = format!("{{\"anio\":\"{}\"}}", "9".repeat(3 * 1024 * 1024));
    let r = app
        .bytes_con(
            "POST",
            "/api/v1/informativas",
            grande.into_bytes(),
            &[("content-type", "application/json")],
            &c,
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    es_error_json(&r, "body_too_large");
    // 405.
    let r = app
        .send(
            Request::patch("/api/v1/calendario/2026")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    es_error_json(&r, "method_not_allowed");
    // 414.
    let r = app
        .get(&format!("/api/v1/calendario/2026?x={}", "a".repeat(9000)))
        .await;
    assert_eq!(r.status, StatusCode::URI_TOO_LONG);
    es_error_json(&r, "uri_too_long");
    // Unknown route.
    let r = app.get("/api/v1/no-existe").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    es_error_json(&r, "not_found");
    // A bad idempotency key has its own code.
    let (i, cid) = app.normal_con_contrato(&c).await;
    let r = app.cargar(&c, i, cid, "x", archivo(0, 2)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    es_error_json(&r, "idempotency_key");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn protected_pages_redirect_with_a_real_302_and_logged_in_answers_are_not_cached() {
    let app = TestApp::new().await;
    let r = app.get("/panel").await;
    assert_eq!(r.status, StatusCode::FOUND, "{:?}", r.headers);
    assert_eq!(r.header("location"), "/ingresar");
    let c = app.contratista_listo().await;
    for ruta in [
        "/api/v1/informativas",
        "/informativas",
        "/api/v1/datos-generales",
    ] {
        let r = app.get_con(ruta, &c).await;
        assert_eq!(r.status, StatusCode::OK, "{ruta}");
        assert!(
            r.header("cache-control").contains("no-store"),
            "{ruta}: {:?}",
            r.headers
        );
    }
    // Development serves plain HTTP: no HSTS (production's is tested in routes::middleware).
    assert!(app
        .get("/healthz")
        .await
        .header("strict-transport-security")
        .is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_presented_csv_downloads_whole_under_gzip() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let i = app.en_firma(&c, 2_001).await;
    app.firmar(&c, i).await;
    for aceptar in ["gzip", "identity"] {
        let r = app
            .send(
                Request::get(format!("/api/v1/informativas/{i}/presentada.csv"))
                    .header("cookie", &c)
                    .header("accept-encoding", aceptar)
                    .body(Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        let texto = if aceptar == "gzip" {
            assert_eq!(r.header("content-encoding"), "gzip");
            let mut s = String::new();
            flate2::read::GzDecoder::new(&r.body[..])
                .read_to_string(&mut s)
                .unwrap();
            s
        } else {
            r.text()
        };
        assert_eq!(texto.lines().count(), 2_002, "{aceptar}");
        assert!(r
            .header("content-disposition")
            .contains("filename*=UTF-8''"));
    }
}

/// A session for a contratista whose RFC has `&` or `Ñ` (no SAT test e.firma has one).
async fn sesion_para(app: &TestApp, rfc: &str) -> String {
    let ahora = chrono::Utc::now();
    contratista::ActiveModel {
        rfc: Set(rfc.into()),
        nombre: Set("Prueba & Compañía".into()),
        persona: Set("moral".into()),
        curp: Set(None),
        rfc_representante: Set(None),
        creado: Set(ahora),
    }
    .insert(&app.db)
    .await
    .unwrap();
    aceptacion_terminos::ActiveModel {
        rfc: Set(rfc.into()),
        version: Set(app::api::sesion::VERSION_TERMINOS.into()),
        instante: Set(ahora),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let token = format!("token-de-prueba-{}", rfc.len());
    let id: String = sha2::Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let instante = match app.settings.clock {
        server::config::ClockSetting::Fixed(t) => t,
        server::config::ClockSetting::System => ahora,
    };
    sesion::ActiveModel {
        id: Set(id),
        rfc: Set(rfc.into()),
        creada: Set(instante),
        ultimo_uso: Set(instante),
    }
    .insert(&app.db)
    .await
    .unwrap();
    format!("{}={token}", app::api::sesion::COOKIE_SESION)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rfcs_with_ampersand_or_enye_store_and_serve_their_repse_acuse() {
    let app = TestApp::new().await;
    for rfc in ["H&E951128469", "IAÑL750210963"] {
        let c = sesion_para(&app, rfc).await;
        let r = app
            .bytes_con(
                "PUT",
                "/api/v1/repse/acuse",
                pdf(),
                &[
                    ("content-type", "application/pdf"),
                    ("x-nombre-archivo", "acuse%20%C3%91%26.pdf"),
                ],
                &c,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{rfc}: {}", r.text());
        let r = app.get_con("/api/v1/repse/acuse", &c).await;
        assert_eq!(r.status, StatusCode::OK, "{rfc}");
        assert_eq!(r.body, pdf());
        assert!(r
            .header("content-disposition")
            .starts_with("inline; filename="));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn formula_cells_are_neutralised_in_the_rejected_rows() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let (i, cid) = app.normal_con_contrato(&c).await;
    let mut cuerpo = archivo(0, 1);
    cuerpo.extend_from_slice(b"=HYPERLINK(\"http://x\"),+cmd|' /C calc'!A0,@SUM(1)\n");
    let r = app.cargar(&c, i, cid, "carga-formulas-01", cuerpo).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["rechazados"], 1);
    let r = app
        .get_con(
            &format!("/api/v1/informativas/{i}/cargas/carga-formulas-01/rechazados"),
            &c,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let texto = r.text();
    for linea in texto.lines().skip(1) {
        for celda in linea.split(',') {
            let celda = celda.trim_matches('"');
            assert!(
                !celda.starts_with(['=', '+', '-', '@']),
                "celda peligrosa: {celda} en {texto}"
            );
        }
    }
    assert!(texto.contains("'=HYPERLINK"), "{texto}");
}

/// Issue 18: the refused rows also as Excel — string cells (never formulas), the apostrophe the
/// CSV needs gone — read back with calamine.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rejected_rows_download_as_xlsx_with_text_cells() {
    use calamine::{Data, Reader, Xlsx};
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let (i, cid) = app.normal_con_contrato(&c).await;
    let mut cuerpo = archivo(0, 1);
    cuerpo.extend_from_slice(b"=HYPERLINK(\"http://x\"),01234,1\n");
    let r = app.cargar(&c, i, cid, "carga-excel-01", cuerpo).await;
    assert_eq!(r.json()["rechazados"], 1, "{}", r.text());
    let r = app
        .get_con(
            &format!("/api/v1/informativas/{i}/cargas/carga-excel-01/rechazados.xlsx"),
            &c,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert!(r
        .header("content-disposition")
        .contains("rechazados_carga-excel-01.xlsx"));
    let mut libro = Xlsx::new(std::io::Cursor::new(r.body.clone())).unwrap();
    let filas: Vec<Vec<Data>> = libro
        .worksheet_range("Rechazados")
        .unwrap()
        .rows()
        .map(|f| f.to_vec())
        .collect();
    assert_eq!(filas.len(), 2);
    assert!(
        filas[1].contains(&Data::String("=HYPERLINK(\"http://x\")".into())),
        "{filas:?}"
    );
    assert!(
        filas[1].contains(&Data::String("01234".into())),
        "{filas:?}"
    );
    assert_eq!(
        libro
            .worksheet_formula("Rechazados")
            .unwrap()
            .used_cells()
            .count(),
        0
    );
    // Another contratista cannot read them.
    let otro = app.titular(("CACX7605101P8_FIEL", "CACX7605101P8")).await;
    let r = app
        .get_con(
            &format!("/api/v1/informativas/{i}/cargas/carga-excel-01/rechazados.xlsx"),
            &otro,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

/// Issue 18: both templates as Excel, the same headers as the CSV, every cell text.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_templates_download_as_xlsx_with_the_csv_headers() {
    use calamine::{Data, Reader, Xlsx};
    let app = TestApp::new().await;
    for (ruta, hoja, csv) in [
        (
            app::browser::RUTA_PLANTILLA_XLSX,
            "Trabajadores",
            app::domain::trabajadores::plantilla(),
        ),
        (
            app::browser::RUTA_PLANTILLA_CONTRATOS_XLSX,
            "Contratos",
            app::domain::informativas::csv_contratos::plantilla(),
        ),
    ] {
        let r = app.get(ruta).await;
        assert_eq!(r.status, StatusCode::OK, "{ruta}");
        let mut libro = Xlsx::new(std::io::Cursor::new(r.body.clone())).unwrap();
        let filas: Vec<Vec<Data>> = libro
            .worksheet_range(hoja)
            .unwrap()
            .rows()
            .map(|f| f.to_vec())
            .collect();
        let texto = String::from_utf8(csv).unwrap();
        let encabezado = texto
            .trim_start_matches('\u{feff}')
            .lines()
            .next()
            .unwrap()
            .to_string();
        let primera = match &filas[0][0] {
            Data::String(s) => s.clone(),
            otro => panic!("{otro:?}"),
        };
        assert!(
            encabezado.starts_with(&primera),
            "{ruta}: {encabezado} / {primera}"
        );
        assert!(filas
            .iter()
            .flatten()
            .all(|c| matches!(c, Data::String(_) | Data::Empty)));
    }
}
