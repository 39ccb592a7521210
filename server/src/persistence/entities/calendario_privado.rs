//! `calendario_privado`: the SHA-256 of a contratista's secret calendar-feed token (the token
//! itself is shown once; a new one revokes the old).

use sea_orm::entity::prelude::*;

/// One row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "calendario_privado")]
pub struct Model {
    /// The contratista.
    #[sea_orm(primary_key, auto_increment = false)]
    pub rfc: String,
    /// Hex SHA-256 of the token.
    pub token_hash: String,
    /// When it was made.
    pub creado: DateTimeUtc,
}

/// No relations mapped.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
