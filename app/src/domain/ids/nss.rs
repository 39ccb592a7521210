//! `Nss`: the IMSS Número de Seguridad Social, 11 digits kept as text (leading zeros matter).
//!
//! Digits 1–2 subdelegación, 3–4 year of registration, 5–6 year of birth, 7–10 consecutive,
//! 11 check digit: the Luhn mod-10 check over the first ten.

use super::muestra;
use crate::domain::error::{DomainError, ErrorCode};
use std::fmt;

/// A valid NSS.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Nss(String);

/// Why an NSS was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NssError {
    /// Not 11 digits (or all zeros).
    #[error("El NSS «{valor}» no es válido: {detalle}")]
    Format {
        /// What was given.
        valor: String,
        /// What is wrong.
        detalle: &'static str,
    },
    /// The eleventh digit does not match the other ten.
    #[error(
        "El NSS «{valor}» no es válido: el dígito verificador debería ser {esperado}. Revisa que no haya un dígito cambiado o invertido."
    )]
    CheckDigit {
        /// What was given.
        valor: String,
        /// The check digit the first ten digits imply.
        esperado: u32,
    },
    /// Ten digits that become a valid NSS with a leading zero: Excel dropped it.
    #[error(
        "El NSS «{valor}» tiene 10 dígitos: Excel quitó el cero inicial. Probablemente es {sugerido}. Da formato de Texto a la columna NSS y escríbelo con sus 11 dígitos."
    )]
    LeadingZeroLost {
        /// What was given.
        valor: String,
        /// The 11-digit value with the zero restored (it passes the check digit).
        sugerido: String,
    },
    /// Excel turned the number into scientific notation and lost digits.
    #[error(
        "El NSS «{valor}» está en notación científica: Excel lo convirtió en número y perdió dígitos. Da formato de Texto a la columna NSS y vuelve a escribir los 11 dígitos."
    )]
    ScientificNotation {
        /// What was given.
        valor: String,
    },
}

impl DomainError for NssError {
    fn code(&self) -> ErrorCode {
        match self {
            NssError::Format { .. } => ErrorCode::NssFormat,
            NssError::CheckDigit { .. } => ErrorCode::NssCheckDigit,
            NssError::LeadingZeroLost { .. } => ErrorCode::NssLeadingZeroLost,
            NssError::ScientificNotation { .. } => ErrorCode::NssScientificNotation,
        }
    }
}

/// The Luhn check digit of ten digits.
fn digito_verificador(diez: &[u32]) -> u32 {
    let suma: u32 = diez
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let p = if i % 2 == 0 { *d } else { d * 2 };
            p / 10 + p % 10
        })
        .sum();
    (10 - suma % 10) % 10
}

fn es_notacion_cientifica(t: &str) -> bool {
    let t = t.to_ascii_uppercase();
    let Some((mantisa, exponente)) = t.split_once('E') else {
        return false;
    };
    let exponente = exponente.strip_prefix('+').unwrap_or(exponente);
    let mantisa_ok = !mantisa.is_empty()
        && mantisa
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && mantisa.chars().any(|c| c.is_ascii_digit());
    mantisa_ok && !exponente.is_empty() && exponente.chars().all(|c| c.is_ascii_digit())
}

impl Nss {
    /// Parses an NSS; spaces and dashes between digits are ignored (`92-91-90-8443-1`).
    pub fn parse(texto: &str) -> Result<Self, NssError> {
        let t = texto.trim();
        // The common case: exactly 11 digits, checked without allocating anything but the result.
        if t.len() == 11 && t.bytes().all(|b| b.is_ascii_digit()) {
            let mut d = [0u32; 11];
            for (slot, b) in d.iter_mut().zip(t.bytes()) {
                *slot = u32::from(b - b'0');
            }
            if Self::cuadra(&d) && d.iter().any(|x| *x != 0) {
                return Ok(Nss(t.to_owned()));
            }
        }
        let valor = muestra(t);
        if es_notacion_cientifica(t) {
            return Err(NssError::ScientificNotation { valor });
        }
        let limpio: String = t.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        if limpio.is_empty() {
            return Err(NssError::Format {
                valor,
                detalle: "está vacío; escribe los 11 dígitos.",
            });
        }
        if !limpio.chars().all(|c| c.is_ascii_digit()) {
            return Err(NssError::Format {
                valor,
                detalle: "solo puede tener dígitos (sin letras, puntos ni otros signos).",
            });
        }
        let digitos: Vec<u32> = limpio.chars().filter_map(|c| c.to_digit(10)).collect();
        if digitos.len() == 10 {
            let mut con_cero = vec![0];
            con_cero.extend(&digitos);
            if Self::cuadra(&con_cero) {
                return Err(NssError::LeadingZeroLost {
                    valor,
                    sugerido: format!("0{limpio}"),
                });
            }
        }
        if digitos.len() != 11 {
            return Err(NssError::Format {
                valor,
                detalle: if digitos.len() < 11 {
                    "tiene menos de 11 dígitos."
                } else {
                    "tiene más de 11 dígitos."
                },
            });
        }
        if digitos.iter().all(|d| *d == 0) {
            return Err(NssError::Format {
                valor,
                detalle: "no puede ser todo ceros.",
            });
        }
        if !Self::cuadra(&digitos) {
            let esperado = digito_verificador(digitos.get(..10).unwrap_or_default());
            return Err(NssError::CheckDigit { valor, esperado });
        }
        Ok(Nss(limpio))
    }

