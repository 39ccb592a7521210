//! The database: connection, migrations, entities and repositories (sea-orm; SQLite embedded by
//! default, PostgreSQL in production). Nothing outside `server` sees sea-orm.

pub mod dias_inhabiles;
pub mod entities;
pub mod migration;
pub mod parametros;

use anyhow::Context;
use sea_orm::{ConnectOptions, Database, DatabaseConnection};
use sea_orm_migration::MigratorTrait;
use std::path::Path;
use std::time::Duration;

/// Connects to `url`. For a SQLite file, its directory is created first (a fresh clone has no
/// `./data/`).
pub async fn connect(url: &str) -> anyhow::Result<DatabaseConnection> {
    crear_directorio_sqlite(url)?;
    let mut opciones = ConnectOptions::new(url.to_string());
    opciones
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        .max_connections(CONEXIONES)
        .sqlx_logging(false);
    if es_archivo_sqlite(url) {
        opciones.map_sqlx_sqlite_opts(|o| {
            o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .busy_timeout(ESPERA_ESCRITURA_SQLITE)
        });
    }
    Database::connect(opciones).await.with_context(|| {
        format!(
            "no se pudo conectar a la base de datos {}",
            sin_secretos(url)
        )
    })
}

/// Connections in the pool (sqlx's default is 10): on deadline day a few long operations (an
/// upload's insert, a cadena over 100,000 workers) held all ten and every page waited for one.
pub const CONEXIONES: u32 = 32;

/// How long a SQLite write waits for the one writer before giving up with `database_unavailable`.
/// The longest write transactions (presenting or undoing a million workers) take 2–3 s on the CI
/// kind (docs/BENCHMARKS.md); the default 5 s left no margin on a slower disk.
pub const ESPERA_ESCRITURA_SQLITE: Duration = Duration::from_secs(15);

/// Whether `url` is a SQLite database in a file (not in memory), which runs in WAL mode: readers
/// never wait for the writer, so pages and verifications keep answering while one tenant's
/// upload is being written (issue 15). WAL keeps `-wal` and `-shm` files beside the database
/// (back up the three together, or with `sqlite3 … .backup`).
fn es_archivo_sqlite(url: &str) -> bool {
    ruta_sqlite(url).is_some() && !url.contains("mode=memory")
}

/// The path part of a `sqlite:` URL, unless it names no file (empty, `:memory:`).
pub fn ruta_sqlite(url: &str) -> Option<&str> {
    let resto = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let ruta = resto.split('?').next().unwrap_or_default();
    (!ruta.is_empty() && ruta != ":memory:").then_some(ruta)
}

/// Begins a transaction that writes. On SQLite it is `BEGIN IMMEDIATE`: it takes the one
/// writer's lock at the start, waiting for it up to [`ESPERA_ESCRITURA_SQLITE`]. A deferred
/// transaction that read first and then wrote failed at once with `SQLITE_BUSY` whenever another
/// writer had committed in between (the deadline-day benchmark saw it on 620 of 902 saves of
/// datos generales with 32 connections). On PostgreSQL it is a plain `BEGIN`. Every write
/// transaction starts here.
pub async fn escribir(
    db: &DatabaseConnection,
) -> Result<sea_orm::DatabaseTransaction, sea_orm::DbErr> {
    use sea_orm::TransactionTrait;
    db.begin_with_options(sea_orm::TransactionOptions {
        sqlite_transaction_mode: Some(sea_orm::SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<()> {
    migration::Migrator::up(db, None)
        .await
        .context("no se pudieron aplicar las migraciones")
}

/// The names of the migrations already applied, oldest first.
pub async fn applied_migrations(db: &DatabaseConnection) -> anyhow::Result<Vec<String>> {
    let estados = migration::Migrator::get_applied_migrations(db).await?;
    Ok(estados.iter().map(|m| m.name().to_string()).collect())
}

fn crear_directorio_sqlite(url: &str) -> anyhow::Result<()> {
    let Some(ruta) = ruta_sqlite(url).filter(|r| !r.starts_with("file:")) else {
        return Ok(());
    };
    if let Some(dir) = Path::new(ruta)
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("no se pudo crear el directorio {}", dir.display()))?;
    }
    Ok(())
}

/// The URL without its password, for logs and messages.
pub fn sin_secretos(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(i), Some(arroba)) if arroba > i => {
            let credenciales = &url[i + 3..arroba];
            match credenciales.split_once(':') {
                Some((usuario, _)) => format!("{}{usuario}:***{}", &url[..i + 3], &url[arroba..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_the_logs() {
        assert_eq!(
            sin_secretos("postgres://icsoe:s3cr3t@db:5432/icsoe"),
            "postgres://icsoe:***@db:5432/icsoe"
        );
        assert_eq!(
            sin_secretos("postgres://postgres@127.0.0.1/test"),
            "postgres://postgres@127.0.0.1/test"
        );
        assert_eq!(
            sin_secretos("sqlite://data/icsoe.sqlite?mode=rwc"),
            "sqlite://data/icsoe.sqlite?mode=rwc"
        );
    }

    #[test]
    fn the_sqlite_directory_is_created_on_first_start() {
        let dir = tempfile::tempdir().unwrap();
        let ruta = dir.path().join("nuevo/sub/icsoe.sqlite");
        crear_directorio_sqlite(&format!("sqlite://{}?mode=rwc", ruta.display())).unwrap();
        assert!(ruta.parent().unwrap().is_dir());
    }

    #[tokio::test]
    async fn a_sqlite_file_runs_in_wal_so_readers_do_not_wait_for_the_writer() {
        use sea_orm::{ConnectionTrait, Statement, TransactionTrait};
        let dir = tempfile::tempdir().unwrap();
        let url = format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("w.sqlite").display()
        );
        let db = connect(&url).await.unwrap();
        let modo = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                "PRAGMA journal_mode",
            ))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(modo.try_get_by_index::<String>(0).unwrap(), "wal");
        db.execute_unprepared("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1)")
            .await
            .unwrap();
        // A write transaction stays open (an upload being written) …
        let txn = db.begin().await.unwrap();
        txn.execute_unprepared("INSERT INTO t SELECT n + 1 FROM t")
            .await
            .unwrap();
        // … and a reader on another connection sees the last committed state at once.
        let otra = connect(&url).await.unwrap();
        let leido = tokio::time::timeout(
            Duration::from_secs(1),
            otra.query_one_raw(Statement::from_string(
                otra.get_database_backend(),
                "SELECT COUNT(*) FROM t",
            )),
        )
        .await
        .expect("el lector no esperó al escritor")
        .unwrap()
        .unwrap();
        assert_eq!(leido.try_get_by_index::<i64>(0).unwrap(), 1);
        txn.commit().await.unwrap();
        assert!(!es_archivo_sqlite("sqlite::memory:"));
        assert!(!es_archivo_sqlite("sqlite://file.db?mode=memory"));
        assert!(!es_archivo_sqlite("postgres://h/db"));
    }
}
