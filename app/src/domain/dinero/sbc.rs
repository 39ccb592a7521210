//! `Sbc`: the Salario Base de Cotización, the daily salary IMSS contributions are computed on,
//! as the worker CSV and the capture forms carry it: pesos with up to two decimals.

use super::{pesos, LimitesSbc};
use crate::domain::error::{DomainError, ErrorCode};
use crate::domain::ids::muestra;
use std::fmt;

/// A daily salary greater than zero, in centavos. Whether it is inside the legal bounds of a
/// period is a separate question ([`Sbc::revisar`]), because the bounds change every year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Sbc(u64);

/// Why a salary was refused, or the warning it deserves.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SbcError {
    /// Not a plain number with at most two decimals.
    #[error("El SBC «{valor}» no es válido: {detalle} Escríbelo como número con punto decimal y máximo 2 decimales, sin signo de pesos ni comas (por ejemplo 315.04).")]
    Format {
        /// What was given.
        valor: String,
        /// What is wrong.
        detalle: &'static str,
    },
    /// Zero or negative.
    #[error("El SBC «{valor}» no es válido: debe ser mayor a cero.")]
    NotPositive {
        /// What was given.
        valor: String,
    },
    /// Above 25 UMA of the period.
    #[error("El SBC {sbc} excede el tope de 25 UMA ({tope}, UMA {anio_uma} de {uma} diarios; LSS art. 28). Revisa el salario o si está capturado mensual en lugar de diario.")]
    OverCap {
        /// The salary.
        sbc: String,
        /// 25 UMA.
        tope: String,
        /// The UMA's year.
        anio_uma: i32,
        /// The daily UMA.
        uma: String,
    },
    /// Below the general minimum wage (a warning: the row is accepted).
    #[error("El SBC {sbc} es menor al salario mínimo general vigente ({minimo}). Verifica que sea el salario diario correcto.")]
    BelowMinimum {
        /// The salary.
        sbc: String,
        /// The minimum wage.
        minimo: String,
    },
}

impl DomainError for SbcError {
    fn code(&self) -> ErrorCode {
        match self {
            SbcError::Format { .. } => ErrorCode::SbcFormat,
            SbcError::NotPositive { .. } => ErrorCode::SbcNotPositive,
            SbcError::OverCap { .. } => ErrorCode::SbcOverCap,
            SbcError::BelowMinimum { .. } => ErrorCode::SbcBelowMinimum,
        }
    }
}

/// No real daily salary has more digits than this (25 UMA is four); more is a pasted total.
const MAX_DIGITOS_ENTEROS: usize = 9;

impl Sbc {
    /// Parses `315.04`, `315.4`, `315` (surrounding spaces are forgiven).
    pub fn parse(texto: &str) -> Result<Self, SbcError> {
        let t = texto.trim();
        let error = |detalle| SbcError::Format {
            valor: muestra(t),
            detalle,
        };
        if t.is_empty() {
            return Err(error("está vacío."));
        }
        if t.starts_with('-') {
            return Err(SbcError::NotPositive { valor: muestra(t) });
        }
        if t.contains('$') {
            return Err(error("lleva signo de pesos."));
        }
        let (enteros, decimales) = match t.split_once('.') {
            Some((e, d)) => (e, Some(d)),
            None => (t, None),
        };
        if t.contains(',') {
            return Err(error(
                if decimales.is_none() && t.matches(',').count() == 1 {
                    "usa coma decimal."
                } else {
                    "lleva comas de miles."
                },
            ));
        }
        let digitos = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digitos(enteros) || decimales.is_some_and(|d| !digitos(d)) {
            return Err(error("no es un número."));
        }
        if enteros.len() > MAX_DIGITOS_ENTEROS {
            return Err(error("es demasiado grande para un salario diario."));
        }
        let centavos_texto = decimales.unwrap_or("");
        if centavos_texto.len() > 2 {
            return Err(error("tiene más de 2 decimales."));
        }
        let mut centavos = 0u64;
        for b in enteros.bytes() {
            centavos = centavos * 10 + u64::from(b - b'0');
        }
        let mut fraccion = 0u64;
        for b in centavos_texto.bytes() {
            fraccion = fraccion * 10 + u64::from(b - b'0');
        }
        if centavos_texto.len() == 1 {
            fraccion *= 10;
        }
        let total = centavos * 100 + fraccion;
        if total == 0 {
            return Err(SbcError::NotPositive { valor: muestra(t) });
        }
        Ok(Sbc(total))
    }

