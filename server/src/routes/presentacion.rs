//! Signing, presenting and what follows (`docs/API.md`, "Firmar y presentar"):
//!
//! - `GET  /api/v1/informativas/{id}/firma` — the cadena to sign (contratista only).
//! - `POST /api/v1/informativas/{id}/presentar` — the signed cadena (contratista only).
//! - `GET  /api/v1/informativas/{id}/acuse.pdf` and `…/presentada.csv` — downloads.
//! - `POST /api/v1/informativas/{id}/complementarias` — start a corrección or sin efectos.
//! - `GET  /api/v1/verificar?folio=…&codigo=…` (or `&rfc=…`) and
//!   `GET /api/v1/acuses/{folio}?rfc=…` (or `?codigo=…`) — public verification of an acuse,
//!   rate limited per client address.
//! - `GET  /sello/certificado.cer` and `/sello/certificado.pem` — the seal's certificate.

use super::adjunto::{adjunto, csv_adjunto, Modo};
use super::auth::{exigir_contratista, exigir_titular, ip};
use crate::auth::middleware::IpCliente;
use crate::error::ApiError;
use crate::informativas::Actor;
use crate::state::AppState;
use app::api::informativas::InformativaFila;
use app::api::presentacion::{
    NuevaComplementaria, PorFirmar, Presentacion, Presentar, VerificacionAcuse, CABECERA_CLAVE,
};
use app::api::sesion::SesionActual;
#[allow(unused_imports, reason = "named by the OpenAPI annotations")]
use app::api::AppError;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use base64ct::Encoding;
use serde::Deserialize;

type Sesion = Option<Extension<SesionActual>>;

/// The routes under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/informativas/{id}/firma", get(por_firmar))
        .route("/informativas/{id}/presentar", post(presentar))
        .route("/informativas/{id}/acuse.pdf", get(acuse))
        .route("/informativas/{id}/presentada.csv", get(csv))
        .route("/informativas/{id}/presentada.xlsx", get(xlsx))
        .route("/informativas/{id}/complementarias", post(complementaria))
        .route("/verificar", get(verificar))
        .route("/acuses/{folio}", get(acuse_publico))
}

/// The public routes outside `/api/v1`.
pub fn publico() -> Router<AppState> {
    Router::new()
        .route("/sello/certificado.cer", get(certificado_der))
        .route("/sello/certificado.pem", get(certificado_pem))
}

