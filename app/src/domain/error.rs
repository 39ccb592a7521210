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
