//! Stable error codes: the machine-readable half of every error the project reports.
//!
//! A code is a snake_case identifier that never changes once published (clients and tests match
//! on it); the human half is a Spanish message that says what is wrong and how to fix it.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Every error code the project can put on the wire, as `{"codigo": "…"}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorCode {
    /// The year is not a whole number.
    AnioFormat,
    /// The year is a number outside the years the calendar covers.
    AnioOutOfRange,
    /// The period is not 1, 2 or 3.
    PeriodoFormat,
    /// A CURP with the wrong length, characters or structure.
    CurpFormat,
    /// A CURP whose birth date does not exist.
    CurpDate,
    /// A CURP with an unknown state of birth.
    CurpState,
    /// A CURP whose check digit does not match.
    CurpCheckDigit,
    /// A CURP starting with a word RENAPO never issues.
    CurpInconvenientWord,
    /// An RFC with the wrong length, characters or structure.
    RfcFormat,
    /// An RFC whose date does not exist.
    RfcDate,
    /// An RFC starting with a word the SAT never issues.
    RfcInconvenientWord,
    /// An RFC whose check digit does not match (a warning).
    RfcCheckDigit,
    /// An NSS that is not 11 digits.
    NssFormat,
    /// An NSS whose check digit does not match.
    NssCheckDigit,
    /// An NSS of 10 digits that Excel stripped of its leading zero.
    NssLeadingZeroLost,
    /// An NSS Excel turned into scientific notation.
    NssScientificNotation,
    /// A value that is not recognisable as CURP, RFC or NSS.
    IdUnknown,
    /// A daily salary that is not a plain number with up to two decimals.
    SbcFormat,
    /// A daily salary of zero or less.
    SbcNotPositive,
    /// A daily salary above 25 UMA (LSS art. 28).
    SbcOverCap,
    /// A daily salary below the general minimum wage (a warning).
    SbcBelowMinimum,
    /// No UMA or minimum wage is known for the period's last day.
    SbcLimitsUnknown,
    /// A postal code that is not five digits.
    CodigoPostalFormat,
    /// A phone number that is not ten digits.
    TelefonoFormat,
    /// A malformed e-mail address.
    EmailFormat,
    /// A REPSE folio that is empty or unusual (unusual is a warning).
    RepseFormat,
    /// A file over the size or row limit.
    FileTooLarge,
    /// A file with no data rows.
    FileEmpty,
    /// A header row that names unknown, missing or repeated columns.
    FileHeader,
    /// A file that cannot be read at all.
    FileUnreadable,
    /// A row with the wrong number of columns.
    RowColumns,
    /// The same NSS twice in one file or contract.
    DuplicateNss,
    /// The same CURP twice in one file or contract.
    DuplicateCurp,
    /// A .cer that is not an X.509 certificate.
    EfirmaNotCertificate,
    /// A .key that is not an encrypted PKCS#8 private key.
    EfirmaNotKey,
    /// The password does not decrypt the .key.
    EfirmaPassword,
    /// The .key is not the .cer's.
    EfirmaKeyMismatch,
    /// A CSD (sello digital) where an e.firma is required.
    EfirmaCsd,
    /// An expired certificate.
    EfirmaExpired,
    /// A certificate not valid yet.
    EfirmaNotYetValid,
    /// A certificate no trusted CA issued.
    EfirmaUntrusted,
    /// The RFC typed is not the certificate's.
    EfirmaRfcMismatch,
    /// A signature that does not verify.
    EfirmaSignature,
    /// A login challenge the server never issued.
    AuthChallengeUnknown,
    /// A login challenge already used.
    AuthChallengeUsed,
    /// A login challenge older than 5 minutes.
    AuthChallengeExpired,
    /// A challenge issued for another RFC than the certificate's.
    AuthChallengeRfc,
    /// A protected page or API without a session.
    AuthRequired,
    /// The contratista has not accepted the current terms.
    TermsPending,
    /// A state-changing request from another origin.
    OriginRefused,
    /// Too many attempts from one address or for one RFC.
    RateLimited,
    /// A form with one or more invalid fields (each in `campos`).
    FormInvalid,
    /// A required field left empty.
    FieldRequired,
    /// A text longer than its field allows.
    FieldTooLong,
    /// A date that is not a real `DD/MM/AAAA` or `AAAA-MM-DD` date.
    FechaFormat,
    /// A well-formed postal code the SAT catalog does not have.
    CodigoPostalUnknown,
    /// A colonia that does not belong to the postal code.
    ColoniaUnknown,
    /// A file that is not a PDF (by its bytes).
    FileNotPdf,
    /// The session's role may not do this (a capturista editing the account, say).
    Forbidden,
    /// A capturista session that has not picked a contratista yet.
    ContratistaRequired,
    /// Wrong CURP or password (never says which).
    AuthCredentials,
    /// A password that does not meet the policy.
    PasswordPolicy,
    /// An invitation or reset link that was never issued.
    TokenUnknown,
    /// An invitation or reset link already used.
    TokenUsed,
    /// An invitation or reset link past its expiry.
    TokenExpired,
    /// The capturista is already registered for this contratista.
    CapturistaExists,
    /// A Normal or Sin información already exists for the contratista, year and period (V01).
    InformativaExists,
    /// A period that has not started yet.
    PeriodoNotStarted,
    /// The informativa's state does not allow the action (a change after "Enviar a firma", say).
    InformativaState,
    /// The contratante's RFC is the contratista's own (V03).
    RfcContratista,
    /// A service that is not among the contratista's REPSE services (V04).
    ServicioUnknown,
    /// A contract date outside the informativa's period, or an end before the start (V05).
    FechaOutOfPeriod,
    /// Datos generales or REPSE still incomplete.
    DatosIncompletos,
    /// Open findings (V02–V07) that must be fixed before "Enviar a firma".
    HallazgosOpen,
    /// The cadena original signed no longer matches the stored informativa: prepare and sign again.
    CadenaChanged,
    /// A fifth complementaria for the same year and period (V14).
    ComplementariasLimit,
    /// A complementaria of a filing that is no longer the one in force for its period.
    ComplementariaNotVigente,
    /// The signing e.firma's RFC is not the contratista's (V16).
    FirmaRfcContratista,
    /// The terms changed since they were accepted; they must be accepted again.
    TermsChanged,
    /// A missing or malformed `Idempotency-Key`.
    IdempotencyKey,
    /// An API token that does not exist or was revoked.
    ApiTokenInvalid,
    /// The SAT's OCSP responder says the e.firma certificate was revoked.
    EfirmaRevoked,
    /// The OCSP responder could not be asked (or answered nothing usable) and the deployment
    /// fails closed (`ICSOE_OCSP_FALLA=cerrada`).
    EfirmaRevocationUnavailable,
    /// An API token used for what its capture scope does not allow (signing, the account…).
    ApiTokenScope,
    /// A request body that is not the JSON the route expects (bad syntax, a missing field).
    BodyInvalid,
    /// A request body of a type the route does not take (`Content-Type`).
    MediaTypeUnsupported,
    /// A request body over the route's limit.
    BodyTooLarge,
    /// A method the route does not answer.
    MethodNotAllowed,
    /// A URL over the server's limit.
    UriTooLong,
    /// The requested resource does not exist.
    NotFound,
    /// The database cannot be reached.
    DatabaseUnavailable,
    /// The server took longer than its limit to answer (`routes::middleware`, issue 15).
    Timeout,
    /// A large upload to the informativa is still being written.
    CargaEnCurso,
    /// The browser could not reach the server.
    Network,
    /// Something failed on the server; the details are in its log, never on the wire.
    Internal,
}

