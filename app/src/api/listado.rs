//! The listado público as anyone reads it (issue 18; Lineamientos 6.2): the latest publication
//! of a period, searched by name, filtered by type, paged, with its files and their history.
//! Public: no session. The page (`/listado-publico`) and `GET /api/v1/listado-publico` call the
//! same `CasosListado::pagina`.

use crate::api::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Rows per page.
pub const POR_PAGINA: u64 = 50;
/// The last page the page or the API serves; past it, the file has every row (an `OFFSET` deep
/// into 500,000 rows would let one client slow everyone down).
pub const PAGINA_MAXIMA: u64 = 200;

/// What the reader asks for, as typed in the URL (checked by the use case).
#[derive(
    Clone,
    Debug,
    Default,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
    utoipa::IntoParams,
)]
#[into_params(parameter_in = Query)]
pub struct ConsultaListado {
    /// Year; none: the latest published period.
    pub anio: Option<String>,
    /// Cuatrimestre 1–3.
    pub periodo: Option<String>,
    /// Part of the contratista's or the contratante's name.
    pub q: Option<String>,
    /// `normal`, `sin_informacion` or `correccion`.
    pub tipo: Option<String>,
    /// `publico` (default) or `inconsistente`.
    pub lista: Option<String>,
    /// 1-based.
    pub pagina: Option<String>,
}

/// One row as shown (the 13 public columns, dates DD/MM/AAAA).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FilaPublica {
    /// Contratista.
    pub contratista: String,
    /// "Moral" or "Física".
    pub persona_contratista: String,
    /// Contratante (empty on a Sin información).
    pub contratante: String,
    /// Its person type.
    pub persona_contratante: String,
    /// Service.
    pub servicio: String,
    /// Start.
    pub inicio: String,
    /// End.
    pub termino: String,
    /// Workers.
    pub trabajadores: Option<u64>,
    /// Year.
    pub anio: i32,
    /// Cuatrimestre.
    pub cuatrimestre: u8,
    /// Informativa type as IMSS names it.
    pub tipo: String,
    /// Folio.
    pub folio: String,
    /// Presentation date.
    pub presentada: String,
    /// On the inconsistent list: the type, in IMSS's words.
    pub inconsistencia: Option<String>,
}

/// A downloadable file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Descarga {
    /// "LPT2026.xlsx".
    pub nombre: String,
    /// Its URL.
    pub url: String,
}

/// One publication of the period (the history).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Publicacion {
    /// DD/MM/AAAA.
    pub fecha: String,
    /// Rows.
    pub filas: u64,
    /// Its files (XLSX, CSV).
    pub descargas: Vec<Descarga>,
}

/// A period with a publication (the selector).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PeriodoPublicado {
    /// Year.
    pub anio: i32,
    /// Cuatrimestre.
    pub periodo: u8,
    /// "2026 · tercer cuatrimestre (septiembre-diciembre)".
    pub nombre: String,
}

/// One page of a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PaginaListado {
    /// Every period with a publication, newest first.
    pub periodos: Vec<PeriodoPublicado>,
    /// The period shown (none: nothing published yet).
    pub anio: Option<i32>,
    /// Its cuatrimestre.
    pub periodo: Option<u8>,
    /// `publico` or `inconsistente`.
    pub lista: String,
    /// The search as understood.
    pub q: String,
    /// The type filter as understood.
    pub tipo: String,
    /// Rows matching.
    pub total: u64,
    /// 1-based.
    pub pagina: u64,
    /// Pages that can be served (≤ [`PAGINA_MAXIMA`]).
    pub paginas: u64,
    /// This page.
    pub filas: Vec<FilaPublica>,
    /// The latest publication and the earlier ones, newest first.
    pub publicaciones: Vec<Publicacion>,
}

/// `/listado-publico`.
#[server(prefix = "/api/fn", endpoint = "listado-publico")]
pub async fn vista_listado(consulta: ConsultaListado) -> Result<PaginaListado, AppError> {
    crate::api::ports::services()?
        .listado
        .pagina(consulta)
        .await
}
