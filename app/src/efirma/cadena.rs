//! Whether a certificate was issued by a trusted authority: its signature verifies with the key
//! of a CA certificate in the trust store. The store itself (which CAs) is configuration: the
//! server loads it from a directory; production trusts only the SAT's production CAs.

use super::{Certificado, EfirmaError};
use der::{Decode, Encode};
use x509_cert::Certificate;

/// `true` when `firma` over `mensaje` verifies with the RSA key of the certificate `firmante`
/// (DER) under the signature algorithm `algoritmo` (an OID: RSA PKCS#1 v1.5 with SHA-1/256/384/512).
/// Certificates and OCSP responses are checked with it.
pub fn firmado_por(firmante: &[u8], algoritmo: &str, mensaje: &[u8], firma: &[u8]) -> bool {
    use rsa::pkcs1v15::VerifyingKey;
    use rsa::signature::Verifier;
    let Ok(padre) = Certificate::from_der(firmante) else {
        return false;
    };
    let Some(llave) = super::certificado::llave_publica_de(&padre) else {
        return false;
    };
    let Ok(firma) = rsa::pkcs1v15::Signature::try_from(firma) else {
        return false;
    };
    match algoritmo {
        "1.2.840.113549.1.1.11" => VerifyingKey::<sha2::Sha256>::new(llave)
            .verify(mensaje, &firma)
            .is_ok(),
        "1.2.840.113549.1.1.12" => VerifyingKey::<sha2::Sha384>::new(llave)
            .verify(mensaje, &firma)
            .is_ok(),
        "1.2.840.113549.1.1.13" => VerifyingKey::<sha2::Sha512>::new(llave)
            .verify(mensaje, &firma)
            .is_ok(),
        "1.2.840.113549.1.1.5" => VerifyingKey::<sha1::Sha1>::new(llave)
            .verify(mensaje, &firma)
            .is_ok(),
        _ => false,
    }
}

/// `true` when `ca` signed `certificado` (RSA PKCS#1 v1.5 with SHA-1/256/384/512). Both are DER.
pub fn emitido_por(certificado: &[u8], ca: &[u8]) -> bool {
    let (Ok(hijo), Ok(padre)) = (
        Certificate::from_der(certificado),
        Certificate::from_der(ca),
    ) else {
        return false;
    };
    if hijo.tbs_certificate.issuer != padre.tbs_certificate.subject {
        return false;
    }
    let (Ok(tbs), Some(firma)) = (hijo.tbs_certificate.to_der(), hijo.signature.as_bytes()) else {
        return false;
    };
    firmado_por(ca, &hijo.signature_algorithm.oid.to_string(), &tbs, firma)
}

/// The CA certificates a deployment trusts (DER), intermediates and roots alike.
#[derive(Clone, Debug, Default)]
pub struct AlmacenConfianza {
    cas: Vec<Vec<u8>>,
}

impl AlmacenConfianza {
    /// A store with these CA certificates.
    pub fn new(cas: Vec<Vec<u8>>) -> Self {
        AlmacenConfianza { cas }
    }

    /// How many CAs it holds.
    pub fn len(&self) -> usize {
        self.cas.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.cas.is_empty()
    }

    /// The CA in the store that signed `certificado` (DER), if any: an OCSP request names it.
    pub fn emisor(&self, certificado: &Certificado) -> Option<&[u8]> {
        self.cas
            .iter()
            .find(|ca| emitido_por(certificado.der(), ca))
            .map(Vec::as_slice)
    }

    /// Refuses a certificate that no CA in the store signed. The SAT issues e.firmas from an
    /// intermediate (AC) whose certificate is in the store, so one link is checked; the store is
    /// the trust decision.
    pub fn exigir_emisor(&self, certificado: &Certificado) -> Result<(), EfirmaError> {
        self.emisor(certificado)
            .map(|_| ())
            .ok_or(EfirmaError::NoConfiable)
    }

    /// Everything a signature from an e.firma must pass, login and presentation alike: `firma`
    /// verifies `mensaje` with the certificate's key, a trusted CA issued it, it is valid at
    /// `ahora` and it is a FIEL (not a CSD).
    pub fn exigir_firma(
        &self,
        certificado: &Certificado,
        mensaje: &[u8],
        firma: &[u8],
        ahora: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), EfirmaError> {
        certificado.verificar(mensaje, firma)?;
        self.exigir_emisor(certificado)?;
        certificado.exigir_vigencia(ahora)?;
        certificado.exigir_fiel()
    }
}
