//! Open data (issue 18; Lineamientos 6.1–6.2, domain.md §3.9 and §5.2): the **listado público**
//! of every contract reported in a year and cuatrimestre, and the **listado con información
//! inconsistente** of the same period.
//!
//! - [`publicar`]: builds both lists of a period as immutable snapshots — rows streamed from the
//!   presented informativas in force, written at once to a CSV, an XLSX (constant memory) and
//!   the rows the public page searches — and, monthly, the server's periodic task does it for
//!   every period with filings (once per month whatever the number of replicas).
//! - [`salida`]: one list being written (CSV, XLSX, searchable rows).
//! - [`consulta`]: the latest publication of a period, searched and paged, and its files (or an
//!   earlier one's, by date) for download.
//!
//! What a row may show is decided by `app::domain::listado` (names, never RFCs, workers,
//! salaries, amounts, addresses or contact data).

pub mod consulta;
pub mod publicar;
pub mod salida;

use crate::infra::almacen::Almacen;
use app::api::ports::Clock;
use app::domain::listado::Lista;
use sea_orm::DatabaseConnection;
use std::path::PathBuf;
use std::sync::Arc;

/// The open-data service.
pub struct Listado {
    /// The database.
    pub db: DatabaseConnection,
    /// Now.
    pub clock: Arc<dyn Clock>,
    /// Where the files of every publication are kept.
    pub almacen: Arc<dyn Almacen>,
    /// Where files are written before they are stored (the data directory: a listado is tens
    /// of MB, more than a small `/tmp` may hold).
    pub temporal: PathBuf,
    /// Name searches running at once ([`BUSQUEDAS_SIMULTANEAS`]).
    pub busquedas: Arc<tokio::sync::Semaphore>,
}

/// A name search scans the period's rows (up to ~500,000: `LIKE '%…%'` has no index), so at most
/// this many run at once in a process; the rest wait their turn up to [`ESPERA_BUSQUEDA`], and
/// anonymous readers can never take the database from those filing. Paging without a search
/// reads by primary key and needs no turn.
pub const BUSQUEDAS_SIMULTANEAS: usize = 2;

/// How long a search waits for its turn.
pub const ESPERA_BUSQUEDA: std::time::Duration = std::time::Duration::from_secs(5);

/// Where a publication's file is stored: `listado/{lista}/{año}-{p}/{id}.{csv|xlsx}`.
pub fn clave_archivo(lista: Lista, anio: i32, periodo: i16, id: i64, extension: &str) -> String {
    format!(
        "listado/{}/{anio}-{periodo}/{id}.{extension}",
        lista.as_str()
    )
}
