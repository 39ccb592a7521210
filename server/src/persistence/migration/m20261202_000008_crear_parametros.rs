//! Creates `parametro_anual` (the yearly legal figures: UMA, general minimum wage and the
//! northern border zone's) and seeds it with the values published up to 2026
//! (`docs/domain.md` §10), and stores on `presentacion` the UMA its fine range was computed with,
//! so a later change of the figures never alters an acuse already issued.
//!
//! Later figures are added with `icsoe parametros agregar` as the DOF publishes them (UMA:
//! INEGI each January, in force from 1 February; minimum wages: CONASAMI each December, in force
//! from 1 January).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ParametroAnual {
    Table,
    Id,
    Concepto,
    VigenteDesde,
    Valor,
    Fuente,
}

/// `(year, UMA, general minimum wage, border zone minimum wage)` in centavos, with the sources
/// domain.md §10 cites.
pub const SEMILLA: &[(i32, i64, i64, i64, &str, &str)] = &[
    (
        2021,
        8_962,
        14_170,
        21_339,
        "INEGI, DOF 08/01/2021",
        "CONASAMI, DOF 23/12/2020",
    ),
    (
        2022,
        9_622,
        17_287,
        26_034,
        "INEGI, DOF 10/01/2022",
        "CONASAMI, DOF 08/12/2021",
    ),
    (
        2023,
        10_374,
        20_744,
        31_241,
        "INEGI, DOF 10/01/2023",
        "CONASAMI, DOF 07/12/2022",
    ),
    (
        2024,
        10_857,
        24_893,
        37_489,
        "INEGI, DOF 10/01/2024",
        "CONASAMI, DOF 12/12/2023",
    ),
    (
        2025,
        11_314,
        27_880,
        41_988,
        "INEGI, DOF 10/01/2025",
        "CONASAMI, DOF 17/12/2024",
    ),
    (
        2026,
        11_731,
        31_504,
        44_087,
        "INEGI, DOF 09/01/2026",
        "CONASAMI, DOF 03/12/2025",
    ),
];

/// Fills the fine's UMA of the late filings presented before this migration, with the UMA in
/// force on their due date (what the acuse showed until now).
const RELLENAR_MULTA: &str = "
UPDATE presentacion SET
    multa_uma_diaria = (
        SELECT p.valor FROM parametro_anual p
        WHERE p.concepto = 'uma' AND p.vigente_desde <= presentacion.vence
        ORDER BY p.vigente_desde DESC LIMIT 1),
    multa_uma_anio = (
        SELECT CAST(substr(CAST(p.vigente_desde AS TEXT), 1, 4) AS INTEGER) FROM parametro_anual p
        WHERE p.concepto = 'uma' AND p.vigente_desde <= presentacion.vence
        ORDER BY p.vigente_desde DESC LIMIT 1)
WHERE extemporanea
";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ParametroAnual::Table)
                    .col(pk_auto(ParametroAnual::Id))
                    .col(string_len(ParametroAnual::Concepto, 40))
                    .col(date(ParametroAnual::VigenteDesde))
                    .col(big_integer(ParametroAnual::Valor))
                    .col(string_len(ParametroAnual::Fuente, 500))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_parametro_anual_concepto_desde")
                    .table(ParametroAnual::Table)
                    .col(ParametroAnual::Concepto)
                    .col(ParametroAnual::VigenteDesde)
                    .unique()
                    .to_owned(),
            )
            .await?;
        let mut insert = Query::insert();
        insert.into_table(ParametroAnual::Table).columns([
            ParametroAnual::Concepto,
            ParametroAnual::VigenteDesde,
            ParametroAnual::Valor,
            ParametroAnual::Fuente,
        ]);
        for (anio, uma, general, frontera, fuente_uma, fuente_minimo) in SEMILLA {
            let fecha = |mes| {
                chrono::NaiveDate::from_ymd_opt(*anio, mes, 1)
                    .ok_or_else(|| DbErr::Migration(format!("fecha inválida: {anio}-{mes}-01")))
            };
            for (concepto, desde, valor, fuente) in [
                ("uma", fecha(2)?, uma, fuente_uma),
                ("salario_minimo_general", fecha(1)?, general, fuente_minimo),
                (
                    "salario_minimo_frontera",
                    fecha(1)?,
                    frontera,
                    fuente_minimo,
                ),
            ] {
                insert
                    .values([
                        concepto.into(),
                        desde.into(),
                        (*valor).into(),
                        (*fuente).into(),
                    ])
                    .map_err(|e| DbErr::Migration(e.to_string()))?;
            }
        }
        manager.execute(insert).await?;
        for columna in [
            "multa_uma_diaria bigint NULL",
            "multa_uma_anio integer NULL",
        ] {
            manager
                .get_connection()
                .execute_unprepared(&format!("ALTER TABLE presentacion ADD COLUMN {columna}"))
                .await?;
        }
        let sql = match manager.get_database_backend() {
            DatabaseBackend::Postgres => RELLENAR_MULTA.replace(
                "substr(CAST(p.vigente_desde AS TEXT), 1, 4)",
                "to_char(p.vigente_desde, 'YYYY')",
            ),
            _ => RELLENAR_MULTA.to_string(),
        };
        manager.get_connection().execute_unprepared(&sql).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for columna in ["multa_uma_diaria", "multa_uma_anio"] {
            manager
                .get_connection()
                .execute_unprepared(&format!("ALTER TABLE presentacion DROP COLUMN {columna}"))
                .await?;
        }
        manager
            .drop_table(Table::drop().table(ParametroAnual::Table).to_owned())
            .await
    }
}
