//! `/api/v1/datos-generales`, `/api/v1/repse/acuse`, `/api/v1/codigos-postales/{cp}` and
//! `/api/v1/capturistas`: the account. Reading is for anyone acting for the contratista; changing
//! the account and its capturistas is the contratista's alone (issue 5's role table). Every
//! handler takes the RFC from the session, never from the request.

use super::auth::{exigir_contratista, exigir_titular};
use crate::error::ApiError;
use crate::state::AppState;
use app::api::cuenta::{
    AltaCapturista, ArchivoGuardado, CapturistaFila, RespuestaDatosGenerales, MAX_ACUSE_BYTES,
};
use app::api::sesion::SesionActual;
#[allow(unused_imports, reason = "named by the OpenAPI annotations")]
use app::api::AppError;
use app::domain::cuenta::{DatosGeneralesEntrada, UbicacionPostal};
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};

/// The routes, nested under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/datos-generales", get(obtener).put(guardar))
        .route(
            "/repse/acuse",
            get(ver_acuse)
                .put(subir_acuse)
                .delete(borrar_acuse)
                // 10 MB of PDF plus headroom; past it the handler answers file_too_large.
                .layer(DefaultBodyLimit::max(MAX_ACUSE_BYTES + 1024 * 1024)),
        )
        .route("/codigos-postales/{cp}", get(codigo_postal))
        .route("/capturistas", get(listar).post(registrar))
        .route("/capturistas/{curp}/desactivar", post(desactivar))
        .route("/capturistas/{curp}/reactivar", post(reactivar))
        .route("/capturistas/{curp}/invitacion", post(reenviar))
}

type Sesion = Option<Extension<SesionActual>>;

