//! Identifiers the ICSOE validates: CURP, RFC and NSS. Each is a newtype with `parse` and no
//! public constructor, so an invalid value cannot exist past the edge; every refusal carries a
//! stable code and a Spanish message that says how to fix it.
//!
//! Algorithms and test vectors: RENAPO (CURP), SAT (RFC) and IMSS (NSS) as documented in
//! `docs/IDENTIFICADORES.md`.

mod codigo_postal;
mod curp;
mod identificar;
mod nss;
mod palabras;
mod repse;
mod rfc;

pub use codigo_postal::{CodigoPostal, CodigoPostalError};
pub use curp::{Curp, CurpError};
pub use identificar::{identificar, Hallazgo, Identificacion, TipoForzado, TipoId};
pub use nss::{Nss, NssError};
pub use repse::{RegistroRepse, RepseError};
pub use rfc::{Rfc, RfcError, TipoRfc};

/// Trims and upper-cases what a person typed or Excel exported (`ñ` → `Ñ`).
pub(crate) fn normalizar(texto: &str) -> String {
    let t = texto.trim();
    // The common case, ASCII, in one allocation (the worker CSV calls this a million times).
    if t.is_ascii() {
        return t.to_ascii_uppercase();
    }
    t.chars().flat_map(char::to_uppercase).collect()
}

/// The value, shortened for a message (a pasted paragraph must not flood the screen).
pub(crate) fn muestra(texto: &str) -> String {
    let corto: String = texto.chars().take(30).collect();
    if corto.len() < texto.len() {
        format!("{corto}…")
    } else {
        corto
    }
}
