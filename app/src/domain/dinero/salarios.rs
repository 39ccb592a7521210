//! The yearly legal figures — UMA and minimum wages — with their dates of validity, and the SBC
//! limits and fines they imply.
//!
//! - UMA: published by INEGI each January, in force **1 February → 31 January** of the next year
//!   (Ley para Determinar el Valor de la UMA, art. 5).
//! - Salario mínimo general and of the Zona Libre de la Frontera Norte: set by CONASAMI, in force
//!   **1 January → 31 December**.
//! - SBC upper limit: 25 UMA (LSS art. 28); lower reference: the minimum wage. Both are taken as in
//!   force on the **last day of the reported period** (30 Apr, 31 Aug, 31 Dec).
//!
//! The figures are **data**, not code: the server keeps them in a table (seeded by a migration,
//! managed with `icsoe parametros`) and hands them to this module as a [`TablaSalarios`]. A figure
//! that should be in force but is not published yet never blocks anyone: the latest one is used
//! and the result carries a warning (`LimitesSbc::aviso`).

use crate::domain::calendar::fecha_numerica;
use crate::domain::calendar::Periodo;
use crate::domain::error::{DomainError, ErrorCode};
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// Which yearly figure a row is.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Concepto {
    /// Unidad de Medida y Actualización, daily value.
    Uma,
    /// Salario mínimo general, daily.
    SalarioMinimoGeneral,
    /// Salario mínimo de la Zona Libre de la Frontera Norte, daily.
    SalarioMinimoFrontera,
}

impl Concepto {
    /// Every concept, in the order pages list them.
    pub const TODOS: [Concepto; 3] = [
        Concepto::Uma,
        Concepto::SalarioMinimoGeneral,
        Concepto::SalarioMinimoFrontera,
    ];

    /// The stored and wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Concepto::Uma => "uma",
            Concepto::SalarioMinimoGeneral => "salario_minimo_general",
            Concepto::SalarioMinimoFrontera => "salario_minimo_frontera",
        }
    }

    /// Reads a stored or typed name.
    pub fn parse(texto: &str) -> Option<Self> {
        Self::TODOS.into_iter().find(|c| c.as_str() == texto.trim())
    }

    /// How pages and messages name it.
    pub fn etiqueta(self) -> &'static str {
        match self {
            Concepto::Uma => "UMA diaria",
            Concepto::SalarioMinimoGeneral => "Salario mínimo general",
            Concepto::SalarioMinimoFrontera => {
                "Salario mínimo de la Zona Libre de la Frontera Norte"
            }
        }
    }

    /// The day and month a new yearly figure takes effect (UMA: 1 February; minimum wages:
    /// 1 January), used to tell which year's figure should be in force on a date.
    pub fn inicio_anual(self) -> (u32, u32) {
        match self {
            Concepto::Uma => (2, 1),
            Concepto::SalarioMinimoGeneral | Concepto::SalarioMinimoFrontera => (1, 1),
        }
    }

    /// The year whose figure should be in force on `fecha`.
    pub fn anio_en(self, fecha: NaiveDate) -> i32 {
        let (mes, dia) = self.inicio_anual();
        if (fecha.month(), fecha.day()) >= (mes, dia) {
            fecha.year()
        } else {
            fecha.year() - 1
        }
    }
}

/// One published figure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Parametro {
    /// What it is.
    pub concepto: Concepto,
    /// First day it applies.
    pub vigente_desde: NaiveDate,
    /// Daily value in centavos.
    pub valor: u64,
    /// Where it was published (DOF reference or URL).
    pub fuente: String,
}

/// Why a figure cannot be given at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SalariosError {
    /// No figure of that concept starts on or before the date (the table is empty, or the date
    /// is older than the oldest figure).
    #[error("No hay {concepto} registrada vigente al {fecha}. Agrega la cifra publicada con «icsoe parametros agregar».")]
    SinDatos {
        /// The concept's label.
        concepto: &'static str,
        /// The date asked for, DD/MM/AAAA.
        fecha: String,
    },
}

impl DomainError for SalariosError {
    fn code(&self) -> ErrorCode {
        ErrorCode::SbcLimitsUnknown
    }
}

/// A figure as it applies on a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Vigente {
    /// The year of the figure used.
    pub anio: i32,
    /// Daily value in centavos.
    pub diaria: u64,
    /// The year whose figure should apply but is not published yet; the figure of `anio` is used
    /// meanwhile.
    pub pendiente: Option<i32>,
}

/// Which UMA applies on a date.
pub type VigenciaUma = Vigente;

/// The figures, looked up by date.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TablaSalarios {
    parametros: Vec<Parametro>,
}

impl TablaSalarios {
    /// A table over these rows (any order; a repeated concept and date keeps the last one).
    pub fn nueva(mut parametros: Vec<Parametro>) -> Self {
        parametros.sort_by_key(|p| (p.concepto, p.vigente_desde));
        parametros.dedup_by(|b, a| a.concepto == b.concepto && a.vigente_desde == b.vigente_desde);
        TablaSalarios { parametros }
    }

