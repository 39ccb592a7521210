//! Creates `limite`: the per-minute request counters of the rate limits (challenges, logins,
//! password resets and public verifications per client address). In the database so every
//! replica counts against the same window (issue 15); one row per key, reused minute after
//! minute, and purged by housekeeping once its minute is over.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Limite {
    Table,
    Clave,
    Minuto,
    Cuenta,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Limite::Table)
                    .col(string_len(Limite::Clave, 200).primary_key())
                    .col(big_integer(Limite::Minuto))
                    .col(integer(Limite::Cuenta))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Limite::Table).to_owned())
            .await
    }
}
