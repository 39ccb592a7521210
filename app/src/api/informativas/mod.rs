//! The JSON the informativa, contract and worker endpoints exchange (`docs/API.md`). Keys are
//! Spanish like the domain. The browser reaches them with `browser::http`.

use crate::domain::cuenta::ServicioRepse;
use crate::domain::informativas::csv_contratos::FilaContrato;
use crate::domain::informativas::{Contrato, EstadoInformativa, Hallazgo, TipoInformativa};
use serde::{Deserialize, Serialize};

/// Workers per page of the contract's list.
pub const POR_PAGINA: u64 = 50;
/// Header carrying the bulk upload's idempotency key.
pub const CABECERA_CLAVE: &str = "Idempotency-Key";

/// "Registrar informativa".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct NuevaInformativa {
    /// Year, as typed.
    pub anio: String,
    /// Period 1–3, as chosen.
    pub periodo: String,
    /// `normal` or `sin_informacion`.
    pub tipo: String,
}

/// One informativa as lists show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct InformativaFila {
    /// Id.
    pub id: i64,
    /// Year.
    pub anio: i32,
    /// Period 1–3.
    pub periodo: u8,
    /// "Septiembre–Diciembre".
    pub meses: String,
    /// Type.
    pub tipo: TipoInformativa,
    /// State.
    pub estado: EstadoInformativa,
    /// Contracts.
    pub contratos: u64,
    /// Workers over all contracts.
    pub trabajadores: u64,
    /// Due date, DD/MM/AAAA (the legal 17th moved to the next business day).
    pub vence: String,
    /// Whether presenting now would be on time (once presented: whether it was).
    pub a_tiempo: bool,
    /// Created, RFC 3339.
    pub creada: String,
    /// Folio, once presented.
    pub folio: Option<String>,
    /// Presented at, Mexico City, DD/MM/AAAA HH:MM:SS.
    pub presentada: Option<String>,
    /// For a complementaria: the informativa it affects.
    pub referencia_id: Option<i64>,
}

/// Everything the informativa page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct InformativaDetalle {
    /// The header.
    pub informativa: InformativaFila,
    /// Its first [`CONTRATOS_POR_PAGINA`] contracts, oldest first.
    pub contratos: Vec<ContratoFila>,
    /// When there are more: the cursor for `GET …/contratos?despues=`.
    #[serde(default)]
    pub contratos_siguiente: Option<i64>,
    /// Open findings (V02–V07, datos generales), at most [`HALLAZGOS_MAXIMOS`]: none may remain
    /// for "Enviar a firma".
    pub hallazgos: Vec<Hallazgo>,
    /// How many open findings there are in all.
    #[serde(default)]
    pub hallazgos_total: u64,
    /// The contratista's REPSE services (for the contract form and the CSV preview).
    pub servicios: Vec<ServicioRepse>,
    /// The contratista's RFC (V03 in the browser).
    pub rfc: String,
    /// Folio, time and verification data once presented.
    pub presentacion: Option<crate::api::presentacion::Presentacion>,
    /// Once replaced or annulled: the complementaria that did it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub afectada_por: Option<Afectacion>,
}

/// The complementaria that replaced or annulled a presented informativa.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Afectacion {
    /// Its id (its page is `/informativas/{id}`).
    pub id: i64,
    /// Its folio.
    pub folio: String,
}

/// Contracts per page of an informativa (its detail and `GET …/contratos`): an informativa may
/// hold tens of thousands, and the whole list was a 20 MB answer (issue 15).
pub const CONTRATOS_POR_PAGINA: usize = 200;

/// Findings listed at most in an informativa's detail (the total is given apart).
pub const HALLAZGOS_MAXIMOS: usize = 200;

/// A page of an informativa's contracts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PaginaContratos {
    /// Up to [`CONTRATOS_POR_PAGINA`] contracts, in registration order.
    pub contratos: Vec<ContratoFila>,
    /// The cursor of the next page, when there is one.
    pub siguiente: Option<i64>,
}

/// One contract as the informativa lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ContratoFila {
    /// Id.
    pub id: i64,
    /// RFC of the contratante.
    pub rfc_contratante: String,
    /// Name of the contratante.
    pub nombre_contratante: String,
    /// Service folio.
    pub servicio: String,
    /// Start, DD/MM/AAAA.
    pub fecha_inicio: String,
    /// Workers.
    pub trabajadores: u64,
}

/// One contract in full.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ContratoDetalle {
    /// Id.
    pub id: i64,
    /// Its informativa.
    pub informativa: InformativaFila,
    /// The contract.
    pub contrato: Contrato,
    /// Workers.
    pub trabajadores: u64,
}

/// A worker as listed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TrabajadorFila {
    /// NSS.
    pub nss: String,
    /// CURP.
    pub curp: String,
    /// SBC, pesos with two decimals.
    pub sbc: String,
    /// Warnings of the answer that added it: an SBC below the minimum wage (V11), figures not
    /// yet published for the period. Empty in listings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub avisos: Vec<String>,
}

/// "Agregar trabajador".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AltaTrabajador {
    /// NSS as typed.
    pub nss: String,
    /// CURP as typed.
    pub curp: String,
    /// SBC as typed.
    pub sbc: String,
}

/// A page of workers (ordered by NSS, or by CURP for a CURP search; `siguiente` is the opaque
/// cursor of the next page).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PaginaTrabajadores {
    /// The workers.
    pub trabajadores: Vec<TrabajadorFila>,
    /// Pass as `despues` to read the next page; `None` on the last one.
    pub siguiente: Option<String>,
    /// Workers on the contract (all of them, not only the matches).
    pub total: u64,
}

/// The answer to a bulk upload (also to its retries).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ResultadoCarga {
    /// The idempotency key.
    pub clave: String,
    /// Rows received.
    pub filas: u64,
    /// Rows stored.
    pub agregados: u64,
    /// Rows refused by the server (errors, or already on the contract: V08).
    pub rechazados: u64,
    /// Whether this answer repeats a batch already stored (a retry).
    pub repetida: bool,
    /// Workers on the contract after the batch.
    pub total: u64,
    /// Warnings about the batch as a whole (e.g. the SBC cap was computed with last year's UMA
    /// because this year's is not published yet).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub avisos: Vec<String>,
}

/// "Importar contratos": the rows the browser found valid.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ImportarContratos {
    /// Idempotency key.
    pub clave: String,
    /// The rows with their numbers in the file.
    pub contratos: Vec<FilaContrato>,
}

/// The answer to an import.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ResultadoImportacion {
    /// Contracts added.
    pub agregados: u64,
    /// Whether this answer repeats an import already stored.
    pub repetida: bool,
}

/// The path of an informativa's API.
pub fn ruta(id: i64) -> String {
    format!("/api/v1/informativas/{id}")
}

/// The path of a contract's API.
pub fn ruta_contrato(id: i64, contrato: i64) -> String {
    format!("/api/v1/informativas/{id}/contratos/{contrato}")
}

pub mod funciones;
