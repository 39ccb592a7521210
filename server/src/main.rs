//! `icsoe`: the server binary. Settings → telemetry → the chosen subcommand.

use clap::Parser;
use server::cli::{Cli, Command};
use server::config::Settings;
use std::process::ExitCode;

/// mimalloc instead of glibc's allocator: glibc keeps each thread's arena at its peak, so a
/// server whose uploads, signatures and pages run on many threads grew to over 1 GB in the
/// deadline-day benchmark and never gave it back (docs/BENCHMARKS.md).
#[global_allocator]
static ASIGNADOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let command = cli.command.unwrap_or(Command::Serve);
    let settings = match Settings::load(cli.config.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    server::telemetry::init(&settings);
    match server::cli::run(command, &settings).await {
        Ok(code) => code,
        Err(e) => {
            // The chain of causes, one line, no backtrace: these are operator-facing messages
            // (an unreachable database, a mistyped date), not bug reports.
            eprintln!("Error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
