//! `aceptacion_terminos`: which version of the terms each contratista accepted, and when.

use sea_orm::entity::prelude::*;

/// One acceptance.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "aceptacion_terminos")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Who.
    pub rfc: String,
    /// Which version of the terms.
    pub version: String,
    /// When.
    pub instante: DateTimeUtc,
}

/// No relations mapped.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
