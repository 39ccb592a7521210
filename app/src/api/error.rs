//! `AppError`: the one error shape that crosses the wire, `{"codigo","mensaje","campos"}`.
//!
//! Internal causes never travel: the server logs them and sends `internal` with a generic
//! Spanish message.

use crate::domain::error::{DomainError, ErrorCampo, ErrorCode};
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// An error as clients see it.
#[derive(
    Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error, utoipa::ToSchema,
)]
#[error("{mensaje}")]
pub struct AppError {
    /// Stable snake_case code.
    pub codigo: ErrorCode,
    /// Spanish message: what is wrong and how to fix it.
    pub mensaje: String,
    /// Field-level errors, when the error concerns a form: each shown next to its field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub campos: Vec<ErrorCampo>,
}

impl AppError {
    /// An error with a code and a message.
    pub fn new(codigo: ErrorCode, mensaje: impl Into<String>) -> Self {
        AppError {
            codigo,
            mensaje: mensaje.into(),
            campos: Vec::new(),
        }
    }

    /// A domain error, with its own code and message.
    pub fn domain(error: &impl DomainError) -> Self {
        Self::new(error.code(), error.to_string())
    }

    /// A form with invalid fields: `form_invalid` with every field's error.
    pub fn formulario(campos: Vec<ErrorCampo>) -> Self {
        let n = campos.len();
        AppError {
            codigo: ErrorCode::FormInvalid,
            mensaje: if n == 1 {
                "Un dato necesita corrección; el mensaje está junto al campo. Lo demás que escribiste se conserva.".to_string()
            } else {
                format!("{n} datos necesitan corrección; cada mensaje está junto a su campo. Lo demás que escribiste se conserva.")
            },
            campos,
        }
    }

    /// The session's role may not do this.
    pub fn prohibido(mensaje: impl Into<String>) -> Self {
        Self::new(ErrorCode::Forbidden, mensaje)
    }

    /// The generic error for anything unexpected (the cause has been logged on the server).
    pub fn internal() -> Self {
        Self::new(
            ErrorCode::Internal,
            "Ocurrió un error inesperado en el servidor. Inténtalo de nuevo en unos minutos; \
             si persiste, avisa al administrador del sistema.",
        )
    }

    /// The database cannot be reached.
    pub fn database_unavailable() -> Self {
        Self::new(
            ErrorCode::DatabaseUnavailable,
            "La base de datos no responde. Inténtalo de nuevo en unos minutos.",
        )
    }

