//! `Curp`: the Clave Única de Registro de Población (RENAPO), 18 characters.
//!
//! 1–4 letters of the name (2nd a vowel or X) · 5–10 birth date YYMMDD · 11 sex (H, M; X since
//! 2023) · 12–13 state of birth (`NE` abroad) · 14–16 inner consonants · 17 homonymy digit
//! (0–9 if born before 2000, A–Z from 2000, which gives the century) · 18 check digit.

use super::{muestra, normalizar, palabras};
use crate::domain::error::{DomainError, ErrorCode};
use chrono::NaiveDate;
use std::fmt;

/// The state codes of positions 12–13, RENAPO's table.
const ESTADOS: &[&str] = &[
    "AS", "BC", "BS", "CC", "CL", "CM", "CS", "CH", "DF", "DG", "GT", "GR", "HG", "JC", "MC", "MN",
    "MS", "NT", "NL", "OC", "PL", "QT", "QR", "SP", "SL", "SR", "TC", "TS", "TL", "VZ", "YN", "ZS",
    "NE",
];

/// Values of the check-digit alphabet: `0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ` (Ñ counts as `&`).
fn valor(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        'A'..='N' => Some(c as u32 - 'A' as u32 + 10),
        '&' | 'Ñ' => Some(24),
        'O'..='Z' => Some(c as u32 - 'O' as u32 + 25),
        _ => None,
    }
}

/// The check digit of the first 17 characters: Σ value × (18 − i), then (10 − sum mod 10) mod 10.
pub(crate) fn digito_verificador(diecisiete: &[u8]) -> Option<u32> {
    let mut suma = 0u32;
    for (i, c) in diecisiete.iter().enumerate().take(17) {
        suma += valor(char::from(*c))? * (18 - i as u32);
    }
    Some((10 - suma % 10) % 10)
}

/// A valid CURP.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Curp(String);

/// Why a CURP was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CurpError {
    /// Wrong length, characters or structure.
    #[error("La CURP «{valor}» no es válida: {detalle}")]
    Format {
        /// What was given.
        valor: String,
        /// What is wrong.
        detalle: String,
    },
    /// Positions 5–10 are not a real date.
    #[error("La CURP «{valor}» no es válida: la fecha de nacimiento (posiciones 5 a 10, AAMMDD) no existe.")]
    Date {
        /// What was given.
        valor: String,
    },
    /// Positions 12–13 are not a state code.
    #[error("La CURP «{valor}» no es válida: «{estado}» (posiciones 12 y 13) no es una entidad de nacimiento; usa la clave de dos letras, o NE si nació en el extranjero.")]
    State {
        /// What was given.
        valor: String,
        /// The two letters found.
        estado: String,
    },
    /// The last digit does not match the other 17 characters.
    #[error("La CURP «{valor}» no es válida: el dígito verificador debería ser {esperado}. Revisa que no haya un carácter cambiado; cópiala de la constancia de CURP.")]
    CheckDigit {
        /// What was given.
        valor: String,
        /// The digit the first 17 characters imply.
        esperado: u32,
    },
    /// Starts with a word RENAPO never issues.
    #[error("La CURP «{valor}» no es válida: RENAPO no emite CURP que empiecen con «{palabra}». Revisa las primeras cuatro letras.")]
    InconvenientWord {
        /// What was given.
        valor: String,
        /// The four letters.
        palabra: String,
    },
}

impl DomainError for CurpError {
    fn code(&self) -> ErrorCode {
        match self {
            CurpError::Format { .. } => ErrorCode::CurpFormat,
            CurpError::Date { .. } => ErrorCode::CurpDate,
            CurpError::State { .. } => ErrorCode::CurpState,
            CurpError::CheckDigit { .. } => ErrorCode::CurpCheckDigit,
            CurpError::InconvenientWord { .. } => ErrorCode::CurpInconvenientWord,
        }
    }
}

fn formato(valor: &str, detalle: impl Into<String>) -> CurpError {
    CurpError::Format {
        valor: muestra(valor),
        detalle: detalle.into(),
    }
}

