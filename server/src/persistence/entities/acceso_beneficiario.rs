//! `acceso_beneficiario`: the audit of what an authorised client looked at (shown to the
//! contratista).

use sea_orm::entity::prelude::*;

/// One row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "acceso_beneficiario")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Whose data.
    pub rfc_contratista: String,
    /// Who looked.
    pub rfc_beneficiario: String,
    /// When.
    pub cuando: DateTimeUtc,
    /// What, in words ("Consultó Mis proveedores", "Descargó el acuse N26…").
    pub que: String,
}

/// No relations mapped.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
