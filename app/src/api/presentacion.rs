//! The JSON of signing and presenting (`docs/API.md`, "Firmar y presentar"): the cadena the
//! browser signs, what it sends back, the presentation the server answers with, complementarias
//! and the public verification of an acuse.

use serde::{Deserialize, Serialize};

/// Header carrying the presentation's idempotency key (the same as for uploads).
pub use super::informativas::CABECERA_CLAVE;

/// What the contratista is about to sign.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PorFirmar {
    /// The cadena original (version 1.0, `docs/CADENA_ORIGINAL.md`).
    pub cadena: String,
    /// Contracts it covers.
    pub contratos: u64,
    /// Workers it covers.
    pub trabajadores: u64,
    /// Whether presenting now would be late, with the fine range.
    pub extemporanea: Option<Multa>,
    /// The due date, DD/MM/AAAA.
    pub vence: String,
}

/// "Firmar y presentar": the signed cadena. The private key and its password stay in the browser.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Presentar {
    /// The cadena as received from `GET …/firma`.
    pub cadena: String,
    /// The `.cer`, base64 DER.
    pub certificado: String,
    /// base64(RSA-SHA256(cadena)).
    pub firma: String,
}

/// The fine range of a late presentation (500–2,000 UMA, UMA in force at the due date).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Multa {
    /// The due date that was missed, DD/MM/AAAA.
    pub vence: String,
    /// Daily UMA applied, "$117.31".
    pub uma: String,
    /// 500 UMA in pesos.
    pub minima: String,
    /// 2,000 UMA in pesos.
    pub maxima: String,
    /// Set when the UMA of the due date is not published yet and the latest one was used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aviso: Option<String>,
}

/// A presented informativa.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Presentacion {
    /// The informativa.
    pub informativa_id: i64,
    /// Folio.
    pub folio: String,
    /// Date and time, Mexico City, DD/MM/AAAA HH:MM:SS.
    pub presentada: String,
    /// Present when late.
    pub extemporanea: Option<Multa>,
    /// The folio it affects (complementarias).
    pub folio_referencia: Option<String>,
    /// The verification code printed on the acuse.
    pub codigo: String,
    /// The public verification address (the acuse's QR).
    pub url_verificacion: String,
    /// `true` when this answers a repeated request (double click, retry, second browser).
    pub repetida: bool,
}

/// "Presentar complementaria".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct NuevaComplementaria {
    /// `correccion` or `sin_efectos`.
    pub tipo: String,
}

/// What `/verificar` shows about an acuse: with the verification code printed on it, everything
/// below; with the contratista's RFC, only what the public listing already publishes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct VerificacionAcuse {
    /// Folio.
    pub folio: String,
    /// "Normal", "Sin información"…
    pub tipo: String,
    /// The contratista.
    pub rfc: String,
    /// Its name.
    pub nombre: String,
    /// Year.
    pub anio: i32,
    /// Period.
    pub periodo: u8,
    /// Date and time, Mexico City.
    pub presentada: String,
    /// Contracts.
    pub contratos: u64,
    /// Workers.
    pub trabajadores: u64,
    /// Late.
    pub extemporanea: bool,
    /// The folio a complementaria affects.
    pub folio_referencia: Option<String>,
    /// "Vigente", "Sustituida por la complementaria de corrección con folio …" or "Dejada sin
    /// efectos por la complementaria con folio …".
    pub situacion: String,
    /// Still the filing in force for its period.
    pub vigente: bool,
    /// The folio of the complementaria that replaced or annulled it.
    pub afectada_por: Option<String>,
    /// Whether it was asked with the acuse's verification code. With the RFC alone the answer
    /// holds no more than the IMSS's public listing publishes (the day of presentation, not the
    /// time; no authenticity verdict): the RFC is no proof of holding the acuse.
    pub con_codigo: bool,
    /// The seal verifies with the published certificate (with the code only).
    pub sello_valido: Option<bool>,
    /// The contratista's signature verifies with its certificate (with the code only).
    pub firma_valida: Option<bool>,
    /// Sealed with the public development key, no legal value (with the code only).
    pub sello_desarrollo: Option<bool>,
}

impl VerificacionAcuse {
    /// Seal and signature both checked and valid.
    pub fn autentico(&self) -> bool {
        self.sello_valido == Some(true) && self.firma_valida == Some(true)
    }
}

/// Public verification of an acuse from the page (`/verificar/{folio}?codigo=…` renders its
/// verdict on the server): the same use case as `GET /api/v1/acuses/{folio}`, rate limited per
/// client address.
#[leptos::server(prefix = "/api/fn", endpoint = "verificar")]
pub async fn verificar_acuse(
    folio: String,
    clave: String,
) -> Result<VerificacionAcuse, crate::api::AppError> {
    use crate::api::sesion::peticion;
    crate::api::ports::services()?
        .informativas
        .verificar(&folio, &clave, &peticion::ip())
        .await
}
