//! Issue 15, housekeeping: expired challenges, idle sessions, old links and counters, and
//! rejected-row files past their retention are purged; what is still in use stays.

use crate::helpers::TestApp;
use crate::informativas::archivo;
use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;
use server::mantenimiento::Mantenimiento;
use server::persistence::entities::{reto, sesion};

/// The housekeeping task over the test app's database and files, with the default settings.
pub(crate) fn tarea(app: &TestApp) -> Mantenimiento {
    Mantenimiento {
        db: app.db.clone(),
        almacen: std::sync::Arc::new(server::infra::almacen::AlmacenLocal::new(
            app.settings.almacen_dir.clone().unwrap(),
        )),
        inactividad: Duration::minutes(30),
        retencion_rechazados: Duration::days(30),
    }
}

fn instante(t: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(t).unwrap().to_utc()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_rows_and_old_rejected_files_are_purged_and_live_ones_stay() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let (i, cid) = app.normal_con_contrato(&c).await;
    let mut cuerpo = archivo(0, 2);
    cuerpo.extend_from_slice(b"no es un nss,ni una curp,0\n");
    let r = app.cargar(&c, i, cid, "carga-purga-0001", cuerpo).await;
    assert_eq!(r.json()["rechazados"], 1, "{}", r.text());
    let ruta = format!("/api/v1/informativas/{i}/cargas/carga-purga-0001/rechazados");
    assert_eq!(app.get_con(&ruta, &c).await.status, StatusCode::OK);
    // Someone asks 20 challenges and never uses them.
    for _ in 0..20 {
        app.post_json("/api/v1/auth/reto", json!({"rfc": "CACX7605101P8"}), None)
            .await;
    }
    let m = tarea(&app);
    // Ten minutes later: the challenges are not an hour old yet, the session is alive.
    let p = m
        .purgar(instante("2026-11-21T12:10:00-06:00"))
        .await
        .unwrap();
    assert_eq!((p.retos, p.sesiones, p.rechazados), (0, 0, 0));
    assert!(reto::Entity::find().count(&app.db).await.unwrap() >= 20);
    // Two hours later: challenges and the idle session go; the file is within its 30 days.
    let p = m
        .purgar(instante("2026-11-21T14:00:00-06:00"))
        .await
        .unwrap();
    assert!(p.retos >= 20, "{p:?}");
    assert_eq!(p.sesiones, 1);
    assert_eq!(p.rechazados, 0);
    assert_eq!(reto::Entity::find().count(&app.db).await.unwrap(), 0);
    assert_eq!(sesion::Entity::find().count(&app.db).await.unwrap(), 0);
    // 31 days later the rejected-row file is gone, and its download says so.
    let p = m
        .purgar(instante("2026-12-22T12:00:00-06:00"))
        .await
        .unwrap();
    assert_eq!(p.rechazados, 1);
    let c = app.titular(crate::cuenta::MORAL).await;
    let r = app.get_con(&ruta, &c).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.json()["mensaje"].as_str().unwrap().contains("30 días"));
}
