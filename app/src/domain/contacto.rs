//! Contact data of contratistas and capturistas: `Telefono` (10-digit national numbering since
//! August 2019, IFT) and `Email`.

use crate::domain::error::{DomainError, ErrorCampo, ErrorCode};
use crate::domain::ids::muestra;
use std::fmt;

/// A Mexican phone number: 10 digits (no `01`, `044`, `045` prefixes since the IFT's 2019 plan).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Telefono(String);

/// Why a phone number was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("El teléfono «{valor}» no es válido: {detalle}")]
pub struct TelefonoError {
    valor: String,
    detalle: &'static str,
}

impl DomainError for TelefonoError {
    fn code(&self) -> ErrorCode {
        ErrorCode::TelefonoFormat
    }
}

impl Telefono {
    /// Parses a phone number; spaces, dashes, dots and parentheses are ignored, and a `+52` or
    /// `52` country code in front of 10 digits is dropped.
    pub fn parse(texto: &str) -> Result<Self, TelefonoError> {
        let t = texto.trim();
        let error = |detalle| TelefonoError {
            valor: muestra(t),
            detalle,
        };
        let sin_pais = t.strip_prefix("+52").unwrap_or(t);
        if sin_pais
            .chars()
            .any(|c| !(c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')')))
        {
            return Err(error("solo puede tener dígitos."));
        }
        let mut d: String = sin_pais.chars().filter(char::is_ascii_digit).collect();
        if d.len() == 12 && d.starts_with("52") {
            d.drain(..2);
        }
        if d.starts_with("044") || d.starts_with("045") || (d.len() == 12 && d.starts_with("01")) {
            return Err(error(
                "los prefijos 01, 044 y 045 ya no se usan; escribe solo los 10 dígitos.",
            ));
        }
        if d.len() != 10 {
            return Err(error(
                "debe tener 10 dígitos (clave de larga distancia y número).",
            ));
        }
        Ok(Telefono(d))
    }

    /// The 10 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Telefono {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An e-mail address, trimmed and with its domain in lower case.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Email(String);

/// Why an e-mail address was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("El correo electrónico «{valor}» no es válido: {detalle}")]
pub struct EmailError {
    valor: String,
    detalle: &'static str,
}

impl DomainError for EmailError {
    fn code(&self) -> ErrorCode {
        ErrorCode::EmailFormat
    }
}

/// The longest address accepted (the IMSS forms' field length).
const MAX_EMAIL: usize = 100;

impl Email {
    /// Parses `usuario@dominio.mx`: one `@`, no spaces, a dot in the domain, at most 100 characters.
    pub fn parse(texto: &str) -> Result<Self, EmailError> {
        let t = texto.trim();
        let error = |detalle| EmailError {
            valor: muestra(t),
            detalle,
        };
        if t.chars().count() > MAX_EMAIL {
            return Err(error("tiene más de 100 caracteres."));
        }
        if t.chars().any(char::is_whitespace) {
            return Err(error("no puede tener espacios."));
        }
        let Some((usuario, dominio)) = t.split_once('@') else {
            return Err(error("falta la arroba (@)."));
        };
        if usuario.is_empty() || dominio.contains('@') {
            return Err(error("debe tener la forma usuario@dominio.mx."));
        }
        let partes: Vec<&str> = dominio.split('.').collect();
        if partes.len() < 2 || partes.iter().any(|p| p.is_empty()) {
            return Err(error(
                "al dominio le falta la terminación (por ejemplo .mx o .com).",
            ));
        }
        Ok(Email(format!("{usuario}@{}", dominio.to_lowercase())))
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The messages for a missing e-mail and a missing mobile phone (they name whose they are).
pub struct Faltantes<'a> {
    /// When the e-mail is empty.
    pub correo: &'a str,
    /// When the mobile phone is empty.
    pub celular: &'a str,
}

/// The fields `correo` (required), `celular` (required) and `fijo` (optional) of a form,
/// checked and normalised; each error goes to `errores` under its field name.
pub fn campos_contacto(
    correo: &str,
    celular: &str,
    fijo: &str,
    faltan: &Faltantes<'_>,
    errores: &mut Vec<ErrorCampo>,
) -> (String, String, Option<String>) {
    let correo = if correo.trim().is_empty() {
        errores.push(ErrorCampo::nuevo(
            "correo",
            ErrorCode::FieldRequired,
            faltan.correo,
        ));
        String::new()
    } else {
        match Email::parse(correo) {
            Ok(c) => c.as_str().to_string(),
            Err(err) => {
                errores.push(ErrorCampo::de("correo", &err));
                String::new()
            }
        }
    };
    let celular = if celular.trim().is_empty() {
        errores.push(ErrorCampo::nuevo(
            "celular",
            ErrorCode::FieldRequired,
            faltan.celular,
        ));
        String::new()
    } else {
        match Telefono::parse(celular) {
            Ok(t) => t.as_str().to_string(),
            Err(err) => {
                errores.push(ErrorCampo::de("celular", &err));
                String::new()
            }
        }
    };
    let fijo = match fijo.trim() {
        "" => None,
        t => match Telefono::parse(t) {
            Ok(t) => Some(t.as_str().to_string()),
            Err(err) => {
                errores.push(ErrorCampo::de("fijo", &err));
                None
            }
        },
    };
    (correo, celular, fijo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_keep_ten_digits_whatever_the_punctuation() {
        for v in [
            "55 1234 5678",
            "(55) 1234-5678",
            "+52 55 1234 5678",
            "525512345678",
            "55.1234.5678",
        ] {
            assert_eq!(Telefono::parse(v).unwrap().as_str(), "5512345678", "{v}");
        }
    }

    #[test]
    fn old_prefixes_and_wrong_lengths_are_refused() {
        for v in [
            "044 55 1234 5678",
            "045 55 1234 5678",
            "01 55 1234 5678",
            "1234567",
            "55-1234-567X",
            "",
        ] {
            assert_eq!(
                Telefono::parse(v).unwrap_err().code(),
                ErrorCode::TelefonoFormat,
                "{v}"
            );
        }
        assert!(Telefono::parse("044 55 1234 5678")
            .unwrap_err()
            .to_string()
            .contains("044"));
    }

    #[test]
    fn emails_are_trimmed_and_their_domain_lower_cased() {
        assert_eq!(
            Email::parse(" Ana.Lopez@Despacho.MX ").unwrap().as_str(),
            "Ana.Lopez@despacho.mx"
        );
    }

    #[test]
    fn broken_emails_say_what_is_missing() {
        for (v, pista) in [
            ("ana.despacho.mx", "arroba"),
            ("ana@despacho", "terminación"),
            ("ana@@despacho.mx", "usuario@dominio"),
            ("ana lopez@despacho.mx", "espacios"),
            ("@despacho.mx", "usuario@dominio"),
            ("ana@despacho..mx", "terminación"),
        ] {
            let err = Email::parse(v).unwrap_err();
            assert_eq!(err.code(), ErrorCode::EmailFormat);
            assert!(err.to_string().contains(pista), "{v}: {err}");
        }
        assert!(Email::parse(&format!("{}@x.mx", "a".repeat(100))).is_err());
    }
}
