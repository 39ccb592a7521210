//! Who is logged in, as pages, server functions and the JSON API see it. The server's session
//! middleware puts a [`SesionActual`] into the request; nothing here touches the database.

use crate::efirma::TipoPersona;
use serde::{Deserialize, Serialize};

/// The version of the terms of use and privacy notice in force; a change makes every
/// contratista accept again before anything else.
pub const VERSION_TERMINOS: &str = "2026-11";

/// The session cookie's name.
pub const COOKIE_SESION: &str = "icsoe_sesion";

/// A logged-in contratista.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SesionActual {
    /// RFC from the e.firma.
    pub rfc: String,
    /// Name or company name.
    pub nombre: String,
    /// Física or moral.
    pub persona: TipoPersona,
    /// The current terms are not accepted yet: only the terms page and logout are allowed.
    pub terminos_pendientes: bool,
}

/// `POST /api/v1/auth/reto` body.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PeticionReto {
    /// The RFC that will sign.
    pub rfc: String,
}

/// `POST /api/v1/auth/reto` answer.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RespuestaReto {
    /// The exact string to sign (UTF-8 bytes, RSA PKCS#1 v1.5 / SHA-256).
    pub reto: String,
    /// RFC 3339; after it the challenge is refused.
    pub expira: String,
}

/// `POST /api/v1/auth/efirma` body.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PeticionEfirma {
    /// The challenge, as received.
    pub reto: String,
    /// The certificate, DER in standard base64.
    pub certificado: String,
    /// The signature over the challenge, standard base64.
    pub firma: String,
}

/// The logged-in contratista, if any: what protected pages ask before rendering.
#[leptos::server(prefix = "/api/fn", endpoint = "sesion")]
pub async fn sesion_pagina() -> Result<Option<SesionActual>, crate::api::AppError> {
    let partes = leptos::prelude::use_context::<http::request::Parts>();
    Ok(partes.and_then(|p| p.extensions.get::<SesionActual>().cloned()))
}

/// The server's "now" (its injected clock): the login page checks certificate validity against it
/// rather than the device's clock, which may be wrong.
#[leptos::server(prefix = "/api/fn", endpoint = "hora")]
pub async fn hora_servidor() -> Result<chrono::DateTime<chrono::Utc>, crate::api::AppError> {
    let services = leptos::prelude::use_context::<crate::api::ports::Services>()
        .ok_or_else(crate::api::AppError::internal)?;
    Ok(services.clock.now())
}
