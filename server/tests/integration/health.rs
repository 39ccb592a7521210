//! Health, readiness and the headers every response carries.

use crate::helpers::TestApp;
use axum::body::Body;
use axum::http::{Request, StatusCode};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_answers_ok_without_touching_the_database() {
    let app = TestApp::new().await;
    app.db.clone().close().await.unwrap();
    let res = app.get("/healthz").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.json()["estado"], "ok");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readyz_is_ready_when_the_database_answers() {
    let app = TestApp::new().await;
    let res = app.get("/readyz").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.json()["estado"], "listo");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readyz_is_503_with_a_json_error_when_the_database_is_down() {
    let app = TestApp::new().await;
    app.db.clone().close().await.unwrap();
    let res = app.get("/readyz").await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE);
    let json = res.json();
    assert_eq!(json["codigo"], "database_unavailable");
    assert!(json["mensaje"].as_str().unwrap().contains("base de datos"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_response_gets_a_request_id_and_security_headers() {
    let app = TestApp::new().await;
    for uri in ["/healthz", "/api/v1/calendario/2026", "/calendario"] {
        let res = app.get(uri).await;
        assert_eq!(
            res.header("x-request-id").len(),
            36,
            "{uri}: x-request-id es un UUID"
        );
        assert_eq!(res.header("x-content-type-options"), "nosniff", "{uri}");
        assert_eq!(res.header("x-frame-options"), "DENY", "{uri}");
        assert!(
            res.header("content-security-policy")
                .contains("frame-ancestors 'none'"),
            "{uri}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_incoming_request_id_is_kept() {
    let app = TestApp::new().await;
    let req = Request::get("/healthz")
        .header("x-request-id", "abc-123")
        .body(Body::empty())
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.header("x-request-id"), "abc-123");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_is_compressed_when_the_client_accepts_gzip() {
    let app = TestApp::new().await;
    let req = Request::get("/api/v1/calendario/2026")
        .header("accept-encoding", "gzip")
        .body(Body::empty())
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.header("content-encoding"), "gzip");
}

/// Issue 19: `/metrics` in the Prometheus text format — requests by route pattern with a latency
/// histogram, logins by outcome, rows stored, the outbox and the sessions — open in development,
/// behind a bearer token when one is configured.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_are_exported_by_route_pattern_and_the_token_guards_them() {
    let app = crate::helpers::TestApp::new().await;
    let c = app.contratista_listo().await;
    let (i, cid) = app.normal_con_contrato(&c).await;
    let r = app
        .cargar(
            &c,
            i,
            cid,
            "carga-metricas-1",
            crate::informativas::archivo(0, 3),
        )
        .await;
    assert_eq!(r.status, axum::http::StatusCode::OK, "{}", r.text());
    app.get_con(&format!("/api/v1/informativas/{i}"), &c).await;
    let r = app.get("/metrics").await;
    assert_eq!(r.status, axum::http::StatusCode::OK);
    assert!(r
        .header("content-type")
        .starts_with("text/plain; version=0.0.4"));
    let t = r.text();
    assert!(t.contains("icsoe_http_peticiones_total{ruta=\"/api/v1/informativas/{id}\",metodo=\"GET\",estado=\"200\"}"), "{t}");
    assert!(t.contains(
        "icsoe_http_duracion_segundos_bucket{ruta=\"/api/v1/informativas/{id}\",le=\"+Inf\"}"
    ));
    assert!(
        !t.contains(&format!("/api/v1/informativas/{i}\"")),
        "raw paths never become labels"
    );
    assert!(t.contains("icsoe_ingresos_total{tipo=\"efirma\",resultado=\"ok\"}"));
    assert!(t.contains("icsoe_trabajadores_cargados_total"));
    assert!(t.contains("icsoe_avisos_en_cola "));
    assert!(t.contains("icsoe_sesiones "));
    assert!(t.contains("icsoe_bd_conexiones_abiertas "));

    let con_token = crate::helpers::TestApp::configurado("2026-11-21T12:00:00-06:00", |s| {
        s.metricas_token = Some("un-token-de-metricas-largo".into());
    })
    .await;
    let r = con_token.get("/metrics").await;
    assert_eq!(r.status, axum::http::StatusCode::UNAUTHORIZED);
    let r = con_token
        .send(
            axum::http::Request::get("/metrics")
                .header("authorization", "Bearer un-token-de-metricas-largo")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, axum::http::StatusCode::OK);
}
