//! Structured logs with `tracing`: text for people, JSON for collectors. `RUST_LOG` overrides
//! the configured level.

use crate::config::{LogFormat, Settings};
use tracing_subscriber::{fmt, EnvFilter};

/// Installs the global subscriber. Call once, before anything logs.
pub fn init(settings: &Settings) {
    let filtro = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(&settings.log_level))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    // stderr: stdout belongs to the subcommands' output (`icsoe dias-inhabiles listar`).
    let base = fmt()
        .with_env_filter(filtro)
        .with_target(false)
        .with_writer(std::io::stderr);
    let _ = match settings.log_format {
        LogFormat::Json => base
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .try_init(),
        LogFormat::Text => base.try_init(),
    };
}
