//! What the calendar shows: the three periods of a year and where "now" stands.
//!
//! These structs are also the wire format of `GET /api/v1/calendario/{anio}` and of the
//! calendar server functions, so their field names are public and stable.

use super::anio::Anio;
use super::cuatrimestre::{Cuatrimestre, Periodo};
use super::inhabiles::DiasInhabiles;
use super::vencimiento::{vencimiento, Vencimiento};
use super::zona::a_hora_centro;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The three periods of a year with their due dates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CalendarioAnual {
    /// The year.
    pub anio: i32,
    /// Periods 1, 2 and 3, in that order.
    pub periodos: Vec<PeriodoCalendario>,
}

/// One period of the calendar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PeriodoCalendario {
    /// The year the period belongs to.
    pub anio: i32,
    /// 1, 2 or 3.
    pub periodo: u8,
    /// `"enero-abril"`, `"mayo-agosto"` or `"septiembre-diciembre"`.
    pub meses: String,
    /// First day of the period; filing is possible from this day.
    pub inicio_periodo: NaiveDate,
    /// Last day of the period.
    pub fin_periodo: NaiveDate,
    /// The 17th named by the law.
    pub limite_legal: NaiveDate,
    /// The due date after moving to the next business day; later filings are extemporáneas.
    pub vence: NaiveDate,
    /// The last on-time instant: 23:59:59 of `vence`, central Mexico time (RFC 3339).
    pub vence_hasta: DateTime<FixedOffset>,
    /// Each non-business day between `limite_legal` and `vence`, and why.
    pub dias_recorridos: Vec<DiaRecorrido>,
}

/// A day the deadline was moved past.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DiaRecorrido {
    /// The non-business day.
    pub fecha: NaiveDate,
    /// Why, in Spanish: `"domingo"`, `"Día del Trabajo (LFT art. 74 fr. IV)"`, …
    pub motivo: String,
}

impl From<&Vencimiento> for PeriodoCalendario {
    fn from(v: &Vencimiento) -> Self {
        PeriodoCalendario {
            anio: v.periodo.anio.get(),
            periodo: v.periodo.cuatrimestre.numero(),
            meses: v.periodo.cuatrimestre.meses().to_string(),
            inicio_periodo: v.periodo.inicio(),
            fin_periodo: v.periodo.fin(),
            limite_legal: v.limite_legal,
            vence: v.vence,
            vence_hasta: v.fin_plazo,
            dias_recorridos: v
                .dias_recorridos
                .iter()
                .map(|(fecha, motivo)| DiaRecorrido {
                    fecha: *fecha,
                    motivo: motivo.to_string(),
                })
                .collect(),
        }
    }
}

/// Where a period stands at a given instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EstadoPeriodo {
    /// The period has not started.
    PorIniciar,
    /// Today is inside the period (contracts are still being signed; filing is already possible).
    EnCurso,
    /// The period ended and its due date has not passed.
    PorPresentar,
    /// The due date passed: a filing now is extemporánea (LSS art. 304-A fr. XXII).
    Vencido,
}

impl EstadoPeriodo {
    /// The label shown to the user.
    pub fn etiqueta(self) -> &'static str {
        match self {
            EstadoPeriodo::PorIniciar => "Por iniciar",
            EstadoPeriodo::EnCurso => "En curso",
            EstadoPeriodo::PorPresentar => "En plazo de presentación",
            EstadoPeriodo::Vencido => "Plazo vencido",
        }
    }

    /// A stable identifier (CSS classes, tests).
    pub fn clave(self) -> &'static str {
        match self {
            EstadoPeriodo::PorIniciar => "por_iniciar",
            EstadoPeriodo::EnCurso => "en_curso",
            EstadoPeriodo::PorPresentar => "por_presentar",
            EstadoPeriodo::Vencido => "vencido",
        }
    }
}

impl PeriodoCalendario {
    /// Where this period stands at `ahora`.
    pub fn estado(&self, ahora: DateTime<FixedOffset>) -> EstadoPeriodo {
        let hoy = a_hora_centro(ahora.to_utc()).date_naive();
        if hoy < self.inicio_periodo {
            EstadoPeriodo::PorIniciar
        } else if hoy <= self.fin_periodo {
            EstadoPeriodo::EnCurso
        } else if ahora <= self.vence_hasta {
            EstadoPeriodo::PorPresentar
        } else {
            EstadoPeriodo::Vencido
        }
    }
}

/// The calendar of `anio`.
pub fn calendario_anual(anio: Anio, inhabiles: &DiasInhabiles) -> CalendarioAnual {
    let periodos = Cuatrimestre::TODOS
        .iter()
        .map(|c| PeriodoCalendario::from(&vencimiento(Periodo::new(anio, *c), inhabiles)))
        .collect();
    CalendarioAnual {
        anio: anio.get(),
        periodos,
    }
}

/// Where a given instant stands in the calendar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SituacionActual {
    /// The instant, in central Mexico time (the server's clock, never the browser's).
    pub ahora: DateTime<FixedOffset>,
    /// Today's civil date in Mexico City.
    pub hoy: NaiveDate,
    /// The period that contains today, if the calendar covers this year.
    pub en_curso: Option<PeriodoCalendario>,
    /// The next deadline that has not passed: the previous period's until its due date, then the
    /// current one's.
    pub proximo: Option<PeriodoCalendario>,
}