impl Curp {
    /// Parses a CURP (spaces around it and lower case are forgiven).
    pub fn parse(texto: &str) -> Result<Self, CurpError> {
        let v = normalizar(texto);
        // A valid CURP is 18 ASCII bytes; anything else is reported by the slow path below.
        let b = v.as_bytes();
        let n = v.chars().count();
        if n != 18 {
            return Err(formato(
                &v,
                format!("debe tener 18 caracteres y tiene {n}."),
            ));
        }
        if v.contains('Ñ') {
            return Err(formato(&v, "la CURP no lleva Ñ; RENAPO la escribe como X."));
        }
        let letra = |i: usize| b.get(i).is_some_and(u8::is_ascii_uppercase);
        let digito = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
        if b.len() != 18 || !(0..4).all(letra) {
            return Err(formato(&v, "las posiciones 1 a 4 deben ser letras."));
        }
        if !(4..10).all(digito) {
            return Err(formato(
                &v,
                "las posiciones 5 a 10 deben ser la fecha de nacimiento en dígitos (AAMMDD).",
            ));
        }
        if !matches!(b.get(10), Some(b'H' | b'M' | b'X')) {
            return Err(formato(&v, "la posición 11 indica el sexo: H, M o X."));
        }
        if !(11..16).all(letra) {
            return Err(formato(&v, "las posiciones 12 a 16 deben ser letras."));
        }
        // RENAPO's structure (domain.md §7.1): position 2 is the first inner vowel of the first
        // surname (X when it has none); positions 14–16 are the first inner consonants of both
        // surnames and the name (X when there is none; Ñ is written X).
        if !matches!(b.get(1), Some(b'A' | b'E' | b'I' | b'O' | b'U' | b'X')) {
            return Err(formato(
                &v,
                "la posición 2 debe ser una vocal (A, E, I, O, U) o X: la primera vocal interna del primer apellido.",
            ));
        }
        let consonante = |i: usize| {
            b.get(i).is_some_and(|c| {
                c.is_ascii_uppercase() && !matches!(c, b'A' | b'E' | b'I' | b'O' | b'U')
            })
        };
        if !(13..16).all(consonante) {
            return Err(formato(
                &v,
                "las posiciones 14 a 16 deben ser consonantes (o X): las primeras consonantes internas de los apellidos y del nombre.",
            ));
        }
        if !(letra(16) || digito(16)) || !digito(17) {
            return Err(formato(
                &v,
                "la posición 17 debe ser letra o dígito y la 18 un dígito.",
            ));
        }
        let inicio = v.get(..4).unwrap_or_default();
        if palabras::CURP.binary_search(&inicio).is_ok() {
            let palabra = inicio.to_string();
            return Err(CurpError::InconvenientWord { valor: v, palabra });
        }
        if Self::fecha_bytes(b).is_none() {
            return Err(CurpError::Date { valor: v });
        }
        let estado = v.get(11..13).unwrap_or_default();
        if !ESTADOS.contains(&estado) {
            let estado = estado.to_string();
            return Err(CurpError::State { valor: v, estado });
        }
        let esperado = digito_verificador(b.get(..17).unwrap_or_default()).unwrap_or(10);
        if b.get(17).map(|d| u32::from(d - b'0')) != Some(esperado) {
            return Err(CurpError::CheckDigit { valor: v, esperado });
        }
        Ok(Curp(v))
    }

    /// Birth date; the century comes from position 17 (digit: 1900s, letter: 2000s).
    fn fecha_bytes(b: &[u8]) -> Option<NaiveDate> {
        let n = |i: usize| -> Option<u32> {
            let d = |j: usize| {
                b.get(j)
                    .filter(|c| c.is_ascii_digit())
                    .map(|c| u32::from(c - b'0'))
            };
            Some(d(i)? * 10 + d(i + 1)?)
        };
        let siglo = if b.get(16)?.is_ascii_digit() {
            1900
        } else {
            2000
        };
        NaiveDate::from_ymd_opt(siglo + n(4)? as i32, n(6)?, n(8)?)
    }

    /// The 18 characters.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A number that identifies this CURP among all valid ones (distinct CURPs, distinct keys):
    /// the first 17 characters in mixed radix, the birth date folded into 372 days a year. The
    /// 18th needs no room, it follows from the others. Lets a 1,000,000-row file be checked for
    /// duplicates in 8 bytes per CURP.
    pub fn clave(&self) -> u64 {
        let b = self.0.as_bytes();
        let letra = |i: usize| u64::from(b.get(i).map_or(0, |c| c.saturating_sub(b'A')));
        let digito = |i: usize| u64::from(b.get(i).map_or(0, |c| c.saturating_sub(b'0')));
        let alnum = |i: usize| match b.get(i) {
            Some(c) if c.is_ascii_digit() => u64::from(c - b'0'),
            Some(c) => u64::from(c.saturating_sub(b'A')) + 10,
            None => 0,
        };
        let mut k = 0u64;
        for i in 0..4 {
            k = k * 26 + letra(i);
        }
        let (aa, mm, dd) = (
            digito(4) * 10 + digito(5),
            digito(6) * 10 + digito(7),
            digito(8) * 10 + digito(9),
        );
        k = k * 37_200 + aa * 372 + mm.saturating_sub(1) * 31 + dd.saturating_sub(1);
        k = k * 3
            + match b.get(10) {
                Some(b'H') => 0,
                Some(b'M') => 1,
                _ => 2,
            };
        let estado = b.get(11..13).unwrap_or_default();
        let indice = ESTADOS
            .iter()
            .position(|e| e.as_bytes() == estado)
            .unwrap_or(0);
        k = k * ESTADOS.len() as u64 + indice as u64;
        for i in 13..16 {
            k = k * 26 + letra(i);
        }
        k * 36 + alnum(16)
    }

