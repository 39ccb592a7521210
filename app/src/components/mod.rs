//! The small UI kit the pages are built from. Components render what they are given; they do
//! not fetch data.

pub mod aviso;
pub mod confirmar;
pub mod cuenta_regresiva;
pub mod domicilio;
pub mod formulario;
pub mod layout;
