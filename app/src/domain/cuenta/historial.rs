//! The contratista's REPSE registrations over time. The STPS renews a registration every three
//! years (LFT art. 15 and the REPSE rules), and a renewal may add or drop services; a contract is
//! checked (V04) against the services registered on **its start date**, so a Corrección of an old
//! period is not blocked by today's list.

use super::{Repse, ServicioRepse};
use chrono::NaiveDate;

/// Every registration the contratista saved, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HistorialRepse {
    registros: Vec<Repse>,
}

impl HistorialRepse {
    /// A history over these registrations (any order; one per registration date).
    pub fn nuevo(mut registros: Vec<Repse>) -> Self {
        registros.sort_by_key(|r| r.fecha_registro);
        registros.dedup_by_key(|r| r.fecha_registro);
        HistorialRepse { registros }
    }

    /// The services registered on `fecha`: those of the newest registration dated on or before
    /// it. A date before every saved registration uses the oldest one (earlier ones were never
    /// captured, and refusing would block the contratista for data ICSOE does not have).
    pub fn servicios_en(&self, fecha: NaiveDate) -> &[ServicioRepse] {
        self.registros
            .iter()
            .rfind(|r| r.fecha_registro <= fecha)
            .or_else(|| self.registros.first())
            .map_or(&[], |r| r.servicios.as_slice())
    }

    /// Every service ever registered, one per folio (the newest description), newest
    /// registration first: what a contract form offers.
    pub fn todos_los_servicios(&self) -> Vec<ServicioRepse> {
        let mut vistos = std::collections::HashSet::new();
        self.registros
            .iter()
            .rev()
            .flat_map(|r| r.servicios.iter())
            .filter(|s| vistos.insert(s.folio.to_uppercase()))
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: i32, m: u32, dia: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(a, m, dia).unwrap()
    }

    fn registro(fecha: NaiveDate, folios: &[&str]) -> Repse {
        Repse {
            numero: "AR1/2021".into(),
            fecha_registro: fecha,
            servicios: folios
                .iter()
                .map(|f| ServicioRepse {
                    folio: (*f).into(),
                    descripcion: format!("Servicio {f}"),
                })
                .collect(),
        }
    }

    fn folios(s: &[ServicioRepse]) -> Vec<&str> {
        s.iter().map(|s| s.folio.as_str()).collect()
    }

    #[test]
    fn a_contract_is_checked_against_the_registration_in_force_on_its_start_date() {
        let h = HistorialRepse::nuevo(vec![
            registro(d(2024, 9, 1), &["NUEVO"]),
            registro(d(2021, 9, 1), &["VIEJO", "COMUN"]),
        ]);
        assert_eq!(folios(h.servicios_en(d(2023, 5, 1))), ["VIEJO", "COMUN"]);
        assert_eq!(folios(h.servicios_en(d(2024, 9, 1))), ["NUEVO"]);
        assert_eq!(folios(h.servicios_en(d(2020, 1, 1))), ["VIEJO", "COMUN"]);
        assert_eq!(
            folios(&h.todos_los_servicios()),
            ["NUEVO", "VIEJO", "COMUN"]
        );
    }

    #[test]
    fn an_empty_history_has_no_services() {
        assert!(HistorialRepse::default()
            .servicios_en(d(2026, 1, 1))
            .is_empty());
    }
}
