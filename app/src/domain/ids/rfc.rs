//! `Rfc`: the SAT's Registro Federal de Contribuyentes.
//!
//! Persona física: 4 letters + YYMMDD birth date + 3-character homoclave (13). Persona moral:
//! 3 characters + YYMMDD incorporation date + homoclave (12). Letters include `Ñ` and `&`. The last
//! character is a mod-11 check digit, but about 1.5 % of RFCs the SAT really issued fail it, so a
//! mismatch is a **warning** (`rfc_check_digit`), never a refusal. `XAXX010101000` (público en
//! general) and `XEXX010101000` (foreign) are the generic RFCs.

use super::identificar::Hallazgo;
use super::{muestra, normalizar, palabras};
use crate::domain::error::{DomainError, ErrorCode};
use chrono::NaiveDate;
use std::fmt;

/// What kind of taxpayer an RFC names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TipoRfc {
    /// A person (13 characters).
    Fisica,
    /// A company (12 characters).
    Moral,
    /// `XAXX010101000` or `XEXX010101000`.
    Generico,
}

/// A valid RFC (its check digit may still be off: see [`Rfc::avisos`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Rfc {
    valor: String,
    tipo: TipoRfc,
}

/// Why an RFC was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RfcError {
    /// Wrong length, characters or structure.
    #[error("El RFC «{valor}» no es válido: {detalle}")]
    Format {
        /// What was given.
        valor: String,
        /// What is wrong.
        detalle: String,
    },
    /// The six digits are not a real date.
    #[error("El RFC «{valor}» no es válido: la fecha (AAMMDD después de las letras) no existe.")]
    Date {
        /// What was given.
        valor: String,
    },
    /// Starts with a word the SAT never issues.
    #[error("El RFC «{valor}» no es válido: el SAT no emite RFC que empiecen con «{palabra}». Revisa las primeras cuatro letras.")]
    InconvenientWord {
        /// What was given.
        valor: String,
        /// The four letters.
        palabra: String,
    },
}

impl DomainError for RfcError {
    fn code(&self) -> ErrorCode {
        match self {
            RfcError::Format { .. } => ErrorCode::RfcFormat,
            RfcError::Date { .. } => ErrorCode::RfcDate,
            RfcError::InconvenientWord { .. } => ErrorCode::RfcInconvenientWord,
        }
    }
}

/// Values of the SAT's check-digit alphabet `0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ`.
fn valor(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        'A'..='N' => Some(c as u32 - 'A' as u32 + 10),
        '&' => Some(24),
        'O'..='Z' => Some(c as u32 - 'O' as u32 + 25),
        ' ' => Some(37),
        'Ñ' => Some(38),
        _ => None,
    }
}

/// The check digit of an RFC without its last character (11 or 12 characters; a moral's is
/// padded with a leading space).
pub(crate) fn digito_verificador(sin_ultimo: &[char]) -> Option<char> {
    let mut s: Vec<char> = Vec::with_capacity(12);
    if sin_ultimo.len() == 11 {
        s.push(' ');
    }
    s.extend_from_slice(sin_ultimo);
    let mut suma = 0u32;
    for (i, c) in s.iter().enumerate() {
        suma += valor(*c)? * (13 - i as u32);
    }
    Some(match suma % 11 {
        0 => '0',
        1 => 'A',
        r => char::from_digit(11 - r, 10)?,
    })
}

fn formato(valor: &str, detalle: impl Into<String>) -> RfcError {
    RfcError::Format {
        valor: muestra(valor),
        detalle: detalle.into(),
    }
}

impl Rfc {
    /// The generic RFC for the público en general (nationals without an RFC).
    pub const GENERICO_NACIONAL: &'static str = "XAXX010101000";
    /// The generic RFC for foreign residents.
    pub const GENERICO_EXTRANJERO: &'static str = "XEXX010101000";

