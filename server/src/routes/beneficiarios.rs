//! The authorised client's files (issue 18): `GET /mis-proveedores/{rfc}.xlsx` (every worker on
//! its contracts with that provider) and `GET /mis-proveedores/{rfc}/{id}/acuse.pdf`. The
//! session is the client's own (its e.firma); each download is audited for the provider.

use super::adjunto::{adjunto, Modo};
use super::auth::exigir_titular;
use super::listado::XLSX;
use crate::error::ApiError;
use crate::state::AppState;
use app::api::sesion::SesionActual;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use axum::{Extension, Router};

type Sesion = Option<Extension<SesionActual>>;

/// The routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/mis-proveedores/{archivo}", get(xlsx))
        .route("/mis-proveedores/{rfc}/{id}/acuse.pdf", get(acuse))
}

async fn xlsx(
    State(state): State<AppState>,
    actual: Sesion,
    Path(archivo): Path<String>,
) -> Result<Response, ApiError> {
    let s = exigir_titular(actual)?;
    let proveedor = archivo.strip_suffix(".xlsx").unwrap_or(&archivo);
    let (nombre, bytes) = state.beneficiarios.xlsx(&s.rfc, proveedor).await?;
    Ok(adjunto(XLSX, Modo::Descarga, &nombre, bytes))
}

async fn acuse(
    State(state): State<AppState>,
    actual: Sesion,
    Path((rfc, id)): Path<(String, i64)>,
) -> Result<Response, ApiError> {
    let s = exigir_titular(actual)?;
    let (nombre, pdf) = state.beneficiarios.acuse(&s.rfc, &rfc, id).await?;
    Ok(adjunto("application/pdf", Modo::Descarga, &nombre, pdf))
}
