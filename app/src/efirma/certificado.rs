//! `Certificado`: an X.509 certificate issued by the SAT, with the fields the ICSOE uses.

use super::nombre::{atributo, oid};
use super::EfirmaError;
use crate::domain::calendar::fecha_numerica;
use base64ct::Encoding;
use chrono::{DateTime, Utc};
use der::{Decode, Encode};
use rsa::pkcs8::DecodePublicKey;
use rsa::RsaPublicKey;
use x509_cert::ext::pkix::KeyUsage;
use x509_cert::Certificate;

/// Persona física (13-character RFC) or moral (12).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum TipoPersona {
    /// An individual.
    Fisica,
    /// A company.
    Moral,
}

impl TipoPersona {
    /// The wire and storage name: `fisica` or `moral`.
    pub fn as_str(self) -> &'static str {
        match self {
            TipoPersona::Fisica => "fisica",
            TipoPersona::Moral => "moral",
        }
    }
}

/// e.firma (FIEL) or Certificado de Sello Digital (CSD, for invoices only).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum TipoCertificado {
    /// Firma electrónica avanzada: identifies the taxpayer; the only one accepted to log in.
    Fiel,
    /// Sello digital: signs CFDI; never accepted here.
    Csd,
}

/// A parsed certificate.
#[derive(Clone, Debug)]
pub struct Certificado {
    der: Vec<u8>,
    llave_publica: RsaPublicKey,
    /// The holder's RFC (for a persona moral, the company's).
    pub rfc: String,
    /// For a persona moral, the legal representative's RFC.
    pub rfc_representante: Option<String>,
    /// The holder's CURP (for a persona moral, the representative's), when present.
    pub curp: Option<String>,
    /// The holder's name as the SAT wrote it.
    pub nombre: String,
    /// Física or moral, by the RFC's length.
    pub persona: TipoPersona,
    /// FIEL or CSD.
    pub tipo: TipoCertificado,
    /// The certificate number (the serial's bytes read as ASCII digits, as the SAT shows it).
    pub numero: String,
    /// Start of validity.
    pub valido_desde: DateTime<Utc>,
    /// End of validity.
    pub valido_hasta: DateTime<Utc>,
    /// The issuing authority's common name.
    pub emisor: String,
}

fn instante(t: x509_cert::time::Time) -> DateTime<Utc> {
    let d = t.to_unix_duration();
    DateTime::from_timestamp(i64::try_from(d.as_secs()).unwrap_or(i64::MAX), 0).unwrap_or_default()
}

/// `DD/MM/AAAA` of an instant, in UTC.
fn dia(t: DateTime<Utc>) -> String {
    fecha_numerica(t.date_naive())
}

/// `-----BEGIN CERTIFICATE-----` … → DER.
fn de_pem(bytes: &[u8]) -> Option<Vec<u8>> {
    let texto = std::str::from_utf8(bytes).ok()?;
    let inicio = texto.find("-----BEGIN CERTIFICATE-----")? + "-----BEGIN CERTIFICATE-----".len();
    let fin = texto.get(inicio..)?.find("-----END CERTIFICATE-----")? + inicio;
    let base64: String = texto
        .get(inicio..fin)?
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    base64ct::Base64::decode_vec(&base64).ok()
}

/// The DER of any X.509 certificate given in DER or PEM (CA certificates included, which carry
/// no RFC), or `None` when it is not one.
pub fn der_de_certificado(bytes: &[u8]) -> Option<Vec<u8>> {
    let der = if bytes.starts_with(b"-----") || bytes.starts_with(b"\xEF\xBB\xBF-----") {
        de_pem(bytes)?
    } else {
        bytes.to_vec()
    };
    Certificate::from_der(&der).ok().map(|_| der)
}

/// The RSA public key of any X.509 certificate (DER).
pub(crate) fn llave_publica_de(cert: &Certificate) -> Option<RsaPublicKey> {
    let spki = cert.tbs_certificate.subject_public_key_info.to_der().ok()?;
    RsaPublicKey::from_public_key_der(&spki).ok()
}

