//! Ports: what server functions need from the outside world, as traits the server crate
//! implements (sea-orm repositories, the system clock) and tests replace.
//!
//! Server only: nothing here reaches the WASM bundle.

use crate::domain::calendar::DiaInhabilDeclarado;
use crate::domain::dinero::TablaSalarios;
use crate::domain::trabajadores::LimitesArchivo;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use std::sync::Arc;

/// The source of "now". Production reads the system clock; tests and demos fix it, because
/// deadlines and certificate validity must never depend on the day a test happens to run.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
}

/// The días inhábiles declared by the authority, kept as data.
#[async_trait]
pub trait DiasInhabilesRepo: Send + Sync {
    /// The declared days between `desde` and `hasta`, both included, in date order.
    async fn entre(
        &self,
        desde: NaiveDate,
        hasta: NaiveDate,
    ) -> anyhow::Result<Vec<DiaInhabilDeclarado>>;
}

/// The yearly legal figures (UMA, minimum wages), kept as data.
#[async_trait]
pub trait ParametrosRepo: Send + Sync {
    /// Every published figure.
    async fn tabla(&self) -> anyhow::Result<TablaSalarios>;
}

/// Everything server functions and routes reach through context.
#[derive(Clone)]
pub struct Services {
    /// The clock.
    pub clock: Arc<dyn Clock>,
    /// Declared días inhábiles.
    pub dias_inhabiles: Arc<dyn DiasInhabilesRepo>,
    /// UMA and minimum wages.
    pub parametros: Arc<dyn ParametrosRepo>,
    /// Limits per worker CSV (settings `csv_max_filas`, `csv_max_mb`).
    pub limites_csv: LimitesArchivo,
}
