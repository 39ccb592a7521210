//! Creates what e.firma login needs: `contratista` (created on first login), `reto` (single-use
//! challenges), `sesion` (database sessions, so they survive restarts and serve several
//! replicas), `ingreso` (the audit trail of every login attempt) and `aceptacion_terminos`.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Contratista {
    Table,
    Rfc,
    Nombre,
    Persona,
    Curp,
    RfcRepresentante,
    Creado,
}

#[derive(DeriveIden)]
#[expect(
    clippy::enum_variant_names,
    reason = "the challenge column is named like its table"
)]
enum Reto {
    Table,
    Reto,
    Rfc,
    Expira,
    Usado,
}

#[derive(DeriveIden)]
enum Sesion {
    Table,
    Id,
    Rfc,
    Creada,
    UltimoUso,
}

#[derive(DeriveIden)]
enum Ingreso {
    Table,
    Id,
    Rfc,
    Instante,
    NumeroCertificado,
    Ip,
    Resultado,
}

#[derive(DeriveIden)]
enum AceptacionTerminos {
    Table,
    Id,
    Rfc,
    Version,
    Instante,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Contratista::Table)
                    .if_not_exists()
                    .col(string_len(Contratista::Rfc, 13).primary_key())
                    .col(string_len(Contratista::Nombre, 300))
                    .col(string_len(Contratista::Persona, 10))
                    .col(string_len_null(Contratista::Curp, 18))
                    .col(string_len_null(Contratista::RfcRepresentante, 13))
                    .col(timestamp_with_time_zone(Contratista::Creado))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Reto::Table)
                    .if_not_exists()
                    .col(string_len(Reto::Reto, 200).primary_key())
                    .col(string_len(Reto::Rfc, 13))
                    .col(timestamp_with_time_zone(Reto::Expira))
                    .col(boolean(Reto::Usado).default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Sesion::Table)
                    .if_not_exists()
                    .col(string_len(Sesion::Id, 64).primary_key())
                    .col(string_len(Sesion::Rfc, 13))
                    .col(timestamp_with_time_zone(Sesion::Creada))
                    .col(timestamp_with_time_zone(Sesion::UltimoUso))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Ingreso::Table)
                    .if_not_exists()
                    .col(pk_auto(Ingreso::Id))
                    .col(string_len(Ingreso::Rfc, 13))
                    .col(timestamp_with_time_zone(Ingreso::Instante))
                    .col(string_len(Ingreso::NumeroCertificado, 40))
                    .col(string_len(Ingreso::Ip, 64))
                    .col(string_len(Ingreso::Resultado, 40))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AceptacionTerminos::Table)
                    .if_not_exists()
                    .col(pk_auto(AceptacionTerminos::Id))
                    .col(string_len(AceptacionTerminos::Rfc, 13))
                    .col(string_len(AceptacionTerminos::Version, 20))
                    .col(timestamp_with_time_zone(AceptacionTerminos::Instante))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_aceptacion_terminos_rfc_version")
                    .table(AceptacionTerminos::Table)
                    .col(AceptacionTerminos::Rfc)
                    .col(AceptacionTerminos::Version)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_ingreso_rfc_instante")
                    .table(Ingreso::Table)
                    .col(Ingreso::Rfc)
                    .col(Ingreso::Instante)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for tabla in [
            AceptacionTerminos::Table.into_iden(),
            Ingreso::Table.into_iden(),
            Sesion::Table.into_iden(),
            Reto::Table.into_iden(),
            Contratista::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(tabla).to_owned())
                .await?;
        }
        Ok(())
    }
}
