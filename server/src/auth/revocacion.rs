//! The one check every e.firma signature passes — login and presentation alike (issue 19):
//! `AlmacenConfianza::exigir_firma` (signature, trusted CA, validity, FIEL not CSD) and then, when
//! the deployment names the SAT's OCSP responder (`ICSOE_OCSP_URL`), the certificate's status
//! (RFC 6960). A revoked e.firma is refused with `401 efirma_revoked`. When the responder cannot
//! be asked — down, slow, or an answer that does not verify — `ICSOE_OCSP_FALLA` decides:
//! `abierta` (default) lets the signature through and logs a warning (on deadline day an outage
//! of the SAT's responder must not stop every filing in the country), `cerrada` refuses it with
//! `503 efirma_revocation_unavailable`.
//!
//! The answer is trusted only when signed by the certificate's issuing CA or by a responder
//! certificate that CA issued for OCSP signing (id-kp-OCSPSigning), and only when it speaks of
//! this certificate and is current (`thisUpdate` not in the future, `nextUpdate` not past). A
//! `good` answer is remembered for five minutes per certificate, so a login followed by a
//! signature asks once.

use app::api::AppError;
use app::domain::error::ErrorCode;
use app::efirma::{emitido_por, firmado_por, AlmacenConfianza, Certificado};
use chrono::{DateTime, Utc};
use der::asn1::{Null, OctetString};
use der::{Decode, Encode};
use sha1::Digest;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use x509_cert::Certificate;
use x509_ocsp::{
    BasicOcspResponse, CertId, CertStatus, OcspRequest, OcspResponse, OcspResponseStatus, Request,
    TbsRequest, Version,
};

/// What to do when the responder cannot be asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FallaOcsp {
    /// Let the signature through, log a warning.
    Abierta,
    /// Refuse it (`503 efirma_revocation_unavailable`).
    Cerrada,
}

/// How long a request to the responder may take.
const ESPERA: Duration = Duration::from_secs(5);
/// How long a `good` answer is reused.
const RECUERDO: Duration = Duration::from_secs(300);
/// Clock skew tolerated on the answer's times.
const TOLERANCIA: chrono::Duration = chrono::Duration::minutes(5);
/// id-pkix-ocsp-basic.
const OCSP_BASIC: &str = "1.3.6.1.5.5.7.48.1.1";
/// id-kp-OCSPSigning.
const OCSP_SIGNING: &str = "1.3.6.1.5.5.7.3.9";
/// id-sha1 (the hash OpenSSL and most responders expect in a CertID).
const SHA1: &str = "1.3.14.3.2.26";

/// What the responder said, when it could be understood.
#[derive(Debug, PartialEq, Eq)]
enum Estado {
    Vigente,
    Revocado,
    /// Not asked, or no usable answer: the [`FallaOcsp`] rule applies. The text is for the log.
    Incierto(String),
}

/// The responder and its settings.
struct Ocsp {
    url: String,
    falla: FallaOcsp,
    cliente: reqwest::Client,
    vigentes: Mutex<HashMap<Vec<u8>, Instant>>,
}

/// e.firma verification: the trust store and, optionally, the revocation check.
pub struct VerificacionEfirma {
    /// The CAs an e.firma must chain to.
    pub confianza: AlmacenConfianza,
    ocsp: Option<Ocsp>,
}

impl std::fmt::Debug for VerificacionEfirma {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerificacionEfirma")
            .field("cas", &self.confianza.len())
            .field("ocsp", &self.ocsp.as_ref().map(|o| (&o.url, o.falla)))
            .finish()
    }
}

impl VerificacionEfirma {
    /// Over `confianza`, asking `ocsp_url` (if any) with the `falla` rule.
    pub fn new(
        confianza: AlmacenConfianza,
        ocsp_url: Option<String>,
        falla: FallaOcsp,
    ) -> anyhow::Result<Self> {
        let ocsp = match ocsp_url {
            Some(url) => Some(Ocsp {
                url,
                falla,
                cliente: reqwest::Client::builder()
                    .timeout(ESPERA)
                    .connect_timeout(ESPERA)
                    .build()?,
                vigentes: Mutex::default(),
            }),
            None => None,
        };
        Ok(VerificacionEfirma { confianza, ocsp })
    }

