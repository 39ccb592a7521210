//! `contratista`: a provider that logged in with its e.firma (created on the first login).

use sea_orm::entity::prelude::*;

/// One contratista.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contratista")]
pub struct Model {
    /// RFC (from the certificate).
    #[sea_orm(primary_key, auto_increment = false)]
    pub rfc: String,
    /// Name or company name, as in the certificate.
    pub nombre: String,
    /// `fisica` or `moral`.
    pub persona: String,
    /// CURP (of the holder, or of a moral's representative), when the certificate has it.
    pub curp: Option<String>,
    /// A persona moral's legal representative.
    pub rfc_representante: Option<String>,
    /// First login.
    pub creado: DateTimeUtc,
}

/// No relations mapped.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
