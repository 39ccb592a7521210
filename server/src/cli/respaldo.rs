//! `icsoe respaldo ARCHIVO` and `icsoe restaurar ARCHIVO` (issue 19, backups): a consistent copy
//! of the embedded SQLite database **while the server runs** and of the stored files (acuses of
//! REPSE, refused rows, listado publications), in one ZIP; and its restore into an empty data
//! directory. PostgreSQL and S3 have their own tools (`pg_dump`, bucket versioning):
//! docs/OPERACION.md.
//!
//! Consistency: SQLite's `VACUUM INTO` writes a snapshot of one read transaction (WAL mode lets
//! the server keep writing meanwhile). Files are copied after it, so a file stored in between is
//! in the ZIP without a row pointing to it — harmless — while every row in the snapshot finds
//! its file (files are never changed in place, only added or purged by housekeeping).

use crate::config::Settings;
use crate::persistence;
use anyhow::Context;
use sea_orm::ConnectionTrait;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The database's name inside the archive.
const BASE: &str = "icsoe.sqlite";
/// The stored files' folder inside the archive.
const ARCHIVOS: &str = "archivos/";

/// `icsoe respaldo ARCHIVO`
pub async fn respaldar(settings: &Settings, archivo: &Path) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(
        persistence::ruta_sqlite(&settings.database_url).is_some(),
        "icsoe respaldo copia la base SQLite integrada. Con PostgreSQL usa pg_dump (docs/OPERACION.md)."
    );
    if settings.s3_bucket.is_some() {
        eprintln!("Aviso: los archivos están en S3 y no se incluyen; respáldalos con el versionado del bucket (docs/OPERACION.md).");
    }
    let temporal = tempfile::tempdir_in(
        archivo
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new(".")),
    )
    .context("no se pudo crear un directorio temporal junto al respaldo")?;
    let copia = temporal.path().join(BASE);
    let db = persistence::connect(&settings.database_url).await?;
    let destino = copia.display().to_string().replace('\'', "''");
    db.execute_unprepared(&format!("VACUUM INTO '{destino}'"))
        .await
        .context("no se pudo copiar la base de datos (VACUUM INTO)")?;
    db.close().await.ok();
    let parcial = archivo.with_extension("parcial");
    let raiz = settings.almacen_dir_efectivo();
    let (bytes, archivos) = {
        let parcial = parcial.clone();
        let copia = copia.clone();
        tokio::task::spawn_blocking(move || escribir_zip(&parcial, &copia, &raiz)).await??
    };
    std::fs::rename(&parcial, archivo)
        .with_context(|| format!("no se pudo mover el respaldo a {}", archivo.display()))?;
    println!(
        "Respaldo listo: {} (base de datos y {archivos} archivos guardados, {bytes} bytes).",
        archivo.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn escribir_zip(zip: &Path, base: &Path, raiz: &Path) -> anyhow::Result<(u64, usize)> {
    let f = std::fs::File::create(zip)
        .with_context(|| format!("no se pudo crear {}", zip.display()))?;
    let mut w = zip::ZipWriter::new(std::io::BufWriter::new(f));
    let opciones = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    w.start_file(BASE, opciones)?;
    std::io::copy(&mut std::fs::File::open(base)?, &mut w)?;
    let mut archivos = 0;
    let mut pendientes = vec![raiz.to_path_buf()];
    while let Some(dir) = pendientes.pop() {
        let Ok(entradas) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entradas.flatten() {
            let ruta = e.path();
            if ruta.is_dir() {
                pendientes.push(ruta);
                continue;
            }
            // A half-written store (`.parcial`) is not a stored file.
            if ruta.extension().is_some_and(|x| x == "parcial") {
                continue;
            }
            let relativa = ruta
                .strip_prefix(raiz)?
                .to_string_lossy()
                .replace('\\', "/");
            w.start_file(format!("{ARCHIVOS}{relativa}"), opciones)?;
            std::io::copy(&mut std::fs::File::open(&ruta)?, &mut w)?;
            archivos += 1;
        }
    }
    let mut f = w.finish()?;
    f.flush()?;
    let bytes = std::fs::metadata(zip)?.len();
    Ok((bytes, archivos))
}

/// `icsoe restaurar ARCHIVO`: into the configured database path and storage directory, which
/// must not hold a database yet (stop the server; move the old files aside).
pub async fn restaurar(settings: &Settings, archivo: &Path) -> anyhow::Result<ExitCode> {
    let Some(ruta) = persistence::ruta_sqlite(&settings.database_url) else {
        anyhow::bail!("icsoe restaurar escribe la base SQLite integrada. Con PostgreSQL usa pg_restore (docs/OPERACION.md).");
    };
    let ruta = PathBuf::from(ruta);
    anyhow::ensure!(
        !ruta.exists(),
        "Ya existe una base de datos en {}. Detén el servidor y mueve esa base a otro lugar antes de restaurar: restaurar nunca sobrescribe datos.",
        ruta.display()
    );
    let raiz = settings.almacen_dir_efectivo();
    let archivo = archivo.to_path_buf();
    let (base, archivos) =
        tokio::task::spawn_blocking(move || leer_zip(&archivo, &ruta, &raiz)).await??;
    println!("Restaurado: base de datos ({base} bytes) y {archivos} archivos guardados.");
    Ok(ExitCode::SUCCESS)
}

fn leer_zip(zip: &Path, base: &Path, raiz: &Path) -> anyhow::Result<(u64, usize)> {
    let f =
        std::fs::File::open(zip).with_context(|| format!("no se pudo abrir {}", zip.display()))?;
    let mut z = zip::ZipArchive::new(f).context("el archivo no es un respaldo de ICSOE (ZIP)")?;
    let mut bytes = 0;
    let mut archivos = 0;
    for i in 0..z.len() {
        let mut entrada = z.by_index(i)?;
        // `enclosed_name` refuses `..` and absolute paths: an archive cannot write outside.
        let Some(nombre) = entrada.enclosed_name() else {
            anyhow::bail!("el respaldo contiene una ruta inválida (entrada {i})");
        };
        let nombre = nombre.to_string_lossy().replace('\\', "/");
        let destino = if nombre == BASE {
            base.to_path_buf()
        } else if let Some(resto) = nombre.strip_prefix(ARCHIVOS) {
            archivos += 1;
            raiz.join(resto)
        } else {
            continue;
        };
        if let Some(dir) = destino.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut buf = Vec::new();
        entrada.read_to_end(&mut buf)?;
        if nombre == BASE {
            bytes = buf.len() as u64;
        }
        std::fs::write(&destino, buf)?;
    }
    anyhow::ensure!(
        bytes > 0,
        "el respaldo no contiene la base de datos ({BASE})"
    );
    Ok((bytes, archivos))
}
