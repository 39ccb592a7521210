//! Adapters for side effects that are not the database: the clock, outgoing mail and file
//! storage. Each is chosen by configuration so tests run the whole app in-process.

pub mod almacen;
pub mod clock;
pub mod correo;
pub mod sello;
pub mod xlsx;
