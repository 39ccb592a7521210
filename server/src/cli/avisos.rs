//! `icsoe avisos recordar | enviar`: what the server's periodic tasks do, on demand — for an
//! operator (catching up after an outage, checking a deadline day) and for the reminder benchmark
//! (`end2end/bench/recordatorios.sh`). `--ahora` injects the instant, like `ICSOE_CLOCK`.

use crate::config::Settings;
use crate::persistence;
use clap::Subcommand;
use std::process::ExitCode;

/// `icsoe avisos …`
#[derive(Debug, Subcommand)]
pub enum Avisos {
    /// Write the deadline reminder due today for every contratista with the period pending
    /// (idempotent: a reminder already written is not written again).
    Recordar {
        /// The instant to run at (RFC 3339, e.g. 2027-01-18T09:00:00-06:00); default: now.
        #[arg(long)]
        ahora: Option<String>,
    },
    /// Deliver every notice that is due through the configured mail backend, then exit.
    Enviar,
}

/// Runs it.
pub async fn run(accion: Avisos, settings: &Settings) -> anyhow::Result<ExitCode> {
    let mut settings = settings.clone();
    if let Avisos::Recordar { ahora: Some(a) } = &accion {
        let instante = chrono::DateTime::parse_from_rfc3339(a.trim()).map_err(|_| {
            anyhow::anyhow!("«{a}» no es un instante. Escríbelo como 2027-01-18T09:00:00-06:00.")
        })?;
        settings.clock = crate::config::ClockSetting::Fixed(instante.to_utc());
    }
    let db = persistence::connect(&settings.database_url).await?;
    persistence::migrate(&db).await?;
    let state = crate::startup::app_state(&settings, db)?;
    match accion {
        Avisos::Recordar { .. } => {
            let inicio = std::time::Instant::now();
            let r = state
                .avisos
                .recordar(state.services.clock.now())
                .await
                .map_err(|e| anyhow::anyhow!("{}", e.mensaje))?;
            if r.que.is_empty() {
                println!("Hoy no toca ningún recordatorio.");
            } else {
                println!(
                    "Recordatorio {}: {} contratistas con el periodo pendiente, {} avisos nuevos ({} ms).",
                    r.que,
                    r.pendientes,
                    r.nuevos,
                    inicio.elapsed().as_millis()
                );
            }
        }
        Avisos::Enviar => {
            let inicio = std::time::Instant::now();
            let v = state.avisos.repartidor.vaciar().await?;
            println!(
                "Avisos enviados: {}; fallidos (se reintentarán o quedaron en la bandeja): {} ({} ms).",
                v.enviados,
                v.fallidos,
                inicio.elapsed().as_millis()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
