//! `contrato`: one contract of an informativa. The checked `Contrato` is stored whole as JSON
//! (`datos`); the columns beside it are what lists, findings and indexes need.

use sea_orm::entity::prelude::*;

/// One row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contrato")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The informativa.
    pub informativa_id: i64,
    /// RFC of the contratante.
    pub rfc_contratante: String,
    /// Name of the contratante.
    pub nombre_contratante: String,
    /// Folio of the REPSE service.
    pub servicio: String,
    /// Start.
    pub fecha_inicio: Date,
    /// End.
    pub fecha_termino: Option<Date>,
    /// The whole checked contract, JSON.
    #[sea_orm(column_type = "Text")]
    pub datos: String,
    /// Workers attached.
    pub num_trabajadores: i64,
    /// Created.
    pub creado: DateTimeUtc,
    /// Last change.
    pub actualizado: DateTimeUtc,
}

/// No relations mapped.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
