//! Non-business days: weekends, the LFT art. 74 holidays computed by rule, and the días inhábiles
//! an authority declares (kept as data, because IMSS declares them by Consejo Técnico agreement in
//! the DOF, e.g. 19–20 September 2017 after the earthquake).

use super::cuatrimestre::ymd;
use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// A holiday of LFT art. 74 (días de descanso obligatorio).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FeriadoLegal {
    /// Fr. I: 1 January.
    AnioNuevo,
    /// Fr. II: first Monday of February (Constitution day).
    Constitucion,
    /// Fr. III: third Monday of March (Benito Juárez).
    Juarez,
    /// Fr. IV: 1 May.
    Trabajo,
    /// Fr. V: 16 September.
    Independencia,
    /// Fr. VII: the day the Federal Executive changes, every six years: 1 October since the reform
    /// published in the DOF on 30-09-2024 (2024, 2030, …), 1 December before it (…, 2012, 2018).
    TransmisionEjecutivo,
    /// Fr. VI: third Monday of November (Revolution).
    Revolucion,
    /// Fr. VIII: 25 December.
    Navidad,
}

impl FeriadoLegal {
    /// How the holiday is named to the user, citing its legal basis.
    pub fn descripcion(self) -> &'static str {
        match self {
            FeriadoLegal::AnioNuevo => "Año Nuevo (LFT art. 74 fr. I)",
            FeriadoLegal::Constitucion => "Día de la Constitución (LFT art. 74 fr. II)",
            FeriadoLegal::Juarez => "Natalicio de Benito Juárez (LFT art. 74 fr. III)",
            FeriadoLegal::Trabajo => "Día del Trabajo (LFT art. 74 fr. IV)",
            FeriadoLegal::Independencia => "Día de la Independencia (LFT art. 74 fr. V)",
            FeriadoLegal::Revolucion => "Día de la Revolución (LFT art. 74 fr. VI)",
            FeriadoLegal::TransmisionEjecutivo => {
                "Transmisión del Poder Ejecutivo Federal (LFT art. 74 fr. VII)"
            }
            FeriadoLegal::Navidad => "Navidad (LFT art. 74 fr. VIII)",
        }
    }
}

/// The LFT art. 74 holidays of `anio`, in date order. Fr. IX (election days) is not listed:
/// ordinary elections are held on Sundays, which are never business days anyway.
pub fn feriados_legales(anio: i32) -> Vec<(NaiveDate, FeriadoLegal)> {
    let lunes = |mes: u32, n: u8| {
        NaiveDate::from_weekday_of_month_opt(anio, mes, Weekday::Mon, n).unwrap_or(NaiveDate::MIN)
    };
    let mut dias = vec![
        (ymd(anio, 1, 1), FeriadoLegal::AnioNuevo),
        (lunes(2, 1), FeriadoLegal::Constitucion),
        (lunes(3, 3), FeriadoLegal::Juarez),
        (ymd(anio, 5, 1), FeriadoLegal::Trabajo),
        (ymd(anio, 9, 16), FeriadoLegal::Independencia),
        (lunes(11, 3), FeriadoLegal::Revolucion),
        (ymd(anio, 12, 25), FeriadoLegal::Navidad),
    ];
    // Presidential terms start in years ≡ 2 (mod 6): 2012, 2018, 2024, 2030…
    if anio.rem_euclid(6) == 2 {
        let dia = if anio >= 2024 {
            ymd(anio, 10, 1)
        } else {
            ymd(anio, 12, 1)
        };
        dias.push((dia, FeriadoLegal::TransmisionEjecutivo));
    }
    dias.sort_by_key(|(fecha, _)| *fecha);
    dias
}

/// A día inhábil declared by an authority, as stored in the database.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DiaInhabilDeclarado {
    /// The civil date (Mexico City).
    pub fecha: NaiveDate,
    /// What it is, e.g. "Sismo del 19 de septiembre de 2017".
    pub descripcion: String,
    /// Where it was declared (DOF reference or URL), so anyone can check it.
    pub fuente: String,
}

/// Why a day is not a business day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MotivoInhabil {
    /// Saturdays are not business days.
    Sabado,
    /// Sundays are not business days.
    Domingo,
    /// A holiday by law.
    Feriado(FeriadoLegal),
    /// Declared by the authority (the description comes from the data).
    Declarado(String),
}

impl fmt::Display for MotivoInhabil {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MotivoInhabil::Sabado => f.write_str("sábado"),
            MotivoInhabil::Domingo => f.write_str("domingo"),
            MotivoInhabil::Feriado(feriado) => f.write_str(feriado.descripcion()),
            MotivoInhabil::Declarado(desc) => write!(f, "día inhábil declarado: {desc}"),
        }
    }
}

/// The non-business days in force: the rules plus the declared days the caller loaded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DiasInhabiles {
    declarados: BTreeMap<NaiveDate, String>,
}

impl DiasInhabiles {
    /// Only weekends and the holidays of the law.
    pub fn solo_ley() -> Self {
        Self::default()
    }

