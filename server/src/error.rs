//! The server's one error type on the wire and the helpers that produce it. Every module —
//! routes, the session middleware, the services — imports from here; nothing else defines how an
//! error becomes a response.
//!
//! - [`ApiError`]: an [`AppError`] as an HTTP response (`{"codigo","mensaje"}` with the status its
//!   code implies).
//! - [`bd`]: a database error. Only "cannot reach the database" is `503 database_unavailable`
//!   (the client may retry); anything else is the server's fault, `500 internal`, logged with its
//!   cause.
//! - [`o_duplicado`]: a unique-constraint violation turned into the caller's field error.
//! - [`json_en_api`]: the layer that makes every `/api/v1` answer JSON, including the ones axum
//!   and hyper produce themselves (bad JSON, a missing field, a wrong content type, a body too
//!   large, 404, 405, a URI too long).

use app::api::AppError;
use app::domain::error::ErrorCode;
use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// The JSON error response of every `/api/v1` route: `{"codigo","mensaje"}`.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(self.0)).into_response()
    }
}

/// Whether a database error means the database cannot be reached (connection refused or lost,
/// pool exhausted, timed out), as opposed to a failed statement.
pub fn inalcanzable(e: &sea_orm::DbErr) -> bool {
    use sea_orm::DbErr;
    match e {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => true,
        DbErr::Exec(sea_orm::RuntimeErr::SqlxError(s))
        | DbErr::Query(sea_orm::RuntimeErr::SqlxError(s)) => {
            matches!(
                s.as_ref(),
                sea_orm::sqlx::Error::Io(_)
                    | sea_orm::sqlx::Error::PoolTimedOut
                    | sea_orm::sqlx::Error::PoolClosed
            ) || matches!(s.as_ref(), sea_orm::sqlx::Error::Database(d)
                if d.message().contains("database is locked") || d.message().contains("busy"))
        }
        _ => false,
    }
}

/// A database error as the client sees it: `503 database_unavailable` when the database cannot
/// be reached (worth retrying), `500 internal` otherwise. The cause is logged either way.
pub fn bd(e: sea_orm::DbErr) -> AppError {
    if inalcanzable(&e) {
        tracing::warn!(error.cause_chain = ?e, "la base de datos no responde");
        AppError::database_unavailable()
    } else {
        tracing::error!(error.cause_chain = ?e, "error de base de datos");
        AppError::internal()
    }
}

/// Whether the error is a unique-constraint violation (a row that already exists).
pub fn es_duplicado(e: &sea_orm::DbErr) -> bool {
    matches!(
        e.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

/// The one mapping from a unique-constraint violation to the caller's error (usually a field
/// error such as "ese NSS ya está en el contrato"); any other database error goes through
/// [`bd`].
pub fn o_duplicado(e: sea_orm::DbErr, si_duplicado: impl FnOnce() -> AppError) -> AppError {
    if es_duplicado(&e) {
        si_duplicado()
    } else {
        bd(e)
    }
}

/// The longest request target `/api/v1` accepts: longer ones get `414 uri_too_long` as JSON
/// (hyper itself only answers, with an empty body, past 64 KiB).
pub const MAX_URI: usize = 8 * 1024;

/// The `AppError` for a response axum or hyper produced without one.
fn error_por_estado(status: StatusCode) -> AppError {
    match status {
        StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY => AppError::new(
            ErrorCode::BodyInvalid,
            "El cuerpo de la petición no es el JSON que espera esta ruta (sintaxis, un campo que falta o de otro tipo). Revisa el formato en docs/API.md.",
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => AppError::new(
            ErrorCode::MediaTypeUnsupported,
            "Esta ruta recibe JSON: envía el encabezado Content-Type: application/json.",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => AppError::new(
            ErrorCode::BodyTooLarge,
            "El cuerpo de la petición es más grande de lo que esta ruta admite.",
        ),
        StatusCode::METHOD_NOT_ALLOWED => AppError::new(
            ErrorCode::MethodNotAllowed,
            "Esta ruta no admite ese método HTTP. Consulta docs/API.md.",
        ),
        StatusCode::URI_TOO_LONG => uri_larga(),
        StatusCode::NOT_FOUND => AppError::new(
            ErrorCode::NotFound,
            "Esa ruta no existe en la API. Consulta la lista de rutas en docs/API.md.",
        ),
        s if s.is_server_error() => AppError::internal(),
        _ => AppError::new(ErrorCode::BodyInvalid, "La petición no es válida."),
    }
}

fn uri_larga() -> AppError {
    AppError::new(
        ErrorCode::UriTooLong,
        format!("La dirección de la petición es demasiado larga (más de {MAX_URI} caracteres)."),
    )
}

fn es_json(r: &Response) -> bool {
    r.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
}

/// Layer for `/api/v1`: refuses over-long URIs, and turns every error answer that is not JSON
/// (axum's extractor rejections, 405, a handler's bare status) into `{"codigo","mensaje"}`.
pub async fn json_en_api(req: Request, next: Next) -> Response {
    if req.uri().to_string().len() > MAX_URI {
        return ApiError(uri_larga()).into_response();
    }
    let respuesta = next.run(req).await;
    let status = respuesta.status();
    if (status.is_client_error() || status.is_server_error()) && !es_json(&respuesta) {
        let mut nueva = ApiError(error_por_estado(status)).into_response();
        // Keep the status axum chose (a 422 stays 422) and headers such as `Allow`.
        *nueva.status_mut() = status;
        for nombre in [header::ALLOW, header::RETRY_AFTER] {
            if let Some(v) = respuesta.headers().get(&nombre) {
                nueva.headers_mut().insert(nombre, v.clone());
            }
        }
        return nueva;
    }
    respuesta
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_statement_is_internal_and_a_lost_connection_is_unavailable() {
        let e = sea_orm::DbErr::Custom("syntax error".into());
        assert_eq!(bd(e).codigo, ErrorCode::Internal);
        let e = sea_orm::DbErr::Conn(sea_orm::RuntimeErr::Internal("refused".into()));
        assert_eq!(bd(e).codigo, ErrorCode::DatabaseUnavailable);
    }

    #[test]
    fn framework_statuses_get_their_own_codes() {
        assert_eq!(
            error_por_estado(StatusCode::METHOD_NOT_ALLOWED).codigo,
            ErrorCode::MethodNotAllowed
        );
        assert_eq!(
            error_por_estado(StatusCode::UNSUPPORTED_MEDIA_TYPE).codigo,
            ErrorCode::MediaTypeUnsupported
        );
        assert_eq!(
            error_por_estado(StatusCode::PAYLOAD_TOO_LARGE).codigo,
            ErrorCode::BodyTooLarge
        );
        assert_eq!(
            error_por_estado(StatusCode::UNPROCESSABLE_ENTITY).codigo,
            ErrorCode::BodyInvalid
        );
    }
}
