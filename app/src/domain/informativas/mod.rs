//! Informativas (domain.md §3.5, §6): the header of a filing — year, period, type — its state
//! machine, and the rule that decides whether a period may be registered. Contracts live in
//! [`contrato`], the open findings V02–V07 in [`hallazgos`], the contract CSV in [`csv_contratos`].

pub mod cadena;
pub mod contrato;
pub mod csv_contratos;
pub mod hallazgos;

use crate::domain::calendar::{Anio, Cuatrimestre, Periodo};
use crate::domain::error::{DomainError, ErrorCode};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use contrato::{ContextoContrato, Contrato, ContratoEntrada};
pub use hallazgos::{Hallazgo, RevisionContrato, RevisionInformativa};

/// What an informativa reports (domain.md §3.5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TipoInformativa {
    /// Contracts started in the period, with their workers.
    Normal,
    /// No contract started in the period.
    SinInformacion,
    /// Complementaria de corrección: replaces a presented informativa with everything it must
    /// carry, changed and unchanged; the original becomes `sustituida`.
    Correccion,
    /// Complementaria sin efectos: annuls a presented informativa filed by mistake.
    SinEfectos,
}

impl TipoInformativa {
    /// The stored and wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            TipoInformativa::Normal => "normal",
            TipoInformativa::SinInformacion => "sin_informacion",
            TipoInformativa::Correccion => "correccion",
            TipoInformativa::SinEfectos => "sin_efectos",
        }
    }

    /// From the stored value.
    pub fn parse(texto: &str) -> Option<Self> {
        match texto {
            "normal" => Some(TipoInformativa::Normal),
            "sin_informacion" => Some(TipoInformativa::SinInformacion),
            "correccion" => Some(TipoInformativa::Correccion),
            "sin_efectos" => Some(TipoInformativa::SinEfectos),
            _ => None,
        }
    }

    /// As IMSS names it.
    pub fn etiqueta(self) -> &'static str {
        match self {
            TipoInformativa::Normal => "Normal",
            TipoInformativa::SinInformacion => "Sin información",
            TipoInformativa::Correccion => "Complementaria de corrección",
            TipoInformativa::SinEfectos => "Complementaria sin efectos",
        }
    }

    /// A complementaria (V14 counts them; it references a presented informativa).
    pub fn es_complementaria(self) -> bool {
        matches!(
            self,
            TipoInformativa::Correccion | TipoInformativa::SinEfectos
        )
    }

    /// Whether it reports contracts (Normal and Corrección) or none (the other two).
    pub fn lleva_contratos(self) -> bool {
        matches!(self, TipoInformativa::Normal | TipoInformativa::Correccion)
    }

    /// The folio prefix IMSS uses (domain.md §3.5: `N262253432`, `SI262202734`).
    pub fn prefijo_folio(self) -> &'static str {
        match self {
            TipoInformativa::Normal => "N",
            TipoInformativa::SinInformacion => "SI",
            TipoInformativa::Correccion => "C",
            TipoInformativa::SinEfectos => "SE",
        }
    }

    /// The type as the cadena original writes it.
    pub fn en_cadena(self) -> cadena::TipoCadena {
        match self {
            TipoInformativa::Normal => cadena::TipoCadena::Normal,
            TipoInformativa::SinInformacion => cadena::TipoCadena::SinInformacion,
            TipoInformativa::Correccion => cadena::TipoCadena::Correccion,
            TipoInformativa::SinEfectos => cadena::TipoCadena::SinEfectos,
        }
    }
}

/// At most four complementarias per contratista, year and period (V14, Lineamientos 5.6).
pub const MAX_COMPLEMENTARIAS: u64 = 4;

/// A folio: prefix, two-digit year, period and a consecutive number of at least six digits
/// (the shape of IMSS's `N262253432`).
pub fn folio(tipo: TipoInformativa, anio: i32, periodo: u8, consecutivo: i64) -> String {
    format!(
        "{}{:02}{}{:06}",
        tipo.prefijo_folio(),
        anio.rem_euclid(100),
        periodo,
        consecutivo
    )
}

/// Where an informativa stands (domain.md §6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EstadoInformativa {
    /// Being captured: contracts and workers may change.
    Captura,
    /// Sent to the contratista for signature: frozen until signed or sent back.
    EnFirma,
    /// Signed and presented: never changes again (V17).
    Presentada,
    /// Replaced by a complementaria de corrección.
    Sustituida,
    /// Annulled by a complementaria sin efectos.
    SinEfectos,
}

impl EstadoInformativa {
    /// The stored and wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            EstadoInformativa::Captura => "captura",
            EstadoInformativa::EnFirma => "en_firma",
            EstadoInformativa::Presentada => "presentada",
            EstadoInformativa::Sustituida => "sustituida",
            EstadoInformativa::SinEfectos => "sin_efectos",
        }
    }

    /// From the stored value.
    pub fn parse(texto: &str) -> Option<Self> {
        match texto {
            "captura" => Some(EstadoInformativa::Captura),
            "en_firma" => Some(EstadoInformativa::EnFirma),
            "presentada" => Some(EstadoInformativa::Presentada),
            "sustituida" => Some(EstadoInformativa::Sustituida),
            "sin_efectos" => Some(EstadoInformativa::SinEfectos),
            _ => None,
        }
    }

    /// For people.
    pub fn etiqueta(self) -> &'static str {
        match self {
            EstadoInformativa::Captura => "En captura",
            EstadoInformativa::EnFirma => "En firma",
            EstadoInformativa::Presentada => "Presentada",
            EstadoInformativa::Sustituida => "Sustituida",
            EstadoInformativa::SinEfectos => "Sin efectos",
        }
    }

    /// Contracts and workers may be changed only while in capture (V17 and §6: "en firma"
    /// freezes what the contratista is about to sign).
    pub fn editable(self) -> bool {
        self == EstadoInformativa::Captura
    }
}

