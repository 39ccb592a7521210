//! `icsoe listado publicar --anio A --periodo P`: publishes the listado público and the listado
//! con información inconsistente of a period now (what the server's monthly task does), and
//! prints what it published.

use crate::config::Settings;
use crate::persistence;
use app::domain::calendar::{Anio, Cuatrimestre, Periodo};
use app::domain::listado::{nombre_archivo, Lista};
use clap::Subcommand;
use std::process::ExitCode;

/// `icsoe listado …`
#[derive(Debug, Subcommand)]
pub enum Listado {
    /// Publish both lists of a year and cuatrimestre (a new snapshot; older ones stay
    /// downloadable).
    Publicar {
        /// The year, e.g. 2026.
        #[arg(long)]
        anio: String,
        /// The cuatrimestre: 1, 2 or 3.
        #[arg(long)]
        periodo: String,
    },
}

/// Runs it.
pub async fn run(accion: Listado, settings: &Settings) -> anyhow::Result<ExitCode> {
    let Listado::Publicar { anio, periodo } = accion;
    let anio = Anio::parse(&anio).map_err(|e| anyhow::anyhow!("{e}"))?;
    let c = Cuatrimestre::parse(&periodo).map_err(|e| anyhow::anyhow!("{}", e.0))?;
    let p = Periodo::new(anio, c);
    let db = persistence::connect(&settings.database_url).await?;
    persistence::migrate(&db).await?;
    let state = crate::startup::app_state(settings, db)?;
    let inicio = std::time::Instant::now();
    let hecha = state
        .listado
        .publicar(p, None)
        .await
        .map_err(|e| anyhow::anyhow!("{}", e.mensaje))?
        .ok_or_else(|| anyhow::anyhow!("no se publicó"))?;
    println!(
        "Listado público {}-{}: publicación {}, {} filas ({}, {}).",
        anio.get(),
        c.numero(),
        hecha.publico.id,
        hecha.publico.filas,
        nombre_archivo(Lista::Publico, p, "xlsx"),
        nombre_archivo(Lista::Publico, p, "csv"),
    );
    println!(
        "Listado con información inconsistente {}-{}: publicación {}, {} filas ({}). {} ms.",
        anio.get(),
        c.numero(),
        hecha.inconsistente.id,
        hecha.inconsistente.filas,
        nombre_archivo(Lista::Inconsistente, p, "xlsx"),
        inicio.elapsed().as_millis()
    );
    Ok(ExitCode::SUCCESS)
}
