//! The server's integration suite: the whole application in-process, one fresh database per
//! test. SQLite by default; PostgreSQL with `ICSOE_TEST_BACKEND=postgres` and
//! `ICSOE_TEST_POSTGRES_URL` (scripts/test.sh runs the suite once per backend).

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers: a failed setup must abort the test loudly"
)]

mod anio2027;
mod auth;
mod avisos;
mod beneficiarios;
mod calendario;
mod capturistas;
mod cargas_grandes;
mod cli;
mod concurrencia;
mod correo_smtp;
mod cuenta;
mod errores;
mod health;
mod helpers;
mod informativas;
mod listado;
mod mantenimiento;
mod paginas;
mod presentacion;
mod replicas;
mod revocacion;
mod servidor;
mod sin_webassembly;
mod tokens_api;
mod trabajadores;
