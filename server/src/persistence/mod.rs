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
        .sqlx_logging(false);
    Database::connect(opciones).await.with_context(|| {
        format!(
            "no se pudo conectar a la base de datos {}",
            sin_secretos(url)
        )
    })
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
    let Some(resto) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
    else {
        return Ok(());
    };
    let ruta = resto.split('?').next().unwrap_or_default();
    if ruta.is_empty() || ruta == ":memory:" || ruta.starts_with("file:") {
        return Ok(());
    }
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
}
