//! `folio`: the folio counter. Each presentation inserts a row and builds its folio from the id
//! (prefix by type, as IMSS does: `N`, `SI`, `C`, `SE`), so a folio is never handed out twice.

use sea_orm::entity::prelude::*;

/// One row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "folio")]
pub struct Model {
    /// The consecutive number.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The prefix it was issued with.
    pub prefijo: String,
    /// When.
    pub creado: DateTimeUtc,
}

/// No relations mapped.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