    /// Every row, by concept then date.
    pub fn parametros(&self) -> &[Parametro] {
        &self.parametros
    }

    /// The figure of `concepto` in force on `fecha`: the newest one that started on or before it.
    /// When the next year's figure should already apply (`fecha` is a year or more after the
    /// newest one started), the newest is used and [`Vigente::pendiente`] says which is missing.
    pub fn vigente(&self, concepto: Concepto, fecha: NaiveDate) -> Result<Vigente, SalariosError> {
        let fila = self
            .parametros
            .iter()
            .rfind(|p| p.concepto == concepto && p.vigente_desde <= fecha)
            .ok_or_else(|| SalariosError::SinDatos {
                concepto: concepto.etiqueta(),
                fecha: fecha_numerica(fecha),
            })?;
        let caduca = fila
            .vigente_desde
            .checked_add_months(Months::new(12))
            .unwrap_or(NaiveDate::MAX);
        let anio = fila.vigente_desde.year();
        Ok(Vigente {
            anio,
            diaria: fila.valor,
            pendiente: (fecha >= caduca).then(|| concepto.anio_en(fecha)),
        })
    }

    /// The UMA in force on `fecha` (in January, still the previous year's).
    pub fn uma(&self, fecha: NaiveDate) -> Result<VigenciaUma, SalariosError> {
        self.vigente(Concepto::Uma, fecha)
    }

    /// The SBC limits in force on the last day of `periodo`.
    pub fn limites(&self, periodo: Periodo) -> Result<LimitesSbc, SalariosError> {
        self.limites_en(periodo.fin())
    }

    /// The SBC limits in force on `fecha`.
    pub fn limites_en(&self, fecha: NaiveDate) -> Result<LimitesSbc, SalariosError> {
        let uma = self.uma(fecha)?;
        let minimo = self.vigente(Concepto::SalarioMinimoGeneral, fecha)?;
        Ok(LimitesSbc {
            fecha,
            uma,
            tope: uma.diaria * TOPE_EN_UMA,
            minimo,
        })
    }

    /// The fine range for a filing due on `vence` (500–2,000 UMA in force that day, LSS art. 304
    /// as applied by the IMSS; domain.md §10).
    pub fn multa(&self, vence: NaiveDate) -> Result<RangoMulta, SalariosError> {
        Ok(RangoMulta {
            uma: self.uma(vence)?,
        })
    }
}

/// The SBC cap in UMA (LSS art. 28).
pub const TOPE_EN_UMA: u64 = 25;
/// The late-filing fine's lower bound, in UMA.
pub const MULTA_MINIMA_UMA: u64 = 500;
/// The late-filing fine's upper bound, in UMA.
pub const MULTA_MAXIMA_UMA: u64 = 2_000;

/// The fine range for a late filing: 500–2,000 times one daily UMA.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RangoMulta {
    /// The UMA it is computed with (the one in force on the due date, or the one stored with a
    /// presentation).
    pub uma: Vigente,
}

impl RangoMulta {
    /// 500 UMA, centavos.
    pub fn minima(&self) -> u64 {
        self.uma.diaria * MULTA_MINIMA_UMA
    }

    /// 2,000 UMA, centavos.
    pub fn maxima(&self) -> u64 {
        self.uma.diaria * MULTA_MAXIMA_UMA
    }

    /// Set when the due date's UMA is not published yet and the latest one was used.
    pub fn aviso(&self) -> Option<String> {
        self.uma.pendiente.map(|p| {
            format!(
                "Multa calculada con la UMA {} mientras se publica la de {p}.",
                self.uma.anio
            )
        })
    }
}

/// The warnings for figures used while the ones that should apply are not published.
fn avisos_pendientes(uma: &Vigente, minimo: &Vigente) -> Vec<String> {
    let mut avisos = Vec::new();
    if let Some(p) = uma.pendiente {
        avisos.push(format!(
            "Tope calculado con la UMA {} mientras se publica la de {p}.",
            uma.anio
        ));
    }
    if let Some(p) = minimo.pendiente {
        avisos.push(format!(
            "Salario mínimo de referencia: el de {} mientras se publica el de {p}.",
            minimo.anio
        ));
    }
    avisos
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
    /// The general minimum wage in force that day: below it is a warning.
    pub minimo: Vigente,
}

