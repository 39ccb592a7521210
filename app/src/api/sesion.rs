//! Who is logged in, as pages, server functions and the JSON API see it. The server's session
//! middleware puts a [`SesionActual`] into the request; nothing here touches the database.

use crate::api::AppError;
use crate::domain::error::ErrorCode;
use crate::efirma::TipoPersona;
use serde::{Deserialize, Serialize};

/// The version of the terms of use and privacy notice in force; a change makes every
/// contratista accept again before anything else.
pub const VERSION_TERMINOS: &str = "2026-11";

/// The session cookie's name.
pub const COOKIE_SESION: &str = "icsoe_sesion";

/// Who acts: the contratista itself (e.firma) or one of its capturistas (CURP + password).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Rol {
    /// Logged in with the contratista's e.firma: may do everything, and is the only one who signs.
    #[default]
    Contratista,
    /// A capturista working for the contratista: captures and sends to signature, never signs nor
    /// edits the account.
    Capturista,
    /// Payroll software with one of the contratista's API tokens (issue 19): captures only — it
    /// never signs, sends to signature, edits the account nor manages capturistas.
    Api,
}

/// A capturista, as sessions show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PersonaCapturista {
    /// CURP (the user name).
    pub curp: String,
    /// Name.
    pub nombre: String,
}

/// A session acting for a contratista: the contratista's own, or a capturista's that picked it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SesionActual {
    /// The contratista's RFC (from its e.firma).
    pub rfc: String,
    /// The contratista's name or company name.
    pub nombre: String,
    /// Física or moral.
    pub persona: TipoPersona,
    /// The contratista has not accepted the current terms: only the terms page and logout work.
    pub terminos_pendientes: bool,
    /// Who is acting.
    #[serde(default)]
    pub rol: Rol,
    /// The capturista, when `rol` is `capturista`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capturista: Option<PersonaCapturista>,
    /// The API token's prefix, when `rol` is `api` (recorded as who captured).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_api: Option<String>,
}

impl SesionActual {
    /// Whether the contratista itself is logged in (may edit the account and sign).
    pub fn es_titular(&self) -> bool {
        self.rol == Rol::Contratista
    }
}

/// A contratista a capturista may work for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ContratistaAsignado {
    /// RFC.
    pub rfc: String,
    /// Name or company name.
    pub nombre: String,
}

/// A capturista's session (whether or not it has picked a contratista yet).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SesionCapturista {
    /// CURP.
    pub curp: String,
    /// Name.
    pub nombre: String,
    /// The contratista being served, once picked (and while still active for it).
    pub contratista: Option<String>,
    /// The contratistas it may pick (active assignments only).
    pub contratistas: Vec<ContratistaAsignado>,
}

/// `POST /api/v1/auth/capturista` body.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PeticionCapturista {
    /// CURP.
    pub curp: String,
    /// Password.
    pub contrasena: String,
}

/// `POST /api/v1/auth/capturista/contratista` body: pick whom to work for.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PeticionElegir {
    /// The contratista's RFC.
    pub rfc: String,
}

/// `POST /api/v1/auth/capturista/contrasena` body: set a password with an invitation or reset
/// link's token.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PeticionContrasena {
    /// The token from the link.
    pub token: String,
    /// The new password.
    pub contrasena: String,
}

/// `POST /api/v1/auth/capturista/contrasena` answer.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ContrasenaGuardada {
    /// The capturista's CURP (the user name to log in with).
    pub curp: String,
    /// What to do next.
    pub mensaje: String,
}

/// An answer that is only a Spanish message.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Mensaje {
    /// The message.
    pub mensaje: String,
}

/// `POST /api/v1/auth/capturista/recuperar` body.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PeticionRecuperar {
    /// The capturista's CURP.
    pub curp: String,
}

/// `POST /api/v1/auth/reto` body.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PeticionReto {
    /// The RFC that will sign.
    pub rfc: String,
}

/// `POST /api/v1/auth/reto` answer.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RespuestaReto {
    /// The exact string to sign (UTF-8 bytes, RSA PKCS#1 v1.5 / SHA-256).
    pub reto: String,
    /// RFC 3339; after it the challenge is refused.
    pub expira: String,
}

/// `POST /api/v1/auth/efirma` body.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PeticionEfirma {
    /// The challenge, as received.
    pub reto: String,
    /// The certificate, DER in standard base64.
    pub certificado: String,
    /// The signature over the challenge, standard base64.
    pub firma: String,
}

