//! Why an e.firma was refused: one variant per thing the user can fix, each with its code.

use crate::domain::error::{DomainError, ErrorCode};

/// A refused certificate, key, password or signature.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EfirmaError {
    /// The bytes are not an X.509 certificate.
    #[error("El archivo .cer no es un certificado válido. Elige el archivo .cer de tu e.firma (el que descargaste del SAT), no la clave privada ni otro archivo.")]
    NoEsCertificado,
    /// The bytes are not an encrypted PKCS#8 private key.
    #[error("El archivo .key no es una clave privada de e.firma. Elige el archivo .key que generaste con el certificado (no el .cer ni un .req).")]
    NoEsLlave,
    /// The password does not decrypt the key.
    #[error("La contraseña de la clave privada no es correcta. Escríbela de nuevo respetando mayúsculas y minúsculas; es la que definiste al tramitar la e.firma, no la contraseña del SAT.")]
    ContrasenaIncorrecta,
    /// Key and certificate are of different e.firmas.
    #[error("La clave privada (.key) no corresponde al certificado (.cer). Elige los dos archivos de la misma e.firma.")]
    LlaveNoCorresponde,
    /// A CSD (sello digital), not an e.firma.
    #[error("El certificado es un Certificado de Sello Digital (CSD), que sirve para facturar. Para ingresar y para firmar se usa la e.firma (FIEL): elige el .cer y el .key de tu e.firma.")]
    EsCsd,
    /// Expired.
    #[error("El certificado de la e.firma venció el {fecha}. Renuévala en el SAT (SAT ID o cita) e inténtalo con la nueva.")]
    Vencido {
        /// DD/MM/AAAA.
        fecha: String,
    },
    /// Not valid yet.
    #[error("El certificado de la e.firma aún no es válido: lo será a partir del {fecha}.")]
    AunNoVigente {
        /// DD/MM/AAAA.
        fecha: String,
    },
    /// Not issued by a trusted authority.
    #[error("El certificado no fue emitido por una autoridad certificadora del SAT reconocida por este sistema.")]
    NoConfiable,
    /// The RFC typed is not the certificate's.
    #[error("El RFC escrito ({escrito}) no es el del certificado ({certificado}). Revisa el RFC o elige el certificado correcto.")]
    RfcNoCoincide {
        /// What the user typed.
        escrito: String,
        /// The certificate's RFC.
        certificado: String,
    },
    /// A signature that does not verify.
    #[error("La firma no es válida para este certificado.")]
    FirmaInvalida,
}

impl DomainError for EfirmaError {
    fn code(&self) -> ErrorCode {
        match self {
            EfirmaError::NoEsCertificado => ErrorCode::EfirmaNotCertificate,
            EfirmaError::NoEsLlave => ErrorCode::EfirmaNotKey,
            EfirmaError::ContrasenaIncorrecta => ErrorCode::EfirmaPassword,
            EfirmaError::LlaveNoCorresponde => ErrorCode::EfirmaKeyMismatch,
            EfirmaError::EsCsd => ErrorCode::EfirmaCsd,
            EfirmaError::Vencido { .. } => ErrorCode::EfirmaExpired,
            EfirmaError::AunNoVigente { .. } => ErrorCode::EfirmaNotYetValid,
            EfirmaError::NoConfiable => ErrorCode::EfirmaUntrusted,
            EfirmaError::RfcNoCoincide { .. } => ErrorCode::EfirmaRfcMismatch,
            EfirmaError::FirmaInvalida => ErrorCode::EfirmaSignature,
        }
    }
}
