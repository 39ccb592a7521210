//! Rate limits per key (a client address, a CURP) and minute, counted in the database so that
//! every replica shares the same window (issue 15: with counters in memory, two replicas allowed
//! twice the rate). One conditional upsert per attempt counts it and returns the new count; an
//! attempt that cannot be counted (the database busy or down) is refused, never let through.

use crate::error::bd;
use app::api::AppError;
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};

/// Attempts allowed per key and minute.
#[derive(Clone, Debug)]
pub struct Limitador {
    db: DatabaseConnection,
    max: u32,
}

const SQLITE: &str = "INSERT INTO limite (clave, minuto, cuenta) VALUES (?, ?, 1) \
     ON CONFLICT (clave) DO UPDATE SET \
       cuenta = CASE WHEN limite.minuto = excluded.minuto THEN limite.cuenta + 1 ELSE 1 END, \
       minuto = excluded.minuto \
     RETURNING cuenta";

const POSTGRES: &str = "INSERT INTO limite (clave, minuto, cuenta) VALUES ($1, $2, 1) \
     ON CONFLICT (clave) DO UPDATE SET \
       cuenta = CASE WHEN limite.minuto = excluded.minuto THEN limite.cuenta + 1 ELSE 1 END, \
       minuto = excluded.minuto \
     RETURNING cuenta";

impl Limitador {
    /// At most `max` per key and minute, counted in `db`.
    pub fn new(db: DatabaseConnection, max: u32) -> Self {
        Limitador { db, max }
    }

    /// Counts one attempt for `clave` in the minute of `ahora`: `Ok(false)` when it is over the
    /// limit; `Err` (refuse the attempt) when it could not be counted.
    pub async fn permitir(&self, clave: &str, ahora: DateTime<Utc>) -> Result<bool, AppError> {
        let minuto = ahora.timestamp() / 60;
        let backend = self.db.get_database_backend();
        let sql = match backend {
            DatabaseBackend::Postgres => POSTGRES,
            _ => SQLITE,
        };
        let clave: String = clave.chars().take(200).collect();
        let fila = self
            .db
            .query_one_raw(Statement::from_sql_and_values(
                backend,
                sql,
                [clave.into(), minuto.into()],
            ))
            .await
            .map_err(bd)?;
        let cuenta: i32 = fila
            .map(|f| f.try_get("", "cuenta"))
            .transpose()
            .map_err(bd)?
            .unwrap_or(i32::MAX);
        Ok(u32::try_from(cuenta).unwrap_or(u32::MAX) <= self.max)
    }
}
