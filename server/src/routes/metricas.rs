//! `GET /metrics` (Prometheus) and the layer that times every request by its route pattern. See
//! `crate::metricas` for what is exported and who may read it.

use crate::metricas::{global, Instantanea};
use crate::persistence::entities::{aviso, sesion, sesion_capturista};
use crate::state::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// The route.
pub fn router() -> Router<AppState> {
    Router::new().route("/metrics", get(metricas))
}

/// Times the request and counts it under its route pattern (`sin_ruta` for what no route
/// matched: a 404 for a random path must not create a label per path).
pub async fn medir(req: Request, next: Next) -> Response {
    let inicio = std::time::Instant::now();
    let metodo = req.method().as_str().to_string();
    let ruta = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "sin_ruta".to_string(), |m| m.as_str().to_string());
    let r = next.run(req).await;
    global().peticion(
        &metodo,
        &ruta,
        r.status().as_u16(),
        inicio.elapsed().as_secs_f64(),
    );
    r
}

async fn metricas(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match &state.metricas_token {
        Some(token) => {
            let dado = headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
                .unwrap_or_default();
            if !iguales(dado.as_bytes(), token.as_bytes()) {
                return (
                    StatusCode::UNAUTHORIZED,
                    [(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"))],
                    "Falta el token de métricas (Authorization: Bearer …).",
                )
                    .into_response();
            }
        }
        None if state.cookie_segura => return StatusCode::NOT_FOUND.into_response(),
        None => {}
    }
    let i = instantanea(&state).await;
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
        )],
        global().texto(&i),
    )
        .into_response()
}

/// Compares in time that does not depend on where the first difference is.
fn iguales(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

async fn instantanea(state: &AppState) -> Instantanea {
    let (abiertas, ociosas) = match state.db.get_database_backend() {
        sea_orm::DatabaseBackend::Sqlite => {
            let p = state.db.get_sqlite_connection_pool();
            (u64::from(p.size()), p.num_idle() as u64)
        }
        sea_orm::DatabaseBackend::Postgres => {
            let p = state.db.get_postgres_connection_pool();
            (u64::from(p.size()), p.num_idle() as u64)
        }
        _ => (0, 0),
    };
    let avisos_en_cola = aviso::Entity::find()
        .filter(aviso::Column::Estado.is_in(["pendiente", "enviando"]))
        .count(&state.db)
        .await
        .unwrap_or(0);
    let sesiones = sesion::Entity::find().count(&state.db).await.unwrap_or(0)
        + sesion_capturista::Entity::find()
            .count(&state.db)
            .await
            .unwrap_or(0);
    Instantanea {
        pool_abiertas: abiertas,
        pool_ociosas: ociosas,
        cargas_en_curso: state.informativas.cargas_en_curso(),
        avisos_en_cola,
        sesiones,
    }
}