impl Certificado {
    /// Parses a `.cer` in DER (what the SAT delivers) or PEM.
    pub fn parse(bytes: &[u8]) -> Result<Self, EfirmaError> {
        let der = der_de_certificado(bytes).ok_or(EfirmaError::NoEsCertificado)?;
        let cert = Certificate::from_der(&der).map_err(|_| EfirmaError::NoEsCertificado)?;
        let tbs = &cert.tbs_certificate;
        let spki = tbs
            .subject_public_key_info
            .to_der()
            .map_err(|_| EfirmaError::NoEsCertificado)?;
        let llave_publica =
            RsaPublicKey::from_public_key_der(&spki).map_err(|_| EfirmaError::NoEsCertificado)?;

        // x500UniqueIdentifier: "RFC" or "RFC_EMPRESA / RFC_REPRESENTANTE". Read the subject's:
        // the issuer carries one too.
        let unico = atributo(&tbs.subject, oid::UNIQUE).unwrap_or_default();
        let mut partes = unico.split('/').map(str::trim).filter(|p| !p.is_empty());
        let rfc = partes.next().unwrap_or_default().to_uppercase();
        if rfc.is_empty() {
            return Err(EfirmaError::NoEsCertificado);
        }
        let rfc_representante = partes.next().map(str::to_uppercase);
        // serialNumber: "CURP" or " / CURP_REPRESENTANTE": the last non-empty token.
        let curp = atributo(&tbs.subject, oid::SERIAL).and_then(|s| {
            s.split('/')
                .map(str::trim)
                .rfind(|p| !p.is_empty())
                .map(str::to_uppercase)
        });
        let nombre = atributo(&tbs.subject, oid::CN).unwrap_or_default();
        let persona = if rfc.chars().count() == 12 {
            TipoPersona::Moral
        } else {
            TipoPersona::Fisica
        };
        // A CSD has an OU (the branch) and no keyAgreement in its key usage.
        let sin_acuerdo = tbs
            .extensions
            .iter()
            .flatten()
            .find(|e| e.extn_id == der::asn1::ObjectIdentifier::new_unwrap("2.5.29.15"))
            .and_then(|e| KeyUsage::from_der(e.extn_value.as_bytes()).ok())
            .is_some_and(|ku| !ku.key_agreement());
        let tipo = if atributo(&tbs.subject, oid::OU).is_some() || sin_acuerdo {
            TipoCertificado::Csd
        } else {
            TipoCertificado::Fiel
        };
        let numero = String::from_utf8(tbs.serial_number.as_bytes().to_vec())
            .ok()
            .filter(|s| s.chars().all(|c| c.is_ascii_digit()))
            .unwrap_or_else(|| {
                tbs.serial_number
                    .as_bytes()
                    .iter()
                    .map(|b| format!("{b:02X}"))
                    .collect()
            });
        Ok(Certificado {
            llave_publica,
            rfc,
            rfc_representante,
            curp,
            nombre,
            persona,
            tipo,
            numero,
            valido_desde: instante(tbs.validity.not_before),
            valido_hasta: instante(tbs.validity.not_after),
            emisor: atributo(&tbs.issuer, oid::CN).unwrap_or_default(),
            der,
        })
    }

    /// The DER bytes (what travels to the server).
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The public key.
    pub fn llave_publica(&self) -> &RsaPublicKey {
        &self.llave_publica
    }

    /// Refuses a CSD.
    pub fn exigir_fiel(&self) -> Result<(), EfirmaError> {
        match self.tipo {
            TipoCertificado::Fiel => Ok(()),
            TipoCertificado::Csd => Err(EfirmaError::EsCsd),
        }
    }

    /// Refuses a certificate outside its validity at `ahora`.
    pub fn exigir_vigencia(&self, ahora: DateTime<Utc>) -> Result<(), EfirmaError> {
        if ahora < self.valido_desde {
            return Err(EfirmaError::AunNoVigente {
                fecha: dia(self.valido_desde),
            });
        }
        if ahora > self.valido_hasta {
            return Err(EfirmaError::Vencido {
                fecha: dia(self.valido_hasta),
            });
        }
        Ok(())
    }

    /// Refuses when the RFC the user typed is not the certificate's (case and spaces forgiven).
    pub fn exigir_rfc(&self, escrito: &str) -> Result<(), EfirmaError> {
        let escrito = escrito.trim().to_uppercase();
        if escrito == self.rfc {
            Ok(())
        } else {
            Err(EfirmaError::RfcNoCoincide {
                escrito,
                certificado: self.rfc.clone(),
            })
        }
    }

    /// Checks an RSA PKCS#1 v1.5 / SHA-256 signature over `mensaje`.
    pub fn verificar(&self, mensaje: &[u8], firma: &[u8]) -> Result<(), EfirmaError> {
        use rsa::signature::Verifier;
        let clave = rsa::pkcs1v15::VerifyingKey::<sha2::Sha256>::new(self.llave_publica.clone());
        let firma =
            rsa::pkcs1v15::Signature::try_from(firma).map_err(|_| EfirmaError::FirmaInvalida)?;
        clave
            .verify(mensaje, &firma)
            .map_err(|_| EfirmaError::FirmaInvalida)
    }
}
