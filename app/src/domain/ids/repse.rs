//! `RegistroRepse`: the folio of the STPS's Registro de Prestadoras de Servicios Especializados u
//! Obras Especializadas (LFT art. 15, 3rd transitory of the 2021 reform).
//!
//! Folios seen in STPS acuses look like `AR12345/2021` (two letters, a number, the year). The STPS
//! has not published the format, so anything reasonable is accepted and an unusual shape is only
//! a warning (`repse_format`) — refusing a real folio would stop a filing.

use super::normalizar;
use crate::domain::error::{DomainError, ErrorCode};
use std::fmt;

/// A REPSE folio as written on the STPS acuse (upper case, trimmed).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RegistroRepse(String);

/// A refused folio (empty or absurd), or the warning about an unusual shape.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RepseError {
    /// Empty, too long or with characters no folio has.
    #[error("El número de registro REPSE «{valor}» no es válido: {detalle} Cópialo del acuse de registro de la STPS (por ejemplo AR12345/2021).")]
    Format {
        /// What was given.
        valor: String,
        /// What is wrong.
        detalle: &'static str,
    },
    /// Accepted, but unlike the usual `AR12345/2021`.
    #[error("El número de registro REPSE «{valor}» no tiene la forma habitual (dos letras, número, diagonal y año, como AR12345/2021). Verifica que lo copiaste del acuse de la STPS.")]
    Unusual {
        /// What was given.
        valor: String,
    },
}

impl DomainError for RepseError {
    fn code(&self) -> ErrorCode {
        ErrorCode::RepseFormat
    }
}

fn forma_habitual(v: &str) -> bool {
    let b = v.as_bytes();
    let Some((numero, anio)) = v.split_once('/') else {
        return false;
    };
    b.len() >= 4
        && b.iter().take(2).all(u8::is_ascii_uppercase)
        && numero.len() > 2
        && numero.bytes().skip(2).all(|c| c.is_ascii_digit())
        && anio.len() == 4
        && anio.bytes().all(|c| c.is_ascii_digit())
        && (anio.starts_with("20"))
}

impl RegistroRepse {
    /// Parses a folio: `Ok((folio, None))`, `Ok((folio, Some(warning)))` or `Err`.
    pub fn parse(texto: &str) -> Result<(Self, Option<RepseError>), RepseError> {
        let v = normalizar(texto);
        let error = |detalle| RepseError::Format {
            valor: super::muestra(&v),
            detalle,
        };
        if v.is_empty() {
            return Err(error("está vacío."));
        }
        if v.chars().count() > 30 {
            return Err(error("es demasiado largo."));
        }
        if !v
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | ' '))
        {
            return Err(error("solo puede tener letras, dígitos, diagonal y guion."));
        }
        let aviso = (!forma_habitual(&v)).then(|| RepseError::Unusual { valor: v.clone() });
        Ok((RegistroRepse(v), aviso))
    }

    /// The folio.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RegistroRepse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_usual_shape_has_no_warning() {
        let (folio, aviso) = RegistroRepse::parse(" ar12345/2021 ").unwrap();
        assert_eq!(folio.as_str(), "AR12345/2021");
        assert_eq!(aviso, None);
    }

    #[test]
    fn an_unusual_shape_is_accepted_with_a_warning() {
        for v in ["12345", "AR-12345-2021", "AR12345/21"] {
            let (_, aviso) = RegistroRepse::parse(v).unwrap();
            assert_eq!(aviso.map(|a| a.code()), Some(ErrorCode::RepseFormat), "{v}");
        }
    }

    #[test]
    fn empty_or_garbage_is_refused() {
        for v in ["", "   ", "AR12345/2021; DROP", &"A".repeat(31)] {
            assert!(
                matches!(RegistroRepse::parse(v), Err(RepseError::Format { .. })),
                "{v}"
            );
        }
    }
}
