//! The account's wire types: datos generales with the REPSE acuse, and the capturistas a
//! contratista registers (`/api/v1/datos-generales`, `/api/v1/repse/acuse`,
//! `/api/v1/capturistas`, `/api/v1/codigos-postales/{cp}`; docs/API.md).

use crate::domain::cuenta::DatosGenerales;
use crate::domain::error::ErrorCampo;
use crate::efirma::TipoPersona;
use serde::{Deserialize, Serialize};

/// Where the REPSE acuse is served from (`GET` shows it, `PUT` replaces it, `DELETE` removes it).
pub const RUTA_ACUSE_REPSE: &str = "/api/v1/repse/acuse";
/// The largest acuse accepted: 10 MB.
pub const MAX_ACUSE_BYTES: usize = 10 * 1024 * 1024;

/// A stored file's metadata.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ArchivoGuardado {
    /// File name as uploaded.
    pub nombre: String,
    /// Size in bytes.
    pub tamano: u64,
    /// SHA-256 of the bytes, hex.
    pub sha256: String,
    /// Upload time, RFC 3339.
    pub subido: String,
}

/// `GET /api/v1/datos-generales`, and the answer to saving them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RespuestaDatosGenerales {
    /// The contratista's RFC.
    pub rfc: String,
    /// Name or company name (from the e.firma).
    pub nombre: String,
    /// Física or moral: only morales have a domicilio social.
    pub persona: TipoPersona,
    /// What has been saved, if anything.
    pub datos: Option<DatosGenerales>,
    /// The stored "Acuse de registro en el padrón de la STPS".
    pub acuse_repse: Option<ArchivoGuardado>,
    /// What is still missing before informativas can be captured, in Spanish; empty = complete.
    pub pendientes: Vec<String>,
    /// Warnings about what was saved (an unusual REPSE folio, an expired registration).
    #[serde(default)]
    pub avisos: Vec<ErrorCampo>,
    /// Last save, RFC 3339.
    pub actualizado: Option<String>,
}

/// `POST /api/v1/capturistas` body.
#[derive(Clone, Debug, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct AltaCapturista {
    /// CURP (validated).
    pub curp: String,
    /// Full name.
    pub nombre: String,
    /// E-mail where the invitation goes.
    pub correo: String,
}

/// One capturista of the contratista.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CapturistaFila {
    /// CURP.
    pub curp: String,
    /// Name.
    pub nombre: String,
    /// E-mail.
    pub correo: String,
    /// Active for this contratista.
    pub activo: bool,
    /// Registration time, RFC 3339.
    pub registrado: String,
    /// Last time it entered to work for this contratista, RFC 3339.
    pub ultimo_ingreso: Option<String>,
    /// It has not set its password yet (the invitation is pending).
    pub invitacion_pendiente: bool,
}

pub mod funciones;
