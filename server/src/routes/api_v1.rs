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
async fn anual(
    State(state): State<AppState>,
    Path(anio): Path<String>,
) -> Result<Json<CalendarioAnual>, ApiError> {
    Ok(Json(casos::calendario(&state.services, &anio).await?))
}

/// `GET /api/v1/calendario/hoy`: the server's now, the current period and the next deadline.
async fn hoy(State(state): State<AppState>) -> Result<Json<SituacionActual>, ApiError> {
    Ok(Json(casos::situacion(&state.services).await?))
}

/// `GET /api/v1/parametros`: every UMA and minimum wage with its start date and source, and
/// today's figures.
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