/// The situation at `ahora`.
pub fn situacion_actual(ahora: DateTime<Utc>, inhabiles: &DiasInhabiles) -> SituacionActual {
    let local = a_hora_centro(ahora);
    let hoy = local.date_naive();
    let en_curso = Periodo::que_contiene(hoy);
    let candidatos: Vec<Periodo> = match en_curso {
        Some(p) => p.anterior().into_iter().chain([p]).collect(),
        None if hoy < primer_dia() => Anio::new(i64::from(Anio::MIN))
            .map(|a| vec![Periodo::new(a, Cuatrimestre::Primero)])
            .unwrap_or_default(),
        None => Vec::new(),
    };
    let proximo = candidatos
        .into_iter()
        .map(|p| vencimiento(p, inhabiles))
        .find(|v| v.fin_plazo >= local)
        .map(|v| PeriodoCalendario::from(&v));
    SituacionActual {
        ahora: local,
        hoy,
        en_curso: en_curso.map(|p| PeriodoCalendario::from(&vencimiento(p, inhabiles))),
        proximo,
    }
}

fn primer_dia() -> NaiveDate {
    NaiveDate::from_ymd_opt(Anio::MIN, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// The dates whose declared días inhábiles matter for the deadlines of `anio`: its own and the
/// next year's (the third period is due in January, possibly moved a few days).
pub fn rango_de_inhabiles(anio: i32) -> (NaiveDate, NaiveDate) {
    (
        NaiveDate::from_ymd_opt(anio, 1, 1).unwrap_or(NaiveDate::MIN),
        NaiveDate::from_ymd_opt(anio + 1, 12, 31).unwrap_or(NaiveDate::MAX),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_2026_calendar_has_the_expected_due_dates_and_json_shape() {
        let cal = calendario_anual(Anio::new(2026).unwrap(), &DiasInhabiles::solo_ley());
        let vence: Vec<String> = cal.periodos.iter().map(|p| p.vence.to_string()).collect();
        assert_eq!(vence, ["2026-05-18", "2026-09-17", "2027-01-18"]);
        let json = serde_json::to_value(&cal).unwrap();
        assert_eq!(json["anio"], 2026);
        assert_eq!(json["periodos"][0]["periodo"], 1);
        assert_eq!(json["periodos"][0]["meses"], "enero-abril");
        assert_eq!(json["periodos"][0]["inicio_periodo"], "2026-01-01");
        assert_eq!(json["periodos"][0]["fin_periodo"], "2026-04-30");
        assert_eq!(json["periodos"][0]["vence"], "2026-05-18");
        assert_eq!(
            json["periodos"][0]["vence_hasta"],
            "2026-05-18T23:59:59-06:00"
        );
        assert_eq!(
            json["periodos"][0]["dias_recorridos"][0]["motivo"],
            "domingo"
        );
        assert_eq!(json["periodos"][2]["meses"], "septiembre-diciembre");
    }

    #[test]
    fn in_november_the_next_deadline_is_the_third_period_in_january() {
        let s = situacion_actual(utc("2026-11-21T18:00:00Z"), &DiasInhabiles::solo_ley());
        assert_eq!(s.hoy.to_string(), "2026-11-21");
        assert_eq!(s.ahora.to_rfc3339(), "2026-11-21T12:00:00-06:00");
        let en_curso = s.en_curso.unwrap();
        assert_eq!((en_curso.anio, en_curso.periodo), (2026, 3));
        let proximo = s.proximo.unwrap();
        assert_eq!((proximo.anio, proximo.periodo), (2026, 3));
        assert_eq!(proximo.vence.to_string(), "2027-01-18");
    }

    #[test]
    fn during_the_filing_window_the_next_deadline_is_the_previous_period() {
        // 18 May 2026, 23:00 in Mexico City: period 1 is still on time.
        let s = situacion_actual(utc("2026-05-19T05:00:00Z"), &DiasInhabiles::solo_ley());
        let proximo = s.proximo.unwrap();
        assert_eq!((proximo.anio, proximo.periodo), (2026, 1));
        // One second after 23:59:59 local it is the current period's turn.
        let s = situacion_actual(utc("2026-05-19T06:00:00Z"), &DiasInhabiles::solo_ley());
        let proximo = s.proximo.unwrap();
        assert_eq!((proximo.anio, proximo.periodo), (2026, 2));
        assert_eq!(s.en_curso.unwrap().periodo, 2);
    }

    #[test]
    fn in_january_the_next_deadline_is_last_years_third_period() {
        let s = situacion_actual(utc("2027-01-05T12:00:00Z"), &DiasInhabiles::solo_ley());
        let proximo = s.proximo.unwrap();
        assert_eq!((proximo.anio, proximo.periodo), (2026, 3));
        assert_eq!(s.en_curso.unwrap().anio, 2027);
    }

    #[test]
    fn each_period_knows_where_it_stands() {
        let cal = calendario_anual(Anio::new(2026).unwrap(), &DiasInhabiles::solo_ley());
        let en = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
        let [p1, p2, p3] = [&cal.periodos[0], &cal.periodos[1], &cal.periodos[2]];
        let ahora = en("2026-05-18T23:59:59-06:00");
        assert_eq!(p1.estado(ahora), EstadoPeriodo::PorPresentar);
        assert_eq!(p2.estado(ahora), EstadoPeriodo::EnCurso);
        assert_eq!(p3.estado(ahora), EstadoPeriodo::PorIniciar);
        assert_eq!(
            p1.estado(en("2026-05-19T00:00:00-06:00")),
            EstadoPeriodo::Vencido
        );
    }

    #[test]
    fn before_2021_the_first_deadline_is_next() {
        let s = situacion_actual(utc("2020-06-01T12:00:00Z"), &DiasInhabiles::solo_ley());
        assert!(s.en_curso.is_none());
        assert_eq!(s.proximo.unwrap().vence.to_string(), "2021-05-17");
    }
}