/// Why a new informativa cannot be registered.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ErrorNuevaInformativa {
    /// Year not a number or out of range.
    #[error("{0}")]
    Anio(String),
    /// Period not 1, 2 or 3.
    #[error("{0}")]
    Periodo(String),
    /// The first reportable period is May–August 2021 (the reform took effect in 2021).
    #[error("El primer periodo que se informa es mayo–agosto de 2021 (periodo 2 de 2021). Elige ese periodo o uno posterior.")]
    AntesDeLaReforma,
    /// A period that has not started.
    #[error("El periodo {periodo} de {anio} ({meses}) aún no empieza: comienza el {inicio}. Solo se informan contratos de periodos ya iniciados.")]
    NoIniciado {
        /// Year.
        anio: i32,
        /// Period number.
        periodo: u8,
        /// Months.
        meses: &'static str,
        /// First day, DD/MM/AAAA.
        inicio: String,
    },
}

impl DomainError for ErrorNuevaInformativa {
    fn code(&self) -> ErrorCode {
        match self {
            ErrorNuevaInformativa::Anio(_) => ErrorCode::AnioOutOfRange,
            ErrorNuevaInformativa::Periodo(_) => ErrorCode::PeriodoFormat,
            ErrorNuevaInformativa::AntesDeLaReforma | ErrorNuevaInformativa::NoIniciado { .. } => {
                ErrorCode::PeriodoNotStarted
            }
        }
    }
}

/// The period a new informativa may report on `hoy` (Mexico City date): any started period from
/// May–August 2021 on. Late filings are allowed (domain.md §6: a third of contratistas file late).
pub fn periodo_registrable(
    anio: &str,
    periodo: &str,
    hoy: NaiveDate,
) -> Result<Periodo, ErrorNuevaInformativa> {
    let a = Anio::parse(anio).map_err(|e| ErrorNuevaInformativa::Anio(e.to_string()))?;
    let c =
        Cuatrimestre::parse(periodo).map_err(|e| ErrorNuevaInformativa::Periodo(e.to_string()))?;
    let p = Periodo::new(a, c);
    if a.get() == Anio::MIN && c == Cuatrimestre::Primero {
        return Err(ErrorNuevaInformativa::AntesDeLaReforma);
    }
    if p.inicio() > hoy {
        return Err(ErrorNuevaInformativa::NoIniciado {
            anio: a.get(),
            periodo: c.numero(),
            meses: c.meses(),
            inicio: p.inicio().format("%d/%m/%Y").to_string(),
        });
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: i32, m: u32, dia: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(a, m, dia).unwrap()
    }

    #[test]
    fn folios_have_the_imss_shape() {
        assert_eq!(folio(TipoInformativa::Normal, 2026, 3, 1), "N263000001");
        assert_eq!(
            folio(TipoInformativa::SinInformacion, 2026, 2, 2734),
            "SI262002734"
        );
        assert_eq!(
            folio(TipoInformativa::Correccion, 2027, 1, 1_234_567),
            "C2711234567"
        );
        assert_eq!(
            folio(TipoInformativa::SinEfectos, 2026, 1, 9),
            "SE261000009"
        );
        for t in [
            TipoInformativa::Normal,
            TipoInformativa::SinInformacion,
            TipoInformativa::Correccion,
            TipoInformativa::SinEfectos,
        ] {
            assert_eq!(TipoInformativa::parse(t.as_str()), Some(t));
        }
    }

    #[test]
    fn a_started_period_is_registrable_and_late_ones_too() {
        let p = periodo_registrable("2026", "3", d(2026, 9, 1)).unwrap();
        assert_eq!(p.inicio(), d(2026, 9, 1));
        assert!(periodo_registrable("2022", "1", d(2026, 11, 21)).is_ok());
    }

    #[test]
    fn a_future_period_is_refused_with_its_start_date() {
        let e = periodo_registrable("2027", "1", d(2026, 12, 31)).unwrap_err();
        assert_eq!(e.code(), ErrorCode::PeriodoNotStarted);
        assert!(e.to_string().contains("01/01/2027"), "{e}");
    }

    #[test]
    fn the_first_period_of_2021_predates_the_reform() {
        let e = periodo_registrable("2021", "1", d(2026, 1, 1)).unwrap_err();
        assert_eq!(e, ErrorNuevaInformativa::AntesDeLaReforma);
        assert!(periodo_registrable("2021", "2", d(2026, 1, 1)).is_ok());
    }

    #[test]
    fn bad_year_or_period_say_so() {
        assert_eq!(
            periodo_registrable("20x6", "1", d(2026, 1, 1))
                .unwrap_err()
                .code(),
            ErrorCode::AnioOutOfRange
        );
        assert_eq!(
            periodo_registrable("2026", "4", d(2026, 1, 1))
                .unwrap_err()
                .code(),
            ErrorCode::PeriodoFormat
        );
    }

    #[test]
    fn states_and_types_round_trip() {
        for e in [
            EstadoInformativa::Captura,
            EstadoInformativa::EnFirma,
            EstadoInformativa::Presentada,
            EstadoInformativa::Sustituida,
            EstadoInformativa::SinEfectos,
        ] {
            assert_eq!(EstadoInformativa::parse(e.as_str()), Some(e));
        }
        for t in [TipoInformativa::Normal, TipoInformativa::SinInformacion] {
            assert_eq!(TipoInformativa::parse(t.as_str()), Some(t));
        }
        assert!(EstadoInformativa::Captura.editable());
        assert!(!EstadoInformativa::EnFirma.editable());
    }
}
