//! Beneficiario access (issue 18; Lineamientos 7): a contratista authorises a client (by RFC) to
//! see, in detail, the contracts its presented informativas report with that client — and the
//! workers on them. The client is jointly liable (LSS art. 15-A), so it needs that detail; the
//! contratista keeps control (revocable) and sees every access.
//!
//! - `autorizacion_beneficiario`: one row per contratista and client; `revocada` set when
//!   revoked, cleared when authorised again.
//! - `acceso_beneficiario`: the audit — who looked at what, when.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AutorizacionBeneficiario {
    Table,
    Id,
    RfcContratista,
    RfcBeneficiario,
    Creada,
    Revocada,
}

#[derive(DeriveIden)]
enum AccesoBeneficiario {
    Table,
    Id,
    RfcContratista,
    RfcBeneficiario,
    Cuando,
    Que,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AutorizacionBeneficiario::Table)
                    .col(big_pk_auto(AutorizacionBeneficiario::Id))
                    .col(string_len(AutorizacionBeneficiario::RfcContratista, 13))
                    .col(string_len(AutorizacionBeneficiario::RfcBeneficiario, 13))
                    .col(timestamp_with_time_zone(AutorizacionBeneficiario::Creada))
                    .col(timestamp_with_time_zone_null(
                        AutorizacionBeneficiario::Revocada,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_autorizacion_beneficiario")
                    .table(AutorizacionBeneficiario::Table)
                    .col(AutorizacionBeneficiario::RfcContratista)
                    .col(AutorizacionBeneficiario::RfcBeneficiario)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_autorizacion_beneficiario_cliente")
                    .table(AutorizacionBeneficiario::Table)
                    .col(AutorizacionBeneficiario::RfcBeneficiario)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AccesoBeneficiario::Table)
                    .col(big_pk_auto(AccesoBeneficiario::Id))
                    .col(string_len(AccesoBeneficiario::RfcContratista, 13))
                    .col(string_len(AccesoBeneficiario::RfcBeneficiario, 13))
                    .col(timestamp_with_time_zone(AccesoBeneficiario::Cuando))
                    .col(string_len(AccesoBeneficiario::Que, 200))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_acceso_beneficiario_contratista")
                    .table(AccesoBeneficiario::Table)
                    .col(AccesoBeneficiario::RfcContratista)
                    .col(AccesoBeneficiario::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AccesoBeneficiario::Table).to_owned())
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(AutorizacionBeneficiario::Table)
                    .to_owned(),
            )
            .await
    }
}