    /// Date of birth.
    pub fn fecha_nacimiento(&self) -> Option<NaiveDate> {
        Self::fecha_bytes(self.0.as_bytes())
    }
}

impl fmt::Display for Curp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn position_2_must_be_an_inner_vowel_or_x() {
        // HEGG560427MVZRRL04 with a consonant in position 2 (check digit recomputed).
        let mut base: Vec<u8> = b"HBGG560427MVZRRL0".to_vec();
        let d = digito_verificador(&base).unwrap();
        base.push(b'0' + u8::try_from(d).unwrap());
        let err = Curp::parse(std::str::from_utf8(&base).unwrap()).unwrap_err();
        assert_eq!(err.code(), ErrorCode::CurpFormat);
        assert!(err.to_string().contains("posición 2"), "{err}");
    }

    #[test]
    fn positions_14_to_16_must_be_consonants_or_x() {
        let mut base: Vec<u8> = b"HEGG560427MVZRAL0".to_vec();
        let d = digito_verificador(&base).unwrap();
        base.push(b'0' + u8::try_from(d).unwrap());
        let err = Curp::parse(std::str::from_utf8(&base).unwrap()).unwrap_err();
        assert_eq!(err.code(), ErrorCode::CurpFormat);
        assert!(err.to_string().contains("14 a 16"), "{err}");
        assert!(Curp::parse("BOXW310820HNERXN09").is_ok());
    }

    #[test]
    fn distinct_curps_have_distinct_keys_and_the_largest_fits() {
        let a = Curp::parse("PELJ850101HDFRPN06").unwrap();
        let b = Curp::parse("GAMA900215MJCRRN05").unwrap();
        assert_ne!(a.clave(), b.clave());
        assert_eq!(
            a.clave(),
            Curp::parse("pelj850101hdfrpn06").unwrap().clave()
        );
        // 26^4 · 37,200 · 3 · 33 · 26^3 · 36 < 2^64: no overflow, so the mixed radix is injective.
        let maximo: u128 = 26u128.pow(4) * 37_200 * 3 * 33 * 26u128.pow(3) * 36;
        assert!(maximo < u128::from(u64::MAX));
    }

    #[test]
    fn the_inconvenient_words_are_sorted_for_binary_search() {
        assert!(palabras::CURP.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn valid_vectors_parse() {
        for v in [
            "HEGG560427MVZRRL04",
            "BEML920313HMCLNS09",
            "PEGL890909MJCRMS08",
            "BOXW310820HNERXN09",
            "TOMA880125HMNRRNO2",
            "MOTR930411HJCRMN03",
            "MOTR930411HNERMN03",
            "CACX760510MGTSHC04",
            "PELJ850101HDFRPN06",
            "GAMA900215MJCRRN05",
            "LOHM010203HNLPRRA4",
            "ROSE750630MVZDNL02",
        ] {
            assert_eq!(
                Curp::parse(v).map(|c| c.as_str().to_string()),
                Ok(v.to_string())
            );
        }
        assert_eq!(
            Curp::parse(" hegg560427mvzrrl04 ").unwrap().as_str(),
            "HEGG560427MVZRRL04"
        );
    }

    #[test]
    fn the_worked_example_has_check_digit_4() {
        assert_eq!(digito_verificador(b"HEGG560427MVZRRL0"), Some(4));
        assert_eq!(
            Curp::parse("BEML920313HMCLNS09")
                .unwrap()
                .fecha_nacimiento()
                .unwrap()
                .to_string(),
            "1992-03-13"
        );
        assert_eq!(
            Curp::parse("LOHM010203HNLPRRA4")
                .unwrap()
                .fecha_nacimiento()
                .unwrap()
                .to_string(),
            "2001-02-03"
        );
    }

    fn codigo(v: &str) -> ErrorCode {
        Curp::parse(v).unwrap_err().code()
    }

    #[test]
    fn invalid_vectors_get_their_code() {
        assert_eq!(codigo("BOXW310820HNERXN08"), ErrorCode::CurpCheckDigit);
        assert_eq!(codigo("MOTR930411HJCRMN06"), ErrorCode::CurpCheckDigit);
        assert_eq!(codigo("HEGT761003MDFRNN09"), ErrorCode::CurpCheckDigit);
        assert_eq!(codigo("PEGL891313MJCRMS06"), ErrorCode::CurpDate);
        assert_eq!(codigo("MOTR931311HJCRMN02"), ErrorCode::CurpDate);
        assert_eq!(codigo("PEGL890909QJCRMS08"), ErrorCode::CurpFormat);
        assert_eq!(codigo("PEGL890909MQQRMS02"), ErrorCode::CurpState);
        assert_eq!(codigo("MOTR930411HXXRMN06"), ErrorCode::CurpState);
        assert_eq!(
            codigo("BACA890909MJCRMS05"),
            ErrorCode::CurpInconvenientWord
        );
        assert_eq!(
            codigo("FETO930411HJCRMN01"),
            ErrorCode::CurpInconvenientWord
        );
        assert_eq!(codigo("MOTR930411HJCRMÑ03"), ErrorCode::CurpFormat);
        assert_eq!(codigo("MOTR930411HJCRMN0"), ErrorCode::CurpFormat);
        assert_eq!(codigo(""), ErrorCode::CurpFormat);
    }

    #[test]
    fn messages_say_what_to_fix() {
        let err = Curp::parse("BOXW310820HNERXN08").unwrap_err();
        assert!(err.to_string().contains("debería ser 9"), "{err}");
        let err = Curp::parse("MOTR930411HJCRMÑ03").unwrap_err();
        assert!(err.to_string().contains("como X"), "{err}");
    }

    const LETRAS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const CONSONANTES: &str = "BCDFGHJKLMNPQRSTVWXYZ";

    fn curp_valida() -> impl Strategy<Value = String> {
        let pick = |s: &'static str| proptest::sample::select(s.chars().collect::<Vec<_>>());
        (
            (pick(LETRAS), pick("AEIOUX"), pick(LETRAS), pick(LETRAS)),
            (1930i32..2025, 1u32..13, 1u32..29),
            (pick("HMX"), proptest::sample::select(ESTADOS.to_vec())),
            (
                pick(CONSONANTES),
                pick(CONSONANTES),
                pick(CONSONANTES),
                0u32..10,
                pick(LETRAS),
            ),
        )
            .prop_map(
                |((a, b, c, d), (anio, mes, dia), (sexo, estado), (e, f, g, dig, letra))| {
                    let homonimia = if anio < 2000 {
                        char::from_digit(dig, 10).unwrap_or('0')
                    } else {
                        letra
                    };
                    let mut s: Vec<char> = vec![a, b, c, d];
                    s.extend(format!("{:02}{mes:02}{dia:02}", anio % 100).chars());
                    s.push(sexo);
                    s.extend(estado.chars());
                    s.extend([e, f, g, homonimia]);
                    let bytes: Vec<u8> = s.iter().map(|c| *c as u8).collect();
                    let check = digito_verificador(&bytes).unwrap_or(0);
                    s.push(char::from_digit(check, 10).unwrap_or('0'));
                    s.into_iter().collect::<String>()
                },
            )
            .prop_filter("sin palabra inconveniente", |s| {
                !palabras::CURP.contains(&&s[..4])
            })
    }

    proptest! {
        #[test]
        fn generated_curps_round_trip(v in curp_valida()) {
            let curp = Curp::parse(&v).unwrap();
            prop_assert_eq!(curp.as_str(), v.as_str());
        }

        /// The check digit catches every substitution whose weighted change is not a multiple
        /// of 10 (RENAPO's weights 18…2 mod 10 cannot catch the rest; those are reported only if
        /// they break the structure, the date or the state).
        #[test]
        fn changed_characters_break_the_check_digit(v in curp_valida(), pos in 0usize..18, nuevo in proptest::sample::select("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".chars().collect::<Vec<_>>())) {
            let mut c: Vec<char> = v.chars().collect();
            prop_assume!(c[pos] != nuevo);
            let antes = valor(c[pos]).unwrap();
            c[pos] = nuevo;
            let cambiado: String = c.iter().collect();
            let peso = if pos == 17 { 1 } else { 18 - pos as u32 };
            let delta = (valor(nuevo).unwrap() + 40 - antes) % 40;
            if pos == 17 || !(delta * peso).is_multiple_of(10) {
                prop_assert!(Curp::parse(&cambiado).is_err(), "{} → {}", v, cambiado);
            }
        }
    }
}
