//! What signing needs besides the database: the e.firma checks (trust store, revocation), the
//! institutional seal, and the public address the acuse's QR points at.

use crate::auth::revocacion::VerificacionEfirma;
use crate::infra::sello::Sello;
use std::sync::Arc;

/// Shared by every presentation.
#[derive(Debug)]
pub struct Firma {
    /// The e.firma checks (the same as login: trust store and revocation).
    pub verificacion: Arc<VerificacionEfirma>,
    /// The server's seal.
    pub sello: Sello,
    /// `https://…` without a trailing slash.
    pub url_publica: String,
}

impl Firma {
    /// The verification page of one acuse (the QR's content).
    pub fn url_verificacion(&self, folio: &str, codigo: &str) -> String {
        format!("{}/verificar/{folio}?codigo={codigo}", self.url_publica)
    }

    /// Where the seal certificate is published.
    pub fn url_certificado(&self) -> String {
        format!("{}/sello/certificado.cer", self.url_publica)
    }
}

/// What the seal signs: the cadena original, then the folio and the presentation time the server
/// added (`docs/CADENA_ORIGINAL.md`, "Sello").
pub fn cadena_sello(cadena: &str, folio: &str, fecha_iso: &str) -> String {
    format!("{cadena}{folio}|{fecha_iso}||")
}

/// The verification code printed under the QR: the first 16 hex digits of SHA-256(sello), in
/// capitals. It proves the holder saw the acuse, so `/verificar` never works on a folio alone.
pub fn codigo(sello: &str) -> String {
    use sha2::{Digest, Sha256};
    app::domain::informativas::cadena::hex(&Sha256::digest(sello.as_bytes()))[..16]
        .to_ascii_uppercase()
}
