//! The server functions the informativa pages read and write through (issue 16: one data path).
//! Each passes the one session gate (`api::sesion::exigir_*`) and calls the `CasosInformativas`
//! port, which the server implements with the same methods its `/api/v1/informativas` handlers
//! call. Writes are `ActionForm`s: a plain `POST` without WebAssembly (then the server answers
//! with a redirect: back to the page, or to the page the action leads to), a fetch once hydrated.

use super::{
    ContratoDetalle, InformativaDetalle, InformativaFila, PaginaContratos, PaginaTrabajadores,
};
use crate::api::sesion::SesionActual;
use crate::api::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What `/informativas` shows: who is acting, the informativas, and the period to propose in
/// "Registrar informativa" (by the server's clock, so the form arrives with it already chosen).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DatosInformativas {
    /// The session.
    pub sesion: SesionActual,
    /// Newest period first.
    pub informativas: Vec<InformativaFila>,
    /// The year to propose.
    pub anio: i32,
    /// The period to propose (the previous one until its due date).
    pub periodo: u8,
    /// The years that can be filed, newest first.
    pub anios: Vec<i32>,
}

/// What `/informativas/{id}` shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DatosInformativa {
    /// The session (whether the contratista itself is in: it alone signs and sends back).
    pub sesion: SesionActual,
    /// The informativa.
    pub detalle: InformativaDetalle,
}

/// What `/informativas/{id}/contratos/{cid}` shows: the contract and a page of its workers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DatosContrato {
    /// The contract.
    pub contrato: ContratoDetalle,
    /// The page asked for.
    pub trabajadores: PaginaTrabajadores,
}

#[cfg(feature = "ssr")]
mod servidor {
    pub use crate::api::informativas::{AltaTrabajador, NuevaInformativa};
    pub use crate::api::ports::services;
    pub use crate::api::sesion::{exigir_contratista, exigir_titular, peticion};

    /// A plain form post (no WebAssembly yet) goes on to `ruta`; a hydrated page navigates there.
    pub fn ir_a(ruta: &str) {
        leptos_axum::redirect(ruta);
    }
}
#[cfg(feature = "ssr")]
use servidor::*;

/// `/informativas`.
#[server(prefix = "/api/fn", endpoint = "informativas")]
pub async fn vista_informativas() -> Result<DatosInformativas, AppError> {
    let s = exigir_contratista(peticion::actual())?;
    let services = services()?;
    let informativas = services.informativas.listar(&s).await?;
    let propuesta = crate::api::trabajadores::casos::propuesta(&services).await?;
    Ok(DatosInformativas {
        sesion: s,
        informativas,
        anio: propuesta.0,
        periodo: propuesta.1,
        anios: propuesta.2,
    })
}

/// "Registrar informativa": on success, to the new informativa's page.
#[server(prefix = "/api/fn", endpoint = "informativas/registrar")]
pub async fn registrar_informativa(
    anio: String,
    periodo: String,
    // No type is pre-selected, so an unanswered question arrives as no field at all.
    #[server(default)] tipo: String,
) -> Result<InformativaFila, AppError> {
    let s = exigir_contratista(peticion::actual())?;
    let i = services()?
        .informativas
        .crear(
            &s,
            &NuevaInformativa {
                anio,
                periodo,
                tipo,
            },
        )
        .await?;
    ir_a(&format!("/informativas/{}", i.id));
    Ok(i)
}

/// "Eliminar informativa" (a draft in capture): on success, to the list.
#[server(prefix = "/api/fn", endpoint = "informativas/eliminar")]
pub async fn eliminar_informativa(id: i64) -> Result<(), AppError> {
    let s = exigir_contratista(peticion::actual())?;
    services()?.informativas.borrar(&s, id).await?;
    ir_a("/informativas");
    Ok(())
}

/// `/informativas/{id}`.
#[server(prefix = "/api/fn", endpoint = "informativa")]
pub async fn vista_informativa(id: i64) -> Result<DatosInformativa, AppError> {
    let s = exigir_contratista(peticion::actual())?;
    let detalle = services()?.informativas.detalle(&s, id).await?;
    Ok(DatosInformativa { sesion: s, detalle })
}

/// The next page of an informativa's contracts.
#[server(prefix = "/api/fn", endpoint = "informativa/contratos")]
pub async fn mas_contratos(id: i64, despues: i64) -> Result<PaginaContratos, AppError> {
    let s = exigir_contratista(peticion::actual())?;
    services()?
        .informativas
        .pagina_contratos(&s, id, despues)
        .await
}

/// "Enviar a firma" (captura → en firma).
#[server(prefix = "/api/fn", endpoint = "informativa/enviar-firma")]
pub async fn enviar_a_firma(id: i64) -> Result<InformativaFila, AppError> {
    let s = exigir_contratista(peticion::actual())?;
    services()?.informativas.enviar_firma(&s, id).await
}

/// "Regresar a captura" (en firma → captura): the contratista only.
#[server(prefix = "/api/fn", endpoint = "informativa/regresar-captura")]
pub async fn regresar_a_captura(id: i64) -> Result<InformativaFila, AppError> {
    let s = exigir_titular(peticion::actual())?;
    services()?.informativas.regresar(&s, id).await
}

/// "Presentar complementaria": on success, to the new complementaria.
#[server(prefix = "/api/fn", endpoint = "informativa/complementaria")]
pub async fn presentar_complementaria(id: i64, tipo: String) -> Result<InformativaFila, AppError> {
    let s = exigir_contratista(peticion::actual())?;
    let n = services()?
        .informativas
        .complementaria(&s, id, &tipo)
        .await?;
    ir_a(&format!("/informativas/{}", n.id));
    Ok(n)
}