impl ErrorCode {
    /// A short Spanish name of the problem for lists and filters (the code itself is for
    /// support and programs, never the text a user reads).
    pub fn titulo(self) -> &'static str {
        match self {
            ErrorCode::CurpFormat => "CURP mal escrita",
            ErrorCode::CurpCheckDigit => "CURP con dígito verificador incorrecto",
            ErrorCode::CurpState => "CURP con entidad de nacimiento inválida",
            ErrorCode::CurpDate => "CURP con fecha de nacimiento inválida",
            ErrorCode::CurpInconvenientWord => "CURP con palabra altisonante sin corregir",
            ErrorCode::NssFormat => "NSS mal escrito",
            ErrorCode::NssCheckDigit => "NSS con dígito verificador incorrecto",
            ErrorCode::NssLeadingZeroLost => "NSS sin su cero inicial",
            ErrorCode::NssScientificNotation => "NSS en notación científica (Excel)",
            ErrorCode::SbcFormat => "Salario mal escrito",
            ErrorCode::SbcNotPositive => "Salario en cero o negativo",
            ErrorCode::SbcBelowMinimum => "Salario menor al mínimo",
            ErrorCode::SbcOverCap => "Salario mayor al tope de 25 UMA",
            ErrorCode::SbcLimitsUnknown => "Cifras del año sin publicar",
            ErrorCode::DuplicateNss => "NSS repetido",
            ErrorCode::DuplicateCurp => "CURP repetida",
            ErrorCode::RowColumns => "Renglón con columnas de más o de menos",
            ErrorCode::IdUnknown => "Identificador no reconocido",
            ErrorCode::RfcFormat => "RFC mal escrito",
            ErrorCode::RfcCheckDigit => "RFC con dígito verificador distinto",
            ErrorCode::RfcDate => "RFC con fecha inválida",
            ErrorCode::RfcInconvenientWord => "RFC con palabra altisonante sin corregir",
            _ => "Otro problema",
        }
    }

    /// The code as it appears on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::AnioFormat => "anio_format",
            ErrorCode::AnioOutOfRange => "anio_out_of_range",
            ErrorCode::PeriodoFormat => "periodo_format",
            ErrorCode::CurpFormat => "curp_format",
            ErrorCode::CurpDate => "curp_date",
            ErrorCode::CurpState => "curp_state",
            ErrorCode::CurpCheckDigit => "curp_check_digit",
            ErrorCode::CurpInconvenientWord => "curp_inconvenient_word",
            ErrorCode::RfcFormat => "rfc_format",
            ErrorCode::RfcDate => "rfc_date",
            ErrorCode::RfcInconvenientWord => "rfc_inconvenient_word",
            ErrorCode::RfcCheckDigit => "rfc_check_digit",
            ErrorCode::NssFormat => "nss_format",
            ErrorCode::NssCheckDigit => "nss_check_digit",
            ErrorCode::NssLeadingZeroLost => "nss_leading_zero_lost",
            ErrorCode::NssScientificNotation => "nss_scientific_notation",
            ErrorCode::IdUnknown => "id_unknown",
            ErrorCode::SbcFormat => "sbc_format",
            ErrorCode::SbcNotPositive => "sbc_not_positive",
            ErrorCode::SbcOverCap => "sbc_over_cap",
            ErrorCode::SbcBelowMinimum => "sbc_below_minimum",
            ErrorCode::SbcLimitsUnknown => "sbc_limits_unknown",
            ErrorCode::CodigoPostalFormat => "codigo_postal_format",
            ErrorCode::TelefonoFormat => "telefono_format",
            ErrorCode::EmailFormat => "email_format",
            ErrorCode::RepseFormat => "repse_format",
            ErrorCode::FileTooLarge => "file_too_large",
            ErrorCode::FileEmpty => "file_empty",
            ErrorCode::FileHeader => "file_header",
            ErrorCode::FileUnreadable => "file_unreadable",
            ErrorCode::RowColumns => "row_columns",
            ErrorCode::DuplicateNss => "duplicate_nss",
            ErrorCode::DuplicateCurp => "duplicate_curp",
            ErrorCode::EfirmaNotCertificate => "efirma_not_certificate",
            ErrorCode::EfirmaNotKey => "efirma_not_key",
            ErrorCode::EfirmaPassword => "efirma_password",
            ErrorCode::EfirmaKeyMismatch => "efirma_key_mismatch",
            ErrorCode::EfirmaCsd => "efirma_csd",
            ErrorCode::EfirmaExpired => "efirma_expired",
            ErrorCode::EfirmaNotYetValid => "efirma_not_yet_valid",
            ErrorCode::EfirmaUntrusted => "efirma_untrusted",
            ErrorCode::EfirmaRfcMismatch => "efirma_rfc_mismatch",
            ErrorCode::EfirmaSignature => "efirma_signature",
            ErrorCode::AuthChallengeUnknown => "auth_challenge_unknown",
            ErrorCode::AuthChallengeUsed => "auth_challenge_used",
            ErrorCode::AuthChallengeExpired => "auth_challenge_expired",
            ErrorCode::AuthChallengeRfc => "auth_challenge_rfc",
            ErrorCode::AuthRequired => "auth_required",
            ErrorCode::TermsPending => "terms_pending",
            ErrorCode::OriginRefused => "origin_refused",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::FormInvalid => "form_invalid",
            ErrorCode::FieldRequired => "field_required",
            ErrorCode::FieldTooLong => "field_too_long",
            ErrorCode::FechaFormat => "fecha_format",
            ErrorCode::CodigoPostalUnknown => "codigo_postal_unknown",
            ErrorCode::ColoniaUnknown => "colonia_unknown",
            ErrorCode::FileNotPdf => "file_not_pdf",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::ContratistaRequired => "contratista_required",
            ErrorCode::AuthCredentials => "auth_credentials",
            ErrorCode::PasswordPolicy => "password_policy",
            ErrorCode::TokenUnknown => "token_unknown",
            ErrorCode::TokenUsed => "token_used",
            ErrorCode::TokenExpired => "token_expired",
            ErrorCode::CapturistaExists => "capturista_exists",
            ErrorCode::InformativaExists => "informativa_exists",
            ErrorCode::PeriodoNotStarted => "periodo_not_started",
            ErrorCode::InformativaState => "informativa_state",
            ErrorCode::RfcContratista => "rfc_contratista",
            ErrorCode::ServicioUnknown => "servicio_unknown",
            ErrorCode::FechaOutOfPeriod => "fecha_out_of_period",
            ErrorCode::DatosIncompletos => "datos_incompletos",
            ErrorCode::HallazgosOpen => "hallazgos_open",
            ErrorCode::CadenaChanged => "cadena_changed",
            ErrorCode::ComplementariasLimit => "complementarias_limit",
            ErrorCode::ComplementariaNotVigente => "complementaria_not_vigente",
            ErrorCode::FirmaRfcContratista => "firma_rfc_contratista",
            ErrorCode::TermsChanged => "terms_changed",
            ErrorCode::IdempotencyKey => "idempotency_key",
            ErrorCode::ApiTokenInvalid => "api_token_invalid",
            ErrorCode::EfirmaRevoked => "efirma_revoked",
            ErrorCode::EfirmaRevocationUnavailable => "efirma_revocation_unavailable",
            ErrorCode::ApiTokenScope => "api_token_scope",
            ErrorCode::BodyInvalid => "body_invalid",
            ErrorCode::MediaTypeUnsupported => "media_type_unsupported",
            ErrorCode::BodyTooLarge => "body_too_large",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::UriTooLong => "uri_too_long",
            ErrorCode::NotFound => "not_found",
            ErrorCode::DatabaseUnavailable => "database_unavailable",
            ErrorCode::Timeout => "timeout",
            ErrorCode::CargaEnCurso => "carga_en_curso",
            ErrorCode::Network => "network",
            ErrorCode::Internal => "internal",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One invalid field of a form: which field (its JSON path, e.g. `domicilio_social.calle`), the