#[utoipa::path(
    get,
    path = "/api/v1/informativas/{id}/firma",
    tag = "Presentación",
    summary = "La cadena original a firmar (solo el contratista)",
    params(("id" = i64, Path, description = "Id de la informativa")),
    responses((status = 200, body = PorFirmar), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · forbidden (403: solo el contratista con su e.firma) · not_found (404) · informativa_state (409)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
async fn por_firmar(
    State(state): State<AppState>,
    actual: Sesion,
    Path(id): Path<i64>,
) -> Result<Json<PorFirmar>, ApiError> {
    let a = Actor::de(&exigir_titular(actual)?);
    Ok(Json(state.informativas.por_firmar(&a.rfc, id).await?))
}

#[utoipa::path(
    post,
    path = "/api/v1/informativas/{id}/presentar",
    tag = "Presentación",
    summary = "Presenta la informativa firmada; devuelve el folio",
    params(("id" = i64, Path, description = "Id de la informativa"), ("Idempotency-Key" = String, Header, description = "8 a 64 caracteres")),
    request_body = Presentar,
    responses((status = 200, body = Presentacion), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · forbidden (403: solo el contratista con su e.firma) · idempotency_key · body_invalid (400) · efirma_signature · efirma_untrusted · efirma_expired · efirma_revoked (401) · firma_rfc_contratista (403) · cadena_changed · informativa_state (409) · not_found (404)"), (status = "5XX", body = AppError, description = "efirma_revocation_unavailable · database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
async fn presentar(
    State(state): State<AppState>,
    actual: Sesion,
    Path(id): Path<i64>,
    headers: HeaderMap,
    Json(p): Json<Presentar>,
) -> Result<Json<Presentacion>, ApiError> {
    let a = Actor::de(&exigir_titular(actual)?);
    let clave = headers
        .get(CABECERA_CLAVE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    Ok(Json(state.informativas.presentar(&a, id, clave, &p).await?))
}

#[utoipa::path(
    get,
    path = "/api/v1/informativas/{id}/acuse.pdf",
    tag = "Presentación",
    summary = "El acuse en PDF, con sello y QR",
    params(("id" = i64, Path, description = "Id de la informativa")),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · not_found (404)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
async fn acuse(
    State(state): State<AppState>,
    actual: Sesion,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    let a = Actor::de(&exigir_contratista(actual)?);
    let (nombre, pdf) = state.informativas.acuse(&a.rfc, id).await?;
    Ok(adjunto("application/pdf", Modo::Descarga, &nombre, pdf))
}

/// What was presented, as Excel (NSS and CURP as text: leading zeros survive).
#[utoipa::path(
    get,
    path = "/api/v1/informativas/{id}/presentada.xlsx",
    tag = "Presentación",
    summary = "Lo presentado, en Excel",
    params(("id" = i64, Path, description = "Id de la informativa")),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · not_found (404)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
async fn xlsx(
    State(state): State<AppState>,
    actual: Sesion,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    let a = Actor::de(&exigir_contratista(actual)?);
    let (nombre, bytes) = state.informativas.xlsx_presentada(&a.rfc, id).await?;
    Ok(adjunto(
        super::listado::XLSX,
        Modo::Descarga,
        &nombre,
        bytes,
    ))
}

#[utoipa::path(
    get,
    path = "/api/v1/informativas/{id}/presentada.csv",
    tag = "Presentación",
    summary = "Lo presentado, en CSV",
    params(("id" = i64, Path, description = "Id de la informativa")),
    responses((status = 200, content_type = "text/csv", body = String), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · not_found (404)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
async fn csv(
    State(state): State<AppState>,
    actual: Sesion,
    Path(id): Path<i64>,
) -> Result<Response, ApiError> {
    let a = Actor::de(&exigir_contratista(actual)?);
    let folio = state.informativas.exigir_presentada(&a.rfc, id).await?;
    let (tx, rx) = tokio::sync::mpsc::channel::<Vec<u8>>(4);
    let servicio = state.informativas.clone();
    tokio::spawn(async move {
        if let Err(e) = servicio.csv_presentada(&a.rfc, id, tx).await {
            tracing::error!(codigo = %e.codigo, "no se pudo escribir el CSV de la informativa");
        }
    });
    // Fused: the compression layer polls a body once more after its end, and a bare `unfold`
    // panics when polled again ("Unfold must not be polled after it returned
    // Poll::Ready(None)"), which cut the download in every browser.
    let flujo =
        futures_util::StreamExt::fuse(futures_util::stream::unfold(rx, |mut rx| async move {
            rx.recv()
                .await
                .map(|trozo| (Ok::<_, std::io::Error>(axum::body::Bytes::from(trozo)), rx))
        }));
    Ok(csv_adjunto(
        &format!("informativa-{folio}.csv"),
        Body::from_stream(flujo),
    ))
}

#[utoipa::path(
    post,
    path = "/api/v1/informativas/{id}/complementarias",
    tag = "Presentación",
    summary = "Registra una complementaria de una informativa presentada",
    params(("id" = i64, Path, description = "Id de la informativa")),
    request_body = NuevaComplementaria,
    responses((status = 201, body = InformativaFila), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · body_invalid (400) · complementarias_limit · complementaria_not_vigente · informativa_state (409) · not_found (404)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
async fn complementaria(
    State(state): State<AppState>,
    actual: Sesion,
    Path(id): Path<i64>,
    Json(n): Json<NuevaComplementaria>,
) -> Result<(StatusCode, Json<InformativaFila>), ApiError> {
    let a = Actor::de(&exigir_contratista(actual)?);
    Ok((
        StatusCode::CREATED,
        Json(state.informativas.complementaria(&a, id, &n.tipo).await?),
    ))
}

#[derive(Deserialize)]
struct Consulta {
    #[serde(default)]
    folio: String,
    #[serde(default)]
    codigo: String,
    #[serde(default)]
    rfc: String,
}

impl Consulta {
    /// The RFC or the code, whichever came.
    fn clave(&self) -> &str {
        if self.rfc.trim().is_empty() {
            &self.codigo
        } else {
            &self.rfc
        }
    }
}

#[utoipa::path(
    get,
    path = "/api/v1/verificar",
    tag = "Verificación",
    summary = "Verifica un acuse por folio y código o RFC (público)",
    params(("folio" = Option<String>, Query, description = "Folio del acuse"), ("codigo" = Option<String>, Query, description = "Código de verificación del QR"), ("rfc" = Option<String>, Query, description = "O el RFC del contratista")),
    responses((status = 200, body = VerificacionAcuse), (status = "4XX", body = AppError, description = "folio_format · body_invalid (400) · not_found (404) · rate_limited (429)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(())
)]
async fn verificar(
    State(state): State<AppState>,
    cliente: Option<Extension<IpCliente>>,
    Query(q): Query<Consulta>,
) -> Result<Json<VerificacionAcuse>, ApiError> {
    Ok(Json(
        state
            .informativas
            .verificar(&q.folio, q.clave(), &ip(cliente))
            .await?,
    ))
}

#[utoipa::path(
    get,
    path = "/api/v1/acuses/{folio}",
    tag = "Verificación",
    summary = "Verifica un acuse por su folio (público)",
    params(("folio" = String, Path, description = "Folio del acuse"), ("codigo" = Option<String>, Query, description = "Código de verificación del QR"), ("rfc" = Option<String>, Query, description = "O el RFC del contratista")),
    responses((status = 200, body = VerificacionAcuse), (status = "4XX", body = AppError, description = "folio_format (400) · not_found (404) · rate_limited (429)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(())
)]
async fn acuse_publico(
    State(state): State<AppState>,
    cliente: Option<Extension<IpCliente>>,
    Path(folio): Path<String>,
    Query(q): Query<Consulta>,
) -> Result<Json<VerificacionAcuse>, ApiError> {
    Ok(Json(
        state
            .informativas
            .verificar(&folio, q.clave(), &ip(cliente))
            .await?,
    ))
}

async fn certificado_der(State(state): State<AppState>) -> Response {
    adjunto(
        "application/pkix-cert",
        Modo::Descarga,
        "sello-icsoe.cer",
        Body::from(state.informativas.firma.sello.certificado().to_vec()),
    )
}

async fn certificado_pem(State(state): State<AppState>) -> Response {
    let b64 = base64ct::Base64::encode_string(state.informativas.firma.sello.certificado());
    let mut pem = String::from("-----BEGIN CERTIFICATE-----\n");
    for linea in b64.as_bytes().chunks(64) {
        pem.push_str(&String::from_utf8_lossy(linea));
        pem.push('\n');
    }
    pem.push_str("-----END CERTIFICATE-----\n");
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/x-pem-file"),
        )],
        pem,
    )
        .into_response()
}

/// This module's part of the OpenAPI document (`routes::openapi`).
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    por_firmar,
    presentar,
    acuse,
    xlsx,
    csv,
    complementaria,
    verificar,
    acuse_publico
))]
pub(super) struct Documento;
