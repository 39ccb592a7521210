//! e.firma login on the server: challenges, verification against the trust store, database
//! sessions, rate limits and the terms gate. The cryptography is `app::efirma`, the same code the
//! browser runs; this module adds what only a server can know (time, history, trust).

pub mod alcance;
pub mod cache;
pub mod confianza;
pub mod limites;
pub mod middleware;
pub mod proxies;
pub mod revocacion;
pub mod servicio;

pub use servicio::Autenticacion;
