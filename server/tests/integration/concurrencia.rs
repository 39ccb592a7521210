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

/// Deadline day on one database: many writes that read first (datos generales, new contracts)
/// at once. On SQLite a deferred transaction that read and then wrote failed at once with
/// `SQLITE_BUSY` whenever another writer committed in between (503 for the user); every write
/// transaction now takes the writer's lock at `BEGIN` (`persistence::escribir`) and waits for it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_writes_that_read_first_all_succeed() {
    let app = std::sync::Arc::new(TestApp::new().await);
    let c = app.contratista_listo().await;
    let (i, _) = app.normal_con_contrato(&c).await;
    let mut tareas = Vec::new();
    for k in 0..40 {
        let (app, c) = (app.clone(), c.clone());
        tareas.push(tokio::spawn(async move {
            let r = if k % 2 == 0 {
                app.json_con(
                    "PUT",
                    "/api/v1/datos-generales",
                    crate::cuenta::datos_moral(),
                    &c,
                )
                .await
            } else {
                app.contrato(&c, i, serde_json::json!({"objeto": format!("Orden {k}")}))
                    .await
            };
            if r.status.is_success() {
                r.status
            } else {
                panic!("{}: {}", r.status, r.text());
            }
        }));
    }
    let estados = tokio::time::timeout(std::time::Duration::from_secs(60), futures_join(tareas))
        .await
        .expect("40 escrituras concurrentes terminan");
    assert_eq!(estados.len(), 40);
    let contratos = app.detalle(&c, i).await["contratos"]
        .as_array()
        .map_or(0, Vec::len);
    assert_eq!(contratos, 21, "el contrato inicial y 20 más");
}
