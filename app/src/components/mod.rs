//! The small UI kit the pages are built from. Components render what they are given; they do
//! not fetch data (the e.firma selector asks only for the server's clock).

pub mod aviso;
pub mod confirmar;
pub mod cuenta_regresiva;
pub mod despacho;
pub mod domicilio;
pub mod efirma;
pub mod formulario;
pub mod layout;
