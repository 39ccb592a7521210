//! Creates the filings: `informativa` (with the partial-uniqueness trick for V01), `contrato`,
//! `trabajador` (V08 as its primary key and a unique index) and `carga` (bulk uploads keyed by the
//! client's idempotency key).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Informativa {
    Table,
    Id,
    Rfc,
    Anio,
    Periodo,
    Tipo,
    Estado,
    Original,
    NumContratos,
    NumTrabajadores,
    Creada,
    CreadaPor,
    Actualizada,
    EnviadaFirma,
    EnviadaPor,
}

#[derive(DeriveIden)]
enum Contrato {
    Table,
    Id,
    InformativaId,
    RfcContratante,
    NombreContratante,
    Servicio,
    FechaInicio,
    FechaTermino,
    Datos,
    NumTrabajadores,
    Creado,
    Actualizado,
}

#[derive(DeriveIden)]
enum Trabajador {
    Table,
    ContratoId,
    Nss,
    Curp,
    Sbc,
    CargaId,
}

#[derive(DeriveIden)]
enum Carga {
    Table,
    Id,
    InformativaId,
    ContratoId,
    Tipo,
    Clave,
    Filas,
    Agregados,
    Rechazados,
    RechazadosClave,
    Creada,
    Por,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Informativa::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Informativa::Id))
                    .col(string_len(Informativa::Rfc, 13))
                    .col(integer(Informativa::Anio))
                    .col(small_integer(Informativa::Periodo))
                    .col(string_len(Informativa::Tipo, 20))
                    .col(string_len(Informativa::Estado, 20))
                    .col(small_integer_null(Informativa::Original))
                    .col(big_integer(Informativa::NumContratos).default(0))
                    .col(big_integer(Informativa::NumTrabajadores).default(0))
                    .col(timestamp_with_time_zone(Informativa::Creada))
                    .col(string_len(Informativa::CreadaPor, 40))
                    .col(timestamp_with_time_zone(Informativa::Actualizada))
                    .col(timestamp_with_time_zone_null(Informativa::EnviadaFirma))
                    .col(string_len_null(Informativa::EnviadaPor, 40))
                    .to_owned(),
            )
            .await?;
        // V01: NULLs are distinct in a unique index (SQLite and PostgreSQL alike), so only the
        // Normal/Sin información row (original = 1) is unique per contratista, year and period.
        manager
            .create_index(
                Index::create()
                    .name("ux_informativa_original")
                    .table(Informativa::Table)
                    .col(Informativa::Rfc)
                    .col(Informativa::Anio)
                    .col(Informativa::Periodo)
                    .col(Informativa::Original)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Contrato::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Contrato::Id))
                    .col(big_integer(Contrato::InformativaId))
                    .col(string_len(Contrato::RfcContratante, 13))
                    .col(string_len(Contrato::NombreContratante, 254))
                    .col(string_len(Contrato::Servicio, 40))
                    .col(date(Contrato::FechaInicio))
                    .col(date_null(Contrato::FechaTermino))
                    .col(text(Contrato::Datos))
                    .col(big_integer(Contrato::NumTrabajadores).default(0))
                    .col(timestamp_with_time_zone(Contrato::Creado))
                    .col(timestamp_with_time_zone(Contrato::Actualizado))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_contrato_informativa")
                            .from(Contrato::Table, Contrato::InformativaId)
                            .to(Informativa::Table, Informativa::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_contrato_informativa")
                    .table(Contrato::Table)
                    .col(Contrato::InformativaId)
                    .col(Contrato::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Trabajador::Table)
                    .if_not_exists()
                    .col(big_integer(Trabajador::ContratoId))
                    .col(string_len(Trabajador::Nss, 11))
                    .col(string_len(Trabajador::Curp, 18))
                    .col(big_integer(Trabajador::Sbc))
                    .col(big_integer_null(Trabajador::CargaId))
                    // V08: one NSS per contract (and the order pages are read in).
                    .primary_key(
                        Index::create()
                            .col(Trabajador::ContratoId)
                            .col(Trabajador::Nss),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_trabajador_curp")
                    .table(Trabajador::Table)
                    .col(Trabajador::ContratoId)
                    .col(Trabajador::Curp)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Carga::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Carga::Id))
                    .col(big_integer(Carga::InformativaId))
                    .col(big_integer_null(Carga::ContratoId))
                    .col(string_len(Carga::Tipo, 20))
                    .col(string_len(Carga::Clave, 64))
                    .col(big_integer(Carga::Filas))
                    .col(big_integer(Carga::Agregados))
                    .col(big_integer(Carga::Rechazados))
                    .col(string_len_null(Carga::RechazadosClave, 200))
                    .col(timestamp_with_time_zone(Carga::Creada))
                    .col(string_len(Carga::Por, 40))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_carga_clave")
                    .table(Carga::Table)
                    .col(Carga::InformativaId)
                    .col(Carga::Clave)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for tabla in [
            Carga::Table.into_iden(),
            Trabajador::Table.into_iden(),
            Contrato::Table.into_iden(),
            Informativa::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(tabla).to_owned())
                .await?;
        }
        Ok(())
    }
}
