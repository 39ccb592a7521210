//! The due date of a period: the legal 17th moved to the next business day.

use super::cuatrimestre::Periodo;
use super::inhabiles::{DiasInhabiles, MotivoInhabil};
use super::zona::fin_del_dia;
use chrono::{DateTime, FixedOffset, NaiveDate};

/// When the informativa of a period is due.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vencimiento {
    /// The period it belongs to.
    pub periodo: Periodo,
    /// The 17th named by LSS art. 15-A.
    pub limite_legal: NaiveDate,
    /// The due date: the first business day on or after `limite_legal` (Lineamientos 5.4–5.5).
    pub vence: NaiveDate,
    /// The non-business days between the two, and why each one is not a business day.
    pub dias_recorridos: Vec<(NaiveDate, MotivoInhabil)>,
    /// The last instant a filing is on time: 23:59:59 of `vence`, central Mexico time.
    pub fin_plazo: DateTime<FixedOffset>,
}

/// Computes the due date of `periodo` with the non-business days in force.
pub fn vencimiento(periodo: Periodo, inhabiles: &DiasInhabiles) -> Vencimiento {
    let limite_legal = periodo.limite_legal();
    let (vence, dias_recorridos) = inhabiles.primer_habil_desde(limite_legal);
    Vencimiento {
        periodo,
        limite_legal,
        vence,
        dias_recorridos,
        fin_plazo: fin_del_dia(vence),
    }
}

#[cfg(test)]
mod tests {
    use super::super::anio::Anio;
    use super::super::cuatrimestre::Cuatrimestre;
    use super::super::inhabiles::DiaInhabilDeclarado;
    use super::*;
    use chrono::{Datelike, Weekday};
    use proptest::prelude::*;

    fn vence(anio: i32, n: u8) -> String {
        let periodo = Periodo::new(
            Anio::new(i64::from(anio)).unwrap(),
            Cuatrimestre::from_numero(n).unwrap(),
        );
        vencimiento(periodo, &DiasInhabiles::solo_ley())
            .vence
            .to_string()
    }

    /// domain.md §9.4: every deadline from 2021 to 2030 (LFT 74 + weekends).
    #[test]
    fn deadlines_2021_to_2030_match_the_published_table() {
        let tabla = [
            (2021, ["2021-05-17", "2021-09-17", "2022-01-17"]),
            (2022, ["2022-05-17", "2022-09-19", "2023-01-17"]),
            (2023, ["2023-05-17", "2023-09-18", "2024-01-17"]),
            (2024, ["2024-05-17", "2024-09-17", "2025-01-17"]),
            (2025, ["2025-05-19", "2025-09-17", "2026-01-19"]),
            (2026, ["2026-05-18", "2026-09-17", "2027-01-18"]),
            (2027, ["2027-05-17", "2027-09-17", "2028-01-17"]),
            (2028, ["2028-05-17", "2028-09-18", "2029-01-17"]),
            (2029, ["2029-05-17", "2029-09-17", "2030-01-17"]),
            (2030, ["2030-05-17", "2030-09-17", "2031-01-17"]),
        ];
        for (anio, esperado) in tabla {
            let calculado = [vence(anio, 1), vence(anio, 2), vence(anio, 3)];
            assert_eq!(calculado, esperado.map(String::from), "año {anio}");
        }
    }

    #[test]
    fn a_sunday_deadline_moves_to_monday_and_records_why() {
        let periodo = Periodo::new(Anio::new(2026).unwrap(), Cuatrimestre::Primero);
        let v = vencimiento(periodo, &DiasInhabiles::solo_ley());
        assert_eq!(v.limite_legal.to_string(), "2026-05-17");
        assert_eq!(v.vence.to_string(), "2026-05-18");
        assert_eq!(
            v.dias_recorridos,
            vec![(v.limite_legal, MotivoInhabil::Domingo)]
        );
        assert_eq!(v.fin_plazo.to_rfc3339(), "2026-05-18T23:59:59-06:00");
    }

    #[test]
    fn a_declared_dia_inhabil_moves_the_deadline_again() {
        let declarado = DiaInhabilDeclarado {
            fecha: NaiveDate::from_ymd_opt(2026, 9, 17).unwrap(),
            descripcion: "Declaratoria de prueba".into(),
            fuente: "prueba".into(),
        };
        let periodo = Periodo::new(Anio::new(2026).unwrap(), Cuatrimestre::Segundo);
        let v = vencimiento(periodo, &DiasInhabiles::con_declarados([&declarado]));
        assert_eq!(v.vence.to_string(), "2026-09-18");
    }

    fn declarados() -> impl Strategy<Value = Vec<DiaInhabilDeclarado>> {
        // Random declared days in the deadline months, so they actually collide with the 17th.
        let dia = (
            2021i32..=2100,
            prop_oneof![Just(1u32), Just(5u32), Just(9u32)],
            14u32..=28,
        );
        proptest::collection::vec(dia, 0..6).prop_map(|dias| {
            dias.into_iter()
                .filter_map(|(a, m, d)| NaiveDate::from_ymd_opt(a, m, d))
                .map(|fecha| DiaInhabilDeclarado {
                    fecha,
                    descripcion: "aleatorio".into(),
                    fuente: "proptest".into(),
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn the_due_date_is_always_a_business_day_on_or_after_the_17th(
            anio in 2021i32..=2100,
            n in 1u8..=3,
            dias in declarados(),
        ) {
            let inhabiles = DiasInhabiles::con_declarados(&dias);
            let periodo = Periodo::new(Anio::new(i64::from(anio)).unwrap(), Cuatrimestre::from_numero(n).unwrap());
            let v = vencimiento(periodo, &inhabiles);
            prop_assert!(v.vence >= v.limite_legal);
            prop_assert_eq!(v.limite_legal.day(), 17);
            prop_assert!(inhabiles.es_habil(v.vence));
            prop_assert!(!matches!(v.vence.weekday(), Weekday::Sat | Weekday::Sun));
            // Every day skipped really was a non-business day, and none was left out.
            let saltados = (v.vence - v.limite_legal).num_days();
            prop_assert_eq!(usize::try_from(saltados).unwrap(), v.dias_recorridos.len());
            for (dia, _) in &v.dias_recorridos {
                prop_assert!(!inhabiles.es_habil(*dia));
            }
        }
    }
}
