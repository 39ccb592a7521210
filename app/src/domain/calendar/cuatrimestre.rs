//! `Cuatrimestre` and `Periodo`: the four-month reporting periods of LSS art. 15-A.

use super::anio::Anio;
use crate::domain::error::{DomainError, ErrorCode};
use chrono::{Datelike, NaiveDate};
use std::fmt;

/// One of the three four-month periods of a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cuatrimestre {
    /// January–April, due by 17 May.
    Primero,
    /// May–August, due by 17 September.
    Segundo,
    /// September–December, due by 17 January of the next year.
    Tercero,
}

/// Why a period number was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("«{0}» no es un periodo. El periodo es 1 (enero–abril), 2 (mayo–agosto) o 3 (septiembre–diciembre).")]
pub struct PeriodoError(pub String);

impl DomainError for PeriodoError {
    fn code(&self) -> ErrorCode {
        ErrorCode::PeriodoFormat
    }
}

impl Cuatrimestre {
    /// The three periods in calendar order.
    pub const TODOS: [Cuatrimestre; 3] = [
        Cuatrimestre::Primero,
        Cuatrimestre::Segundo,
        Cuatrimestre::Tercero,
    ];

    /// The period number as IMSS writes it: 1, 2 or 3.
    pub fn numero(self) -> u8 {
        match self {
            Cuatrimestre::Primero => 1,
            Cuatrimestre::Segundo => 2,
            Cuatrimestre::Tercero => 3,
        }
    }

    /// The period with number `n`.
    pub fn from_numero(n: u8) -> Result<Self, PeriodoError> {
        match n {
            1 => Ok(Cuatrimestre::Primero),
            2 => Ok(Cuatrimestre::Segundo),
            3 => Ok(Cuatrimestre::Tercero),
            _ => Err(PeriodoError(n.to_string())),
        }
    }

    /// Parses `"1"`, `"2"` or `"3"`.
    pub fn parse(texto: &str) -> Result<Self, PeriodoError> {
        let t = texto.trim();
        t.parse::<u8>()
            .ok()
            .and_then(|n| Self::from_numero(n).ok())
            .ok_or_else(|| PeriodoError(t.chars().take(20).collect()))
    }

    /// The period that contains month `mes` (1–12).
    pub fn del_mes(mes: u32) -> Self {
        match mes {
            1..=4 => Cuatrimestre::Primero,
            5..=8 => Cuatrimestre::Segundo,
            _ => Cuatrimestre::Tercero,
        }
    }

    /// Its months as the API writes them: `"enero-abril"`.
    pub fn meses(self) -> &'static str {
        match self {
            Cuatrimestre::Primero => "enero-abril",
            Cuatrimestre::Segundo => "mayo-agosto",
            Cuatrimestre::Tercero => "septiembre-diciembre",
        }
    }

    /// Its name in a sentence: `"primer cuatrimestre"`.
    pub fn nombre(self) -> &'static str {
        match self {
            Cuatrimestre::Primero => "primer cuatrimestre",
            Cuatrimestre::Segundo => "segundo cuatrimestre",
            Cuatrimestre::Tercero => "tercer cuatrimestre",
        }
    }

    /// First month (1, 5 or 9).
    pub fn mes_inicial(self) -> u32 {
        match self {
            Cuatrimestre::Primero => 1,
            Cuatrimestre::Segundo => 5,
            Cuatrimestre::Tercero => 9,
        }
    }
}

impl fmt::Display for Cuatrimestre {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.numero())
    }
}

/// A year and a cuatrimestre: the unit an informativa reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Periodo {
    /// The year the period belongs to.
    pub anio: Anio,
    /// Which four months of it.
    pub cuatrimestre: Cuatrimestre,
}

impl Periodo {
    /// The period `cuatrimestre` of `anio`.
    pub fn new(anio: Anio, cuatrimestre: Cuatrimestre) -> Self {
        Periodo { anio, cuatrimestre }
    }

    /// The period a civil date falls in, or `None` for a year the calendar does not cover.
    pub fn que_contiene(fecha: NaiveDate) -> Option<Self> {
        let anio = Anio::new(i64::from(fecha.year())).ok()?;
        Some(Periodo::new(anio, Cuatrimestre::del_mes(fecha.month())))
    }

