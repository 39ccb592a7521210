//! Notices (issue 17): nobody misses a deadline, and nothing depends on e-mail alone.
//!
//! - [`cola`]: the durable outbox. A notice is an `aviso` row written **in the same transaction**
//!   as the change that causes it (sent to signature, presented, a capturista invited …), so a
//!   change never happens without its notice nor a notice without its change.
//! - [`repartidor`]: the worker every server process runs: it claims rows with a lease
//!   (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite has one writer), sends them through the
//!   configured [`crate::infra::correo::Cartero`], retries with backoff, and records delivery.
//! - [`textos`]: what each notice says, in Spanish.
//! - [`bandeja`]: the in-app inbox (`/avisos`) over the same rows, and the [`Avisos`] service.
//! - [`despacho`]: the board of every contratista × period a capturista serves.
//! - [`calendario`]: the public and the private iCalendar feeds.
//! - [`recordatorios`]: deadline reminders (first business day of the filing month, 7 and 2
//!   business days before, the due date, and "vencida" the next business day), one row per
//!   reminder thanks to a unique key, whatever the number of replicas or restarts.

pub mod bandeja;
pub mod calendario;
pub mod cola;
pub mod despacho;
pub mod recordatorios;
pub mod repartidor;
pub mod textos;

pub use bandeja::Avisos;
pub use cola::{encolar, NuevoAviso, Rol};