/// code and the Spanish message shown next to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ErrorCampo {
    /// The field's JSON path.
    pub campo: String,
    /// Stable code.
    pub codigo: ErrorCode,
    /// What is wrong and how to fix it.
    pub mensaje: String,
}

impl ErrorCampo {
    /// A field error from a domain error.
    pub fn de(campo: impl Into<String>, error: &impl DomainError) -> Self {
        ErrorCampo {
            campo: campo.into(),
            codigo: error.code(),
            mensaje: error.to_string(),
        }
    }

    /// A field error with its own code and message.
    pub fn nuevo(campo: impl Into<String>, codigo: ErrorCode, mensaje: impl Into<String>) -> Self {
        ErrorCampo {
            campo: campo.into(),
            codigo,
            mensaje: mensaje.into(),
        }
    }
}

/// A domain error: its `Display` is the Spanish message shown to the user.
pub trait DomainError: std::error::Error {
    /// The stable code of this error.
    fn code(&self) -> ErrorCode;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialize_as_their_wire_names() {
        for code in [
            ErrorCode::AnioFormat,
            ErrorCode::AnioOutOfRange,
            ErrorCode::PeriodoFormat,
            ErrorCode::CurpFormat,
            ErrorCode::CurpDate,
            ErrorCode::CurpState,
            ErrorCode::CurpCheckDigit,
            ErrorCode::CurpInconvenientWord,
            ErrorCode::RfcFormat,
            ErrorCode::RfcDate,
            ErrorCode::RfcInconvenientWord,
            ErrorCode::RfcCheckDigit,
            ErrorCode::NssFormat,
            ErrorCode::NssCheckDigit,
            ErrorCode::NssLeadingZeroLost,
            ErrorCode::NssScientificNotation,
            ErrorCode::IdUnknown,
            ErrorCode::SbcFormat,
            ErrorCode::SbcNotPositive,
            ErrorCode::SbcOverCap,
            ErrorCode::SbcBelowMinimum,
            ErrorCode::SbcLimitsUnknown,
            ErrorCode::CodigoPostalFormat,
            ErrorCode::TelefonoFormat,
            ErrorCode::EmailFormat,
            ErrorCode::RepseFormat,
            ErrorCode::FileTooLarge,
            ErrorCode::FileEmpty,
            ErrorCode::FileHeader,
            ErrorCode::FileUnreadable,
            ErrorCode::RowColumns,
            ErrorCode::DuplicateNss,
            ErrorCode::DuplicateCurp,
            ErrorCode::EfirmaNotCertificate,
            ErrorCode::EfirmaNotKey,
            ErrorCode::EfirmaPassword,
            ErrorCode::EfirmaKeyMismatch,
            ErrorCode::EfirmaCsd,
            ErrorCode::EfirmaExpired,
            ErrorCode::EfirmaNotYetValid,
            ErrorCode::EfirmaUntrusted,
            ErrorCode::EfirmaRfcMismatch,
            ErrorCode::EfirmaSignature,
            ErrorCode::AuthChallengeUnknown,
            ErrorCode::AuthChallengeUsed,
            ErrorCode::AuthChallengeExpired,
            ErrorCode::AuthChallengeRfc,
            ErrorCode::AuthRequired,
            ErrorCode::TermsPending,
            ErrorCode::OriginRefused,
            ErrorCode::RateLimited,
            ErrorCode::ComplementariaNotVigente,
            ErrorCode::FirmaRfcContratista,
            ErrorCode::TermsChanged,
            ErrorCode::IdempotencyKey,
            ErrorCode::ApiTokenInvalid,
            ErrorCode::ApiTokenScope,
            ErrorCode::EfirmaRevoked,
            ErrorCode::EfirmaRevocationUnavailable,
            ErrorCode::BodyInvalid,
            ErrorCode::MediaTypeUnsupported,
            ErrorCode::BodyTooLarge,
            ErrorCode::MethodNotAllowed,
            ErrorCode::UriTooLong,
            ErrorCode::NotFound,
            ErrorCode::DatabaseUnavailable,
            ErrorCode::Timeout,
            ErrorCode::CargaEnCurso,
            ErrorCode::Network,
            ErrorCode::Internal,
        ] {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
    }
}
