//! `/api/v1/auth/*`: e.firma login and capturista login (CURP + password, invitation and reset
//! links, choice of contratista) as a stable JSON API (the pages use it too), the role guards
//! every protected route uses, and `/api/v1/contratista`.

use crate::auth::middleware::{IpCliente, TokenSesion};
use crate::error::ApiError;
use crate::state::AppState;
use app::api::sesion::{
    self, PeticionCapturista, PeticionContrasena, PeticionEfirma, PeticionElegir,
    PeticionRecuperar, PeticionReto, RespuestaReto, SesionActual, SesionCapturista,
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
        .route(
            "/auth/capturista",
            post(capturista_ingresar).get(capturista_sesion),
        )
        .route("/auth/capturista/contratista", post(capturista_elegir))
        .route("/auth/capturista/contrasena", post(capturista_contrasena))
        .route("/auth/capturista/recuperar", post(capturista_recuperar))
}

pub(super) fn ip(ext: Option<Extension<IpCliente>>) -> String {
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
    HeaderValue::from_str(&crate::casos::cookie(state.cookie_segura, valor, borrar))
        .unwrap_or(HeaderValue::from_static("icsoe_sesion=; Path=/; Max-Age=0"))
}

/// Closes whatever session a token is: a contratista's or a capturista's.
async fn cerrar(state: &AppState, token: &str) -> Result<(), AppError> {
    state.acceso.cerrar(token).await
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
        cerrar(&state, &viejo).await?;
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
        cerrar(&state, &t).await?;
    }
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, cookie(&state, "", true))],
    )
        .into_response())
}

/// The session, or `401 auth_required` (the gate itself is `app::api::sesion`'s, shared with the
/// server functions).
pub fn exigir_sesion(actual: Option<Extension<SesionActual>>) -> Result<SesionActual, ApiError> {
    Ok(sesion::exigir_sesion(actual.map(|Extension(s)| s))?)
}

/// Someone acting for a contratista with the terms accepted.
pub fn exigir_contratista(
    actual: Option<Extension<SesionActual>>,
) -> Result<SesionActual, ApiError> {
    Ok(sesion::exigir_contratista(actual.map(|Extension(s)| s))?)
}

/// The contratista itself.
pub fn exigir_titular(actual: Option<Extension<SesionActual>>) -> Result<SesionActual, ApiError> {
    Ok(sesion::exigir_titular(actual.map(|Extension(s)| s))?)
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
    app::api::ports::CasosAcceso::aceptar_terminos(state.acceso.as_ref(), &s, &a.version).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/auth/capturista` with `{"curp","contrasena"}`: a capturista session (a new id on
/// every login; any previous session in this browser is closed).
async fn capturista_ingresar(
    State(state): State<AppState>,
    cliente: Option<Extension<IpCliente>>,
    anterior: Option<Extension<TokenSesion>>,
    Json(p): Json<PeticionCapturista>,
) -> Result<Response, ApiError> {
    let (token, sesion) = state
        .capturistas
        .ingresar(&p.curp, &p.contrasena, &ip(cliente))
        .await?;
    if let Some(Extension(TokenSesion(viejo))) = anterior {
        cerrar(&state, &viejo).await?;
    }
    Ok((
        [(header::SET_COOKIE, cookie(&state, &token, false))],
        Json(sesion),
    )
        .into_response())
}

fn exigir_capturista(c: Option<Extension<SesionCapturista>>) -> Result<SesionCapturista, ApiError> {
    Ok(sesion::exigir_capturista(c.map(|Extension(c)| c))?)
}

/// `GET /api/v1/auth/capturista`: the capturista session and the contratistas it may pick.
async fn capturista_sesion(
    c: Option<Extension<SesionCapturista>>,
) -> Result<Json<SesionCapturista>, ApiError> {
    Ok(Json(exigir_capturista(c)?))
}

/// `POST /api/v1/auth/capturista/contratista` with `{"rfc"}`: work for that contratista.
async fn capturista_elegir(
    State(state): State<AppState>,
    c: Option<Extension<SesionCapturista>>,
    token: Option<Extension<TokenSesion>>,
    Json(p): Json<PeticionElegir>,
) -> Result<Json<SesionCapturista>, ApiError> {
    let c = exigir_capturista(c)?;
    let Some(Extension(TokenSesion(token))) = token else {
        return Err(ApiError(AppError::new(
            ErrorCode::AuthRequired,
            "Ingresa de nuevo.",
        )));
    };
    state.capturistas.elegir(&token, &c.curp, &p.rfc).await?;
    let actual = state
        .capturistas
        .sesion(&token)
        .await?
        .ok_or_else(|| ApiError(AppError::new(ErrorCode::AuthRequired, "Ingresa de nuevo.")))?;
    Ok(Json(actual))
}

/// `POST /api/v1/auth/capturista/contrasena` with `{"token","contrasena"}`: sets the password
/// from an invitation or reset link; every session of that capturista ends.
async fn capturista_contrasena(
    State(state): State<AppState>,
    Json(p): Json<PeticionContrasena>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let curp = state
        .capturistas
        .establecer_contrasena(&p.token, &p.contrasena)
        .await?;
    Ok(Json(serde_json::json!({
        "curp": curp,
        "mensaje": "Tu contraseña quedó guardada. Ingresa con tu CURP y tu nueva contraseña.",
    })))
}

/// `POST /api/v1/auth/capturista/recuperar` with `{"curp"}`: always `202` with the same text.
async fn capturista_recuperar(
    State(state): State<AppState>,
    cliente: Option<Extension<IpCliente>>,
    Json(p): Json<PeticionRecuperar>,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
    state.capturistas.recuperar(&p.curp, &ip(cliente)).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(serde_json::json!({
            "mensaje": "Si esa CURP tiene una cuenta de capturista, enviamos a su correo un enlace para restablecer la contraseña. El enlace vale 30 minutos.",
        })),
    ))
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
