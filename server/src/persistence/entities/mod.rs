//! sea-orm entities, one module per table.

pub mod aceptacion_terminos;
pub mod contratista;
pub mod dia_inhabil;
pub mod ingreso;
pub mod reto;
pub mod sesion;
