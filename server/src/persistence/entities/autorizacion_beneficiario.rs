//! `autorizacion_beneficiario`: a contratista lets a client (by RFC) see the contracts reported
//! with it and their workers (Lineamientos 7). Revocable.

use sea_orm::entity::prelude::*;

/// One row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "autorizacion_beneficiario")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The contratista that authorises.
    pub rfc_contratista: String,
    /// The client (beneficiario) authorised.
    pub rfc_beneficiario: String,
    /// Authorised (again) at.
    pub creada: DateTimeUtc,
    /// Revoked at; none while in force.
    pub revocada: Option<DateTimeUtc>,
}

/// No relations mapped.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
