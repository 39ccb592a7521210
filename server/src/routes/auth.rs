//! `/api/v1/auth/*`: e.firma login and capturista login (CURP + password, invitation and reset
//! links, choice of contratista) as a stable JSON API (the pages use it too), the role guards
//! every protected route uses, and `/api/v1/contratista`.

use crate::auth::middleware::{IpCliente, TokenSesion};
use crate::error::ApiError;
use crate::state::AppState;
use app::api::sesion::{
    self, ContrasenaGuardada, Mensaje, PeticionCapturista, PeticionContrasena, PeticionEfirma,
    PeticionElegir, PeticionRecuperar, PeticionReto, RespuestaReto, SesionActual, SesionCapturista,
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
#[utoipa::path(
    post,
    path = "/api/v1/auth/reto",
    tag = "Sesión",
    summary = "Pide un reto para firmar con la e.firma",
    request_body = PeticionReto,
    responses((status = 200, body = RespuestaReto), (status = "4XX", body = AppError, description = "rfc_format · body_invalid · rate_limited (429) · origin_refused (403)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(())
)]
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
#[utoipa::path(
    post,
    path = "/api/v1/auth/efirma",
    tag = "Sesión",
    summary = "Ingresa con el reto firmado (pone la cookie icsoe_sesion)",
    request_body = PeticionEfirma,
    responses((status = 200, body = SesionActual), (status = "4XX", body = AppError, description = "efirma_not_certificate (400) · auth_challenge_unknown · auth_challenge_used · auth_challenge_expired · auth_challenge_rfc · efirma_signature · efirma_untrusted · efirma_expired · efirma_not_yet_valid · efirma_csd · efirma_revoked (401) · rate_limited (429)"), (status = "5XX", body = AppError, description = "efirma_revocation_unavailable · database_unavailable · timeout (503) · internal (500)")),
    security(())
)]
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
#[utoipa::path(
    post,
    path = "/api/v1/auth/salir",
    tag = "Sesión",
    summary = "Cierra la sesión",
    responses((status = 204, description = "Sesión cerrada"), (status = "4XX", body = AppError, description = "origin_refused (403)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(())
)]
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
#[utoipa::path(
    get,
    path = "/api/v1/auth/sesion",
    tag = "Sesión",
    summary = "Quién está en sesión",
    responses((status = 200, body = SesionActual), (status = "4XX", body = AppError, description = "auth_required (401) · api_token_invalid (401)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
async fn sesion(actual: Option<Extension<SesionActual>>) -> Result<Json<SesionActual>, ApiError> {
    Ok(Json(exigir_sesion(actual)?))
}

/// `POST /api/v1/auth/terminos` body.
#[derive(Deserialize, utoipa::ToSchema)]
struct Aceptacion {
    /// The version of the terms accepted (`app::api::sesion::VERSION_TERMINOS`).
    version: String,
}

/// `POST /api/v1/auth/terminos` with `{"version"}`: accepts the terms in force.
#[utoipa::path(
    post,
    path = "/api/v1/auth/terminos",
    tag = "Sesión",
    summary = "Acepta los términos vigentes",
    request_body = Aceptacion,
    responses((status = 204, description = "Aceptados"), (status = "4XX", body = AppError, description = "auth_required · forbidden · terms_changed (403) · body_invalid (400)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
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
#[utoipa::path(
    post,
    path = "/api/v1/auth/capturista",
    tag = "Capturistas",
    summary = "Ingreso de capturista con CURP y contraseña",
    request_body = PeticionCapturista,
    responses((status = 200, body = SesionCapturista), (status = "4XX", body = AppError, description = "auth_credentials (401) · rate_limited (429) · body_invalid (400)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(())
)]
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
#[utoipa::path(
    get,
    path = "/api/v1/auth/capturista",
    tag = "Capturistas",
    summary = "La sesión de capturista y los contratistas que puede elegir",
    responses((status = 200, body = SesionCapturista), (status = "4XX", body = AppError, description = "auth_required (401)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(())
)]
async fn capturista_sesion(
    c: Option<Extension<SesionCapturista>>,
) -> Result<Json<SesionCapturista>, ApiError> {
    Ok(Json(exigir_capturista(c)?))
}

/// `POST /api/v1/auth/capturista/contratista` with `{"rfc"}`: work for that contratista.
#[utoipa::path(
    post,
    path = "/api/v1/auth/capturista/contratista",
    tag = "Capturistas",
    summary = "El capturista elige para qué contratista trabaja",
    request_body = PeticionElegir,
    responses((status = 200, body = SesionCapturista), (status = "4XX", body = AppError, description = "auth_required (401) · forbidden (403) · rfc_format (400)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(())
)]
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
#[utoipa::path(
    post,
    path = "/api/v1/auth/capturista/contrasena",
    tag = "Capturistas",
    summary = "Crea o restablece la contraseña con el enlace recibido",
    request_body = PeticionContrasena,
    responses((status = 200, body = ContrasenaGuardada), (status = "4XX", body = AppError, description = "token_unknown · token_used · token_expired · password_policy (400)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(())
)]
async fn capturista_contrasena(
    State(state): State<AppState>,
    Json(p): Json<PeticionContrasena>,
) -> Result<Json<ContrasenaGuardada>, ApiError> {
    let curp = state
        .capturistas
        .establecer_contrasena(&p.token, &p.contrasena)
        .await?;
    Ok(Json(ContrasenaGuardada {
        curp,
        mensaje: "Tu contraseña quedó guardada. Ingresa con tu CURP y tu nueva contraseña."
            .to_string(),
    }))
}

/// `POST /api/v1/auth/capturista/recuperar` with `{"curp"}`: always `202` with the same text.
#[utoipa::path(
    post,
    path = "/api/v1/auth/capturista/recuperar",
    tag = "Capturistas",
    summary = "Pide un enlace para restablecer la contraseña",
    request_body = PeticionRecuperar,
    responses((status = 202, body = Mensaje), (status = "4XX", body = AppError, description = "curp_format (400) · rate_limited (429)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(())
)]
async fn capturista_recuperar(
    State(state): State<AppState>,
    cliente: Option<Extension<IpCliente>>,
    Json(p): Json<PeticionRecuperar>,
) -> Result<(StatusCode, Json<Mensaje>), ApiError> {
    state.capturistas.recuperar(&p.curp, &ip(cliente)).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(Mensaje {
            mensaje: "Si esa CURP tiene una cuenta de capturista, enviamos a su correo un enlace para restablecer la contraseña. El enlace vale 30 minutos.".to_string(),
        }),
    ))
}

/// `GET /api/v1/contratista`: the logged-in contratista (the first protected resource).
#[utoipa::path(
    get,
    path = "/api/v1/contratista",
    tag = "Sesión",
    summary = "El contratista en sesión (términos aceptados)",
    responses((status = 200, body = SesionActual), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
pub async fn contratista(
    actual: Option<Extension<SesionActual>>,
) -> Result<Json<SesionActual>, ApiError> {
    Ok(Json(exigir_contratista(actual)?))
}

pub(crate) fn rutas_protegidas() -> Router<AppState> {
    Router::new().route("/contratista", get(contratista))
}

/// This module's part of the OpenAPI document (`routes::openapi`).
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    reto,
    efirma,
    salir,
    sesion,
    terminos,
    capturista_ingresar,
    capturista_sesion,
    capturista_elegir,
    capturista_contrasena,
    capturista_recuperar,
    contratista
))]
pub(super) struct Documento;
