//! `fila_listado`: one row of the latest complete publication of a list (what
//! `/listado-publico` searches). Names, never RFCs, workers, amounts or contact data.

use sea_orm::entity::prelude::*;

/// One row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "fila_listado")]
pub struct Model {
    /// Row id (the order of the file).
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The publication.
    pub publicacion_id: i64,
    /// Contratista's name.
    pub contratista: String,
    /// "Moral" or "Física".
    pub persona_contratista: String,
    /// Contratante's name (empty on a Sin información row).
    pub contratante: String,
    /// Its person type.
    pub persona_contratante: String,
    /// Service description.
    #[sea_orm(column_type = "Text")]
    pub servicio: String,
    /// Start.
    pub fecha_inicio: Option<Date>,
    /// End.
    pub fecha_termino: Option<Date>,
    /// Workers.
    pub num_trabajadores: Option<i64>,
    /// Informativa type as IMSS names it.
    pub tipo: String,
    /// Informativa folio.
    pub folio: String,
    /// Presentation date.
    pub presentada: Date,
    /// On the inconsistent list: the `domain::listado::Inconsistencia` (snake_case).
    pub inconsistencia: Option<String>,
}

/// No relations mapped.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
