//! The **institutional seal** (domain.md §8.6): the server's own RSA key signs every acuse
//! (RSA-SHA256, PKCS#1 v1.5, base64 — the scheme of the CFDI *sello*), and its certificate is
//! published at `/sello/certificado.cer` so anyone can check an acuse without trusting this
//! server's word.
//!
//! Production reads the key and certificate from `ICSOE_SELLO_DIR` (`sello.key.der`, PKCS#8
//! unencrypted, and `sello.cer.der`; PEM is accepted too). Without it, development uses the
//! public key pair in `fixtures/sello-desarrollo/`, built into the binary and labelled as such on
//! every acuse: a seal anyone can forge proves nothing, and says so.

use anyhow::Context;
use base64ct::Encoding;
use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::pkcs8::DecodePrivateKey;
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use rsa::RsaPrivateKey;
use std::path::Path;

const LLAVE_DESARROLLO: &[u8] = include_bytes!("../../../fixtures/sello-desarrollo/sello.key.der");
const CERTIFICADO_DESARROLLO: &[u8] =
    include_bytes!("../../../fixtures/sello-desarrollo/sello.cer.der");

/// The seal key and its public certificate.
pub struct Sello {
    firmante: SigningKey<sha2::Sha256>,
    verificador: VerifyingKey<sha2::Sha256>,
    certificado: Vec<u8>,
    numero: String,
    desarrollo: bool,
}

impl std::fmt::Debug for Sello {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sello")
            .field("numero", &self.numero)
            .field("desarrollo", &self.desarrollo)
            .finish_non_exhaustive()
    }
}

/// DER from DER or PEM bytes.
fn der(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let Ok(texto) = std::str::from_utf8(bytes) else {
        return Ok(bytes.to_vec());
    };
    if !texto.contains("-----BEGIN") {
        return Ok(bytes.to_vec());
    }
    let cuerpo: String = texto
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .map(str::trim)
        .collect();
    base64ct::Base64::decode_vec(&cuerpo).context("PEM con base64 inválido")
}

impl Sello {
    /// From DER (or PEM) bytes.
    pub fn new(llave: &[u8], certificado: &[u8], desarrollo: bool) -> anyhow::Result<Self> {
        let llave = RsaPrivateKey::from_pkcs8_der(&der(llave)?)
            .context("la llave del sello debe ser PKCS#8 sin contraseña (DER o PEM)")?;
        let certificado = der(certificado)?;
        let c = <x509_cert::Certificate as der::Decode>::from_der(&certificado)
            .context("el certificado del sello no es un X.509 válido")?;
        let publica = rsa::RsaPublicKey::from(&llave);
        let firmante = SigningKey::<sha2::Sha256>::new(llave);
        let verificador = VerifyingKey::<sha2::Sha256>::new(publica);
        let numero =
            c.tbs_certificate
                .serial_number
                .as_bytes()
                .iter()
                .fold(String::new(), |mut s, b| {
                    s.push_str(&format!("{b:02X}"));
                    s
                });
        let sello = Sello {
            firmante,
            verificador,
            certificado,
            numero,
            desarrollo,
        };
        // The pair must belong together: a seal nobody can verify is worse than none.
        let prueba = sello.firmar("prueba");
        anyhow::ensure!(
            sello.verificar("prueba", &prueba) && sello.certificado_coincide(&c),
            "la llave del sello no corresponde a su certificado"
        );
        Ok(sello)
    }

    fn certificado_coincide(&self, c: &x509_cert::Certificate) -> bool {
        use rsa::pkcs8::EncodePublicKey;
        let Ok(esperada) = self.verificador.as_ref().to_public_key_der() else {
            return false;
        };
        der::Encode::to_der(&c.tbs_certificate.subject_public_key_info)
            .is_ok_and(|spki| spki == esperada.as_bytes())
    }

    /// The development pair from `fixtures/sello-desarrollo/`.
    pub fn desarrollo() -> anyhow::Result<Self> {
        Sello::new(LLAVE_DESARROLLO, CERTIFICADO_DESARROLLO, true)
    }

    /// `sello.key.der` (or `.pem`) and `sello.cer.der` (or `.pem`) from `dir`.
    pub fn cargar(dir: &Path) -> anyhow::Result<Self> {
        let leer = |base: &str| -> anyhow::Result<Vec<u8>> {
            for ext in ["der", "pem"] {
                let ruta = dir.join(format!("{base}.{ext}"));
                if ruta.exists() {
                    return std::fs::read(&ruta)
                        .with_context(|| format!("no se pudo leer {}", ruta.display()));
                }
            }
            anyhow::bail!("falta {}/{base}.der (o .pem)", dir.display())
        };
        Sello::new(&leer("sello.key")?, &leer("sello.cer")?, false)
    }

    /// base64(RSA-SHA256(`texto`)).
    pub fn firmar(&self, texto: &str) -> String {
        let firma: Signature = self.firmante.sign(texto.as_bytes());
        base64ct::Base64::encode_string(&firma.to_bytes())
    }

    /// Whether `sello_b64` is this key's seal of `texto`.
    pub fn verificar(&self, texto: &str, sello_b64: &str) -> bool {
        let Ok(bytes) = base64ct::Base64::decode_vec(sello_b64.trim()) else {
            return false;
        };
        let Ok(firma) = Signature::try_from(bytes.as_slice()) else {
            return false;
        };
        self.verificador.verify(texto.as_bytes(), &firma).is_ok()
    }

    /// The certificate, DER.
    pub fn certificado(&self) -> &[u8] {
        &self.certificado
    }

    /// The certificate's serial number, hexadecimal.
    pub fn numero(&self) -> &str {
        &self.numero
    }

    /// Whether this is the public development pair.
    pub fn es_desarrollo(&self) -> bool {
        self.desarrollo
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_development_seal_signs_and_verifies() {
        let s = Sello::desarrollo().unwrap();
        let sello = s.firmar("||ICSOE|1.0|x||N263000001|");
        assert!(s.verificar("||ICSOE|1.0|x||N263000001|", &sello));
        assert!(!s.verificar("||ICSOE|1.0|y||N263000001|", &sello));
        assert_eq!(s.numero(), "3230323631313232");
        assert!(s.es_desarrollo());
        // Deterministic (PKCS#1 v1.5): the acuse has the same bytes every time.
        assert_eq!(sello, s.firmar("||ICSOE|1.0|x||N263000001|"));
    }

    #[test]
    fn a_key_from_another_certificate_is_refused() {
        let otro =
            include_bytes!("../../../fixtures/sat-test-certs/EKU9003173C9_CSD/certificate.cer");
        let e = Sello::new(LLAVE_DESARROLLO, otro, false).unwrap_err();
        assert!(e.to_string().contains("no corresponde"), "{e}");
    }
}
