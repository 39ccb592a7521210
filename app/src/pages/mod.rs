//! One module per route.

pub mod calendario;
pub mod inicio;
pub mod no_encontrada;
