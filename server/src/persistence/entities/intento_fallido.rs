//! `intento_fallido`: failed password attempts per CURP and per address, shared by all replicas.

use sea_orm::entity::prelude::*;

/// One row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "intento_fallido")]
pub struct Model {
    /// `curp:…` or `ip:…`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub clave: String,
    /// Failures in the window.
    pub fallidos: i32,
    /// Start of the counting window.
    pub ventana_inicio: DateTimeUtc,
    /// Locked until.
    pub bloqueado_hasta: Option<DateTimeUtc>,
}

/// No relations mapped.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
