//! One module per route.

pub mod calendario;
pub mod ingresar;
pub mod inicio;
pub mod no_encontrada;
pub mod panel;
pub mod terminos;
pub mod validar;
