//! Stable error codes: the machine-readable half of every error the project reports.
//!
//! A code is a snake_case identifier that never changes once published (clients and tests match
//! on it); the human half is a Spanish message that says what is wrong and how to fix it.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Every error code the project can put on the wire, as `{"codigo": "…"}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    /// The requested resource does not exist.
    NotFound,
    /// The database cannot be reached.
    DatabaseUnavailable,
    /// The browser could not reach the server.
    Network,
    /// Something failed on the server; the details are in its log, never on the wire.
    Internal,
}

impl ErrorCode {
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
            ErrorCode::NotFound => "not_found",
            ErrorCode::DatabaseUnavailable => "database_unavailable",
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
            ErrorCode::NotFound,
            ErrorCode::DatabaseUnavailable,
            ErrorCode::Network,
            ErrorCode::Internal,
        ] {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
    }
}
