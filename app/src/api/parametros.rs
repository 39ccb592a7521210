//! The yearly legal figures as the public page `/cifras` and `GET /api/v1/parametros` show
//! them: every UMA and minimum wage with its start date and source, and which ones apply today.

use crate::api::AppError;
use crate::domain::dinero::{Concepto, Parametro, Vigente};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What applies today for one concept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct VigenteHoy {
    /// The concept.
    pub concepto: Concepto,
    /// The figure in force (or the latest, while the next one is not published).
    pub vigente: Vigente,
}

/// The figures table with today's figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TablaCifras {
    /// Every figure, by concept then date.
    pub parametros: Vec<Parametro>,
    /// Today's figure of each concept (absent when the table has none).
    pub hoy: Vec<VigenteHoy>,
}

/// The figures, for the `/cifras` page.
#[server(prefix = "/api/fn", endpoint = "cifras-anuales")]
pub async fn cifras_anuales() -> Result<TablaCifras, AppError> {
    let services = use_context::<crate::api::ports::Services>().ok_or_else(AppError::internal)?;
    casos::cifras(&services).await
}

/// The use case (server only), shared by the page and `/api/v1/parametros`.
#[cfg(feature = "ssr")]
pub mod casos {
    use super::{TablaCifras, VigenteHoy};
    use crate::api::ports::Services;
    use crate::api::AppError;
    use crate::domain::calendar::a_hora_centro;
    use crate::domain::dinero::Concepto;

    /// Every figure and today's ones, by the server's clock.
    pub async fn cifras(services: &Services) -> Result<TablaCifras, AppError> {
        let tabla = crate::api::trabajadores::casos::salarios(services).await?;
        let hoy = a_hora_centro(services.clock.now()).date_naive();
        Ok(TablaCifras {
            hoy: Concepto::TODOS
                .into_iter()
                .filter_map(|concepto| {
                    tabla
                        .vigente(concepto, hoy)
                        .ok()
                        .map(|vigente| VigenteHoy { concepto, vigente })
                })
                .collect(),
            parametros: tabla.parametros().to_vec(),
        })
    }
}