    /// Parses an RFC (spaces around it, lower case and separating dashes are forgiven).
    pub fn parse(texto: &str) -> Result<Self, RfcError> {
        let v: String = normalizar(texto).chars().filter(|c| *c != '-').collect();
        if v == Self::GENERICO_NACIONAL || v == Self::GENERICO_EXTRANJERO {
            return Ok(Rfc {
                valor: v,
                tipo: TipoRfc::Generico,
            });
        }
        let c: Vec<char> = v.chars().collect();
        let (letras, tipo) = match c.len() {
            13 => (4, TipoRfc::Fisica),
            12 => (3, TipoRfc::Moral),
            n => {
                return Err(formato(
                    &v,
                    format!("debe tener 13 caracteres (persona física) o 12 (persona moral), con homoclave; tiene {n}."),
                ))
            }
        };
        let es_letra = |x: &char| x.is_ascii_uppercase() || matches!(x, 'Ñ' | '&');
        if !c.iter().take(letras).all(es_letra) {
            return Err(formato(
                &v,
                format!("los primeros {letras} caracteres deben ser letras."),
            ));
        }
        if !c.iter().skip(letras).take(6).all(char::is_ascii_digit) {
            return Err(formato(
                &v,
                "después de las letras van seis dígitos de fecha (AAMMDD).",
            ));
        }
        let homoclave_ok = c
            .iter()
            .skip(letras + 6)
            .take(2)
            .all(|x| x.is_ascii_uppercase() || x.is_ascii_digit())
            // The last character is the check digit (0–9 or A). Any other letter or digit is a
            // check-digit failure, reported as a warning like every other one (domain.md §7.2).
            && c.last().is_some_and(|x| x.is_ascii_uppercase() || x.is_ascii_digit());
        if !homoclave_ok {
            return Err(formato(
                &v,
                "la homoclave (últimos tres caracteres) debe ser de letras y dígitos.",
            ));
        }
        if tipo == TipoRfc::Fisica {
            let inicio: String = c.iter().take(4).collect();
            if palabras::RFC.contains(&inicio.as_str()) {
                return Err(RfcError::InconvenientWord {
                    valor: v,
                    palabra: inicio,
                });
            }
        }
        if !fecha_valida(c.get(letras..letras + 6).unwrap_or_default()) {
            return Err(RfcError::Date { valor: v });
        }
        Ok(Rfc { valor: v, tipo })
    }

    /// The RFC as the SAT writes it.
    pub fn as_str(&self) -> &str {
        &self.valor
    }

    /// Física, moral or generic.
    pub fn tipo(&self) -> TipoRfc {
        self.tipo
    }

    /// The check digit the rest of the RFC implies, if it differs from the one written.
    pub fn digito_esperado_si_difiere(&self) -> Option<char> {
        if self.tipo == TipoRfc::Generico {
            return None;
        }
        let c: Vec<char> = self.valor.chars().collect();
        let (ultimo, resto) = c.split_last()?;
        digito_verificador(resto).filter(|esperado| esperado != ultimo)
    }

    /// Warnings that do not make the RFC invalid: a check digit that does not match.
    pub fn avisos(&self) -> Vec<Hallazgo> {
        self.digito_esperado_si_difiere()
            .map(|esperado| Hallazgo {
                codigo: ErrorCode::RfcCheckDigit,
                mensaje: format!(
                    "El dígito verificador del RFC «{}» debería ser «{esperado}». Algunos RFC emitidos por el SAT no lo cumplen: confírmalo en la constancia de situación fiscal.",
                    self.valor
                ),
            })
            .into_iter()
            .collect()
    }
}

/// YYMMDD is a date in the 1900s or the 2000s (the RFC does not say which).
fn fecha_valida(seis: &[char]) -> bool {
    let n = |a: usize| -> Option<u32> {
        Some(seis.get(a)?.to_digit(10)? * 10 + seis.get(a + 1)?.to_digit(10)?)
    };
    match (n(0), n(2), n(4)) {
        (Some(aa), Some(mm), Some(dd)) => [1900, 2000]
            .iter()
            .any(|siglo| NaiveDate::from_ymd_opt(siglo + aa as i32, mm, dd).is_some()),
        _ => false,
    }
}

