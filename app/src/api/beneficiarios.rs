//! Beneficiario access (issue 18; Lineamientos 7). A contratista authorises a client by RFC on
//! `/autorizaciones` (and revokes it there, where it also sees every access); the client, logged
//! in with its own e.firma, opens `/mis-proveedores`: per provider that authorised it, the
//! presented informativas naming it as contratante, those contracts and their workers, the acuse
//! and the verification. Both pages and their actions pass the one session gate (the titular
//! with its e.firma) and call the `CasosBeneficiarios` port.

use crate::api::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A client the contratista authorised.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Autorizado {
    /// Its RFC.
    pub rfc: String,
    /// Since (DD/MM/AAAA).
    pub desde: String,
}

/// One audited access.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Acceso {
    /// DD/MM/AAAA HH:MM, central time.
    pub cuando: String,
    /// The client's RFC.
    pub rfc: String,
    /// What it did, in words.
    pub que: String,
}

/// `/autorizaciones`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Autorizaciones {
    /// In force.
    pub autorizados: Vec<Autorizado>,
    /// The latest accesses, newest first (at most 100).
    pub accesos: Vec<Acceso>,
}

/// A worker as the client sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TrabajadorCliente {
    /// NSS.
    pub nss: String,
    /// CURP.
    pub curp: String,
    /// SBC, "$450.50".
    pub sbc: String,
}

/// One of the client's contracts in a provider's filing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ContratoCliente {
    /// The REPSE service.
    pub servicio: String,
    /// Objeto del contrato.
    pub objeto: String,
    /// DD/MM/AAAA.
    pub inicio: String,
    /// DD/MM/AAAA or empty.
    pub termino: String,
    /// Workers reported.
    pub trabajadores: u64,
    /// The first ones (the XLSX has every one).
    pub muestra: Vec<TrabajadorCliente>,
}

/// A presented informativa of a provider that names the client.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct InformativaCliente {
    /// Id (the acuse URL).
    pub id: i64,
    /// Folio.
    pub folio: String,
    /// "tercer cuatrimestre de 2026 (septiembre-diciembre)".
    pub periodo: String,
    /// "Normal", "Complementaria de corrección".
    pub tipo: String,
    /// "Vigente" or "Sustituida por una corrección" / "Sin efectos".
    pub estado: String,
    /// DD/MM/AAAA.
    pub presentada: String,
    /// The public verification link.
    pub verificacion: String,
    /// Its contracts with the client.
    pub contratos: Vec<ContratoCliente>,
}

/// A provider that authorised the client.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Proveedor {
    /// Its RFC.
    pub rfc: String,
    /// Its name (from its filings or its account).
    pub nombre: String,
    /// Authorised since (DD/MM/AAAA).
    pub desde: String,
    /// Newest first.
    pub informativas: Vec<InformativaCliente>,
}

/// `/autorizaciones`: the contratista's authorised clients and the audit.
#[server(prefix = "/api/fn", endpoint = "autorizaciones")]
pub async fn vista_autorizaciones() -> Result<Autorizaciones, AppError> {
    use crate::api::sesion::{exigir_titular, peticion};
    let s = exigir_titular(peticion::actual())?;
    crate::api::ports::services()?
        .beneficiarios
        .autorizaciones(&s.rfc)
        .await
}

/// "Autorizar": the client with this RFC may see its contracts in detail.
#[server(prefix = "/api/fn", endpoint = "autorizaciones/nueva")]
pub async fn autorizar_beneficiario(rfc: String) -> Result<(), AppError> {
    use crate::api::sesion::{exigir_titular, peticion};
    let s = exigir_titular(peticion::actual())?;
    crate::api::ports::services()?
        .beneficiarios
        .autorizar(&s.rfc, &rfc)
        .await?;
    leptos_axum::redirect("/autorizaciones?hecho=autorizado");
    Ok(())
}

/// "Revocar": it no longer sees anything.
#[server(prefix = "/api/fn", endpoint = "autorizaciones/revocar")]
pub async fn revocar_beneficiario(rfc: String) -> Result<(), AppError> {
    use crate::api::sesion::{exigir_titular, peticion};
    let s = exigir_titular(peticion::actual())?;
    crate::api::ports::services()?
        .beneficiarios
        .revocar(&s.rfc, &rfc)
        .await?;
    leptos_axum::redirect("/autorizaciones?hecho=revocado");
    Ok(())
}

/// `/mis-proveedores`: what the providers that authorised the logged-in company reported.
#[server(prefix = "/api/fn", endpoint = "mis-proveedores")]
pub async fn vista_mis_proveedores() -> Result<Vec<Proveedor>, AppError> {
    use crate::api::sesion::{exigir_titular, peticion};
    let s = exigir_titular(peticion::actual())?;
    crate::api::ports::services()?
        .beneficiarios
        .proveedores(&s.rfc)
        .await
}
