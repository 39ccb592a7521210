//! Creates the open-data publications (issue 18; Lineamientos 6.1–6.2, domain.md §3.9, §5.2):
//!
//! - `publicacion_listado`: one immutable snapshot of a list (público or inconsistente) of one
//!   year and cuatrimestre, with its date, its row count and the storage keys of its CSV and
//!   XLSX files. The files of every publication stay downloadable (the history); `completa`
//!   becomes true only once every row and file is written, so a half-written publication is
//!   never served. `mes` marks the periodic task's monthly publication (unique per list and
//!   period: several replicas publish it once).
//! - `fila_listado`: the rows of the **latest** complete publication of each list and period
//!   (what the public page searches); older publications keep only their files.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PublicacionListado {
    Table,
    Id,
    Lista,
    Anio,
    Periodo,
    Publicada,
    Filas,
    Completa,
    Mes,
}

#[derive(DeriveIden)]
enum FilaListado {
    Table,
    Id,
    PublicacionId,
    Contratista,
    PersonaContratista,
    Contratante,
    PersonaContratante,
    Servicio,
    FechaInicio,
    FechaTermino,
    NumTrabajadores,
    Tipo,
    Folio,
    Presentada,
    Inconsistencia,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PublicacionListado::Table)
                    .col(big_pk_auto(PublicacionListado::Id))
                    .col(string_len(PublicacionListado::Lista, 14))
                    .col(integer(PublicacionListado::Anio))
                    .col(small_integer(PublicacionListado::Periodo))
                    .col(timestamp_with_time_zone(PublicacionListado::Publicada))
                    .col(big_integer(PublicacionListado::Filas).default(0))
                    .col(boolean(PublicacionListado::Completa).default(false))
                    .col(string_len_null(PublicacionListado::Mes, 7))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_publicacion_listado_periodo")
                    .table(PublicacionListado::Table)
                    .col(PublicacionListado::Lista)
                    .col(PublicacionListado::Anio)
                    .col(PublicacionListado::Periodo)
                    .col(PublicacionListado::Id)
                    .to_owned(),
            )
            .await?;
        // The periodic task's publication of a month: one per list and period (NULLs, the
        // on-demand ones, are distinct).
        manager
            .create_index(
                Index::create()
                    .name("ux_publicacion_listado_mes")
                    .table(PublicacionListado::Table)
                    .col(PublicacionListado::Lista)
                    .col(PublicacionListado::Anio)
                    .col(PublicacionListado::Periodo)
                    .col(PublicacionListado::Mes)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(FilaListado::Table)
                    .col(big_pk_auto(FilaListado::Id))
                    .col(big_integer(FilaListado::PublicacionId))
                    .col(string_len(FilaListado::Contratista, 300))
                    .col(string_len(FilaListado::PersonaContratista, 10))
                    .col(string_len(FilaListado::Contratante, 300))
                    .col(string_len(FilaListado::PersonaContratante, 10))
                    .col(text(FilaListado::Servicio))
                    .col(date_null(FilaListado::FechaInicio))
                    .col(date_null(FilaListado::FechaTermino))
                    .col(big_integer_null(FilaListado::NumTrabajadores))
                    .col(string_len(FilaListado::Tipo, 40))
                    .col(string_len(FilaListado::Folio, 20))
                    .col(date(FilaListado::Presentada))
                    .col(string_len_null(FilaListado::Inconsistencia, 30))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_fila_listado_publicacion")
                    .table(FilaListado::Table)
                    .col(FilaListado::PublicacionId)
                    .col(FilaListado::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(FilaListado::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(PublicacionListado::Table).to_owned())
            .await
    }
}
