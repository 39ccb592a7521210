//! Browser-side machinery of the worker CSV check: the Web Worker that validates off the main
//! thread, and the facade the page talks to it through.
//!
//! `protocolo` is plain data (it also renders on the server, as the page's initial state); the
//! rest exists only in the hydrate build.

pub mod protocolo;

#[cfg(feature = "hydrate")]
pub mod fachada;
#[cfg(feature = "hydrate")]
pub mod http;
#[cfg(feature = "hydrate")]
pub mod worker;

/// Where the server serves the worker's bootstrap script (see `server/src/routes/worker.rs`).
pub const RUTA_WORKER: &str = "/validar-worker.js";

/// Where the server serves the worker CSV template (a plain link: it works without JavaScript).
pub const RUTA_PLANTILLA: &str = "/descargas/plantilla_trabajadores.csv";

/// Where the server serves the contract CSV template.
pub const RUTA_PLANTILLA_CONTRATOS: &str = "/descargas/plantilla_contratos.csv";

/// The worker template as Excel (NSS and CURP columns as text, so leading zeros survive).
pub const RUTA_PLANTILLA_XLSX: &str = "/descargas/plantilla_trabajadores.xlsx";

/// The contract template as Excel.
pub const RUTA_PLANTILLA_CONTRATOS_XLSX: &str = "/descargas/plantilla_contratos.xlsx";
