//! When to remind a contratista that a period is due (issue 17). Filing late costs 500 to 2,000
//! UMA (LSS art. 304), so for each period not yet presented the reminders fall on:
//!
//! 1. the first business day of the filing month (January, May, September),
//! 2. seven and 3. two business days before the due date,
//! 4. the due date itself,
//! 5. "vencida": the next business day, with the fine range.
//!
//! Business days follow the calendar the deadlines use (weekends, LFT art. 74, declared días
//! inhábiles). [`vigente`] answers the one question the scheduler asks: which reminder is the
//! latest one due today — a server that was down catches up with that one only, never a burst.

use super::cuatrimestre::Periodo;
use super::inhabiles::DiasInhabiles;
use super::vencimiento::vencimiento;
use chrono::{Datelike, Duration, NaiveDate};

/// One of the five reminders.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Hito {
    /// First business day of the filing month.
    InicioMes,
    /// Seven business days before the due date.
    SieteDias,
    /// Two business days before the due date.
    DosDias,
    /// The due date.
    Vence,
    /// The next business day: late.
    Vencida,
}

impl Hito {
    /// Stable key (stored in the reminder's idempotency key).
    pub fn clave(self) -> &'static str {
        match self {
            Hito::InicioMes => "inicio_mes",
            Hito::SieteDias => "siete_dias",
            Hito::DosDias => "dos_dias",
            Hito::Vence => "vence",
            Hito::Vencida => "vencida",
        }
    }
}

/// Days after the "vencida" reminder during which a server that was down still sends it.
pub const GRACIA_VENCIDA_DIAS: i64 = 10;

/// `dias` business days before `fecha`.
pub fn habiles_antes(fecha: NaiveDate, dias: u32, inhabiles: &DiasInhabiles) -> NaiveDate {
    let mut d = fecha;
    let mut faltan = dias;
    // Bounded: a run of non-business days never spans a year.
    for _ in 0..400 {
        if faltan == 0 {
            break;
        }
        d = d.pred_opt().unwrap_or(d);
        if inhabiles.es_habil(d) {
            faltan -= 1;
        }
    }
    d
}

/// The first business day after `fecha`.
pub fn siguiente_habil(fecha: NaiveDate, inhabiles: &DiasInhabiles) -> NaiveDate {
    inhabiles
        .primer_habil_desde(fecha.succ_opt().unwrap_or(fecha))
        .0
}

/// The five reminder dates of `periodo`, in date order (two on one day keep the later kind).
pub fn hitos(periodo: Periodo, inhabiles: &DiasInhabiles) -> Vec<(Hito, NaiveDate)> {
    let vence = vencimiento(periodo, inhabiles).vence;
    let limite = periodo.limite_legal();
    let primero_del_mes = limite.with_day(1).unwrap_or(limite);
    let mut h = vec![
        (
            Hito::InicioMes,
            inhabiles.primer_habil_desde(primero_del_mes).0,
        ),
        (Hito::SieteDias, habiles_antes(vence, 7, inhabiles)),
        (Hito::DosDias, habiles_antes(vence, 2, inhabiles)),
        (Hito::Vence, vence),
        (Hito::Vencida, siguiente_habil(vence, inhabiles)),
    ];
    h.sort_by_key(|(hito, fecha)| (*fecha, *hito));
    // Two reminders on one day (a short month start): only the more urgent one.
    let mut unicos: Vec<(Hito, NaiveDate)> = Vec::with_capacity(h.len());
    for (hito, fecha) in h {
        match unicos.last_mut() {
            Some(ultimo) if ultimo.1 == fecha => *ultimo = (hito, fecha),
            _ => unicos.push((hito, fecha)),
        }
    }
    unicos
}

/// The reminder due on `hoy`, if any: the latest of the periods whose filing month is around
/// `hoy`, from its first reminder until [`GRACIA_VENCIDA_DIAS`] after "vencida".
pub fn vigente(hoy: NaiveDate, inhabiles: &DiasInhabiles) -> Option<(Periodo, Hito, NaiveDate)> {
    let actual = Periodo::que_contiene(hoy)?;
    let candidatos = [actual.anterior(), Some(actual)];
    candidatos.into_iter().flatten().find_map(|p| {
        let h = hitos(p, inhabiles);
        let (_, ultimo) = *h.last()?;
        if hoy > ultimo + Duration::days(GRACIA_VENCIDA_DIAS) {
            return None;
        }
        h.into_iter()
            .rev()
            .find(|(_, fecha)| *fecha <= hoy)
            .map(|(hito, fecha)| (p, hito, fecha))
    })
}

#[cfg(test)]
mod tests {
    use super::super::{Anio, Cuatrimestre};
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn p(anio: i64, n: u8) -> Periodo {
        Periodo::new(
            Anio::new(anio).unwrap(),
            Cuatrimestre::from_numero(n).unwrap(),
        )
    }

    #[test]
    fn the_third_period_of_2026_is_reminded_in_january_2027() {
        let ley = DiasInhabiles::solo_ley();
        // 17 January 2027 is a Sunday: due Monday 18. 1 January is a holiday (LFT 74).
        assert_eq!(
            hitos(p(2026, 3), &ley),
            vec![
                (Hito::InicioMes, d("2027-01-04")),
                (Hito::SieteDias, d("2027-01-07")),
                (Hito::DosDias, d("2027-01-14")),
                (Hito::Vence, d("2027-01-18")),
                (Hito::Vencida, d("2027-01-19")),
            ]
        );
    }

    #[test]
    fn walking_a_whole_filing_month_gives_each_reminder_on_its_day() {
        let ley = DiasInhabiles::solo_ley();
        let mut vistos = Vec::new();
        let mut dia = d("2026-12-20");
        while dia <= d("2027-02-10") {
            if let Some((per, hito, fecha)) = vigente(dia, &ley) {
                assert_eq!(per, p(2026, 3));
                if fecha == dia {
                    vistos.push(hito);
                }
            }
            dia = dia.succ_opt().unwrap();
        }
        assert_eq!(
            vistos,
            vec![
                Hito::InicioMes,
                Hito::SieteDias,
                Hito::DosDias,
                Hito::Vence,
                Hito::Vencida
            ]
        );
        // Nothing before the month, nothing long after.
        assert_eq!(vigente(d("2027-01-03"), &ley), None);
        assert_eq!(vigente(d("2027-02-10"), &ley), None);
    }

    #[test]
    fn a_server_down_for_days_catches_up_with_the_latest_reminder_only() {
        let ley = DiasInhabiles::solo_ley();
        // Down from the 5th to the 15th: the 15th owes "dos días" (the 14th), not the 7th's.
        assert_eq!(
            vigente(d("2027-01-15"), &ley),
            Some((p(2026, 3), Hito::DosDias, d("2027-01-14")))
        );
        assert_eq!(
            vigente(d("2027-01-25"), &ley).map(|v| v.1),
            Some(Hito::Vencida)
        );
    }

    #[test]
    fn declared_non_business_days_move_the_reminders() {
        let declarado = super::super::DiaInhabilDeclarado {
            fecha: d("2027-01-13"),
            descripcion: "Día inhábil declarado".into(),
            fuente: String::new(),
        };
        let dias = DiasInhabiles::con_declarados([&declarado]);
        let h = hitos(p(2026, 3), &dias);
        assert!(h.contains(&(Hito::DosDias, d("2027-01-14"))));
        // Seven business days before the 18th skipping the 13th: the 6th.
        assert!(h.contains(&(Hito::SieteDias, d("2027-01-06"))));
    }
}
