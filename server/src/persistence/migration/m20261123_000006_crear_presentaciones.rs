//! Presentation (issue 7): `folio` hands out folio numbers (never reused: an auto-increment
//! that a rolled-back transaction only skips), `presentacion` is the immutable record of what
//! was signed and sealed (one per informativa, by a unique index: two browsers or two server
//! replicas signing at once get one folio), and `informativa` learns its folio, its presentation
//! time and, for a complementaria, the informativa it affects.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Informativa {
    Table,
    ReferenciaId,
    Folio,
    Presentada,
}

#[derive(DeriveIden)]
enum Folio {
    Table,
    Id,
    Prefijo,
    Creado,
}

#[derive(DeriveIden)]
enum Presentacion {
    Table,
    Id,
    InformativaId,
    Folio,
    Rfc,
    Nombre,
    Tipo,
    Anio,
    Periodo,
    FolioReferencia,
    NumContratos,
    NumTrabajadores,
    Sha256Detalle,
    Cadena,
    Firma,
    Certificado,
    NoCertificado,
    Presentada,
    Vence,
    Extemporanea,
    Sello,
    NoCertificadoSello,
    SelloDesarrollo,
    Codigo,
    Clave,
    Por,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one column per ALTER TABLE.
        for columna in [
            big_integer_null(Informativa::ReferenciaId),
            string_len_null(Informativa::Folio, 20),
            timestamp_with_time_zone_null(Informativa::Presentada),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Informativa::Table)
                        .add_column(columna)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("ix_informativa_referencia")
                    .table(Informativa::Table)
                    .col(Informativa::ReferenciaId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Folio::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Folio::Id))
                    .col(string_len(Folio::Prefijo, 4))
                    .col(timestamp_with_time_zone(Folio::Creado))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Presentacion::Table)
                    .if_not_exists()
                    .col(big_pk_auto(Presentacion::Id))
                    .col(big_integer(Presentacion::InformativaId))
                    .col(string_len(Presentacion::Folio, 20))
                    .col(string_len(Presentacion::Rfc, 13))
                    .col(string_len(Presentacion::Nombre, 400))
                    .col(string_len(Presentacion::Tipo, 20))
                    .col(integer(Presentacion::Anio))
                    .col(small_integer(Presentacion::Periodo))
                    .col(string_len_null(Presentacion::FolioReferencia, 20))
                    .col(big_integer(Presentacion::NumContratos))
                    .col(big_integer(Presentacion::NumTrabajadores))
                    .col(string_len(Presentacion::Sha256Detalle, 64))
                    .col(text(Presentacion::Cadena))
                    .col(text(Presentacion::Firma))
                    .col(text(Presentacion::Certificado))
                    .col(string_len(Presentacion::NoCertificado, 40))
                    .col(timestamp_with_time_zone(Presentacion::Presentada))
                    .col(date(Presentacion::Vence))
                    .col(boolean(Presentacion::Extemporanea))
                    .col(text(Presentacion::Sello))
                    .col(string_len(Presentacion::NoCertificadoSello, 64))
                    .col(boolean(Presentacion::SelloDesarrollo))
                    .col(string_len(Presentacion::Codigo, 20))
                    .col(string_len(Presentacion::Clave, 64))
                    .col(string_len(Presentacion::Por, 40))
                    .to_owned(),
            )
            .await?;
        for (nombre, columna) in [
            ("ux_presentacion_informativa", Presentacion::InformativaId),
            ("ux_presentacion_folio", Presentacion::Folio),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(nombre)
                        .table(Presentacion::Table)
                        .col(columna)
                        .unique()
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Presentacion::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Folio::Table).to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ix_informativa_referencia")
                    .table(Informativa::Table)
                    .to_owned(),
            )
            .await?;
        for columna in [
            Informativa::Presentada,
            Informativa::Folio,
            Informativa::ReferenciaId,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Informativa::Table)
                        .drop_column(columna)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
