//! `publicacion_listado`: one immutable snapshot of the listado público or the listado con
//! información inconsistente of a year and cuatrimestre (Lineamientos 6.2). Its files live in
//! the storage under `listado::clave_archivo`.

use sea_orm::entity::prelude::*;

/// One row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "publicacion_listado")]
pub struct Model {
    /// Row id (also names its files).
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `publico` or `inconsistente` (`domain::listado::Lista`).
    pub lista: String,
    /// Year.
    pub anio: i32,
    /// Cuatrimestre 1–3.
    pub periodo: i16,
    /// When it was published.
    pub publicada: DateTimeUtc,
    /// Rows written.
    pub filas: i64,
    /// Every row and both files written: only then is it served.
    pub completa: bool,
    /// `AAAA-MM` for the periodic task's monthly publication; none for one made on demand.
    pub mes: Option<String>,
}

/// No relations mapped.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
