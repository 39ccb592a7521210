//! `Anio`: a calendar year the ICSOE calendar covers.

use crate::domain::error::{DomainError, ErrorCode};
use std::fmt;

/// A year between [`Anio::MIN`] and [`Anio::MAX`]; the only way to get one is [`Anio::parse`] or
/// [`Anio::new`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Anio(i32);

/// Why a year was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AnioError {
    /// Not a whole number of at most four digits.
    #[error("«{0}» no es un año. Escribe el año con cuatro cifras, por ejemplo 2026.")]
    Format(String),
    /// A number outside the covered years.
    #[error(
        "El año {0} está fuera del calendario de ICSOE. Elige un año entre {min} y {max}.",
        min = Anio::MIN,
        max = Anio::MAX
    )]
    OutOfRange(i64),
}

impl DomainError for AnioError {
    fn code(&self) -> ErrorCode {
        match self {
            AnioError::Format(_) => ErrorCode::AnioFormat,
            AnioError::OutOfRange(_) => ErrorCode::AnioOutOfRange,
        }
    }
}

impl Anio {
    /// The first year with an ICSOE obligation: the reform of LSS art. 15-A was published in the
    /// DOF on 23-04-2021 and the first informativa covered May–August 2021.
    pub const MIN: i32 = 2021;
    /// The last year the calendar computes. LFT art. 74 as reformed in 2024 is applied by rule,
    /// so later years would be guesses about laws that do not exist yet.
    pub const MAX: i32 = 2100;

    /// Parses a year as a user or a URL writes it (`"2026"`, `" 2026 "`).
    pub fn parse(texto: &str) -> Result<Self, AnioError> {
        let t = texto.trim();
        if t.is_empty() || t.len() > 6 || !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(AnioError::Format(t.chars().take(20).collect()));
        }
        let n: i64 = t.parse().map_err(|_| AnioError::Format(t.to_string()))?;
        Self::new(n)
    }

    /// Checks that a number is a covered year.
    pub fn new(n: i64) -> Result<Self, AnioError> {
        if (i64::from(Self::MIN)..=i64::from(Self::MAX)).contains(&n) {
            // The range check above makes the conversion lossless.
            Ok(Anio(n as i32))
        } else {
            Err(AnioError::OutOfRange(n))
        }
    }

    /// The year as a number.
    pub fn get(self) -> i32 {
        self.0
    }
}

impl fmt::Display for Anio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_plain_year_and_trims_spaces() {
        assert_eq!(Anio::parse(" 2026 ").unwrap().get(), 2026);
        assert_eq!(Anio::parse("2021").unwrap().get(), 2021);
        assert_eq!(Anio::parse("2100").unwrap().get(), 2100);
    }

    #[test]
    fn text_that_is_not_a_number_is_a_format_error() {
        for bad in ["", "abc", "20x6", "-2026", "2026.0", "1e3", "99999999999"] {
            let err = Anio::parse(bad).unwrap_err();
            assert_eq!(err.code(), ErrorCode::AnioFormat, "{bad}");
        }
    }

    #[test]
    fn years_outside_the_calendar_are_out_of_range_with_a_spanish_hint() {
        let err = Anio::parse("2020").unwrap_err();
        assert_eq!(err.code(), ErrorCode::AnioOutOfRange);
        assert_eq!(
            err.to_string(),
            "El año 2020 está fuera del calendario de ICSOE. Elige un año entre 2021 y 2100."
        );
        assert_eq!(
            Anio::parse("2101").unwrap_err().code(),
            ErrorCode::AnioOutOfRange
        );
        assert_eq!(
            Anio::parse("0").unwrap_err().code(),
            ErrorCode::AnioOutOfRange
        );
    }
}