/// `GET /api/v1/datos-generales`
#[utoipa::path(
    get,
    path = "/api/v1/datos-generales",
    tag = "Cuenta",
    summary = "Datos generales y REPSE",
    responses((status = 200, body = RespuestaDatosGenerales), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
async fn obtener(
    State(state): State<AppState>,
    actual: Sesion,
) -> Result<Json<RespuestaDatosGenerales>, ApiError> {
    let s = exigir_contratista(actual)?;
    Ok(Json(state.cuenta.obtener(&s.rfc).await?))
}

/// `PUT /api/v1/datos-generales`: all of it or nothing; `form_invalid` lists every field.
#[utoipa::path(
    put,
    path = "/api/v1/datos-generales",
    tag = "Cuenta",
    summary = "Guarda los datos generales (todo o nada)",
    request_body = DatosGeneralesEntrada,
    responses((status = 200, body = RespuestaDatosGenerales), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · forbidden (403: solo el contratista con su e.firma) · form_invalid (400, cada campo en campos)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
async fn guardar(
    State(state): State<AppState>,
    actual: Sesion,
    Json(entrada): Json<DatosGeneralesEntrada>,
) -> Result<Json<RespuestaDatosGenerales>, ApiError> {
    let s = exigir_titular(actual)?;
    Ok(Json(state.cuenta.guardar(&s.rfc, &entrada).await?))
}

/// `GET /api/v1/codigos-postales/{cp}`: estado, municipio and colonias of a postal code (public
/// SAT data; no session needed).
#[utoipa::path(
    get,
    path = "/api/v1/codigos-postales/{cp}",
    tag = "Cuenta",
    summary = "Estado, municipio y colonias de un código postal (catálogo del SAT)",
    params(("cp" = String, Path, description = "Cinco dígitos")),
    responses((status = 200, body = UbicacionPostal), (status = "4XX", body = AppError, description = "codigo_postal_format (400) · codigo_postal_unknown (404)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
async fn codigo_postal(
    State(state): State<AppState>,
    Path(cp): Path<String>,
) -> Result<Json<UbicacionPostal>, ApiError> {
    Ok(Json(state.services.cuenta.ubicar(&cp).await?))
}

fn nombre_archivo(headers: &HeaderMap) -> String {
    headers
        .get("x-nombre-archivo")
        .and_then(|v| v.to_str().ok())
        .map(percent_decode)
        .unwrap_or_else(|| "acuse_repse.pdf".to_string())
}

/// `%XX` decoding of the file-name header (browsers cannot send raw UTF-8 in headers).
fn percent_decode(v: &str) -> String {
    percent_encoding::percent_decode_str(v)
        .decode_utf8_lossy()
        .into_owned()
}

/// `PUT /api/v1/repse/acuse`: the PDF as the body, its name in `X-Nombre-Archivo`.
#[utoipa::path(
    put,
    path = "/api/v1/repse/acuse",
    tag = "Cuenta",
    summary = "Sube el acuse del REPSE (PDF en el cuerpo)",
    request_body(content = Vec<u8>, content_type = "application/pdf"),
    responses((status = 200, body = ArchivoGuardado), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · forbidden (403: solo el contratista con su e.firma) · file_not_pdf (400) · file_empty (400) · file_too_large (413)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
async fn subir_acuse(
    State(state): State<AppState>,
    actual: Sesion,
    headers: HeaderMap,
    cuerpo: Bytes,
) -> Result<Json<ArchivoGuardado>, ApiError> {
    let s = exigir_titular(actual)?;
    Ok(Json(
        state
            .cuenta
            .subir_acuse(&s.rfc, &nombre_archivo(&headers), &cuerpo)
            .await?,
    ))
}

/// `GET /api/v1/repse/acuse`: the stored PDF, shown inline ("Ver archivo").
#[utoipa::path(
    get,
    path = "/api/v1/repse/acuse",
    tag = "Cuenta",
    summary = "El acuse del REPSE guardado",
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · not_found (404)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
async fn ver_acuse(State(state): State<AppState>, actual: Sesion) -> Result<Response, ApiError> {
    let s = exigir_contratista(actual)?;
    let (meta, bytes) = state.cuenta.acuse(&s.rfc).await?;
    let disposicion = super::adjunto::disposicion(super::adjunto::Modo::EnLinea, &meta.nombre);
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            ),
            (header::CONTENT_DISPOSITION, disposicion),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            ),
            (
                header::HeaderName::from_static("x-content-type-options"),
                HeaderValue::from_static("nosniff"),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// `DELETE /api/v1/repse/acuse`
#[utoipa::path(
    delete,
    path = "/api/v1/repse/acuse",
    tag = "Cuenta",
    summary = "Borra el acuse del REPSE",
    responses((status = 204, description = "Borrado"), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · forbidden (403: solo el contratista con su e.firma) · not_found (404)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
async fn borrar_acuse(
    State(state): State<AppState>,
    actual: Sesion,
) -> Result<StatusCode, ApiError> {
    let s = exigir_titular(actual)?;
    state.cuenta.borrar_acuse(&s.rfc).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/v1/capturistas`
#[utoipa::path(
    get,
    path = "/api/v1/capturistas",
    tag = "Capturistas",
    summary = "Los capturistas del contratista",
    responses((status = 200, body = Vec<CapturistaFila>), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · forbidden (403: solo el contratista con su e.firma)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
async fn listar(
    State(state): State<AppState>,
    actual: Sesion,
) -> Result<Json<Vec<CapturistaFila>>, ApiError> {
    let s = exigir_titular(actual)?;
    Ok(Json(state.capturistas.listar(&s.rfc).await?))
}

/// `POST /api/v1/capturistas` with `{"curp","nombre","correo"}`: `201` and the new row.
#[utoipa::path(
    post,
    path = "/api/v1/capturistas",
    tag = "Capturistas",
    summary = "Registra un capturista y le envía su invitación",
    request_body = AltaCapturista,
    responses((status = 201, body = CapturistaFila), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · forbidden (403: solo el contratista con su e.firma) · form_invalid (400) · capturista_exists (409)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
async fn registrar(
    State(state): State<AppState>,
    actual: Sesion,
    Json(alta): Json<AltaCapturista>,
) -> Result<(StatusCode, Json<CapturistaFila>), ApiError> {
    let s = exigir_titular(actual)?;
    let fila = state
        .capturistas
        .registrar(&s.rfc, &s.nombre, &alta)
        .await?;
    Ok((StatusCode::CREATED, Json(fila)))
}

/// `POST /api/v1/capturistas/{curp}/desactivar`
#[utoipa::path(
    post,
    path = "/api/v1/capturistas/{curp}/desactivar",
    tag = "Capturistas",
    summary = "Desactiva un capturista",
    params(("curp" = String, Path, description = "CURP del capturista")),
    responses((status = 200, body = CapturistaFila), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · forbidden (403: solo el contratista con su e.firma) · not_found (404)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
async fn desactivar(
    State(state): State<AppState>,
    actual: Sesion,
    Path(curp): Path<String>,
) -> Result<Json<CapturistaFila>, ApiError> {
    let s = exigir_titular(actual)?;
    Ok(Json(state.capturistas.activar(&s.rfc, &curp, false).await?))
}

/// `POST /api/v1/capturistas/{curp}/reactivar`
#[utoipa::path(
    post,
    path = "/api/v1/capturistas/{curp}/reactivar",
    tag = "Capturistas",
    summary = "Reactiva un capturista",
    params(("curp" = String, Path, description = "CURP del capturista")),
    responses((status = 200, body = CapturistaFila), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · forbidden (403: solo el contratista con su e.firma) · not_found (404)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
async fn reactivar(
    State(state): State<AppState>,
    actual: Sesion,
    Path(curp): Path<String>,
) -> Result<Json<CapturistaFila>, ApiError> {
    let s = exigir_titular(actual)?;
    Ok(Json(state.capturistas.activar(&s.rfc, &curp, true).await?))
}

/// `POST /api/v1/capturistas/{curp}/invitacion`: a new invitation link (the old ones stay valid
/// until they expire).
#[utoipa::path(
    post,
    path = "/api/v1/capturistas/{curp}/invitacion",
    tag = "Capturistas",
    summary = "Reenvía la invitación",
    params(("curp" = String, Path, description = "CURP del capturista")),
    responses((status = 204, description = "Enviada"), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · forbidden (403: solo el contratista con su e.firma) · not_found (404) · rate_limited (429)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
async fn reenviar(
    State(state): State<AppState>,
    actual: Sesion,
    Path(curp): Path<String>,
) -> Result<StatusCode, ApiError> {
    let s = exigir_titular(actual)?;
    state.capturistas.reenviar(&s.rfc, &s.nombre, &curp).await?;
    Ok(StatusCode::ACCEPTED)
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_arrive_percent_encoded() {
        assert_eq!(
            super::percent_decode("acuse%20a%C3%B1o.pdf"),
            "acuse año.pdf"
        );
        assert_eq!(super::percent_decode("100%"), "100%");
        assert_eq!(super::percent_decode("a%zz"), "a%zz");
    }
}

/// This module's part of the OpenAPI document (`routes::openapi`).
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    obtener,
    guardar,
    codigo_postal,
    subir_acuse,
    ver_acuse,
    borrar_acuse,
    listar,
    registrar,
    desactivar,
    reactivar,
    reenviar
))]
pub(super) struct Documento;
