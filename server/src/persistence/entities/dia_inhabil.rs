//! `dia_inhabil`: días inhábiles declared by an authority (IMSS, INFONAVIT), with their source.

use sea_orm::entity::prelude::*;

/// One declared day.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dia_inhabil")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Civil date (Mexico City).
    pub fecha: Date,
    /// Who declared it: `IMSS` for the ICSOE deadlines.
    pub autoridad: String,
    /// What it is.
    pub descripcion: String,
    /// DOF reference or URL.
    pub fuente: String,
}

/// No relations yet.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
