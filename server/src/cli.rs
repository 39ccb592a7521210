//! The command line: `serve` (default), `migrate`, and `dias-inhabiles` to keep the declared
//! non-business days up to date without touching the database by hand.

use crate::config::Settings;
use crate::persistence::{self, dias_inhabiles::SeaOrmDiasInhabiles};
use crate::startup::{shutdown_signal, Application};
use app::domain::calendar::DiaInhabilDeclarado;
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// ICSOE: Informativa de Contratos de Servicios u Obras Especializados.
#[derive(Debug, Parser)]
#[command(name = "icsoe", version)]
pub struct Cli {
    /// TOML settings file (otherwise ICSOE_CONFIG, or ./icsoe.toml when present).
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
    /// What to do (default: serve).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database and serve HTTP until Ctrl-C or SIGTERM.
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Días inhábiles declared by the IMSS (on top of the LFT art. 74 holidays).
    #[command(subcommand)]
    DiasInhabiles(DiasInhabiles),
}

/// `icsoe dias-inhabiles …`
#[derive(Debug, Subcommand)]
pub enum DiasInhabiles {
    /// List the declared days.
    Listar,
    /// Declare a day inhábil.
    Agregar {
        /// Date, YYYY-MM-DD.
        fecha: String,
        /// What it is, e.g. "Acuerdo ACDO.… del H. Consejo Técnico".
        #[arg(long)]
        descripcion: String,
        /// DOF reference or URL where it was published.
        #[arg(long)]
        fuente: String,
    },
    /// Remove a declared day.
    Eliminar {
        /// Date, YYYY-MM-DD.
        fecha: String,
    },
}

fn fecha(texto: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(texto.trim(), "%Y-%m-%d").map_err(|_| {
        anyhow::anyhow!(
            "«{texto}» no es una fecha. Escríbela como AAAA-MM-DD, por ejemplo 2027-01-18."
        )
    })
}

/// Runs a subcommand.
pub async fn run(command: Command, settings: &Settings) -> anyhow::Result<()> {
    match command {
        Command::Serve => {
            let app = Application::build(settings).await?;
            tracing::info!(
                direccion = %app.local_addr()?,
                base_de_datos = %persistence::sin_secretos(&settings.database_url),
                "ICSOE escuchando en http://{}",
                app.local_addr()?
            );
            app.run_until(shutdown_signal()).await?;
            tracing::info!("servidor detenido");
            Ok(())
        }
        Command::Migrate => {
            let db = persistence::connect(&settings.database_url).await?;
            persistence::migrate(&db).await?;
            let aplicadas = persistence::applied_migrations(&db).await?;
            println!(
                "Base de datos al día: {} migraciones aplicadas.",
                aplicadas.len()
            );
            for nombre in aplicadas {
                println!("  {nombre}");
            }
            Ok(())
        }
        Command::DiasInhabiles(accion) => {
            let db = persistence::connect(&settings.database_url).await?;
            persistence::migrate(&db).await?;
            let repo = SeaOrmDiasInhabiles::new(db);
            match accion {
                DiasInhabiles::Listar => {
                    let dias = repo.listar().await?;
                    if dias.is_empty() {
                        println!("No hay días inhábiles declarados.");
                    }
                    for d in dias {
                        println!("{}  {}  ({})", d.fecha, d.descripcion, d.fuente);
                    }
                }
                DiasInhabiles::Agregar {
                    fecha: f,
                    descripcion,
                    fuente,
                } => {
                    let descripcion = descripcion.trim().to_string();
                    let fuente = fuente.trim().to_string();
                    anyhow::ensure!(
                        !descripcion.is_empty(),
                        "Escribe una descripción (--descripcion)."
                    );
                    anyhow::ensure!(
                        !fuente.is_empty(),
                        "Escribe la fuente: referencia del DOF o URL (--fuente)."
                    );
                    let dia = DiaInhabilDeclarado {
                        fecha: fecha(&f)?,
                        descripcion,
                        fuente,
                    };
                    if repo.agregar(&dia).await? {
                        println!("Día inhábil {} agregado.", dia.fecha);
                    } else {
                        println!(
                            "El {} ya estaba declarado inhábil; no se cambió nada.",
                            dia.fecha
                        );
                    }
                }
                DiasInhabiles::Eliminar { fecha: f } => {
                    let f = fecha(&f)?;
                    if repo.eliminar(f).await? {
                        println!("Día inhábil {f} eliminado.");
                    } else {
                        println!("El {f} no estaba declarado inhábil; no se cambió nada.");
                    }
                }
            }
            Ok(())
        }
    }
}