    /// Checks the salary against a period's bounds: `Err` above 25 UMA, `Ok(Some(warning))` below
    /// the minimum wage, `Ok(None)` inside.
    pub fn revisar(self, limites: &LimitesSbc) -> Result<Option<SbcError>, SbcError> {
        if self.0 > limites.tope {
            return Err(SbcError::OverCap {
                sbc: pesos(self.0),
                tope: pesos(limites.tope),
                anio_uma: limites.uma.anio,
                uma: pesos(limites.uma.diaria),
            });
        }
        if self.0 < limites.minimo.diaria {
            return Ok(Some(SbcError::BelowMinimum {
                sbc: pesos(self.0),
                minimo: pesos(limites.minimo.diaria),
            }));
        }
        Ok(None)
    }

    /// Centavos.
    pub fn centavos(self) -> u64 {
        self.0
    }
}

impl fmt::Display for Sbc {
    /// `315.04`: the form the CSV and IMSS use (no sign, no separators).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    fn limites_2026() -> LimitesSbc {
        super::super::tabla_publicada()
            .limites_en(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap())
            .unwrap()
    }

    #[test]
    fn plain_amounts_parse_to_centavos() {
        assert_eq!(Sbc::parse("315.04").unwrap().centavos(), 31_504);
        assert_eq!(Sbc::parse(" 315.4 ").unwrap().centavos(), 31_540);
        assert_eq!(Sbc::parse("315").unwrap().centavos(), 31_500);
        assert_eq!(Sbc::parse("0.01").unwrap().centavos(), 1);
        assert_eq!(Sbc::parse("2932.75").unwrap().to_string(), "2932.75");
    }

    #[test]
    fn excel_money_formats_are_format_errors_with_the_reason() {
        for (v, pista) in [
            ("$315.04", "signo de pesos"),
            ("1,250.50", "comas de miles"),
            ("315,04", "coma decimal"),
            ("315.045", "más de 2 decimales"),
            ("abc", "no es un número"),
            ("", "vacío"),
            ("1e3", "no es un número"),
            ("315.", "no es un número"),
            ("1234567890", "demasiado grande"),
        ] {
            let err = Sbc::parse(v).unwrap_err();
            assert_eq!(err.code(), ErrorCode::SbcFormat, "{v}");
            assert!(err.to_string().contains(pista), "{v}: {err}");
        }
    }

    #[test]
    fn zero_and_negative_are_not_positive() {
        for v in ["0", "0.00", "-315.04"] {
            assert_eq!(
                Sbc::parse(v).unwrap_err().code(),
                ErrorCode::SbcNotPositive,
                "{v}"
            );
        }
    }

    #[test]
    fn exactly_25_uma_is_accepted_and_one_centavo_more_is_over_the_cap() {
        let l = limites_2026();
        assert_eq!(Sbc::parse("2932.75").unwrap().revisar(&l), Ok(None));
        let err = Sbc::parse("2932.76").unwrap().revisar(&l).unwrap_err();
        assert_eq!(err.code(), ErrorCode::SbcOverCap);
        assert!(err.to_string().contains("$2,932.75"), "{err}");
    }

    #[test]
    fn below_the_minimum_wage_is_a_warning_and_the_minimum_itself_is_fine() {
        let l = limites_2026();
        assert_eq!(Sbc::parse("315.04").unwrap().revisar(&l), Ok(None));
        let aviso = Sbc::parse("315.03").unwrap().revisar(&l).unwrap().unwrap();
        assert_eq!(aviso.code(), ErrorCode::SbcBelowMinimum);
        assert!(aviso.to_string().contains("$315.04"), "{aviso}");
    }

    proptest! {
        #[test]
        fn any_amount_round_trips_through_its_display(centavos in 1u64..10_000_000_000) {
            let sbc = Sbc::parse(&format!("{}.{:02}", centavos / 100, centavos % 100)).unwrap();
            prop_assert_eq!(sbc.centavos(), centavos);
            prop_assert_eq!(Sbc::parse(&sbc.to_string()).unwrap(), sbc);
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,20}") {
            let _ = Sbc::parse(&s);
        }
    }
}
