//! `capturista_contratista`: which capturista serves which contratista, and whether it is active.

use sea_orm::entity::prelude::*;

/// One row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "capturista_contratista")]
pub struct Model {
    /// The contratista.
    #[sea_orm(primary_key, auto_increment = false)]
    pub rfc: String,
    /// The capturista.
    #[sea_orm(primary_key, auto_increment = false)]
    pub curp: String,
    /// Name as the contratista registered it.
    pub nombre: String,
    /// E-mail as the contratista registered it.
    pub correo: String,
    /// Deactivated capturistas cannot work for this contratista.
    pub activo: bool,
    /// Registration.
    pub registrado: DateTimeUtc,
    /// Last time the capturista chose this contratista.
    pub ultimo_ingreso: Option<DateTimeUtc>,
}

/// No relations mapped.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
