//! Creates `dia_inhabil` and seeds it with the declarations the project knows of.
//!
//! The LFT art. 74 holidays are computed by rule in the domain; this table only holds what an
//! authority declares on top of them (Consejo Técnico agreements published in the DOF).

use chrono::NaiveDate;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum DiaInhabil {
    Table,
    Id,
    Fecha,
    Autoridad,
    Descripcion,
    Fuente,
}

/// Declarations known when the table was created. Each carries its source so anyone can check
/// it; later ones are added with `icsoe dias-inhabiles agregar`.
const SEMILLA: &[(i32, u32, u32, &str, &str)] = &[
    (
        2017,
        9,
        19,
        "Sismo del 19 de septiembre de 2017 (acuerdo del H. Consejo Técnico del IMSS)",
        "https://www.lexology.com/library/detail.aspx?g=7d9a7cd6-67d0-4d00-8a87-48a13e6e7ce4",
    ),
    (
        2017,
        9,
        20,
        "Sismo del 19 de septiembre de 2017 (acuerdo del H. Consejo Técnico del IMSS)",
        "https://www.lexology.com/library/detail.aspx?g=7d9a7cd6-67d0-4d00-8a87-48a13e6e7ce4",
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(DiaInhabil::Table)
                    .if_not_exists()
                    .col(pk_auto(DiaInhabil::Id))
                    .col(date(DiaInhabil::Fecha))
                    .col(string_len(DiaInhabil::Autoridad, 20))
                    .col(string_len(DiaInhabil::Descripcion, 300))
                    .col(string_len(DiaInhabil::Fuente, 500))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_dia_inhabil_autoridad_fecha")
                    .table(DiaInhabil::Table)
                    .col(DiaInhabil::Autoridad)
                    .col(DiaInhabil::Fecha)
                    .unique()
                    .to_owned(),
            )
            .await?;
        let mut insert = Query::insert();
        insert.into_table(DiaInhabil::Table).columns([
            DiaInhabil::Fecha,
            DiaInhabil::Autoridad,
            DiaInhabil::Descripcion,
            DiaInhabil::Fuente,
        ]);
        for (anio, mes, dia, descripcion, fuente) in SEMILLA {
            let fecha = NaiveDate::from_ymd_opt(*anio, *mes, *dia).ok_or_else(|| {
                DbErr::Migration(format!("fecha inválida en la semilla: {anio}-{mes}-{dia}"))
            })?;
            insert
                .values([
                    fecha.into(),
                    "IMSS".into(),
                    (*descripcion).into(),
                    (*fuente).into(),
                ])
                .map_err(|e| DbErr::Migration(e.to_string()))?;
        }
        manager.execute(insert).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(DiaInhabil::Table).to_owned())
            .await
    }
}
