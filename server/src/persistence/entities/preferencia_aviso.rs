//! `preferencia_aviso`: a user's choice about reminders (absent: reminders on).

use sea_orm::entity::prelude::*;

/// One row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "preferencia_aviso")]
pub struct Model {
    /// `contratista` or `capturista`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub rol: String,
    /// RFC or CURP.
    #[sea_orm(primary_key, auto_increment = false)]
    pub destinatario: String,
    /// Whether deadline reminders are sent.
    pub recordatorios: bool,
    /// Last change.
    pub actualizado: DateTimeUtc,
}

/// No relations mapped.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