    /// Everything a signature from an e.firma must pass: `firma` verifies `mensaje`, a trusted CA
    /// issued the certificate, it is valid at `ahora`, it is a FIEL, and it is not revoked.
    pub async fn exigir(
        &self,
        certificado: &Certificado,
        mensaje: &[u8],
        firma: &[u8],
        ahora: DateTime<Utc>,
    ) -> Result<(), AppError> {
        self.confianza
            .exigir_firma(certificado, mensaje, firma, ahora)
            .map_err(|e| AppError::domain(&e))?;
        let (Some(ocsp), Some(emisor)) = (&self.ocsp, self.confianza.emisor(certificado)) else {
            return Ok(());
        };
        let estado = ocsp.consultar(certificado.der(), emisor, ahora).await;
        match (estado, ocsp.falla) {
            (Estado::Vigente, _) => Ok(()),
            (Estado::Revocado, _) => {
                tracing::warn!(rfc = %certificado.rfc, numero = %certificado.numero, "e.firma revocada según OCSP");
                Err(AppError::new(
                    ErrorCode::EfirmaRevoked,
                    "El SAT informa que este certificado de e.firma fue revocado. Usa una e.firma vigente; si la renovaste, elige el certificado nuevo (.cer y .key).",
                ))
            }
            (Estado::Incierto(por_que), FallaOcsp::Abierta) => {
                tracing::warn!(rfc = %certificado.rfc, motivo = %por_que, "OCSP sin respuesta utilizable; se permite (ICSOE_OCSP_FALLA=abierta)");
                Ok(())
            }
            (Estado::Incierto(por_que), FallaOcsp::Cerrada) => {
                tracing::warn!(rfc = %certificado.rfc, motivo = %por_que, "OCSP sin respuesta utilizable; se rechaza (ICSOE_OCSP_FALLA=cerrada)");
                Err(AppError::new(
                    ErrorCode::EfirmaRevocationUnavailable,
                    "No se pudo confirmar con el SAT que tu e.firma sigue vigente. Inténtalo de nuevo en unos minutos; no se guardó nada.",
                ))
            }
        }
    }
}

/// The CertID of `certificado` issued by `emisor` (SHA-1 of the issuer's name and key).
fn cert_id(certificado: &Certificate, emisor: &Certificate) -> Result<CertId, String> {
    let nombre = emisor
        .tbs_certificate
        .subject
        .to_der()
        .map_err(|e| e.to_string())?;
    let llave = emisor
        .tbs_certificate
        .subject_public_key_info
        .subject_public_key
        .raw_bytes();
    Ok(CertId {
        hash_algorithm: x509_cert::spki::AlgorithmIdentifierOwned {
            oid: der::oid::ObjectIdentifier::new_unwrap(SHA1),
            parameters: Some(Null.into()),
        },
        issuer_name_hash: OctetString::new(sha1::Sha1::digest(&nombre).to_vec())
            .map_err(|e| e.to_string())?,
        issuer_key_hash: OctetString::new(sha1::Sha1::digest(llave).to_vec())
            .map_err(|e| e.to_string())?,
        serial_number: certificado.tbs_certificate.serial_number.clone(),
    })
}

/// The DER of an OCSP request for one certificate (unsigned, no nonce: the answer's freshness is
/// checked by its times instead, which every responder supports).
fn peticion(id: &CertId) -> Result<Vec<u8>, String> {
    OcspRequest {
        tbs_request: TbsRequest {
            version: Version::V1,
            requestor_name: None,
            request_list: vec![Request {
                req_cert: id.clone(),
                single_request_extensions: None,
            }],
            request_extensions: None,
        },
        optional_signature: None,
    }
    .to_der()
    .map_err(|e| e.to_string())
}

fn instante(t: &x509_ocsp::OcspGeneralizedTime) -> Option<DateTime<Utc>> {
    let s = i64::try_from(t.0.to_unix_duration().as_secs()).ok()?;
    DateTime::from_timestamp(s, 0)
}

/// Whether a certificate in the answer may sign it for `emisor`: issued by it, for OCSP signing.
fn respondedor_delegado(c: &Certificate, emisor_der: &[u8]) -> bool {
    let Ok(der) = c.to_der() else { return false };
    let para_ocsp = c
        .tbs_certificate
        .extensions
        .iter()
        .flatten()
        .filter(|e| e.extn_id.to_string() == "2.5.29.37")
        .filter_map(|e| {
            x509_cert::ext::pkix::ExtendedKeyUsage::from_der(e.extn_value.as_bytes()).ok()
        })
        .any(|eku| eku.0.iter().any(|o| o.to_string() == OCSP_SIGNING));
    para_ocsp && emitido_por(&der, emisor_der)
}