    /// The HTTP status that goes with the code. Exhaustive on purpose: every new code must say
    /// whether it is the client's input (400) or the server's fault.
    pub fn status(&self) -> u16 {
        match self.codigo {
            ErrorCode::AnioFormat
            | ErrorCode::AnioOutOfRange
            | ErrorCode::PeriodoFormat
            | ErrorCode::CurpFormat
            | ErrorCode::CurpDate
            | ErrorCode::CurpState
            | ErrorCode::CurpCheckDigit
            | ErrorCode::CurpInconvenientWord
            | ErrorCode::RfcFormat
            | ErrorCode::RfcDate
            | ErrorCode::RfcInconvenientWord
            | ErrorCode::RfcCheckDigit
            | ErrorCode::NssFormat
            | ErrorCode::NssCheckDigit
            | ErrorCode::NssLeadingZeroLost
            | ErrorCode::NssScientificNotation
            | ErrorCode::IdUnknown
            | ErrorCode::SbcFormat
            | ErrorCode::SbcNotPositive
            | ErrorCode::SbcOverCap
            | ErrorCode::SbcBelowMinimum
            | ErrorCode::SbcLimitsUnknown
            | ErrorCode::CodigoPostalFormat
            | ErrorCode::TelefonoFormat
            | ErrorCode::EmailFormat
            | ErrorCode::RepseFormat
            | ErrorCode::FileEmpty
            | ErrorCode::FileHeader
            | ErrorCode::FileUnreadable
            | ErrorCode::RowColumns
            | ErrorCode::DuplicateNss
            | ErrorCode::DuplicateCurp
            | ErrorCode::EfirmaNotCertificate
            | ErrorCode::EfirmaNotKey
            | ErrorCode::EfirmaPassword
            | ErrorCode::EfirmaKeyMismatch
            | ErrorCode::EfirmaRfcMismatch => 400,
            ErrorCode::EfirmaCsd
            | ErrorCode::EfirmaExpired
            | ErrorCode::EfirmaNotYetValid
            | ErrorCode::EfirmaUntrusted
            | ErrorCode::EfirmaSignature
            | ErrorCode::AuthChallengeUnknown
            | ErrorCode::AuthChallengeUsed
            | ErrorCode::AuthChallengeExpired
            | ErrorCode::AuthChallengeRfc
            | ErrorCode::AuthRequired
            | ErrorCode::ApiTokenInvalid
            | ErrorCode::EfirmaRevoked => 401,
            ErrorCode::TermsPending | ErrorCode::OriginRefused | ErrorCode::ApiTokenScope => 403,
            ErrorCode::RateLimited => 429,
            ErrorCode::FileTooLarge => 413,
            ErrorCode::FormInvalid
            | ErrorCode::FieldRequired
            | ErrorCode::FieldTooLong
            | ErrorCode::FechaFormat
            | ErrorCode::ColoniaUnknown
            | ErrorCode::FileNotPdf
            | ErrorCode::PasswordPolicy
            | ErrorCode::TokenUnknown
            | ErrorCode::TokenUsed
            | ErrorCode::TokenExpired => 400,
            ErrorCode::AuthCredentials => 401,
            ErrorCode::Forbidden | ErrorCode::ContratistaRequired => 403,
            ErrorCode::CapturistaExists
            | ErrorCode::InformativaExists
            | ErrorCode::InformativaState
            | ErrorCode::DatosIncompletos
            | ErrorCode::HallazgosOpen
            | ErrorCode::CadenaChanged
            | ErrorCode::ComplementariasLimit
            | ErrorCode::ComplementariaNotVigente
            | ErrorCode::CargaEnCurso => 409,
            ErrorCode::FirmaRfcContratista => 403,
            ErrorCode::TermsChanged => 403,
            ErrorCode::IdempotencyKey | ErrorCode::BodyInvalid => 400,
            ErrorCode::MediaTypeUnsupported => 415,
            ErrorCode::BodyTooLarge => 413,
            ErrorCode::MethodNotAllowed => 405,
            ErrorCode::UriTooLong => 414,
            ErrorCode::PeriodoNotStarted
            | ErrorCode::RfcContratista
            | ErrorCode::ServicioUnknown
            | ErrorCode::FechaOutOfPeriod => 400,
            ErrorCode::NotFound | ErrorCode::CodigoPostalUnknown => 404,
            ErrorCode::DatabaseUnavailable
            | ErrorCode::Network
            | ErrorCode::Timeout
            | ErrorCode::EfirmaRevocationUnavailable => 503,
            ErrorCode::Internal => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) => Self::new(
                ErrorCode::Network,
                "No hay conexión con el servidor. Revisa tu conexión a internet e inténtalo de nuevo.",
            ),
            _ => Self::internal(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::Anio;

    #[test]
    fn a_domain_error_keeps_its_code_and_spanish_message_on_the_wire() {
        let err = AppError::domain(&Anio::parse("abc").unwrap_err());
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json["codigo"], "anio_format");
        assert!(json["mensaje"].as_str().unwrap().contains("no es un año"));
        assert!(json.get("campos").is_none());
        assert_eq!(err.status(), 400);
    }

    #[test]
    fn identifier_errors_are_the_clients_input() {
        let err = AppError::domain(&crate::domain::ids::Nss::parse("12345678901").unwrap_err());
        assert_eq!(err.status(), 400);
        assert_eq!(AppError::internal().status(), 500);
    }

    #[test]
    fn transport_failures_become_a_network_error_without_internal_detail() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Request("dns".into()));
        assert_eq!(err.codigo, ErrorCode::Network);
        let err =
            AppError::from_server_fn_error(ServerFnErrorErr::ServerError("panic at x.rs".into()));
        assert_eq!(err.codigo, ErrorCode::Internal);
        assert!(!err.mensaje.contains("x.rs"));
    }
}
