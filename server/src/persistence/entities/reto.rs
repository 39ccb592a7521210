//! `reto`: login challenges, single-use and short-lived.

use sea_orm::entity::prelude::*;

/// One challenge.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reto")]
pub struct Model {
    /// The challenge string itself (it embeds a random nonce).
    #[sea_orm(primary_key, auto_increment = false)]
    pub reto: String,
    /// The RFC it was issued for.
    pub rfc: String,
    /// After this it is refused.
    pub expira: DateTimeUtc,
    /// Consumed by a login (successful or not).
    pub usado: bool,
}

/// No relations mapped.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
