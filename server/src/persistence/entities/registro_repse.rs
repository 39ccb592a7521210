//! `registro_repse`: every REPSE registration a contratista saved (renewals included), one row
//! per registration date, with its services as JSON (`app::domain::cuenta::Repse`).

use sea_orm::entity::prelude::*;

/// One registration.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "registro_repse")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The contratista.
    pub rfc: String,
    /// The registration's date (unique per contratista).
    pub fecha_registro: Date,
    /// The registration as JSON: number, date and services.
    #[sea_orm(column_type = "Text")]
    pub datos: String,
    /// When it was last saved.
    pub guardado: DateTimeUtc,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
