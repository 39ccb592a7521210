//! `ingreso`: the audit trail of login attempts (who, when, which certificate, from where, result).

use sea_orm::entity::prelude::*;

/// One attempt.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ingreso")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The certificate's RFC (or the challenge's, when the certificate was unreadable).
    pub rfc: String,
    /// When.
    pub instante: DateTimeUtc,
    /// Certificate number.
    pub numero_certificado: String,
    /// Client address.
    pub ip: String,
    /// `ok` or the error code.
    pub resultado: String,
}

/// No relations mapped.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
