//! `carga`: one bulk upload (workers into a contract, or contracts into an informativa), keyed by
//! the client's idempotency key: written in the same transaction as the rows it brings, so a retry
//! finds it and gets the same answer instead of adding the rows twice.

use sea_orm::entity::prelude::*;

/// One row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "carga")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The informativa.
    pub informativa_id: i64,
    /// The contract (worker uploads).
    pub contrato_id: Option<i64>,
    /// `trabajadores` or `contratos`.
    pub tipo: String,
    /// The client's idempotency key.
    pub clave: String,
    /// Rows received.
    pub filas: i64,
    /// Rows stored.
    pub agregados: i64,
    /// Rows refused.
    pub rechazados: i64,
    /// Storage key of the refused rows (CSV), when there are any.
    pub rechazados_clave: Option<String>,
    /// When.
    pub creada: DateTimeUtc,
    /// Who (`RFC` or `CURP`).
    pub por: String,
    /// Still being written in parts (a large worker upload; `informativas::carga`).
    pub en_curso: bool,
}

/// No relations mapped.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
