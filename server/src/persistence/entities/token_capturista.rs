//! `token_capturista`: invitation (48 h) and password-reset (30 min) links; only the SHA-256 of the token is kept.

use sea_orm::entity::prelude::*;

/// One row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "token_capturista")]
pub struct Model {
    /// SHA-256 (hex) of the token.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// Whose.
    pub curp: String,
    /// `invitacion` or `recuperacion`.
    pub tipo: String,
    /// Expiry.
    pub expira: DateTimeUtc,
    /// Single use.
    pub usado: bool,
    /// Issued.
    pub creado: DateTimeUtc,
}

/// No relations mapped.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
