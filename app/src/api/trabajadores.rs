//! What the `/validar` page needs from the server before it validates anything in the browser:
//! the file limits in force and the period to suggest. The file itself never leaves the browser.

use crate::api::AppError;
use crate::domain::trabajadores::LimitesArchivo;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The page's starting data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InicioValidacion {
    /// Limits per file.
    pub limites: LimitesArchivo,
    /// Suggested year.
    pub anio: i32,
    /// Suggested period (1–3).
    pub periodo: u8,
    /// Years whose SBC limits are known, newest first.
    pub anios: Vec<i32>,
}

/// The limits and the suggested period: the one whose informativa is being prepared now.
#[server(prefix = "/api/fn", endpoint = "datos-validacion")]
pub async fn datos_validacion() -> Result<InicioValidacion, AppError> {
    let services = use_context::<crate::api::ports::Services>().ok_or_else(AppError::internal)?;
    Ok(casos::datos(&services))
}

/// The use case (server only).
#[cfg(feature = "ssr")]
pub mod casos {
    use super::InicioValidacion;
    use crate::api::ports::Services;
    use crate::domain::calendar::{a_hora_centro, Periodo};
    use crate::domain::dinero::TablaSalarios;
    use chrono::NaiveDate;

    /// The period a capturista prepares on `hoy`: the previous one until its legal deadline
    /// (LSS art. 15-A: the 17th of the month after it ends), then the current one. Never a
    /// year without SBC figures.
    pub fn periodo_sugerido(hoy: NaiveDate) -> Option<(i32, u8)> {
        let actual = Periodo::que_contiene(hoy)?;
        let periodo = match actual.anterior() {
            Some(anterior) if hoy <= anterior.limite_legal() => anterior,
            _ => actual,
        };
        let ultimo = TablaSalarios::anios().last().copied()?;
        if periodo.anio.get() > ultimo {
            return Some((ultimo, 3));
        }
        Some((periodo.anio.get(), periodo.cuatrimestre.numero()))
    }

    /// The page's data by the server's clock.
    pub fn datos(services: &Services) -> InicioValidacion {
        let hoy = a_hora_centro(services.clock.now()).date_naive();
        let mut anios = TablaSalarios::anios();
        anios.reverse();
        let (anio, periodo) =
            periodo_sugerido(hoy).unwrap_or((anios.first().copied().unwrap_or(2026), 1));
        InicioValidacion {
            limites: services.limites_csv,
            anio,
            periodo,
            anios,
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn d(a: i32, m: u32, dia: u32) -> NaiveDate {
            NaiveDate::from_ymd_opt(a, m, dia).unwrap()
        }

        #[test]
        fn the_previous_period_is_suggested_until_its_deadline() {
            assert_eq!(periodo_sugerido(d(2026, 5, 10)), Some((2026, 1)));
            assert_eq!(periodo_sugerido(d(2026, 5, 18)), Some((2026, 2)));
            assert_eq!(periodo_sugerido(d(2026, 11, 21)), Some((2026, 3)));
        }

        #[test]
        fn a_year_without_figures_falls_back_to_the_last_known_period() {
            assert_eq!(periodo_sugerido(d(2027, 1, 10)), Some((2026, 3)));
            assert_eq!(periodo_sugerido(d(2027, 3, 1)), Some((2026, 3)));
        }
    }
}
