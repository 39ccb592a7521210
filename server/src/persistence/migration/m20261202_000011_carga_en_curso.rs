//! `carga.en_curso`: a bulk upload of more than `partes::filas_por_parte` workers is written in
//! several short transactions so that SQLite's one writer is free between them (issue 15); while
//! it is being written its `carga` row says so, and sending the informativa to signature, deleting
//! it or its contract, and retrying the same upload wait until it is done or undone.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Carga {
    Table,
    EnCurso,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Carga::Table)
                    .add_column(
                        ColumnDef::new(Carga::EnCurso)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Carga::Table)
                    .drop_column(Carga::EnCurso)
                    .to_owned(),
            )
            .await
    }
}
