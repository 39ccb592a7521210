//! The filing calendar as the UI and the REST API ask for it.
//!
//! `casos` holds the use cases (load declared días inhábiles, ask the domain); the server
//! function and the plain `/api/v1/calendario` routes both call them, so the page and the API can
//! never disagree.

use crate::api::AppError;
use crate::domain::calendar::{CalendarioAnual, SituacionActual};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the calendar page shows: a year's calendar and where today stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DatosCalendario {
    /// The requested year (the current one when none was asked for).
    pub calendario: CalendarioAnual,
    /// Today, by the server's clock.
    pub situacion: SituacionActual,
}

/// The calendar of `anio` (as typed in the URL; `None` means the current year) and today's
/// situation.
#[server(prefix = "/api/fn", endpoint = "calendario")]
pub async fn vista_calendario(anio: Option<String>) -> Result<DatosCalendario, AppError> {
    let services = use_context::<ports::Services>().ok_or_else(AppError::internal)?;
    casos::vista(&services, anio.as_deref()).await
}

#[cfg(feature = "ssr")]
use crate::api::ports;

/// The use cases behind the calendar (server only).
#[cfg(feature = "ssr")]
pub mod casos {
    use super::DatosCalendario;
    use crate::api::ports::Services;
    use crate::api::AppError;
    use crate::domain::calendar::{
        a_hora_centro, calendario_anual, rango_de_inhabiles, situacion_actual, Anio,
        CalendarioAnual, DiasInhabiles, SituacionActual,
    };
    use chrono::{Datelike, NaiveDate};

    /// The declared días inhábiles between two dates, with the LFT art. 74 holidays.
    pub async fn inhabiles(
        repo: &dyn crate::api::ports::DiasInhabilesRepo,
        (desde, hasta): (NaiveDate, NaiveDate),
    ) -> Result<DiasInhabiles, AppError> {
        let dias = repo.entre(desde, hasta).await.map_err(|e| {
            tracing::error!(error.cause_chain = ?e, "no se pudieron leer los días inhábiles");
            AppError::database_unavailable()
        })?;
        Ok(DiasInhabiles::con_declarados(&dias))
    }

    /// The calendar of a year given as text (`"2026"`); bad input gets a domain error.
    pub async fn calendario(services: &Services, anio: &str) -> Result<CalendarioAnual, AppError> {
        let anio = Anio::parse(anio).map_err(|e| AppError::domain(&e))?;
        let dias = inhabiles(
            services.dias_inhabiles.as_ref(),
            rango_de_inhabiles(anio.get()),
        )
        .await?;
        Ok(calendario_anual(anio, &dias))
    }

    /// Where the server's "now" stands in the calendar.
    pub async fn situacion(services: &Services) -> Result<SituacionActual, AppError> {
        let ahora = services.clock.now();
        // The deadlines in play are last year's third period (due in January) and this year's
        // periods (the last one due next January).
        let anio = a_hora_centro(ahora).year();
        let (desde, _) = rango_de_inhabiles(anio - 1);
        let (_, hasta) = rango_de_inhabiles(anio);
        let dias = inhabiles(services.dias_inhabiles.as_ref(), (desde, hasta)).await?;
        Ok(situacion_actual(ahora, &dias))
    }

    /// The page's data: the requested year (default: the current one) and today's situation.
    pub async fn vista(
        services: &Services,
        anio: Option<&str>,
    ) -> Result<DatosCalendario, AppError> {
        let situacion = situacion(services).await?;
        let anio = match anio.map(str::trim).filter(|a| !a.is_empty()) {
            Some(a) => a.to_string(),
            None => situacion.hoy.year().clamp(Anio::MIN, Anio::MAX).to_string(),
        };
        Ok(DatosCalendario {
            calendario: calendario(services, &anio).await?,
            situacion,
        })
    }
}
