//! `/api/v1`: the stable JSON API for third-party clients (and curl). Same use cases as the
//! pages, so the two can never disagree.

use crate::error::ApiError;
use crate::state::AppState;
use app::api::calendario::casos;
use app::api::parametros::TablaCifras;
use app::api::AppError;
use app::domain::calendar::{CalendarioAnual, SituacionActual};
use app::domain::error::ErrorCode;
use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};

/// The `/api/v1` routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/calendario/hoy", get(hoy))
        .route("/calendario/{anio}", get(anual))
        .route("/parametros", get(parametros))
        .fallback(no_encontrado)
}

/// `GET /api/v1/calendario/{anio}`: the three periods of a year with their due dates.
#[utoipa::path(
    get,
    path = "/api/v1/calendario/{anio}",
    tag = "Calendario",
    summary = "Los tres cuatrimestres de un año con sus fechas límite",
    params(("anio" = String, Path, description = "2021 a 2100")),
    responses((status = 200, body = CalendarioAnual), (status = "4XX", body = AppError, description = "anio_format · anio_out_of_range (400)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(())
)]
async fn anual(
    State(state): State<AppState>,
    Path(anio): Path<String>,
) -> Result<Json<CalendarioAnual>, ApiError> {
    Ok(Json(casos::calendario(&state.services, &anio).await?))
}

/// `GET /api/v1/calendario/hoy`: the server's now, the current period and the next deadline.
#[utoipa::path(
    get,
    path = "/api/v1/calendario/hoy",
    tag = "Calendario",
    summary = "El periodo en curso y el próximo vencimiento",
    responses((status = 200, body = SituacionActual), (status = "4XX", body = AppError, description = "rate_limited (429)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(())
)]
async fn hoy(State(state): State<AppState>) -> Result<Json<SituacionActual>, ApiError> {
    Ok(Json(casos::situacion(&state.services).await?))
}

/// `GET /api/v1/parametros`: every UMA and minimum wage with its start date and source, and
/// today's figures.
#[utoipa::path(
    get,
    path = "/api/v1/parametros",
    tag = "Calendario",
    summary = "UMA y salarios mínimos vigentes y su historia",
    responses((status = 200, body = TablaCifras), (status = "4XX", body = AppError, description = "rate_limited (429)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(())
)]
async fn parametros(State(state): State<AppState>) -> Result<Json<TablaCifras>, ApiError> {
    Ok(Json(
        app::api::parametros::casos::cifras(&state.services).await?,
    ))
}

async fn no_encontrado() -> ApiError {
    ApiError(AppError::new(
        ErrorCode::NotFound,
        "Esa ruta no existe en la API. Consulta la lista de rutas en docs/API.md.",
    ))
}

/// This module's part of the OpenAPI document (`routes::openapi`).
#[derive(utoipa::OpenApi)]
#[openapi(paths(anual, hoy, parametros))]
pub(super) struct Documento;
