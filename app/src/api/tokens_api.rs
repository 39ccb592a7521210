//! API tokens for payroll software (issue 19). The contratista, with its e.firma session, creates
//! named tokens on `/tokens-api`, sees when each was last used and revokes them. A token is shown
//! **once**, at creation; the server keeps only its SHA-256. Software sends it as
//! `Authorization: Bearer …` to `/api/v1` and may only capture (list and register informativas,
//! contracts, workers, bulk uploads, status, acuse download) — never sign, send to signature,
//! edit the account nor manage capturistas (the scope is enforced by the session middleware).

use crate::api::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Tokens in force per contratista (a leaked-token cleanup should never face hundreds).
pub const MAXIMO_TOKENS: usize = 20;

/// The prefix every secret starts with, so secret scanners and people recognise one.
pub const PREFIJO_SECRETO: &str = "icsoe_";

/// A token as its owner lists it (never the secret).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TokenApiFila {
    /// Id (for revoking).
    pub id: i64,
    /// The name given ("CONTPAQi nómina").
    pub nombre: String,
    /// The secret's first characters ("icsoe_3f9a1c…").
    pub prefijo: String,
    /// DD/MM/AAAA HH:MM, central time.
    pub creado: String,
    /// DD/MM/AAAA HH:MM, or "Nunca".
    pub ultimo_uso: String,
}

/// A token just created: the only time its secret is seen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TokenCreado {
    /// The name given.
    pub nombre: String,
    /// The secret, to copy now.
    pub secreto: String,
}

/// `/tokens-api`: the contratista's tokens in force.
#[server(prefix = "/api/fn", endpoint = "tokens-api")]
pub async fn vista_tokens_api() -> Result<Vec<TokenApiFila>, AppError> {
    use crate::api::sesion::{exigir_titular, peticion};
    let s = exigir_titular(peticion::actual())?;
    crate::api::ports::services()?
        .tokens_api
        .listar(&s.rfc)
        .await
}

/// "Crear token": the answer carries the secret, shown once on the page (no redirect: a secret
/// never travels in a URL).
#[server(prefix = "/api/fn", endpoint = "tokens-api/nuevo")]
pub async fn crear_token_api(nombre: String) -> Result<TokenCreado, AppError> {
    use crate::api::sesion::{exigir_titular, peticion};
    let s = exigir_titular(peticion::actual())?;
    crate::api::ports::services()?
        .tokens_api
        .crear(&s.rfc, &nombre)
        .await
}

/// "Revocar": the token stops working at once on this server, within seconds on the others.
#[server(prefix = "/api/fn", endpoint = "tokens-api/revocar")]
pub async fn revocar_token_api(id: i64) -> Result<(), AppError> {
    use crate::api::sesion::{exigir_titular, peticion};
    let s = exigir_titular(peticion::actual())?;
    crate::api::ports::services()?
        .tokens_api
        .revocar(&s.rfc, id)
        .await?;
    leptos_axum::redirect("/tokens-api?hecho=revocado");
    Ok(())
}