    fn cuadra(once: &[u32]) -> bool {
        match (once.get(..10), once.get(10)) {
            (Some(diez), Some(ultimo)) if once.len() == 11 => digito_verificador(diez) == *ultimo,
            _ => false,
        }
    }

    /// The 11 digits as a number (distinct NSS, distinct keys): for duplicate checks in 8 bytes.
    pub fn clave(&self) -> u64 {
        self.0
            .bytes()
            .fold(0u64, |k, d| k * 10 + u64::from(d.saturating_sub(b'0')))
    }

    /// The 11 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Nss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn valid_vectors_parse() {
        for v in [
            "92919084431",
            "12345678903",
            "01108512342",
            "43159067891",
            "07990011111",
            "56028700559",
        ] {
            assert_eq!(Nss::parse(v).unwrap().as_str(), v);
        }
        assert_eq!(
            Nss::parse(" 92-91-90-8443-1 ").unwrap().as_str(),
            "92919084431"
        );
    }

    #[test]
    fn a_wrong_check_digit_names_the_expected_one() {
        let err = Nss::parse("12345678901").unwrap_err();
        assert_eq!(
            err,
            NssError::CheckDigit {
                valor: "12345678901".into(),
                esperado: 3
            }
        );
        assert_eq!(err.code(), ErrorCode::NssCheckDigit);
    }

    #[test]
    fn excel_leading_zero_loss_is_diagnosed_with_the_fix() {
        let err = Nss::parse("1108512342").unwrap_err();
        assert_eq!(err.code(), ErrorCode::NssLeadingZeroLost);
        assert!(err.to_string().contains("01108512342"), "{err}");
        // Ten digits that do not become valid with a zero are just too short.
        assert_eq!(
            Nss::parse("1108512343").unwrap_err().code(),
            ErrorCode::NssFormat
        );
    }

    #[test]
    fn scientific_notation_is_recognised() {
        for v in ["9.29E+10", "9,29E+10", "1.23e10", "9E+10"] {
            assert_eq!(
                Nss::parse(v).unwrap_err().code(),
                ErrorCode::NssScientificNotation,
                "{v}"
            );
        }
    }

    #[test]
    fn letters_length_and_zeros_are_format_errors() {
        for v in [
            "",
            "abc",
            "9291908443X",
            "929190844312",
            "00000000000",
            "9291.908443",
        ] {
            assert_eq!(
                Nss::parse(v).unwrap_err().code(),
                ErrorCode::NssFormat,
                "{v}"
            );
        }
    }

    fn nss_valido() -> impl Strategy<Value = String> {
        proptest::collection::vec(0u32..10, 10)
            .prop_filter("no todo ceros", |d| d.iter().any(|x| *x != 0))
            .prop_map(|d| {
                let check = digito_verificador(&d);
                d.iter()
                    .chain([&check])
                    .map(|x| char::from_digit(*x, 10).unwrap_or('0'))
                    .collect()
            })
    }

    proptest! {
        #[test]
        fn generated_nss_round_trip(v in nss_valido()) {
            let nss = Nss::parse(&v).unwrap();
            prop_assert_eq!(nss.as_str(), v.as_str());
        }

        #[test]
        fn any_single_changed_digit_is_caught(v in nss_valido(), pos in 0usize..11, delta in 1u32..10) {
            let mut d: Vec<u32> = v.chars().filter_map(|c| c.to_digit(10)).collect();
            d[pos] = (d[pos] + delta) % 10;
            let cambiado: String = d.iter().map(|x| char::from_digit(*x, 10).unwrap_or('0')).collect();
            prop_assert!(Nss::parse(&cambiado).is_err(), "{} → {}", v, cambiado);
        }
    }
}
