//! `datos_generales`: a contratista's contact data and domicilios (JSON value objects).

use sea_orm::entity::prelude::*;

/// One row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "datos_generales")]
pub struct Model {
    /// The contratista.
    #[sea_orm(primary_key, auto_increment = false)]
    pub rfc: String,
    /// E-mail for notices (the last saved wins).
    pub correo: String,
    /// Ten digits.
    pub celular: String,
    /// Ten digits.
    pub fijo: Option<String>,
    /// Personas morales: domicilio social = fiscal.
    pub social_igual_fiscal: Option<bool>,
    /// `Domicilio` as JSON.
    pub domicilio_social: Option<String>,
    /// `Domicilio` as JSON.
    pub domicilio_convencional: Option<String>,
    /// REPSE folio.
    pub repse_numero: Option<String>,
    /// REPSE registration date.
    pub repse_fecha: Option<Date>,
    /// Last save.
    pub actualizado: DateTimeUtc,
}

/// No relations mapped.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
