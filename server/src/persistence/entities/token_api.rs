//! `token_api`: a contratista's API tokens for payroll software (issue 19). Only the SHA-256 of
//! the secret is stored.

use sea_orm::entity::prelude::*;

/// One token.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "token_api")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The contratista the token acts for.
    pub rfc_contratista: String,
    /// The name the contratista gave it ("CONTPAQi nómina").
    pub nombre: String,
    /// The secret's first characters, to tell tokens apart.
    pub prefijo: String,
    /// SHA-256 of the secret, hex.
    pub huella: String,
    /// Created at.
    pub creado: DateTimeUtc,
    /// Last used at (written at most every few minutes).
    pub ultimo_uso: Option<DateTimeUtc>,
    /// Revoked at; none while in force.
    pub revocado: Option<DateTimeUtc>,
}

/// No relations mapped.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
