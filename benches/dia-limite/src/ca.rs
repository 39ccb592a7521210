//! The benchmark's own certification authority. It issues a FIEL for every contratista the run
//! needs (RFC in x500UniqueIdentifier, key usage with keyAgreement, as the SAT's), and the server
//! under test trusts it through `ICSOE_CONFIANZA_DIR`. A few RSA key pairs are shared by all the
//! certificates: generating 2048-bit keys is the slowest part of the setup and the server never
//! compares keys between certificates.

use der::asn1::UtcTime;
use der::{DateTime, Encode};
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::EncodePublicKey;
use rsa::RsaPrivateKey;
use sha2::Sha256;
use std::str::FromStr;
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::{Time, Validity};

/// Key pairs shared by the issued certificates.
const LLAVES: usize = 4;

/// An e.firma: the certificate (DER) and the key that signs with it.
pub struct Efirma {
    pub rfc: String,
    pub cer: Vec<u8>,
    llave: SigningKey<Sha256>,
}

impl Efirma {
    /// RSA PKCS#1 v1.5 / SHA-256, what the browser sends.
    pub fn firmar(&self, mensaje: &[u8]) -> Vec<u8> {
        use rsa::signature::{SignatureEncoding, Signer};
        self.llave.sign(mensaje).to_vec()
    }
}

/// The test CA.
pub struct Autoridad {
    nombre: Name,
    firmante: SigningKey<Sha256>,
    llaves: Vec<RsaPrivateKey>,
    /// The CA certificate (DER), for the server's trust directory.
    pub cer: Vec<u8>,
}

fn vigencia() -> Result<Validity, String> {
    // 2026-01-01 … 2030-12-31, around the fixed clock the server runs with.
    let instante = |anio, mes, dia| {
        DateTime::new(anio, mes, dia, 0, 0, 0)
            .and_then(UtcTime::from_date_time)
            .map(Time::UtcTime)
            .map_err(|e| e.to_string())
    };
    Ok(Validity {
        not_before: instante(2026, 1, 1)?,
        not_after: instante(2030, 12, 31)?,
    })
}

fn spki(llave: &RsaPrivateKey) -> Result<SubjectPublicKeyInfoOwned, String> {
    let der = llave
        .to_public_key()
        .to_public_key_der()
        .map_err(|e| e.to_string())?;
    use der::Decode;
    SubjectPublicKeyInfoOwned::from_der(der.as_bytes()).map_err(|e| e.to_string())
}

impl Autoridad {
    /// A fresh CA and its key pool (a few seconds: RSA key generation).
    pub fn nueva() -> Result<Self, String> {
        let mut rng = rand_core::OsRng;
        let nueva =
            |rng: &mut rand_core::OsRng| RsaPrivateKey::new(rng, 2048).map_err(|e| e.to_string());
        let llave_ca = nueva(&mut rng)?;
        let llaves = (0..LLAVES)
            .map(|_| nueva(&mut rng))
            .collect::<Result<Vec<_>, _>>()?;
        let nombre = Name::from_str("CN=AC DE PRUEBA DIA LIMITE,O=ICSOE BENCH,C=MX")
            .map_err(|e| e.to_string())?;
        let firmante = SigningKey::<Sha256>::new(llave_ca.clone());
        let cert = CertificateBuilder::new(
            Profile::Root,
            SerialNumber::from(1u32),
            vigencia()?,
            nombre.clone(),
            spki(&llave_ca)?,
            &firmante,
        )
        .map_err(|e| e.to_string())?
        .build::<rsa::pkcs1v15::Signature>()
        .map_err(|e| e.to_string())?;
        Ok(Autoridad {
            nombre,
            firmante,
            llaves,
            cer: cert.to_der().map_err(|e| e.to_string())?,
        })
    }

    /// Issues the FIEL of a persona moral with this RFC; `n` numbers the certificate.
    pub fn emitir(&self, rfc: &str, n: u32) -> Result<Efirma, String> {
        let llave = self
            .llaves
            .get(n as usize % LLAVES)
            .ok_or("sin llaves")?
            .clone();
        let sujeto = Name::from_str(&format!(
            "2.5.4.45={rfc},CN=EMPRESA DE PRUEBA {n} SA DE CV,O=EMPRESA DE PRUEBA {n} SA DE CV"
        ))
        .map_err(|e| e.to_string())?;
        let cert = CertificateBuilder::new(
            Profile::Leaf {
                issuer: self.nombre.clone(),
                enable_key_agreement: true,
                enable_key_encipherment: false,
            },
            SerialNumber::from(1000 + n),
            vigencia()?,
            sujeto,
            spki(&llave)?,
            &self.firmante,
        )
        .map_err(|e| e.to_string())?
        .build::<rsa::pkcs1v15::Signature>()
        .map_err(|e| e.to_string())?;
        Ok(Efirma {
            rfc: rfc.to_string(),
            cer: cert.to_der().map_err(|e| e.to_string())?,
            llave: SigningKey::<Sha256>::new(llave),
        })
    }
}

/// The RFC of the `n`-th persona moral of the run: `BDL` + a date + a homoclave, with the check
/// character the SAT's algorithm gives (so the server raises no warning).
pub fn rfc_moral(n: u32) -> String {
    const LETRAS: &[u8] = b"ABCDEFGHIJKLMNPQRSTUVWXYZ123456789";
    let dia = n % 28 + 1;
    let mes = (n / 28) % 12 + 1;
    let anio = (n / 336) % 100;
    let h1 = LETRAS[(n / 33_600) as usize % LETRAS.len()] as char;
    let h2 = LETRAS[(n / 33_600 / 34) as usize % LETRAS.len()] as char;
    let borrador = format!("BDL{anio:02}{mes:02}{dia:02}{h1}{h2}0");
    match app::domain::ids::Rfc::parse(&borrador) {
        Ok(r) => match r.digito_esperado_si_difiere() {
            Some(d) => format!("{}{d}", &borrador[..11]),
            None => borrador,
        },
        Err(_) => borrador,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_issued_fiel_is_read_as_the_server_reads_it_and_chains_to_the_ca() {
        let ca = Autoridad::nueva().unwrap();
        let rfc = rfc_moral(7);
        let e = ca.emitir(&rfc, 7).unwrap();
        let c = app::efirma::Certificado::parse(&e.cer).unwrap();
        assert_eq!(c.rfc, rfc);
        c.exigir_fiel().unwrap();
        let almacen = app::efirma::AlmacenConfianza::new(vec![ca.cer.clone()]);
        almacen.exigir_emisor(&c).unwrap();
        c.verificar(b"reto", &e.firmar(b"reto")).unwrap();
        assert!(app::domain::ids::Rfc::parse(&rfc)
            .unwrap()
            .digito_esperado_si_difiere()
            .is_none());
    }
}
