//! The calendar feeds (issue 17): `GET /calendario.ics` (public: every period of this year and the
//! next) and `GET /calendario/privado/{token}.ics` (a contratista's pending periods, behind a
//! secret revocable token). `text/calendar`, so Google Calendar and Outlook subscribe to them.

use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

/// The feed routes (outside `/api/v1`: calendar clients want a plain file URL).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/calendario.ics", get(publico))
        .route("/calendario/privado/{archivo}", get(privado))
}

fn ics(cuerpo: String, cache: &'static str, nombre: &'static str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static(nombre),
            ),
        ],
        cuerpo,
    )
        .into_response()
}

async fn publico(State(state): State<AppState>) -> Result<Response, ApiError> {
    Ok(ics(
        state.avisos.ics_publico().await?,
        "public, max-age=3600",
        "inline; filename=\"icsoe-vencimientos.ics\"",
    ))
}

async fn privado(
    State(state): State<AppState>,
    Path(archivo): Path<String>,
) -> Result<Response, ApiError> {
    let token = archivo.strip_suffix(".ics").unwrap_or(&archivo);
    Ok(ics(
        state.avisos.ics_privado(token).await?,
        // The URL is the secret: shared caches must not keep it.
        "private, max-age=900",
        "inline; filename=\"icsoe-mis-vencimientos.ics\"",
    ))
}
