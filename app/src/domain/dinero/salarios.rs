//! The UMA and the general minimum wage by year, with their dates of validity, and the SBC limits
//! they imply for a period.
//!
//! - UMA: published by INEGI each January, in force **1 February → 31 January** of the next year
//!   (Ley para Determinar el Valor de la UMA, art. 5).
//! - Salario mínimo general: set by CONASAMI, in force **1 January → 31 December**.
//! - SBC upper limit: 25 UMA (LSS art. 28); lower reference: the minimum wage. Both are taken as in
//!   force on the **last day of the reported period** (30 Apr, 31 Aug, 31 Dec).
//!
//! The figures are data (`docs/domain.md` §10); a year missing here is reported, never guessed.

use crate::domain::calendar::{fecha_numerica, Periodo};
use crate::domain::error::{DomainError, ErrorCode};
use chrono::{Datelike, NaiveDate};

/// One year's figures, in centavos.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Anual {
    anio: i32,
    /// Daily UMA in force from 1 February of `anio`.
    uma_diaria: u64,
    /// Daily general minimum wage in force from 1 January of `anio`.
    minimo_general: u64,
    /// Daily minimum wage of the Zona Libre de la Frontera Norte.
    minimo_frontera: u64,
}

/// INEGI (UMA) and CONASAMI (minimum wage) figures, DOF publications of each January/December.
const TABLA: &[Anual] = &[
    Anual {
        anio: 2021,
        uma_diaria: 8_962,
        minimo_general: 14_170,
        minimo_frontera: 21_339,
    },
    Anual {
        anio: 2022,
        uma_diaria: 9_622,
        minimo_general: 17_287,
        minimo_frontera: 26_034,
    },
    Anual {
        anio: 2023,
        uma_diaria: 10_374,
        minimo_general: 20_744,
        minimo_frontera: 31_241,
    },
    Anual {
        anio: 2024,
        uma_diaria: 10_857,
        minimo_general: 24_893,
        minimo_frontera: 37_489,
    },
    Anual {
        anio: 2025,
        uma_diaria: 11_314,
        minimo_general: 27_880,
        minimo_frontera: 41_988,
    },
    Anual {
        anio: 2026,
        uma_diaria: 11_731,
        minimo_general: 31_504,
        minimo_frontera: 44_087,
    },
];

/// The SBC cap in UMA (LSS art. 28).
pub const TOPE_EN_UMA: u64 = 25;

/// Why the limits for a date are unknown.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SalariosError {
    /// The table has no UMA or minimum wage in force on that date.
    #[error("Aún no está registrada la UMA o el salario mínimo vigente al {fecha} (se conocen de {desde} a {hasta}). Elige un periodo de esos años o actualiza ICSOE.")]
    SinDatos {
        /// The date asked for, DD/MM/AAAA.
        fecha: String,
        /// First year known.
        desde: i32,
        /// Last year known.
        hasta: i32,
    },
}

impl DomainError for SalariosError {
    fn code(&self) -> ErrorCode {
        ErrorCode::SbcLimitsUnknown
    }
}

/// Which UMA applies on a date, and since when.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VigenciaUma {
    /// The UMA's year (it runs 1 Feb of this year to 31 Jan of the next).
    pub anio: i32,
    /// Daily value in centavos.
    pub diaria: u64,
}

/// The figures, looked up by date.
#[derive(Clone, Copy, Debug, Default)]
pub struct TablaSalarios;

