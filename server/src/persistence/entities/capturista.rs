//! `capturista`: a natural person who captures for one or more contratistas (CURP is the user name).

use sea_orm::entity::prelude::*;

/// One row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "capturista")]
pub struct Model {
    /// User name.
    #[sea_orm(primary_key, auto_increment = false)]
    pub curp: String,
    /// Name.
    pub nombre: String,
    /// Where invitations and reset links go.
    pub correo: String,
    /// Argon2id PHC string; `None` until the invitation is used.
    pub contrasena: Option<String>,
    /// Last password change.
    pub contrasena_cambiada: Option<DateTimeUtc>,
    /// First registration.
    pub creado: DateTimeUtc,
}

/// No relations mapped.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
