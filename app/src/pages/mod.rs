//! One module per route.

pub mod administracion;
pub mod calendario;
pub mod capturista;
pub mod cifras;
pub mod datos_generales;
pub mod informativas;
pub mod ingresar;
pub mod inicio;
pub mod no_encontrada;
pub mod panel;
pub mod terminos;
pub mod validar;
pub mod verificar;
