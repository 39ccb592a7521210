//! Open data (issue 18), public: the files of the listado público and of the listado con
//! información inconsistente — `GET /listado-publico/{año}/{periodo}.xlsx|csv` and
//! `GET /listado-inconsistente/{año}/{periodo}.xlsx|csv` (the latest publication; `?fecha=
//! AAAA-MM-DD` the one in force that day) with IMSS's file names (`LPT2026.xlsx`) — and
//! `GET /api/v1/listado-publico?anio=&periodo=&q=&tipo=&lista=&pagina=`, the same page the
//! `/listado-publico` page shows.

use super::adjunto::{adjunto, Modo};
use crate::error::ApiError;
use crate::state::AppState;
use app::api::listado::{ConsultaListado, PaginaListado};
use app::api::AppError;
use app::domain::calendar::{Anio, Cuatrimestre, Periodo};
use app::domain::error::ErrorCode;
use app::domain::listado::Lista;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use chrono::NaiveDate;
use serde::Deserialize;

/// The XLSX media type.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The download routes (outside `/api/v1`: plain file URLs to share).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/listado-publico/{anio}/{archivo}", get(publico))
        .route(
            "/listado-inconsistente/{anio}/{archivo}",
            get(inconsistente),
        )
}

/// The JSON route, nested under `/api/v1`.
pub fn api() -> Router<AppState> {
    Router::new().route("/listado-publico", get(pagina))
}

#[utoipa::path(
    get,
    path = "/api/v1/listado-publico",
    tag = "Listado público",
    summary = "Una página del listado público (o del inconsistente), con búsqueda",
    params(ConsultaListado),
    responses((status = 200, body = PaginaListado), (status = "4XX", body = AppError, description = "anio_format · periodo_format · body_invalid (400) · not_found (404) · timeout (503)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(())
)]
async fn pagina(
    State(state): State<AppState>,
    Query(c): Query<ConsultaListado>,
) -> Result<Json<PaginaListado>, ApiError> {
    Ok(Json(state.listado.pagina(c).await?))
}

/// `?fecha=2026-12-01`.
#[derive(Debug, Deserialize)]
struct Fecha {
    fecha: Option<String>,
}

async fn publico(
    State(state): State<AppState>,
    Path((anio, archivo)): Path<(String, String)>,
    Query(f): Query<Fecha>,
) -> Result<Response, ApiError> {
    descargar(&state, Lista::Publico, &anio, &archivo, f).await
}

async fn inconsistente(
    State(state): State<AppState>,
    Path((anio, archivo)): Path<(String, String)>,
    Query(f): Query<Fecha>,
) -> Result<Response, ApiError> {
    descargar(&state, Lista::Inconsistente, &anio, &archivo, f).await
}

async fn descargar(
    state: &AppState,
    lista: Lista,
    anio: &str,
    archivo: &str,
    f: Fecha,
) -> Result<Response, ApiError> {
    let anio = Anio::parse(anio).map_err(|e| AppError::domain(&e))?;
    let (periodo, ext) = archivo.rsplit_once('.').unwrap_or((archivo, ""));
    let tipo = match ext {
        "xlsx" => XLSX,
        "csv" => "text/csv; charset=utf-8",
        _ => return Err(AppError::new(
            ErrorCode::NotFound,
            "El listado se descarga como .xlsx o .csv, por ejemplo /listado-publico/2026/1.xlsx.",
        )
        .into()),
    };
    let c = Cuatrimestre::parse(periodo).map_err(|e| AppError::domain(&e))?;
    let fecha = match f.fecha.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(t) => Some(NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| {
            AppError::new(
                ErrorCode::BodyInvalid,
                format!(
                    "«{}» no es una fecha. Escríbela como 2026-12-01.",
                    t.chars().take(20).collect::<String>()
                ),
            )
        })?),
    };
    let (nombre, flujo) = state
        .listado
        .archivo(lista, Periodo::new(anio, c), fecha, ext)
        .await?;
    Ok(adjunto(
        tipo,
        Modo::Descarga,
        &nombre,
        Body::from_stream(flujo),
    ))
}

/// This module's part of the OpenAPI document (`routes::openapi`).
#[derive(utoipa::OpenApi)]
#[openapi(paths(pagina))]
pub(super) struct Documento;