/// Reads the responder's answer about `id`, verifying who signed it and when.
fn leer(respuesta: &[u8], id: &CertId, emisor_der: &[u8], ahora: DateTime<Utc>) -> Estado {
    let incierto = |m: &str| Estado::Incierto(m.to_string());
    let Ok(r) = OcspResponse::from_der(respuesta) else {
        return incierto("la respuesta no es una OCSPResponse");
    };
    if r.response_status != OcspResponseStatus::Successful {
        return Estado::Incierto(format!("estado del respondedor: {:?}", r.response_status));
    }
    let Some(bytes) = r.response_bytes else {
        return incierto("respuesta sin cuerpo");
    };
    if bytes.response_type.to_string() != OCSP_BASIC {
        return incierto("tipo de respuesta no básico");
    }
    let Ok(basica) = BasicOcspResponse::from_der(bytes.response.as_bytes()) else {
        return incierto("BasicOCSPResponse ilegible");
    };
    let (Ok(tbs), Some(firma)) = (
        basica.tbs_response_data.to_der(),
        basica.signature.as_bytes(),
    ) else {
        return incierto("respuesta sin firma");
    };
    let algoritmo = basica.signature_algorithm.oid.to_string();
    let delegados: Vec<Vec<u8>> = basica
        .certs
        .iter()
        .flatten()
        .filter(|c| respondedor_delegado(c, emisor_der))
        .filter_map(|c| c.to_der().ok())
        .collect();
    let firmada = std::iter::once(emisor_der)
        .chain(delegados.iter().map(Vec::as_slice))
        .any(|f| firmado_por(f, &algoritmo, &tbs, firma));
    if !firmada {
        return incierto("la respuesta no está firmada por la AC emisora ni por un respondedor que ella autorizó");
    }
    let Some(una) = basica
        .tbs_response_data
        .responses
        .iter()
        .find(|s| s.cert_id == *id)
    else {
        return incierto("la respuesta no habla de este certificado");
    };
    let desde = instante(&una.this_update);
    let hasta = una.next_update.as_ref().and_then(instante);
    if desde.is_none_or(|d| d > ahora + TOLERANCIA) || hasta.is_some_and(|h| h < ahora - TOLERANCIA)
    {
        return incierto("respuesta fuera de su vigencia (thisUpdate/nextUpdate)");
    }
    match una.cert_status {
        CertStatus::Good(_) => Estado::Vigente,
        CertStatus::Revoked(_) => Estado::Revocado,
        CertStatus::Unknown(_) => incierto("el respondedor no conoce el certificado"),
    }
}

impl Ocsp {
    async fn consultar(&self, cert_der: &[u8], emisor_der: &[u8], ahora: DateTime<Utc>) -> Estado {
        if let Ok(v) = self.vigentes.lock() {
            if v.get(cert_der).is_some_and(|t| t.elapsed() < RECUERDO) {
                return Estado::Vigente;
            }
        }
        let (Ok(c), Ok(e)) = (
            Certificate::from_der(cert_der),
            Certificate::from_der(emisor_der),
        ) else {
            return Estado::Incierto("certificado ilegible".into());
        };
        let id = match cert_id(&c, &e) {
            Ok(id) => id,
            Err(m) => return Estado::Incierto(m),
        };
        let cuerpo = match peticion(&id) {
            Ok(b) => b,
            Err(m) => return Estado::Incierto(m),
        };
        let respuesta = self
            .cliente
            .post(&self.url)
            .header("content-type", "application/ocsp-request")
            .header("accept", "application/ocsp-response")
            .body(cuerpo)
            .send()
            .await;
        let bytes = match respuesta {
            Ok(r) if r.status().is_success() => match r.bytes().await {
                Ok(b) => b,
                Err(e) => return Estado::Incierto(format!("respuesta cortada: {e}")),
            },
            Ok(r) => return Estado::Incierto(format!("HTTP {}", r.status())),
            Err(e) => return Estado::Incierto(format!("sin conexión: {e}")),
        };
        let estado = leer(&bytes, &id, emisor_der, ahora);
        if estado == Estado::Vigente {
            if let Ok(mut v) = self.vigentes.lock() {
                if v.len() > 10_000 {
                    v.retain(|_, t| t.elapsed() < RECUERDO);
                }
                v.insert(cert_der.to_vec(), Instant::now());
            }
        }
        estado
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_from_the_responder_is_uncertain_never_good() {
        let id = CertId {
            hash_algorithm: x509_cert::spki::AlgorithmIdentifierOwned {
                oid: der::oid::ObjectIdentifier::new_unwrap(SHA1),
                parameters: None,
            },
            issuer_name_hash: OctetString::new(vec![0; 20]).unwrap(),
            issuer_key_hash: OctetString::new(vec![0; 20]).unwrap(),
            serial_number: x509_cert::serial_number::SerialNumber::from(7u32),
        };
        for basura in [&b""[..], b"<html>", &[0x30, 0x03, 0x0a, 0x01, 0x00]] {
            assert!(matches!(
                leer(basura, &id, b"", Utc::now()),
                Estado::Incierto(_)
            ));
        }
        // A well-formed "tryLater" (status 3).
        assert!(matches!(
            leer(&[0x30, 0x03, 0x0a, 0x01, 0x03], &id, b"", Utc::now()),
            Estado::Incierto(_)
        ));
    }
}
