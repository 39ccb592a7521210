//! `sesion_capturista`: capturista sessions; `rfc` is the contratista chosen (none right after login).

use sea_orm::entity::prelude::*;

/// One row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sesion_capturista")]
pub struct Model {
    /// SHA-256 (hex) of the cookie's token.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// Whose.
    pub curp: String,
    /// Contratista being served.
    pub rfc: Option<String>,
    /// Login time.
    pub creada: DateTimeUtc,
    /// Last request.
    pub ultimo_uso: DateTimeUtc,
}

/// No relations mapped.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
