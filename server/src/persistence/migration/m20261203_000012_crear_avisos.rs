//! Creates the notices (issue 17):
//!
//! - `aviso`: the durable outbox **and** the in-app inbox. A row is written in the same
//!   transaction as the change that causes it (sent to signature, presented, a capturista invited
//!   …), then delivered by the worker every server process runs (`avisos::repartidor`), which
//!   claims rows with a lease. `clave`, unique, makes a reminder a single row whatever the number
//!   of replicas or restarts.
//! - `preferencia_aviso`: who opted out of reminders.
//! - `calendario_privado`: the hash of each contratista's secret calendar-feed token.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Aviso {
    Table,
    Id,
    Rol,
    Destinatario,
    Rfc,
    ParaNombre,
    ParaCorreo,
    Tipo,
    Asunto,
    Texto,
    Enlace,
    InformativaId,
    AdjuntarAcuse,
    Clave,
    Creado,
    Estado,
    Intentos,
    SiguienteIntento,
    ReclamadoHasta,
    ReclamadoPor,
    Enviado,
    UltimoError,
    Leido,
}

#[derive(DeriveIden)]
enum PreferenciaAviso {
    Table,
    Rol,
    Destinatario,
    Recordatorios,
    Actualizado,
}

#[derive(DeriveIden)]
enum CalendarioPrivado {
    Table,
    Rfc,
    TokenHash,
    Creado,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Aviso::Table)
                    .col(big_pk_auto(Aviso::Id))
                    .col(string_len(Aviso::Rol, 12))
                    .col(string_len(Aviso::Destinatario, 18))
                    .col(string_len(Aviso::Rfc, 13))
                    .col(string_len(Aviso::ParaNombre, 300))
                    .col(string_len_null(Aviso::ParaCorreo, 254))
                    .col(string_len(Aviso::Tipo, 40))
                    .col(string_len(Aviso::Asunto, 300))
                    .col(text(Aviso::Texto))
                    .col(string_len_null(Aviso::Enlace, 500))
                    .col(big_integer_null(Aviso::InformativaId))
                    .col(boolean(Aviso::AdjuntarAcuse).default(false))
                    .col(string_len_null(Aviso::Clave, 200).unique_key())
                    .col(timestamp_with_time_zone(Aviso::Creado))
                    .col(string_len(Aviso::Estado, 12))
                    .col(integer(Aviso::Intentos).default(0))
                    .col(timestamp_with_time_zone(Aviso::SiguienteIntento))
                    .col(timestamp_with_time_zone_null(Aviso::ReclamadoHasta))
                    .col(string_len_null(Aviso::ReclamadoPor, 80))
                    .col(timestamp_with_time_zone_null(Aviso::Enviado))
                    .col(text_null(Aviso::UltimoError))
                    .col(timestamp_with_time_zone_null(Aviso::Leido))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_aviso_cola")
                    .table(Aviso::Table)
                    .col(Aviso::Estado)
                    .col(Aviso::SiguienteIntento)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_aviso_bandeja")
                    .table(Aviso::Table)
                    .col(Aviso::Destinatario)
                    .col(Aviso::Rol)
                    .col(Aviso::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PreferenciaAviso::Table)
                    .col(string_len(PreferenciaAviso::Rol, 12))
                    .col(string_len(PreferenciaAviso::Destinatario, 18))
                    .col(boolean(PreferenciaAviso::Recordatorios))
                    .col(timestamp_with_time_zone(PreferenciaAviso::Actualizado))
                    .primary_key(
                        Index::create()
                            .col(PreferenciaAviso::Rol)
                            .col(PreferenciaAviso::Destinatario),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CalendarioPrivado::Table)
                    .col(string_len(CalendarioPrivado::Rfc, 13).primary_key())
                    .col(string_len(CalendarioPrivado::TokenHash, 64).unique_key())
                    .col(timestamp_with_time_zone(CalendarioPrivado::Creado))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Aviso::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(PreferenciaAviso::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(CalendarioPrivado::Table).to_owned())
            .await?;
        Ok(())
    }
}
