//! The contratista's account (domain.md §3.1–§3.4): datos generales with their domicilios, the
//! REPSE registration and services, capturista passwords, and the SAT postal catalog they are
//! checked against. Every check returns all the field errors at once, so a form shows each one
//! next to its field.

pub mod catalogo;
pub mod contrasena;
pub mod datos;
pub mod domicilio;
pub mod historial;
pub mod pdf;
pub mod texto;

pub use catalogo::{CatalogoPostal, ClaveNombre, UbicacionPostal};
pub use contrasena::{Contrasena, ContrasenaError};
pub use datos::{DatosGenerales, DatosGeneralesEntrada, Repse, RepseEntrada, ServicioRepse};
pub use domicilio::{Domicilio, DomicilioEntrada};
pub use historial::HistorialRepse;
