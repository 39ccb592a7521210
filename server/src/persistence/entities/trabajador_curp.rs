//! `trabajador_curp`: the CURP half of V08 (never twice on one contract), kept as its own table
//! clustered on (contrato_id, curp) so bulk uploads write it in CURP order (migration
//! `m20261124_000007`). One row per `trabajador` row, written and deleted with it.

use sea_orm::entity::prelude::*;

/// One row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "trabajador_curp")]
pub struct Model {
    /// The contract.
    #[sea_orm(primary_key, auto_increment = false)]
    pub contrato_id: i64,
    /// CURP.
    #[sea_orm(primary_key, auto_increment = false)]
    pub curp: String,
    /// The worker's NSS: the key of its `trabajador` row.
    pub nss: String,
}

/// No relations mapped.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