impl TablaSalarios {
    fn anual(anio: i32) -> Option<&'static Anual> {
        TABLA.iter().find(|a| a.anio == anio)
    }

    fn sin_datos(fecha: NaiveDate) -> SalariosError {
        SalariosError::SinDatos {
            fecha: fecha_numerica(fecha),
            desde: TABLA.first().map_or(0, |a| a.anio),
            hasta: TABLA.last().map_or(0, |a| a.anio),
        }
    }

    /// The years with figures, oldest first.
    pub fn anios() -> Vec<i32> {
        TABLA.iter().map(|a| a.anio).collect()
    }

    /// The UMA in force on `fecha`: January still uses the previous year's.
    pub fn uma(fecha: NaiveDate) -> Result<VigenciaUma, SalariosError> {
        let anio = if fecha.month() == 1 {
            fecha.year() - 1
        } else {
            fecha.year()
        };
        Self::anual(anio)
            .map(|a| VigenciaUma {
                anio,
                diaria: a.uma_diaria,
            })
            .ok_or_else(|| Self::sin_datos(fecha))
    }

    /// The general minimum wage in force on `fecha`, in centavos.
    pub fn minimo_general(fecha: NaiveDate) -> Result<u64, SalariosError> {
        Self::anual(fecha.year())
            .map(|a| a.minimo_general)
            .ok_or_else(|| Self::sin_datos(fecha))
    }

    /// The northern border zone's minimum wage in force on `fecha`, in centavos.
    pub fn minimo_frontera(fecha: NaiveDate) -> Result<u64, SalariosError> {
        Self::anual(fecha.year())
            .map(|a| a.minimo_frontera)
            .ok_or_else(|| Self::sin_datos(fecha))
    }
}

/// The bounds a daily salary is checked against for one period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LimitesSbc {
    /// The date the figures are taken on (last day of the period).
    pub fecha: NaiveDate,
    /// The UMA in force that day.
    pub uma: VigenciaUma,
    /// 25 UMA, centavos: above it is an error.
    pub tope: u64,
    /// General minimum wage, centavos: below it is a warning.
    pub minimo: u64,
}

impl LimitesSbc {
    /// The limits in force on the last day of `periodo`.
    pub fn para_periodo(periodo: Periodo) -> Result<Self, SalariosError> {
        Self::en_fecha(periodo.fin())
    }

    /// The limits in force on `fecha`.
    pub fn en_fecha(fecha: NaiveDate) -> Result<Self, SalariosError> {
        let uma = TablaSalarios::uma(fecha)?;
        Ok(LimitesSbc {
            fecha,
            uma,
            tope: uma.diaria * TOPE_EN_UMA,
            minimo: TablaSalarios::minimo_general(fecha)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::{Anio, Cuatrimestre};

    fn periodo(anio: i64, n: u8) -> Periodo {
        Periodo::new(
            Anio::new(anio).unwrap(),
            Cuatrimestre::from_numero(n).unwrap(),
        )
    }

    #[test]
    fn the_2026_cap_is_25_uma_and_the_floor_the_2026_minimum_wage() {
        let l = LimitesSbc::para_periodo(periodo(2026, 2)).unwrap();
        assert_eq!(l.tope, 293_275);
        assert_eq!(l.minimo, 31_504);
        assert_eq!(l.uma.anio, 2026);
    }

    #[test]
    fn every_cap_of_the_spec_table_is_25_uma() {
        for (anio, tope) in [
            (2021, 224_050),
            (2022, 240_550),
            (2023, 259_350),
            (2024, 271_425),
            (2025, 282_850),
            (2026, 293_275),
        ] {
            assert_eq!(
                LimitesSbc::para_periodo(periodo(anio, 3)).unwrap().tope,
                tope
            );
        }
    }

    #[test]
    fn january_still_uses_the_previous_years_uma_but_the_new_minimum_wage() {
        let enero = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
        let l = LimitesSbc::en_fecha(enero).unwrap();
        assert_eq!(l.uma.anio, 2025);
        assert_eq!(l.uma.diaria, 11_314);
        assert_eq!(l.minimo, 31_504);
        let febrero = NaiveDate::from_ymd_opt(2026, 2, 1).unwrap();
        assert_eq!(TablaSalarios::uma(febrero).unwrap().diaria, 11_731);
    }

    #[test]
    fn a_year_without_figures_is_reported_not_guessed() {
        let err = LimitesSbc::para_periodo(periodo(2027, 1)).unwrap_err();
        assert_eq!(err.code(), ErrorCode::SbcLimitsUnknown);
        assert!(err.to_string().contains("30/04/2027"), "{err}");
    }

    #[test]
    fn the_border_zone_minimum_is_known_too() {
        let d = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        assert_eq!(TablaSalarios::minimo_frontera(d).unwrap(), 44_087);
    }
}