/// The client's address as the session middleware resolved it (the TCP peer, or behind a trusted
/// proxy the nearest untrusted `X-Forwarded-For` hop): rate limits key on it. The server puts it
/// into every request's extensions.
#[derive(Clone, Debug)]
pub struct IpCliente(pub String);

/// The session token from the cookie (for logout and for replacing a session), put into the
/// request's extensions by the session middleware.
#[derive(Clone, Debug)]
pub struct TokenSesion(pub String);

/// The one session gate (issue 16), used by `/api/v1` handlers and server functions alike:
/// someone is logged in, or `401 auth_required`.
pub fn exigir_sesion(actual: Option<SesionActual>) -> Result<SesionActual, AppError> {
    actual.ok_or_else(|| {
        AppError::new(
            ErrorCode::AuthRequired,
            "Inicia sesión con tu e.firma para continuar.",
        )
    })
}

/// Someone acting for a contratista with the terms accepted, or `401 auth_required` /
/// `403 terms_pending`: what every protected route and page requires.
pub fn exigir_contratista(actual: Option<SesionActual>) -> Result<SesionActual, AppError> {
    let s = exigir_sesion(actual)?;
    if s.terminos_pendientes {
        return Err(AppError::new(
            ErrorCode::TermsPending,
            "Antes de continuar acepta los términos y condiciones de uso.",
        ));
    }
    Ok(s)
}

/// The contratista itself (e.firma session) with the terms accepted, or `403 forbidden` for a
/// capturista: editing the account, registering capturistas, sending back to capture and signing
/// are the contratista's (domain.md §6).
pub fn exigir_titular(actual: Option<SesionActual>) -> Result<SesionActual, AppError> {
    let s = exigir_contratista(actual)?;
    if !s.es_titular() {
        return Err(AppError::prohibido(
            "Solo el contratista, ingresando con su e.firma, puede hacer esto. Como capturista puedes capturar informativas, contratos y trabajadores.",
        ));
    }
    Ok(s)
}

/// A capturista's own session, or `401 auth_required`.
pub fn exigir_capturista(c: Option<SesionCapturista>) -> Result<SesionCapturista, AppError> {
    c.ok_or_else(|| {
        AppError::new(
            ErrorCode::AuthRequired,
            "Ingresa como capturista con tu CURP y contraseña para continuar.",
        )
    })
}

/// What the session middleware put into the request a server function is answering.
#[cfg(feature = "ssr")]
pub mod peticion {
    use super::{IpCliente, SesionActual, SesionCapturista, TokenSesion};

    fn extension<T: Clone + Send + Sync + 'static>() -> Option<T> {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|p| p.extensions.get::<T>().cloned())
    }

    /// The session acting for a contratista, if any.
    pub fn actual() -> Option<SesionActual> {
        extension()
    }

    /// The capturista's own session, if any.
    pub fn capturista() -> Option<SesionCapturista> {
        extension()
    }

    /// The cookie's token, if any.
    pub fn token() -> Option<String> {
        extension::<TokenSesion>().map(|t| t.0)
    }

    /// The client's address.
    pub fn ip() -> String {
        extension::<IpCliente>().map_or_else(|| "desconocida".to_string(), |i| i.0)
    }
}

/// The logged-in contratista, if any: what protected pages ask before rendering.
#[leptos::server(prefix = "/api/fn", endpoint = "sesion")]
pub async fn sesion_pagina() -> Result<Option<SesionActual>, crate::api::AppError> {
    Ok(peticion::actual())
}

/// The capturista's own session (before or after picking a contratista), if any.
#[leptos::server(prefix = "/api/fn", endpoint = "sesion-capturista")]
pub async fn sesion_capturista_pagina() -> Result<Option<SesionCapturista>, crate::api::AppError> {
    Ok(peticion::capturista())
}

/// The server's "now" (its injected clock): the login page checks certificate validity against it
/// rather than the device's clock, which may be wrong.
#[leptos::server(prefix = "/api/fn", endpoint = "hora")]
pub async fn hora_servidor() -> Result<chrono::DateTime<chrono::Utc>, crate::api::AppError> {
    let services = leptos::prelude::use_context::<crate::api::ports::Services>()
        .ok_or_else(crate::api::AppError::internal)?;
    Ok(services.clock.now())
}
