//! `/api/v1/auth/*`: e.firma login as a stable JSON API (the `/ingresar` page uses it too), and
//! `/api/v1/contratista`, the first protected resource.

use super::ApiError;
use crate::auth::middleware::{IpCliente, TokenSesion};
use crate::state::AppState;
use app::api::sesion::{
    PeticionEfirma, PeticionReto, RespuestaReto, SesionActual, COOKIE_SESION, VERSION_TERMINOS,
};
use app::api::AppError;
use app::domain::error::ErrorCode;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use serde::Deserialize;

/// The routes, nested under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/auth/reto", post(reto))
        .route("/auth/efirma", post(efirma))
        .route("/auth/salir", post(salir))
        .route("/auth/sesion", get(sesion))
        .route("/auth/terminos", post(terminos))
}

fn ip(ext: Option<Extension<IpCliente>>) -> String {
    ext.map_or_else(|| "desconocida".to_string(), |Extension(IpCliente(ip))| ip)
}

/// `POST /api/v1/auth/reto`
async fn reto(
    State(state): State<AppState>,
    cliente: Option<Extension<IpCliente>>,
    Json(p): Json<PeticionReto>,
) -> Result<Json<RespuestaReto>, ApiError> {
    let (reto, expira) = state.auth.reto(&p.rfc, &ip(cliente)).await?;
    Ok(Json(RespuestaReto {
        reto,
        expira: expira.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    }))
}

fn cookie(state: &AppState, valor: &str, borrar: bool) -> HeaderValue {
    let seguro = if state.cookie_segura { "; Secure" } else { "" };
    let vida = if borrar { "; Max-Age=0" } else { "" };
    HeaderValue::from_str(&format!(
        "{COOKIE_SESION}={valor}; Path=/; HttpOnly; SameSite=Strict{seguro}{vida}"
    ))
    .unwrap_or(HeaderValue::from_static("icsoe_sesion=; Path=/; Max-Age=0"))
}

/// `POST /api/v1/auth/efirma`: a new session id on every login (the old one, if any, is closed).
async fn efirma(
    State(state): State<AppState>,
    cliente: Option<Extension<IpCliente>>,
    anterior: Option<Extension<TokenSesion>>,
    Json(p): Json<PeticionEfirma>,
) -> Result<Response, ApiError> {
    let (token, actual) = state
        .auth
        .ingresar(&p.reto, &p.certificado, &p.firma, &ip(cliente))
        .await?;
    if let Some(Extension(TokenSesion(viejo))) = anterior {
        state.auth.salir(&viejo).await?;
    }
    Ok((
        [(header::SET_COOKIE, cookie(&state, &token, false))],
        Json(actual),
    )
        .into_response())
}

/// `POST /api/v1/auth/salir`
async fn salir(
    State(state): State<AppState>,
    token: Option<Extension<TokenSesion>>,
) -> Result<Response, ApiError> {
    if let Some(Extension(TokenSesion(t))) = token {
        state.auth.salir(&t).await?;
    }
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, cookie(&state, "", true))],
    )
        .into_response())
}

/// The session, or `401 auth_required`.
pub fn exigir_sesion(actual: Option<Extension<SesionActual>>) -> Result<SesionActual, ApiError> {
    actual.map(|Extension(s)| s).ok_or_else(|| {
        ApiError(AppError::new(
            ErrorCode::AuthRequired,
            "Inicia sesión con tu e.firma para continuar.",
        ))
    })
}

/// The session with the terms accepted, or `401 auth_required` / `403 terms_pending`: what every
/// protected route requires.
pub fn exigir_contratista(
    actual: Option<Extension<SesionActual>>,
) -> Result<SesionActual, ApiError> {
    let s = exigir_sesion(actual)?;
    if s.terminos_pendientes {
        return Err(ApiError(AppError::new(
            ErrorCode::TermsPending,
            "Antes de continuar acepta los términos y condiciones de uso.",
        )));
    }
    Ok(s)
}

/// `GET /api/v1/auth/sesion`: who is logged in (terms pending or not).
async fn sesion(actual: Option<Extension<SesionActual>>) -> Result<Json<SesionActual>, ApiError> {
    Ok(Json(exigir_sesion(actual)?))
}

#[derive(Deserialize)]
struct Aceptacion {
    version: String,
}

/// `POST /api/v1/auth/terminos` with `{"version"}`: accepts the terms in force.
async fn terminos(
    State(state): State<AppState>,
    actual: Option<Extension<SesionActual>>,
    Json(a): Json<Aceptacion>,
) -> Result<StatusCode, ApiError> {
    let s = exigir_sesion(actual)?;
    if a.version != VERSION_TERMINOS {
        return Err(ApiError(AppError::new(
            ErrorCode::TermsPending,
            "Los términos cambiaron mientras los leías. Recarga la página y acéptalos de nuevo.",
        )));
    }
    state.auth.aceptar_terminos(&s.rfc).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/contratista`: the logged-in contratista (the first protected resource).
pub async fn contratista(
    actual: Option<Extension<SesionActual>>,
) -> Result<Json<SesionActual>, ApiError> {
    Ok(Json(exigir_contratista(actual)?))
}

pub(crate) fn rutas_protegidas() -> Router<AppState> {
    Router::new().route("/contratista", get(contratista))
}