impl fmt::Display for Rfc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.valor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_check_character_other_than_a_digit_or_a_is_a_check_digit_warning() {
        let r = Rfc::parse("GODE561231GRB").unwrap();
        let avisos = r.avisos();
        assert_eq!(avisos.len(), 1);
        assert_eq!(avisos[0].codigo, ErrorCode::RfcCheckDigit);
        assert!(avisos[0].mensaje.contains("«8»"), "{}", avisos[0].mensaje);
    }

    #[test]
    fn valid_vectors_parse_without_warnings() {
        for (v, tipo) in [
            ("GODE561231GR8", TipoRfc::Fisica),
            ("MAB9307148T4", TipoRfc::Moral),
            ("CAMA911215CJ0", TipoRfc::Fisica),
            ("COSC8001137NA", TipoRfc::Fisica),
            ("SORC591116FJ6", TipoRfc::Fisica),
            ("DIM8701081LA", TipoRfc::Moral),
            ("A&A050908GT0", TipoRfc::Moral),
            ("SAT970701NN3", TipoRfc::Moral),
            ("AÑÑ801231JK0", TipoRfc::Moral),
            ("MHTR93041179A", TipoRfc::Fisica),
            ("RET130705MD5", TipoRfc::Moral),
            ("Ñ&T130705MD6", TipoRfc::Moral),
            ("EKU9003173C9", TipoRfc::Moral),
            ("CACX7605101P8", TipoRfc::Fisica),
            ("HEGT7610034S2", TipoRfc::Fisica),
            ("FUNK671228PH6", TipoRfc::Fisica),
            ("PELJ850101ABA", TipoRfc::Fisica),
            ("EMP010203T11", TipoRfc::Moral),
            ("ICS210901QW3", TipoRfc::Moral),
            ("XAXX010101000", TipoRfc::Generico),
            ("XEXX010101000", TipoRfc::Generico),
        ] {
            let rfc = Rfc::parse(v).unwrap_or_else(|e| panic!("{v}: {e}"));
            assert_eq!((rfc.as_str(), rfc.tipo()), (v, tipo));
            assert!(rfc.avisos().is_empty(), "{v}: {:?}", rfc.avisos());
        }
        assert_eq!(
            Rfc::parse(" gode-561231-gr8 ").unwrap().as_str(),
            "GODE561231GR8"
        );
    }

    #[test]
    fn real_rfcs_with_a_bad_check_digit_pass_with_a_warning() {
        for v in [
            "VACE460910SX6",
            "SIN9311169P8",
            "LME060822IH5",
            "AAA010101AAA",
            "MHTR810511A79",
        ] {
            let rfc = Rfc::parse(v).unwrap_or_else(|e| panic!("{v}: {e}"));
            let avisos = rfc.avisos();
            assert_eq!(avisos.len(), 1, "{v}");
            assert_eq!(avisos[0].codigo, ErrorCode::RfcCheckDigit);
        }
    }

    #[test]
    fn invalid_vectors_get_their_code() {
        let codigo = |v: &str| Rfc::parse(v).unwrap_err().code();
        assert_eq!(codigo("MHTR815511A70"), ErrorCode::RfcDate);
        assert_eq!(codigo("CACA580710NF7"), ErrorCode::RfcInconvenientWord);
        assert_eq!(codigo("FETO930411792"), ErrorCode::RfcInconvenientWord);
        assert_eq!(codigo("AKJ970902"), ErrorCode::RfcFormat);
        assert_eq!(codigo("ABCD123456"), ErrorCode::RfcFormat);
        assert_eq!(codigo("ABCD993456XY1"), ErrorCode::RfcDate);
        assert_eq!(codigo("GODE561231GR-"), ErrorCode::RfcFormat);
    }

    #[test]
    fn the_worked_examples_compute_their_check_digit() {
        let check = |s: &str| digito_verificador(&s.chars().collect::<Vec<_>>());
        assert_eq!(check("GODE561231GR"), Some('8'));
        assert_eq!(check("SAT970701NN"), Some('3'));
        assert_eq!(check("COSC8001137N"), Some('A'));
        assert_eq!(check("CAMA911215CJ"), Some('0'));
    }

    fn rfc_valido() -> impl Strategy<Value = String> {
        let letra =
            proptest::sample::select("ABCDEFGHIJKLMNOPQRSTUVWXYZÑ&".chars().collect::<Vec<_>>());
        let alnum = proptest::sample::select(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                .chars()
                .collect::<Vec<_>>(),
        );
        (
            proptest::collection::vec(letra, 3..=4),
            0u32..100,
            1u32..13,
            1u32..29,
            alnum.clone(),
            alnum,
        )
            .prop_map(|(letras, aa, mm, dd, h1, h2)| {
                let mut s: Vec<char> = letras;
                s.extend(format!("{aa:02}{mm:02}{dd:02}").chars());
                s.extend([h1, h2]);
                let check = digito_verificador(&s).unwrap_or('0');
                s.push(check);
                s.into_iter().collect::<String>()
            })
            .prop_filter("sin palabra inconveniente ni genérico", |s| {
                !palabras::RFC.iter().any(|p| s.starts_with(p))
                    && !s.starts_with("XAXX")
                    && !s.starts_with("XEXX")
            })
    }

    proptest! {
        #[test]
        fn generated_rfcs_round_trip_without_warnings(v in rfc_valido()) {
            let rfc = Rfc::parse(&v).unwrap();
            prop_assert_eq!(rfc.as_str(), v.as_str());
            prop_assert!(rfc.avisos().is_empty());
        }

        /// A changed homoclave character raises the warning unless its change in value is a
        /// multiple of 11 (weights 3 and 2 are coprime with 11, so nothing else slips through).
        #[test]
        fn a_changed_homoclave_character_raises_the_warning(v in rfc_valido(), cual in 0usize..2, nuevo in proptest::sample::select("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".chars().collect::<Vec<_>>())) {
            let mut c: Vec<char> = v.chars().collect();
            let pos = c.len() - 3 + cual;
            prop_assume!(c[pos] != nuevo);
            let delta = (valor(nuevo).unwrap() + 44 - valor(c[pos]).unwrap()) % 11;
            c[pos] = nuevo;
            let cambiado: String = c.iter().collect();
            if delta != 0 {
                prop_assert_eq!(Rfc::parse(&cambiado).unwrap().avisos().len(), 1, "{} → {}", v, cambiado);
            }
        }
    }
}
