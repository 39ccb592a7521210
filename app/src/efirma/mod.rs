//! The SAT e.firma (FIEL): read the `.cer`, decrypt the `.key` with its password, check that they
//! belong together, sign and verify. Pure Rust for both targets: in the browser the key and its
//! password never leave the WASM memory; on the server the same code verifies what arrives.
//!
//! Formats and pitfalls: `docs/EFIRMA.md` and `docs/domain.md` §8. Key material is zeroized
//! when dropped (`rsa::RsaPrivateKey` implements `ZeroizeOnDrop`; passwords are wiped here).

mod cadena;
mod certificado;
mod error;
mod llave;
mod nombre;
#[cfg(test)]
mod tests;

pub use cadena::{emitido_por, firmado_por, AlmacenConfianza};
pub use certificado::{der_de_certificado, Certificado, TipoCertificado, TipoPersona};
pub use error::EfirmaError;
pub use llave::LlavePrivada;
