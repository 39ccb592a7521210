//! `acuse_repse`: the stored "Acuse de registro en el padrón de la STPS" (metadata; bytes in file storage).

use sea_orm::entity::prelude::*;

/// One row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "acuse_repse")]
pub struct Model {
    /// The contratista.
    #[sea_orm(primary_key, auto_increment = false)]
    pub rfc: String,
    /// File name as uploaded.
    pub nombre: String,
    /// Bytes.
    pub tamano: i64,
    /// SHA-256 of the bytes, hex.
    pub sha256: String,
    /// Key in the file storage.
    pub clave: String,
    /// Upload time.
    pub subido: DateTimeUtc,
}

/// No relations mapped.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
