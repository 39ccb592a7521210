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
