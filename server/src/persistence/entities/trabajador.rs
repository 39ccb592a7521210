//! `trabajador`: a worker placed on a contract. The primary key (contrato_id, nss) and the primary
//! key of [`super::trabajador_curp`] (contrato_id, curp) are V08 in the database: never twice on
//! one contract.

use sea_orm::entity::prelude::*;

/// One row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "trabajador")]
pub struct Model {
    /// The contract.
    #[sea_orm(primary_key, auto_increment = false)]
    pub contrato_id: i64,
    /// NSS, 11 digits as text.
    #[sea_orm(primary_key, auto_increment = false)]
    pub nss: String,
    /// CURP.
    pub curp: String,
    /// SBC in centavos.
    pub sbc: i64,
    /// The bulk upload that brought it, if any.
    pub carga_id: Option<i64>,
}

/// No relations mapped.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