/// "Copiar" a contract: on success, to the copy's edit form (it is labelled as a copy there).
#[server(prefix = "/api/fn", endpoint = "contrato/copiar")]
pub async fn copiar_contrato(id: i64, cid: i64) -> Result<ContratoDetalle, AppError> {
    let s = exigir_contratista(peticion::actual())?;
    let c = services()?
        .informativas
        .copiar_contrato(&s, id, cid)
        .await?;
    ir_a(&format!(
        "/informativas/{id}/contratos/{}/editar?copia_de={cid}",
        c.id
    ));
    Ok(c)
}

/// "Eliminar" a contract with its workers: on success, to its informativa.
#[server(prefix = "/api/fn", endpoint = "contrato/eliminar")]
pub async fn eliminar_contrato(id: i64, cid: i64) -> Result<(), AppError> {
    let s = exigir_contratista(peticion::actual())?;
    services()?
        .informativas
        .borrar_contrato(&s, id, cid)
        .await?;
    ir_a(&format!("/informativas/{id}?contrato_eliminado=1"));
    Ok(())
}

/// `/informativas/{id}/contratos/{cid}` with a page of workers (`despues`: the cursor; `buscar`:
/// an NSS or CURP).
#[server(prefix = "/api/fn", endpoint = "contrato")]
pub async fn vista_contrato(
    id: i64,
    cid: i64,
    despues: Option<String>,
    buscar: Option<String>,
) -> Result<DatosContrato, AppError> {
    let s = exigir_contratista(peticion::actual())?;
    let services = services()?;
    let contrato = services.informativas.contrato(&s, id, cid).await?;
    let trabajadores = services
        .informativas
        .trabajadores(&s, id, cid, despues.as_deref(), buscar.as_deref())
        .await?;
    Ok(DatosContrato {
        contrato,
        trabajadores,
    })
}

/// "Agregar trabajador".
#[server(prefix = "/api/fn", endpoint = "trabajador/agregar")]
pub async fn agregar_trabajador(
    id: i64,
    cid: i64,
    nss: String,
    curp: String,
    sbc: String,
) -> Result<super::TrabajadorFila, AppError> {
    let s = exigir_contratista(peticion::actual())?;
    services()?
        .informativas
        .agregar_trabajador(&s, id, cid, &AltaTrabajador { nss, curp, sbc })
        .await
}

/// "Eliminar" one worker (after confirming): the NSS deleted comes back for the message.
#[server(prefix = "/api/fn", endpoint = "trabajador/eliminar")]
pub async fn eliminar_trabajador(id: i64, cid: i64, nss: String) -> Result<String, AppError> {
    let s = exigir_contratista(peticion::actual())?;
    services()?
        .informativas
        .borrar_trabajador(&s, id, cid, &nss)
        .await?;
    Ok(nss)
}

/// What the contract form starts with: the contratista's REPSE services, the informativa's
/// period (for the browser's instant checks), and the contract when editing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DatosFormularioContrato {
    /// The contratista's RFC (V03: it cannot contract with itself).
    pub rfc: String,
    /// The informativa's year.
    pub anio: i32,
    /// The informativa's period.
    pub periodo: u8,
    /// Whether it is still in capture.
    pub editable: bool,
    /// The contratista's REPSE services.
    pub servicios: Vec<crate::domain::cuenta::ServicioRepse>,
    /// The contract being edited.
    pub contrato: Option<crate::domain::informativas::Contrato>,
}

/// `/informativas/{id}/contratos/nuevo` and `…/{cid}/editar`.
#[server(prefix = "/api/fn", endpoint = "contrato/formulario")]
pub async fn vista_formulario_contrato(
    id: i64,
    cid: Option<i64>,
) -> Result<DatosFormularioContrato, AppError> {
    let s = exigir_contratista(peticion::actual())?;
    let services = services()?;
    let d = services.informativas.detalle(&s, id).await?;
    let contrato = match cid {
        Some(cid) => Some(services.informativas.contrato(&s, id, cid).await?.contrato),
        None => None,
    };
    Ok(DatosFormularioContrato {
        rfc: d.rfc,
        anio: d.informativa.anio,
        periodo: d.informativa.periodo,
        editable: d.informativa.estado.editable(),
        servicios: d.servicios,
        contrato,
    })
}

/// "Guardar contrato": adds (`cid` absent) or edits; on success, to the contract's page. The
/// form's fields are named `contrato[…]`, so a plain post before WebAssembly and the hydrated
/// form send the same thing.
#[server(prefix = "/api/fn", endpoint = "contrato/guardar")]
pub async fn guardar_contrato(
    id: i64,
    #[server(default)] cid: Option<i64>,
    contrato: crate::domain::informativas::ContratoEntrada,
) -> Result<ContratoDetalle, AppError> {
    let s = exigir_contratista(peticion::actual())?;
    let casos = services()?.informativas;
    let d = match cid {
        None => casos.agregar_contrato(&s, id, &contrato).await?,
        Some(cid) => casos.editar_contrato(&s, id, cid, &contrato).await?,
    };
    ir_a(&format!("/informativas/{id}/contratos/{}", d.id));
    Ok(d)
}

/// What the contract's "Carga masiva" needs: the informativa's year and period, and whether it is
/// still in capture. Read apart from the page's data so re-reading the workers after an upload
/// does not rebuild (and reset) the upload's own section.
#[server(prefix = "/api/fn", endpoint = "contrato/carga")]
pub async fn datos_carga(id: i64, cid: i64) -> Result<(i32, u8, bool), AppError> {
    let s = exigir_contratista(peticion::actual())?;
    let c = services()?.informativas.contrato(&s, id, cid).await?;
    let i = c.informativa;
    Ok((i.anio, i.periodo, i.estado.editable()))
}
