//! Server-rendered pages (what a browser without JavaScript, or a search engine, receives).

use crate::helpers::TestApp;
use axum::http::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_calendar_page_is_rendered_in_spanish_with_the_due_dates() {
    let app = TestApp::new().await;
    let res = app.get("/calendario").await;
    assert_eq!(res.status, StatusCode::OK);
    let html = res.text();
    assert!(html.contains(r#"<html lang="es-MX""#));
    assert!(html.contains("Calendario de presentación"));
    for fecha in [
        "lunes 18 de mayo de 2026",
        "jueves 17 de septiembre de 2026",
        "lunes 18 de enero de 2027",
    ] {
        assert!(html.contains(fecha), "falta {fecha}");
    }
    assert!(
        html.contains("sábado 21 de noviembre de 2026"),
        "hoy, por el reloj inyectado"
    );
    assert!(html.contains("Faltan 58 días, 11 h, 59 min y 59 s"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_year_comes_from_the_query_string() {
    let app = TestApp::new().await;
    let html = app.get("/calendario?anio=2027").await.text();
    assert!(html.contains("Periodos de 2027"), "{html}");
    assert!(html.contains("lunes 17 de mayo de 2027"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_year_in_the_url_shows_the_spanish_error_and_the_selector() {
    let app = TestApp::new().await;
    let html = app.get("/calendario?anio=abc").await.text();
    assert!(html.contains("no es un año"));
    assert!(html.contains(r#"data-codigo="anio_format""#));
    assert!(html.contains(r#"<select id="anio""#));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_carry_a_nonce_based_content_security_policy() {
    let app = TestApp::new().await;
    let res = app.get("/").await;
    let csp = res.header("content-security-policy").to_string();
    assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|s| s.split('\'').next())
        .expect("nonce en la CSP");
    assert!(nonce.len() >= 16);
    assert!(
        res.text().contains(&format!("nonce=\"{nonce}\"")),
        "los scripts en línea llevan el nonce"
    );
    assert!(!csp.contains("unsafe-inline"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_landing_page_shows_the_next_deadline() {
    let app = TestApp::new().await;
    let html = app.get("/").await.text();
    assert!(html.contains("Próximo vencimiento"));
    assert!(html.contains("lunes 18 de enero de 2027"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_page_is_a_404_in_spanish() {
    let app = TestApp::new().await;
    let res = app.get("/no-existe").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(res.text().contains("Página no encontrada"));
}
