//! Many page renders at once on one runtime, as a busy server sees them.

use crate::helpers::TestApp;
use axum::http::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_page_renders_all_complete() {
    let app = std::sync::Arc::new(TestApp::new().await);
    let mut tareas = Vec::new();
    for i in 0..60 {
        let app = app.clone();
        tareas.push(tokio::spawn(async move {
            let uri = match i % 3 {
                0 => "/calendario".to_string(),
                1 => format!("/calendario?anio={}", 2021 + i % 10),
                _ => "/".to_string(),
            };
            app.get(&uri).await.status
        }));
    }
    let todas =
        tokio::time::timeout(std::time::Duration::from_secs(30), futures_join(tareas)).await;
    let estados = todas.expect("60 renders concurrentes terminan en menos de 30 s");
    assert!(estados.iter().all(|s| *s == StatusCode::OK));
}

async fn futures_join(tareas: Vec<tokio::task::JoinHandle<StatusCode>>) -> Vec<StatusCode> {
    let mut estados = Vec::new();
    for t in tareas {
        estados.push(t.await.unwrap());
    }
    estados
}
