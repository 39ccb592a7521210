//! `icsoe parametros listar | agregar | eliminar`: the yearly legal figures (UMA, general and
//! northern border minimum wages), kept as data like the días inhábiles. A figure is added when
//! the DOF publishes it; until then ICSOE uses the latest one and says so (never blocks).

use super::fecha;
use crate::config::Settings;
use crate::persistence::{self, parametros::Agregado, parametros::SeaOrmParametros};
use app::api::ports::ParametrosRepo;
use app::domain::dinero::Sbc;
use app::domain::dinero::{pesos, Concepto, Parametro, TablaSalarios};
use clap::Subcommand;
use std::process::ExitCode;

/// `icsoe parametros …`
#[derive(Debug, Subcommand)]
pub enum Parametros {
    /// List every figure with its start date and source.
    Listar,
    /// Record a published figure (replaces the one with the same concept and date).
    Agregar {
        /// `uma`, `salario_minimo_general` or `salario_minimo_frontera`.
        concepto: String,
        /// First day it applies, YYYY-MM-DD (UMA: 1 February; minimum wages: 1 January).
        vigente_desde: String,
        /// Daily value in pesos, e.g. 117.31.
        valor: String,
        /// DOF reference or URL where it was published.
        #[arg(long)]
        fuente: String,
    },
    /// Remove a figure.
    Eliminar {
        /// The concept.
        concepto: String,
        /// Its start date, YYYY-MM-DD.
        vigente_desde: String,
    },
}

async fn repo(settings: &Settings) -> anyhow::Result<SeaOrmParametros> {
    let db = persistence::connect(&settings.database_url).await?;
    persistence::migrate(&db).await?;
    Ok(SeaOrmParametros::new(db))
}

/// The figures table of the configured database.
pub async fn tabla(settings: &Settings) -> anyhow::Result<TablaSalarios> {
    repo(settings).await?.tabla().await
}

fn concepto(texto: &str) -> anyhow::Result<Concepto> {
    Concepto::parse(texto).ok_or_else(|| {
        anyhow::anyhow!(
            "«{texto}» no es un concepto. Usa uma, salario_minimo_general o salario_minimo_frontera."
        )
    })
}

/// Runs a `parametros` subcommand.
pub async fn run(accion: Parametros, settings: &Settings) -> anyhow::Result<ExitCode> {
    let repo = repo(settings).await?;
    match accion {
        Parametros::Listar => {
            let filas = repo.listar().await?;
            if filas.is_empty() {
                println!("No hay cifras registradas.");
            }
            for p in filas {
                println!(
                    "{:<24} desde {}  {:>10}  ({})",
                    p.concepto.as_str(),
                    p.vigente_desde,
                    pesos(p.valor),
                    p.fuente
                );
            }
        }
        Parametros::Agregar {
            concepto: c,
            vigente_desde,
            valor,
            fuente,
        } => {
            let concepto = concepto(&c)?;
            let fuente = fuente.trim().to_string();
            anyhow::ensure!(
                !fuente.is_empty(),
                "Escribe la fuente: referencia del DOF o URL (--fuente)."
            );
            let valor = Sbc::parse(&valor)
                .map_err(|e| anyhow::anyhow!("{e}"))?
                .centavos();
            let p = Parametro {
                concepto,
                vigente_desde: fecha(&vigente_desde)?,
                valor,
                fuente,
            };
            let hecho = repo.agregar(&p).await?;
            println!(
                "{} {} desde {}: {}.",
                match hecho {
                    Agregado::Nuevo => "Registrada",
                    Agregado::Reemplazado => "Reemplazada",
                },
                concepto.etiqueta(),
                p.vigente_desde,
                pesos(p.valor)
            );
        }
        Parametros::Eliminar {
            concepto: c,
            vigente_desde,
        } => {
            let concepto = concepto(&c)?;
            let desde = fecha(&vigente_desde)?;
            if repo.eliminar(concepto, desde).await? {
                println!("{} desde {desde} eliminada.", concepto.etiqueta());
            } else {
                println!(
                    "No había {} desde {desde}; no se cambió nada.",
                    concepto.etiqueta()
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
