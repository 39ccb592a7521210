//! API tokens for payroll software (issue 19): `token_api`, a contratista's named, revocable
//! tokens. Only the SHA-256 of the secret is kept (`huella`; the secret is 256 random bits, so a
//! fast hash is enough — no password stretching); the secret is shown once. `prefijo` (the
//! secret's first characters) lets the contratista tell them apart; `ultimo_uso` is written at
//! most every few minutes, never on every request.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum TokenApi {
    Table,
    Id,
    RfcContratista,
    Nombre,
    Prefijo,
    Huella,
    Creado,
    UltimoUso,
    Revocado,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TokenApi::Table)
                    .col(big_pk_auto(TokenApi::Id))
                    .col(string_len(TokenApi::RfcContratista, 13))
                    .col(string_len(TokenApi::Nombre, 80))
                    .col(string_len(TokenApi::Prefijo, 16))
                    .col(string_len_uniq(TokenApi::Huella, 64))
                    .col(timestamp_with_time_zone(TokenApi::Creado))
                    .col(timestamp_with_time_zone_null(TokenApi::UltimoUso))
                    .col(timestamp_with_time_zone_null(TokenApi::Revocado))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_token_api_contratista")
                    .table(TokenApi::Table)
                    .col(TokenApi::RfcContratista)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(TokenApi::Table).to_owned())
            .await
    }
}