    /// The period before this one, or `None` before the first covered year.
    pub fn anterior(self) -> Option<Self> {
        match self.cuatrimestre {
            Cuatrimestre::Primero => {
                let anio = Anio::new(i64::from(self.anio.get()) - 1).ok()?;
                Some(Periodo::new(anio, Cuatrimestre::Tercero))
            }
            Cuatrimestre::Segundo => Some(Periodo::new(self.anio, Cuatrimestre::Primero)),
            Cuatrimestre::Tercero => Some(Periodo::new(self.anio, Cuatrimestre::Segundo)),
        }
    }

    /// The first day of the period.
    pub fn inicio(self) -> NaiveDate {
        ymd(self.anio.get(), self.cuatrimestre.mes_inicial(), 1)
    }

    /// The last day of the period (30 April, 31 August or 31 December).
    pub fn fin(self) -> NaiveDate {
        match self.cuatrimestre {
            Cuatrimestre::Primero => ymd(self.anio.get(), 4, 30),
            Cuatrimestre::Segundo => ymd(self.anio.get(), 8, 31),
            Cuatrimestre::Tercero => ymd(self.anio.get(), 12, 31),
        }
    }

    /// The day the law names as the deadline, before any business-day shift: the 17th of May,
    /// September or January of the next year (LSS art. 15-A, 3rd paragraph).
    pub fn limite_legal(self) -> NaiveDate {
        match self.cuatrimestre {
            Cuatrimestre::Primero => ymd(self.anio.get(), 5, 17),
            Cuatrimestre::Segundo => ymd(self.anio.get(), 9, 17),
            Cuatrimestre::Tercero => ymd(self.anio.get() + 1, 1, 17),
        }
    }
}

/// A date built from constants that are always valid (day ≤ 31 of a month that has it, and a year
/// inside chrono's range because `Anio` is bounded).
pub(super) fn ymd(anio: i32, mes: u32, dia: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(anio, mes, dia).unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn periodo(anio: i32, n: u8) -> Periodo {
        Periodo::new(
            Anio::new(i64::from(anio)).unwrap(),
            Cuatrimestre::from_numero(n).unwrap(),
        )
    }

    #[test]
    fn each_period_spans_four_months() {
        let p1 = periodo(2026, 1);
        assert_eq!((p1.inicio(), p1.fin()), (ymd(2026, 1, 1), ymd(2026, 4, 30)));
        let p2 = periodo(2026, 2);
        assert_eq!((p2.inicio(), p2.fin()), (ymd(2026, 5, 1), ymd(2026, 8, 31)));
        let p3 = periodo(2026, 3);
        assert_eq!(
            (p3.inicio(), p3.fin()),
            (ymd(2026, 9, 1), ymd(2026, 12, 31))
        );
    }

    #[test]
    fn the_third_period_is_due_in_january_of_the_next_year() {
        assert_eq!(periodo(2026, 3).limite_legal(), ymd(2027, 1, 17));
        assert_eq!(periodo(2026, 1).limite_legal(), ymd(2026, 5, 17));
        assert_eq!(periodo(2026, 2).limite_legal(), ymd(2026, 9, 17));
    }

    #[test]
    fn months_map_to_their_period() {
        assert_eq!(
            Periodo::que_contiene(ymd(2026, 4, 30)),
            Some(periodo(2026, 1))
        );
        assert_eq!(
            Periodo::que_contiene(ymd(2026, 5, 1)),
            Some(periodo(2026, 2))
        );
        assert_eq!(
            Periodo::que_contiene(ymd(2026, 11, 21)),
            Some(periodo(2026, 3))
        );
        assert_eq!(Periodo::que_contiene(ymd(2020, 11, 21)), None);
    }

    #[test]
    fn the_period_before_the_first_of_a_year_is_the_third_of_the_previous_one() {
        assert_eq!(periodo(2026, 1).anterior(), Some(periodo(2025, 3)));
        assert_eq!(periodo(2026, 3).anterior(), Some(periodo(2026, 2)));
        assert_eq!(periodo(2021, 1).anterior(), None);
    }

    #[test]
    fn period_numbers_other_than_1_2_3_are_refused() {
        assert_eq!(Cuatrimestre::parse(" 2 ").unwrap(), Cuatrimestre::Segundo);
        for bad in ["0", "4", "", "uno", "-1"] {
            assert_eq!(
                Cuatrimestre::parse(bad).unwrap_err().code(),
                ErrorCode::PeriodoFormat
            );
        }
    }
}