impl LimitesSbc {
    /// Says which figures are provisional (not yet published for the period), if any:
    /// e.g. "Tope calculado con la UMA 2026 mientras se publica la de 2027."
    pub fn aviso(&self) -> Option<String> {
        let avisos = avisos_pendientes(&self.uma, &self.minimo);
        (!avisos.is_empty()).then(|| avisos.join(" "))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::calendar::{Anio, Cuatrimestre};

    fn d(a: i32, m: u32, dia: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(a, m, dia).unwrap()
    }

    /// The figures of domain.md §10, as the migration seeds them.
    pub(crate) fn tabla_publicada() -> TablaSalarios {
        let mut filas = Vec::new();
        for (anio, uma, general, frontera) in [
            (2021, 8_962, 14_170, 21_339),
            (2022, 9_622, 17_287, 26_034),
            (2023, 10_374, 20_744, 31_241),
            (2024, 10_857, 24_893, 37_489),
            (2025, 11_314, 27_880, 41_988),
            (2026, 11_731, 31_504, 44_087),
        ] {
            for (concepto, valor, desde) in [
                (Concepto::Uma, uma, d(anio, 2, 1)),
                (Concepto::SalarioMinimoGeneral, general, d(anio, 1, 1)),
                (Concepto::SalarioMinimoFrontera, frontera, d(anio, 1, 1)),
            ] {
                filas.push(Parametro {
                    concepto,
                    vigente_desde: desde,
                    valor,
                    fuente: "DOF".into(),
                });
            }
        }
        TablaSalarios::nueva(filas)
    }

    fn periodo(anio: i64, n: u8) -> Periodo {
        Periodo::new(
            Anio::new(anio).unwrap(),
            Cuatrimestre::from_numero(n).unwrap(),
        )
    }

    #[test]
    fn the_2026_cap_is_25_uma_and_the_floor_the_2026_minimum_wage() {
        let l = tabla_publicada().limites(periodo(2026, 2)).unwrap();
        assert_eq!(l.tope, 293_275);
        assert_eq!(l.minimo.diaria, 31_504);
        assert_eq!(l.uma.anio, 2026);
        assert_eq!(l.aviso(), None);
    }

    #[test]
    fn every_cap_of_the_spec_table_is_25_uma() {
        let t = tabla_publicada();
        for (anio, tope) in [
            (2021, 224_050),
            (2022, 240_550),
            (2023, 259_350),
            (2024, 271_425),
            (2025, 282_850),
            (2026, 293_275),
        ] {
            assert_eq!(t.limites(periodo(anio, 3)).unwrap().tope, tope);
        }
    }

    #[test]
    fn january_still_uses_the_previous_years_uma_but_the_new_minimum_wage() {
        let t = tabla_publicada();
        let l = t.limites_en(d(2026, 1, 31)).unwrap();
        assert_eq!(l.uma.anio, 2025);
        assert_eq!(l.uma.diaria, 11_314);
        assert_eq!(l.minimo.diaria, 31_504);
        assert_eq!(t.uma(d(2026, 2, 1)).unwrap().diaria, 11_731);
    }

    #[test]
    fn an_unpublished_year_uses_the_latest_figures_and_says_so() {
        let l = tabla_publicada().limites(periodo(2027, 1)).unwrap();
        assert_eq!(l.uma.anio, 2026);
        assert_eq!(l.uma.pendiente, Some(2027));
        assert_eq!(l.tope, 293_275);
        let aviso = l.aviso().unwrap();
        assert!(
            aviso.contains("Tope calculado con la UMA 2026 mientras se publica la de 2027"),
            "{aviso}"
        );
        assert!(aviso.contains("2026") && aviso.contains("2027"), "{aviso}");
        let l = tabla_publicada().limites(periodo(2028, 3)).unwrap();
        assert_eq!(l.uma.pendiente, Some(2028));
    }

    #[test]
    fn january_2027_still_has_the_2026_uma_in_force_without_warning() {
        let t = tabla_publicada();
        let u = t.uma(d(2027, 1, 18)).unwrap();
        assert_eq!((u.anio, u.pendiente), (2026, None));
        let m = t.multa(d(2027, 1, 18)).unwrap();
        assert_eq!(m.minima(), 5_865_500);
        assert_eq!(m.maxima(), 23_462_000);
    }

    #[test]
    fn a_newly_published_figure_replaces_the_provisional_one() {
        let mut filas = tabla_publicada().parametros().to_vec();
        filas.push(Parametro {
            concepto: Concepto::Uma,
            vigente_desde: d(2027, 2, 1),
            valor: 12_000,
            fuente: "DOF 10/01/2027".into(),
        });
        let l = TablaSalarios::nueva(filas)
            .limites(periodo(2027, 1))
            .unwrap();
        assert_eq!((l.uma.anio, l.uma.pendiente, l.tope), (2027, None, 300_000));
        assert!(l.aviso().unwrap().contains("Salario mínimo"));
    }

    #[test]
    fn a_date_before_every_figure_is_reported_not_guessed() {
        let err = tabla_publicada().limites_en(d(2020, 6, 1)).unwrap_err();
        assert_eq!(err.code(), ErrorCode::SbcLimitsUnknown);
        assert!(TablaSalarios::default().limites(periodo(2026, 1)).is_err());
    }

    #[test]
    fn the_border_zone_minimum_is_known_too() {
        let v = tabla_publicada()
            .vigente(Concepto::SalarioMinimoFrontera, d(2026, 6, 1))
            .unwrap();
        assert_eq!(v.diaria, 44_087);
    }

    #[test]
    fn concept_names_round_trip() {
        for c in Concepto::TODOS {
            assert_eq!(Concepto::parse(c.as_str()), Some(c));
        }
        assert_eq!(Concepto::parse("otra"), None);
    }
}