    /// Weekends, the law, and these declared days.
    pub fn con_declarados<'a>(dias: impl IntoIterator<Item = &'a DiaInhabilDeclarado>) -> Self {
        let declarados = dias
            .into_iter()
            .map(|d| (d.fecha, d.descripcion.clone()))
            .collect();
        DiasInhabiles { declarados }
    }

    /// Why `fecha` is not a business day, or `None` when it is one. Weekends come first, then the
    /// law, then declarations, so the reason shown is the most general one.
    pub fn motivo(&self, fecha: NaiveDate) -> Option<MotivoInhabil> {
        match fecha.weekday() {
            Weekday::Sat => return Some(MotivoInhabil::Sabado),
            Weekday::Sun => return Some(MotivoInhabil::Domingo),
            _ => {}
        }
        if let Some((_, feriado)) = feriados_legales(fecha.year())
            .into_iter()
            .find(|(dia, _)| *dia == fecha)
        {
            return Some(MotivoInhabil::Feriado(feriado));
        }
        self.declarados
            .get(&fecha)
            .map(|desc| MotivoInhabil::Declarado(desc.clone()))
    }

    /// Whether `fecha` is a business day.
    pub fn es_habil(&self, fecha: NaiveDate) -> bool {
        self.motivo(fecha).is_none()
    }

    /// The first business day on or after `fecha`, with every day skipped and why.
    pub fn primer_habil_desde(
        &self,
        fecha: NaiveDate,
    ) -> (NaiveDate, Vec<(NaiveDate, MotivoInhabil)>) {
        let mut dia = fecha;
        let mut saltados = Vec::new();
        // Weekends and holidays never form a run longer than a few days; the bound only guards
        // against absurd data (a whole year declared inhábil) turning into an endless loop.
        for _ in 0..400 {
            match self.motivo(dia) {
                None => return (dia, saltados),
                Some(motivo) => {
                    saltados.push((dia, motivo));
                    match dia.succ_opt() {
                        Some(siguiente) => dia = siguiente,
                        None => break,
                    }
                }
            }
        }
        (dia, saltados)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fechas(anio: i32) -> Vec<String> {
        feriados_legales(anio)
            .iter()
            .map(|(d, _)| d.format("%m-%d").to_string())
            .collect()
    }

    #[test]
    fn lft_74_holidays_match_the_published_tables() {
        // domain.md §9.4 (computed from LFT art. 74 and checked against the official calendars).
        assert_eq!(
            fechas(2024),
            ["01-01", "02-05", "03-18", "05-01", "09-16", "10-01", "11-18", "12-25"]
        );
        assert_eq!(
            fechas(2025),
            ["01-01", "02-03", "03-17", "05-01", "09-16", "11-17", "12-25"]
        );
        assert_eq!(
            fechas(2026),
            ["01-01", "02-02", "03-16", "05-01", "09-16", "11-16", "12-25"]
        );
        assert_eq!(
            fechas(2027),
            ["01-01", "02-01", "03-15", "05-01", "09-16", "11-15", "12-25"]
        );
        assert!(fechas(2030).contains(&"10-01".to_string()));
    }

    #[test]
    fn the_change_of_executive_was_on_1_december_before_the_2024_reform() {
        assert!(fechas(2018).contains(&"12-01".to_string()));
        assert!(!fechas(2018).contains(&"10-01".to_string()));
        assert!(!fechas(2026).iter().any(|d| d == "10-01" || d == "12-01"));
    }

    #[test]
    fn weekends_holidays_and_declared_days_are_not_business_days() {
        let declarado = DiaInhabilDeclarado {
            fecha: ymd(2017, 9, 20),
            descripcion: "Sismo del 19 de septiembre de 2017".into(),
            fuente: "DOF".into(),
        };
        let dias = DiasInhabiles::con_declarados([&declarado]);
        assert_eq!(dias.motivo(ymd(2026, 5, 16)), Some(MotivoInhabil::Sabado));
        assert_eq!(dias.motivo(ymd(2026, 5, 17)), Some(MotivoInhabil::Domingo));
        assert_eq!(
            dias.motivo(ymd(2026, 5, 1)),
            Some(MotivoInhabil::Feriado(FeriadoLegal::Trabajo))
        );
        assert_eq!(
            dias.motivo(ymd(2017, 9, 20)),
            Some(MotivoInhabil::Declarado(
                "Sismo del 19 de septiembre de 2017".into()
            ))
        );
        assert!(dias.es_habil(ymd(2026, 5, 18)));
        assert!(DiasInhabiles::solo_ley().es_habil(ymd(2017, 9, 20)));
    }

    #[test]
    fn the_first_business_day_skips_a_long_weekend_and_says_why() {
        // Saturday 14, Sunday 15 and Monday 16 November 2026 (Revolution day).
        let (dia, saltados) = DiasInhabiles::solo_ley().primer_habil_desde(ymd(2026, 11, 14));
        assert_eq!(dia, ymd(2026, 11, 17));
        let motivos: Vec<String> = saltados.iter().map(|(_, m)| m.to_string()).collect();
        assert_eq!(
            motivos,
            [
                "sábado",
                "domingo",
                "Día de la Revolución (LFT art. 74 fr. VI)"
            ]
        );
    }
}
