//! The command line: `serve` (default), `migrate`, `dias-inhabiles` and `parametros` to keep the
//! declared non-business days and the yearly legal figures (UMA, minimum wages) up to date without
//! touching the database by hand, `avisos` to run reminders and deliver notices on demand,
//! `listado` to publish the open-data lists of a period, `respaldo`/`restaurar` for backups, and the
//! validators for payroll scripts (`validar-id`,
//! `validar-trabajadores`).

mod avisos;
mod listado;
mod parametros;
mod respaldo;
mod validar;

use crate::config::Settings;
use crate::persistence::{self, dias_inhabiles::SeaOrmDiasInhabiles};
use crate::startup::{shutdown_signal, Application};
use app::domain::calendar::DiaInhabilDeclarado;
use app::domain::ids::{identificar, TipoForzado};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

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
    /// The yearly legal figures: UMA (from 1 February) and the minimum wages (from 1 January).
    #[command(subcommand)]
    Parametros(parametros::Parametros),
    /// Notices: write today's deadline reminders, or deliver what is queued.
    #[command(subcommand)]
    Avisos(avisos::Avisos),
    /// Open data: publish the listado público and the inconsistent list of a period.
    #[command(subcommand)]
    Listado(listado::Listado),
    /// Copy the SQLite database (consistent, while the server runs) and the stored files into
    /// one ZIP.
    Respaldo {
        /// The ZIP to write.
        archivo: PathBuf,
    },
    /// Restore a ZIP made by `icsoe respaldo` into an empty data directory (stop the server).
    Restaurar {
        /// The ZIP to read.
        archivo: PathBuf,
    },
    /// Validate CURP, RFC or NSS values: one JSON object per line; exit 0 when all are valid
    /// (warnings allowed), 1 otherwise.
    ValidarId {
        /// The values (the type is guessed from each one's shape).
        #[arg(required = true)]
        valores: Vec<String>,
        /// Validate all of them as this type instead of guessing.
        #[arg(long, value_enum)]
        tipo: Option<TipoArg>,
    },
    /// Validate a worker CSV (NSS, CURP, SBC) for a period: prints one JSON document; exit 0 when
    /// no row has errors, 1 when some do, 2 when the file cannot be used at all.
    ValidarTrabajadores {
        /// The CSV file.
        archivo: PathBuf,
        /// Year of the informativa (the SBC limits are those of its period).
        #[arg(long)]
        anio: String,
        /// Period: 1 (Jan–Apr), 2 (May–Aug) or 3 (Sep–Dec).
        #[arg(long)]
        periodo: String,
        /// Write the rejected rows (original columns + MOTIVO, UTF-8 with BOM) to this file.
        #[arg(long)]
        rechazados: Option<PathBuf>,
    },
}

/// `--tipo` values.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum TipoArg {
    /// CURP.
    Curp,
    /// RFC (física, moral or generic).
    Rfc,
    /// NSS.
    Nss,
}

/// `icsoe validar-id`: prints one JSON verdict per value; `true` when all are valid.
pub fn validar_id(
    valores: &[String],
    tipo: Option<TipoArg>,
    salida: &mut impl std::io::Write,
) -> anyhow::Result<bool> {
    let forzado = tipo.map(|t| match t {
        TipoArg::Curp => TipoForzado::Curp,
        TipoArg::Rfc => TipoForzado::Rfc,
        TipoArg::Nss => TipoForzado::Nss,
    });
    let mut todos = true;
    for valor in valores {
        let veredicto = identificar(valor, forzado);
        todos &= veredicto.valido;
        writeln!(salida, "{}", serde_json::to_string(&veredicto)?)?;
    }
    Ok(todos)
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

pub(crate) fn fecha(texto: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(texto.trim(), "%Y-%m-%d").map_err(|_| {
        anyhow::anyhow!(
            "«{texto}» no es una fecha. Escríbela como AAAA-MM-DD, por ejemplo 2027-01-18."
        )
    })
}

/// Runs a subcommand; the exit code says how it went.
pub async fn run(command: Command, settings: &Settings) -> anyhow::Result<ExitCode> {
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
            Ok(ExitCode::SUCCESS)
        }
        Command::ValidarId { valores, tipo } => {
            let todos = validar_id(&valores, tipo, &mut std::io::stdout().lock())?;
            Ok(if todos {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Command::ValidarTrabajadores {
            archivo,
            anio,
            periodo,
            rechazados,
        } => {
            // The SBC limits come from the figures table of the configured database.
            let salarios = match parametros::tabla(settings).await {
                Ok(t) => t,
                Err(e) => {
                    return Ok(validar::fatal(
                        &mut std::io::stdout().lock(),
                        "database_unavailable",
                        &format!(
                            "No se pudieron leer la UMA y los salarios mínimos de la base de datos ({}): {e:#}. Revisa ICSOE_DATABASE_URL.",
                            persistence::sin_secretos(&settings.database_url)
                        ),
                    ))
                }
            };
            Ok(validar::trabajadores(
                &archivo,
                &anio,
                &periodo,
                rechazados.as_deref(),
                settings.limites_csv,
                &salarios,
                &mut std::io::stdout().lock(),
            ))
        }
        Command::Parametros(accion) => parametros::run(accion, settings).await,
        Command::Avisos(accion) => avisos::run(accion, settings).await,
        Command::Listado(accion) => listado::run(accion, settings).await,
        Command::Respaldo { archivo } => respaldo::respaldar(settings, &archivo).await,
        Command::Restaurar { archivo } => respaldo::restaurar(settings, &archivo).await,
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
            Ok(ExitCode::SUCCESS)
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
            Ok(ExitCode::SUCCESS)
        }
    }
}
