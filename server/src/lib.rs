//! The ICSOE server: settings, telemetry, persistence, infrastructure adapters and the HTTP
//! router. `main.rs` only parses the command line and calls into here.

pub mod acuse;
pub mod auth;
pub mod avisos;
pub mod beneficiarios;
pub mod capturistas;
pub mod casos;
pub mod catalogo;
pub mod cli;
pub mod config;
pub mod cuenta;
pub mod error;
pub mod informativas;
pub mod infra;
pub mod listado;
pub mod mantenimiento;
pub mod metricas;
pub mod persistence;
pub mod routes;
pub mod servidor;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod tokens_api;
