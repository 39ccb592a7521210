//! `parametro_anual`: the yearly legal figures (UMA, minimum wages) with the date each takes
//! effect and where it was published.

use sea_orm::entity::prelude::*;

/// One published figure.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "parametro_anual")]
pub struct Model {
    /// Surrogate key.
    #[sea_orm(primary_key)]
    pub id: i32,
    /// `uma`, `salario_minimo_general` or `salario_minimo_frontera`.
    pub concepto: String,
    /// First day it applies.
    pub vigente_desde: Date,
    /// Daily value in centavos.
    pub valor: i64,
    /// DOF reference or URL.
    pub fuente: String,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
