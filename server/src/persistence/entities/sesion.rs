//! `sesion`: logged-in sessions. The id is the SHA-256 of the cookie's token, so a copy of the
//! database does not hand out sessions.

use sea_orm::entity::prelude::*;

/// One session.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sesion")]
pub struct Model {
    /// SHA-256 (hex) of the token in the cookie.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// Whose.
    pub rfc: String,
    /// Login time.
    pub creada: DateTimeUtc,
    /// Last request: idle expiry counts from here.
    pub ultimo_uso: DateTimeUtc,
}

/// No relations mapped.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
