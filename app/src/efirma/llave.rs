//! `LlavePrivada`: the `.key` of an e.firma, decrypted in memory with its password. The SAT
//! encrypts it as PKCS#8 PBES2 (PBKDF2-HMAC-SHA1, 2,048 iterations, DES-EDE3-CBC), which
//! WebCrypto cannot read — hence Rust in WASM.

use super::{Certificado, EfirmaError};
use pkcs8::DecodePrivateKey;
use rsa::RsaPrivateKey;
use zeroize::Zeroizing;

/// A decrypted RSA private key (wiped from memory when dropped).
pub struct LlavePrivada {
    llave: RsaPrivateKey,
}

impl std::fmt::Debug for LlavePrivada {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LlavePrivada(…)")
    }
}

impl LlavePrivada {
    /// Decrypts a `.key` (DER, as the SAT delivers it) with `contrasena`, which is wiped after use.
    pub fn descifrar(bytes: &[u8], contrasena: Zeroizing<String>) -> Result<Self, EfirmaError> {
        // First tell "not a key at all" from "wrong password": the envelope parses without it.
        let sobre =
            pkcs8::EncryptedPrivateKeyInfo::try_from(bytes).map_err(|_| EfirmaError::NoEsLlave)?;
        let documento = sobre
            .decrypt(contrasena.as_bytes())
            .map_err(|_| EfirmaError::ContrasenaIncorrecta)?;
        let llave = RsaPrivateKey::from_pkcs8_der(documento.as_bytes())
            .map_err(|_| EfirmaError::ContrasenaIncorrecta)?;
        Ok(LlavePrivada { llave })
    }

    /// Refuses a key that is not the certificate's.
    pub fn exigir_par(&self, certificado: &Certificado) -> Result<(), EfirmaError> {
        if &self.llave.to_public_key() == certificado.llave_publica() {
            Ok(())
        } else {
            Err(EfirmaError::LlaveNoCorresponde)
        }
    }

    /// Signs `mensaje` with RSA PKCS#1 v1.5 / SHA-256 (deterministic: no randomness needed).
    pub fn firmar(&self, mensaje: &[u8]) -> Vec<u8> {
        use rsa::signature::{SignatureEncoding, Signer};
        let clave = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(self.llave.clone());
        clave.sign(mensaje).to_vec()
    }
}
