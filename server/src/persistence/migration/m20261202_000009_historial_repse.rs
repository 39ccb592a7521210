//! Creates `registro_repse`: every REPSE registration a contratista saved (number, date and its
//! services, as JSON), one row per registration date. The STPS renews registrations and a renewal
//! may drop services; V04 checks a contract against the registration in force on its start date.
//! The registration each contratista has today is copied in.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RegistroRepse {
    Table,
    Id,
    Rfc,
    FechaRegistro,
    Datos,
    Guardado,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RegistroRepse::Table)
                    .col(pk_auto(RegistroRepse::Id))
                    .col(string_len(RegistroRepse::Rfc, 13))
                    .col(date(RegistroRepse::FechaRegistro))
                    .col(text(RegistroRepse::Datos))
                    .col(timestamp_with_time_zone(RegistroRepse::Guardado))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_registro_repse_rfc_fecha")
                    .table(RegistroRepse::Table)
                    .col(RegistroRepse::Rfc)
                    .col(RegistroRepse::FechaRegistro)
                    .unique()
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        let actuales = db
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT rfc, repse_numero, repse_fecha, actualizado FROM datos_generales \
                 WHERE repse_numero IS NOT NULL AND repse_fecha IS NOT NULL",
            ))
            .await?;
        for fila in actuales {
            let rfc: String = fila.try_get("", "rfc")?;
            let numero: String = fila.try_get("", "repse_numero")?;
            let fecha: chrono::NaiveDate = fila.try_get("", "repse_fecha")?;
            let guardado: chrono::DateTime<chrono::Utc> = fila.try_get("", "actualizado")?;
            let servicios = db
                .query_all_raw(Statement::from_sql_and_values(
                    backend,
                    match backend {
                        sea_orm::DatabaseBackend::Postgres => {
                            "SELECT folio, descripcion FROM servicio_repse WHERE rfc = $1 ORDER BY id"
                        }
                        _ => "SELECT folio, descripcion FROM servicio_repse WHERE rfc = ? ORDER BY id",
                    },
                    [rfc.clone().into()],
                ))
                .await?;
            let mut lista = Vec::new();
            for s in servicios {
                let folio: String = s.try_get("", "folio")?;
                let descripcion: String = s.try_get("", "descripcion")?;
                lista.push(serde_json::json!({"folio": folio, "descripcion": descripcion}));
            }
            let datos = serde_json::json!({
                "numero": numero,
                "fecha_registro": fecha,
                "servicios": lista,
            })
            .to_string();
            let mut insert = Query::insert();
            insert
                .into_table(RegistroRepse::Table)
                .columns([
                    RegistroRepse::Rfc,
                    RegistroRepse::FechaRegistro,
                    RegistroRepse::Datos,
                    RegistroRepse::Guardado,
                ])
                .values([rfc.into(), fecha.into(), datos.into(), guardado.into()])
                .map_err(|e| DbErr::Migration(e.to_string()))?;
            manager.execute(insert).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RegistroRepse::Table).to_owned())
            .await
    }
}
