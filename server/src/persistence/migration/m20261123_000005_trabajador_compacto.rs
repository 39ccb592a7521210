//! Reshapes `trabajador` for bulk uploads of up to 1,000,000 rows (issue 6's ingest target):
//!
//! - SQLite: the table becomes `WITHOUT ROWID`, clustered on its primary key (contrato, NSS). A
//!   rowid table kept every worker twice (the row and the primary-key index); now the row *is*
//!   the key, and an upload sorted by NSS appends to it.
//! - PostgreSQL: `nss` and `curp` compare byte-wise (`COLLATE "C"`). Both are ASCII identifiers
//!   (digits and capital letters), so the order is the same as any locale's, the prefix searches
//!   read the same index ranges, and each index comparison is a `memcmp` instead of a locale
//!   lookup.
//!
//! Rows already stored are kept.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

const SQLITE_UP: &str = "
CREATE TABLE trabajador_nueva (
    contrato_id bigint NOT NULL,
    nss varchar(11) NOT NULL,
    curp varchar(18) NOT NULL,
    sbc bigint NOT NULL,
    carga_id bigint NULL,
    PRIMARY KEY (contrato_id, nss)
) WITHOUT ROWID;
INSERT INTO trabajador_nueva (contrato_id, nss, curp, sbc, carga_id)
    SELECT contrato_id, nss, curp, sbc, carga_id FROM trabajador ORDER BY contrato_id, nss;
DROP TABLE trabajador;
ALTER TABLE trabajador_nueva RENAME TO trabajador;
CREATE UNIQUE INDEX ux_trabajador_curp ON trabajador (contrato_id, curp);
";

const SQLITE_DOWN: &str = "
CREATE TABLE trabajador_nueva (
    contrato_id bigint NOT NULL,
    nss varchar(11) NOT NULL,
    curp varchar(18) NOT NULL,
    sbc bigint NOT NULL,
    carga_id bigint NULL,
    PRIMARY KEY (contrato_id, nss)
);
INSERT INTO trabajador_nueva (contrato_id, nss, curp, sbc, carga_id)
    SELECT contrato_id, nss, curp, sbc, carga_id FROM trabajador;
DROP TABLE trabajador;
ALTER TABLE trabajador_nueva RENAME TO trabajador;
CREATE UNIQUE INDEX ux_trabajador_curp ON trabajador (contrato_id, curp);
";

const POSTGRES_UP: &str = "
ALTER TABLE trabajador
    ALTER COLUMN nss TYPE varchar(11) COLLATE \"C\",
    ALTER COLUMN curp TYPE varchar(18) COLLATE \"C\";
";

const POSTGRES_DOWN: &str = "
ALTER TABLE trabajador
    ALTER COLUMN nss TYPE varchar(11) COLLATE \"default\",
    ALTER COLUMN curp TYPE varchar(18) COLLATE \"default\";
";

async fn ejecutar(manager: &SchemaManager<'_>, sqlite: &str, postgres: &str) -> Result<(), DbErr> {
    let db = manager.get_connection();
    match db.get_database_backend() {
        DatabaseBackend::Sqlite => db.execute_unprepared(sqlite).await.map(|_| ()),
        DatabaseBackend::Postgres => db.execute_unprepared(postgres).await.map(|_| ()),
        otro => Err(DbErr::Migration(format!(
            "base de datos no soportada: {otro:?}"
        ))),
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        ejecutar(manager, SQLITE_UP, POSTGRES_UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        ejecutar(manager, SQLITE_DOWN, POSTGRES_DOWN).await
    }
}
