//! `CodigoPostal`: the five-digit SEPOMEX postal code, kept as text because the leading zero of
//! Mexico City's codes (`01000`…`16999`) matters. Existence is checked against the SAT catalog by
//! the server; here only the shape.

use super::muestra;
use crate::domain::error::{DomainError, ErrorCode};
use std::fmt;

/// Five digits, not `00000`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CodigoPostal(String);

/// Why a postal code was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("El código postal «{valor}» no es válido: {detalle}")]
pub struct CodigoPostalError {
    valor: String,
    detalle: &'static str,
}

impl DomainError for CodigoPostalError {
    fn code(&self) -> ErrorCode {
        ErrorCode::CodigoPostalFormat
    }
}

impl CodigoPostal {
    /// Parses a postal code; a 4-digit value gets a hint about the lost leading zero.
    /// Spaces, hyphens and dots between digits are dropped: people write "06 600" or "06-600".
    pub fn parse(texto: &str) -> Result<Self, CodigoPostalError> {
        let limpio: String = texto
            .trim()
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '.' | '\u{a0}'))
            .collect();
        let t = limpio.as_str();
        let error = |detalle| CodigoPostalError {
            valor: muestra(t),
            detalle,
        };
        if !t.bytes().all(|b| b.is_ascii_digit()) || t.is_empty() {
            return Err(error("debe tener exactamente 5 dígitos, sin letras."));
        }
        match t.len() {
            4 => Err(error("tiene 4 dígitos; si empieza con cero (como en la Ciudad de México), escríbelo completo: 0 y los otros cuatro.")),
            5 if t == "00000" => Err(error("00000 no existe.")),
            5 => Ok(CodigoPostal(t.to_owned())),
            _ => Err(error("debe tener exactamente 5 dígitos.")),
        }
    }

    /// The five digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CodigoPostal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_digits_with_a_leading_zero_are_kept_as_text() {
        assert_eq!(CodigoPostal::parse(" 06700 ").unwrap().as_str(), "06700");
        assert_eq!(CodigoPostal::parse("44100").unwrap().to_string(), "44100");
    }

    #[test]
    fn spaces_and_hyphens_as_people_write_them_are_accepted() {
        for v in ["06 600", "06-600", "06.600", " 0 6 6 0 0 "] {
            assert_eq!(CodigoPostal::parse(v).unwrap().as_str(), "06600", "{v}");
        }
    }

    #[test]
    fn wrong_shapes_are_refused_with_a_hint() {
        let cuatro = CodigoPostal::parse("6700").unwrap_err();
        assert!(cuatro.to_string().contains("cero"), "{cuatro}");
        for v in ["", "0670A", "067000", "00000", "06 7000"] {
            assert_eq!(
                CodigoPostal::parse(v).unwrap_err().code(),
                ErrorCode::CodigoPostalFormat,
                "{v}"
            );
        }
    }
}
