//! The ICSOE domain: pure types and rules shared by the server and the browser.
//!
//! Nothing here does I/O, reads a clock, or depends on leptos, web-sys, sea-orm or tokio; nothing
//! here is behind a cargo feature. The same code runs in the WASM bundle (instant feedback) and on
//! the server (the authoritative check). Time always comes in as an argument.

pub mod calendar;
pub mod contacto;
pub mod csv_seguro;
pub mod cuenta;
pub mod dinero;
pub mod error;
pub mod ids;
pub mod informativas;
pub mod listado;
pub mod trabajadores;
