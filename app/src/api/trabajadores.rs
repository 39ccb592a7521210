//! What the `/validar` page and the bulk upload need from the server before they validate
//! anything in the browser: the file limits in force, the UMA and minimum-wage figures, the years
//! that can be filed and the period to suggest. The file itself never leaves the browser.

use crate::api::AppError;
use crate::domain::dinero::TablaSalarios;
use crate::domain::trabajadores::LimitesArchivo;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The page's starting data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct InicioValidacion {
    /// Limits per file.
    pub limites: LimitesArchivo,
    /// Suggested year.
    pub anio: i32,
    /// Suggested period (1–3).
    pub periodo: u8,
    /// Every year that can be filed, from the obligation's first to the current one, newest first.
    pub anios: Vec<i32>,
    /// The UMA and minimum-wage figures (the browser computes the SBC limits from them).
    pub salarios: TablaSalarios,
}

/// The limits, the figures and the suggested period: the one whose informativa is being
/// prepared now.
#[server(prefix = "/api/fn", endpoint = "datos-validacion")]
pub async fn datos_validacion() -> Result<InicioValidacion, AppError> {
    let services = use_context::<crate::api::ports::Services>().ok_or_else(AppError::internal)?;
    casos::datos(&services).await
}

/// The use cases (server only).
#[cfg(feature = "ssr")]
pub mod casos {
    use super::InicioValidacion;
    use crate::api::calendario::casos::inhabiles;
    use crate::api::ports::Services;
    use crate::api::AppError;
    use crate::domain::calendar::{
        a_hora_centro, rango_de_inhabiles, vencimiento, Anio, DiasInhabiles, Periodo,
    };
    use chrono::{Datelike, NaiveDate};

    /// The period a capturista prepares on `hoy`: the previous one until its **due date** (the
    /// legal 17th of LSS art. 15-A moved to the next business day, Lineamientos 5.4–5.5), then
    /// the current one.
    pub fn periodo_sugerido(hoy: NaiveDate, inhabiles: &DiasInhabiles) -> Option<Periodo> {
        let actual = Periodo::que_contiene(hoy)?;
        Some(match actual.anterior() {
            Some(anterior) if hoy <= vencimiento(anterior, inhabiles).vence => anterior,
            _ => actual,
        })
    }

    /// The years that can be filed on `hoy`: from the first year of the obligation (2021) to the
    /// current one, newest first. Figures that are not published yet never shorten this list.
    pub fn anios_presentables(hoy: NaiveDate) -> Vec<i32> {
        (Anio::MIN..=hoy.year().clamp(Anio::MIN, Anio::MAX))
            .rev()
            .collect()
    }

    /// The figures table, or `database_unavailable` when it cannot be read.
    pub async fn salarios(
        services: &Services,
    ) -> Result<crate::domain::dinero::TablaSalarios, AppError> {
        services.parametros.tabla().await.map_err(|e| {
            tracing::error!(error.cause_chain = ?e, "no se pudieron leer las cifras anuales");
            AppError::database_unavailable()
        })
    }

    /// The page's data by the server's clock.
    /// The year and period to propose by the server's clock, and the years that can be filed:
    /// what "Registrar informativa" and `/validar` start with.
    pub async fn propuesta(services: &Services) -> Result<(i32, u8, Vec<i32>), AppError> {
        let hoy = a_hora_centro(services.clock.now()).date_naive();
        let (desde, _) = rango_de_inhabiles(hoy.year() - 1);
        let (_, hasta) = rango_de_inhabiles(hoy.year());
        let dias = inhabiles(services.dias_inhabiles.as_ref(), (desde, hasta)).await?;
        let (anio, periodo) = periodo_sugerido(hoy, &dias)
            .map_or((hoy.year(), 1), |p| (p.anio.get(), p.cuatrimestre.numero()));
        Ok((anio, periodo, anios_presentables(hoy)))
    }

    /// The page's data.
    pub async fn datos(services: &Services) -> Result<InicioValidacion, AppError> {
        let (anio, periodo, anios) = propuesta(services).await?;
        Ok(InicioValidacion {
            limites: services.limites_csv,
            anio,
            periodo,
            anios,
            salarios: salarios(services).await?,
        })
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::domain::calendar::DiaInhabilDeclarado;

        fn d(a: i32, m: u32, dia: u32) -> NaiveDate {
            NaiveDate::from_ymd_opt(a, m, dia).unwrap()
        }

        fn sugerido(hoy: NaiveDate) -> (i32, u8) {
            let p = periodo_sugerido(hoy, &DiasInhabiles::solo_ley()).unwrap();
            (p.anio.get(), p.cuatrimestre.numero())
        }

        #[test]
        fn the_previous_period_is_suggested_until_its_due_date() {
            assert_eq!(sugerido(d(2026, 5, 10)), (2026, 1));
            assert_eq!(sugerido(d(2026, 11, 21)), (2026, 3));
            assert_eq!(sugerido(d(2026, 9, 18)), (2026, 3));
        }

        #[test]
        fn a_17th_on_a_sunday_moves_the_switch_to_monday_the_18th() {
            // 17 May 2026 is a Sunday: the real deadline is Monday 18 May.
            assert_eq!(sugerido(d(2026, 5, 18)), (2026, 1));
            assert_eq!(sugerido(d(2026, 5, 19)), (2026, 2));
        }

        #[test]
        fn a_declared_dia_inhabil_moves_the_switch_too() {
            let dias = DiasInhabiles::con_declarados(&[DiaInhabilDeclarado {
                fecha: d(2026, 9, 17),
                descripcion: "x".into(),
                fuente: "DOF".into(),
            }]);
            let p = periodo_sugerido(d(2026, 9, 18), &dias).unwrap();
            assert_eq!((p.anio.get(), p.cuatrimestre.numero()), (2026, 2));
        }

        #[test]
        fn periods_of_2027_and_2028_are_suggested_without_figures() {
            assert_eq!(sugerido(d(2027, 1, 10)), (2026, 3));
            assert_eq!(sugerido(d(2027, 3, 1)), (2027, 1));
            assert_eq!(sugerido(d(2028, 6, 1)), (2028, 2));
        }

        #[test]
        fn the_years_come_from_the_calendar() {
            assert_eq!(anios_presentables(d(2027, 1, 10)).first(), Some(&2027));
            assert_eq!(anios_presentables(d(2028, 2, 1)).len(), 8);
            assert_eq!(anios_presentables(d(2028, 2, 1)).last(), Some(&2021));
        }
    }
}
