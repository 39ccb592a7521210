//! Issue 15: an upload of more than `filas_por_parte` workers is written in several short
//! transactions (SQLite's one writer is free between them), and still behaves as all or nothing
//! for the user: nothing leaves capture while it is half-written, a retry is told to wait, and a
//! half-written one left by a stopped server is undone by housekeeping.

use crate::helpers::TestApp;
use crate::informativas::archivo;
use axum::http::StatusCode;
use chrono::DateTime;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;
use server::informativas::carga::partes::filas_por_parte;
use server::persistence::entities::{carga, contrato, informativa, trabajador, trabajador_curp};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_upload_is_written_in_parts_and_counted_once() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let (i, cid) = app.normal_con_contrato(&c).await;
    let parte = filas_por_parte(app.db.get_database_backend());
    let n = parte + parte / 2;
    let r = app
        .cargar(&c, i, cid, "carga-grande-0001", archivo(0, n))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["agregados"], n as u64);
    assert_eq!(r.json()["total"], n as u64);
    let k = carga::Entity::find()
        .filter(carga::Column::Clave.eq("carga-grande-0001"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(!k.en_curso);
    assert_eq!(
        trabajador::Entity::find().count(&app.db).await.unwrap(),
        n as u64
    );
    assert_eq!(
        trabajador_curp::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        n as u64
    );
    let d = app.detalle(&c, i).await;
    assert_eq!(d["informativa"]["trabajadores"], n as u64, "{d}");
    // The same key again: the first answer, nothing added.
    let r = app
        .cargar(&c, i, cid, "carga-grande-0001", archivo(0, n))
        .await;
    assert_eq!(r.json()["repetida"], true, "{}", r.text());
    assert_eq!(r.json()["total"], n as u64);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_half_written_upload_blocks_leaving_capture_and_housekeeping_undoes_it() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let (i, cid) = app.normal_con_contrato(&c).await;
    let r = app
        .cargar(&c, i, cid, "carga-a-medias-01", archivo(0, 50))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    // The upload still in progress (its rows stored, as between two parts).
    carga::Entity::update_many()
        .col_expr(carga::Column::EnCurso, Expr::value(true))
        .exec(&app.db)
        .await
        .unwrap();

    let codigo = |r: &crate::helpers::Respuesta| r.json()["codigo"].clone();
    let r = app
        .post_json(
            &format!("/api/v1/informativas/{i}/enviar-firma"),
            json!({}),
            Some(&c),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(codigo(&r), "carga_en_curso");
    let borrar = |ruta: String| {
        let c = c.clone();
        let app = &app;
        async move {
            app.send(
                axum::http::Request::delete(ruta)
                    .header("cookie", c)
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await
        }
    };
    let r = borrar(format!("/api/v1/informativas/{i}/contratos/{cid}")).await;
    assert_eq!(codigo(&r), "carga_en_curso", "{}", r.text());
    let r = borrar(format!("/api/v1/informativas/{i}")).await;
    assert_eq!(codigo(&r), "carga_en_curso", "{}", r.text());
    let r = app
        .cargar(&c, i, cid, "carga-a-medias-01", archivo(0, 50))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(codigo(&r), "carga_en_curso");

    // A server that stopped between parts never added the rows to the counts.
    contrato::Entity::update_many()
        .col_expr(contrato::Column::NumTrabajadores, Expr::value(0))
        .exec(&app.db)
        .await
        .unwrap();
    informativa::Entity::update_many()
        .col_expr(informativa::Column::NumTrabajadores, Expr::value(0))
        .exec(&app.db)
        .await
        .unwrap();
    // Housekeeping leaves it alone for 30 minutes, then undoes it.
    let m = crate::mantenimiento::tarea(&app);
    let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().to_utc();
    let p = m.purgar(t("2026-11-21T12:10:00-06:00")).await.unwrap();
    assert_eq!(p.cargas_abandonadas, 0);
    let p = m.purgar(t("2026-11-21T13:00:00-06:00")).await.unwrap();
    assert_eq!(p.cargas_abandonadas, 1);
    assert_eq!(trabajador::Entity::find().count(&app.db).await.unwrap(), 0);
    assert_eq!(
        trabajador_curp::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
    assert_eq!(carga::Entity::find().count(&app.db).await.unwrap(), 0);

    // The key is free again (a new session: housekeeping also ended the idle one) and the
    // informativa can leave capture once the rows are back.
    let c = app.titular(crate::cuenta::MORAL).await;
    let r = app
        .cargar(&c, i, cid, "carga-a-medias-01", archivo(0, 50))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["total"], 50);
    app.enviar(&c, i).await;
}
