//! The boundary between the UI and the server: server functions, the wire error, and (server
//! only) the ports the server crate implements.
//!
//! A server function body is a few lines: parse input into domain types, call a port, map errors.
//! It never imports server code: it reaches `Services` through context.

pub mod acceso;
pub mod avisos;
pub mod beneficiarios;
pub mod calendario;
pub mod cuenta;
pub mod error;
pub mod informativas;
pub mod listado;
pub mod parametros;
#[cfg(feature = "ssr")]
pub mod ports;
pub mod presentacion;
pub mod sesion;
pub mod tokens_api;
pub mod trabajadores;

pub use error::AppError;
