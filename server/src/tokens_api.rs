//! API tokens for payroll software (issue 19): create, list, revoke, and resolve a bearer secret to
//! the session it acts as. A secret is `icsoe_` + 64 hex digits (256 random bits); only its
//! SHA-256 is stored, so a copy of the database gives no working token. The scope — what a token
//! may reach — is the session middleware's (`auth::alcance`); here a token becomes a
//! [`SesionActual`] with `rol = api`, which no titular-only gate lets through.

use crate::auth::servicio::{aleatorio_hex, hash_token};
use crate::auth::Autenticacion;
use crate::error::bd;
use crate::persistence::entities::token_api;
use app::api::ports::Clock;
use app::api::sesion::{Rol, SesionActual};
use app::api::tokens_api::{TokenApiFila, TokenCreado, MAXIMO_TOKENS, PREFIJO_SECRETO};
use app::api::AppError;
use app::domain::calendar::a_hora_centro;
use app::domain::error::ErrorCode;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// `ultimo_uso` is rewritten only when older than this: a busy token costs one write every few
/// minutes, not one per request.
const REGISTRO_USO: Duration = Duration::minutes(5);

/// Requests per token and minute on each server process; past it `429 rate_limited`. A payroll
/// program that uploads thousands of workers uses the bulk upload (one request), so this only
/// stops a runaway loop from taking the server from everyone else.
pub const PETICIONES_POR_MINUTO: u32 = 300;

/// The service.
pub struct TokensApi {
    /// The database.
    pub db: DatabaseConnection,
    /// Now.
    pub clock: Arc<dyn Clock>,
    /// Builds the session a token acts as (the contratista's name, terms).
    pub auth: Arc<Autenticacion>,
    /// Requests per token hash in the current minute (this process).
    ventanas: Mutex<HashMap<String, (i64, u32)>>,
}

fn fecha(t: DateTime<Utc>) -> String {
    a_hora_centro(t).format("%d/%m/%Y %H:%M").to_string()
}

fn nombre_valido(nombre: &str) -> Result<String, AppError> {
    let n = nombre.split_whitespace().collect::<Vec<_>>().join(" ");
    if n.is_empty() || n.chars().count() > 60 || n.chars().any(char::is_control) {
        return Err(AppError::new(
            ErrorCode::FieldRequired,
            "Escribe un nombre para el token, de 1 a 60 caracteres, que diga qué programa lo usará (por ejemplo «Nómina CONTPAQi»).",
        ));
    }
    Ok(n)
}

impl TokensApi {
    /// The service over `db`.
    pub fn new(db: DatabaseConnection, clock: Arc<dyn Clock>, auth: Arc<Autenticacion>) -> Self {
        TokensApi {
            db,
            clock,
            auth,
            ventanas: Mutex::default(),
        }
    }

    /// `rfc`'s tokens in force, newest first.
    pub async fn listar(&self, rfc: &str) -> Result<Vec<TokenApiFila>, AppError> {
        Ok(token_api::Entity::find()
            .filter(token_api::Column::RfcContratista.eq(rfc))
            .filter(token_api::Column::Revocado.is_null())
            .order_by_desc(token_api::Column::Id)
            .all(&self.db)
            .await
            .map_err(bd)?
            .into_iter()
            .map(|t| TokenApiFila {
                id: t.id,
                nombre: t.nombre,
                prefijo: format!("{}…", t.prefijo),
                creado: fecha(t.creado),
                ultimo_uso: t.ultimo_uso.map_or_else(|| "Nunca".to_string(), fecha),
            })
            .collect())
    }

    /// Creates a token for `rfc`; the secret is returned once and never stored.
    pub async fn crear(&self, rfc: &str, nombre: &str) -> Result<TokenCreado, AppError> {
        let nombre = nombre_valido(nombre)?;
        let vigentes = token_api::Entity::find()
            .filter(token_api::Column::RfcContratista.eq(rfc))
            .filter(token_api::Column::Revocado.is_null())
            .count(&self.db)
            .await
            .map_err(bd)?;
        if vigentes >= MAXIMO_TOKENS as u64 {
            return Err(AppError::new(
                ErrorCode::InformativaState,
                format!("Ya tienes {MAXIMO_TOKENS} tokens vigentes. Revoca los que ya no uses antes de crear otro."),
            ));
        }
        let secreto = format!("{PREFIJO_SECRETO}{}", aleatorio_hex(32)?);
        token_api::Entity::insert(token_api::ActiveModel {
            rfc_contratista: Set(rfc.to_string()),
            nombre: Set(nombre.clone()),
            prefijo: Set(secreto.chars().take(12).collect()),
            huella: Set(hash_token(&secreto)),
            creado: Set(self.clock.now()),
            ultimo_uso: Set(None),
            revocado: Set(None),
            ..Default::default()
        })
        .exec(&self.db)
        .await
        .map_err(bd)?;
        tracing::info!(rfc, nombre, "token de API creado");
        Ok(TokenCreado { nombre, secreto })
    }

    /// Revokes `rfc`'s token `id`; `404` when it is not one of `rfc`'s tokens in force.
    pub async fn revocar(&self, rfc: &str, id: i64) -> Result<(), AppError> {
        let hecho = token_api::Entity::update_many()
            .col_expr(
                token_api::Column::Revocado,
                sea_orm::sea_query::Expr::value(self.clock.now()),
            )
            .filter(token_api::Column::Id.eq(id))
            .filter(token_api::Column::RfcContratista.eq(rfc))
            .filter(token_api::Column::Revocado.is_null())
            .exec(&self.db)
            .await
            .map_err(bd)?;
        if hecho.rows_affected == 0 {
            return Err(AppError::new(
                ErrorCode::NotFound,
                "Ese token no existe o ya estaba revocado. Recarga la página.",
            ));
        }
        tracing::info!(rfc, id, "token de API revocado");
        Ok(())
    }

    /// The session a bearer secret acts as, or `None` for an unknown or revoked secret.
    pub async fn resolver(&self, secreto: &str) -> Result<Option<SesionActual>, AppError> {
        if !secreto.starts_with(PREFIJO_SECRETO) || secreto.len() > 100 {
            return Ok(None);
        }
        let Some(t) = token_api::Entity::find()
            .filter(token_api::Column::Huella.eq(hash_token(secreto)))
            .filter(token_api::Column::Revocado.is_null())
            .one(&self.db)
            .await
            .map_err(bd)?
        else {
            return Ok(None);
        };
        let ahora = self.clock.now();
        if t.ultimo_uso.is_none_or(|u| ahora - u > REGISTRO_USO) {
            token_api::Entity::update_many()
                .col_expr(
                    token_api::Column::UltimoUso,
                    sea_orm::sea_query::Expr::value(ahora),
                )
                .filter(token_api::Column::Id.eq(t.id))
                .exec(&self.db)
                .await
                .map_err(bd)?;
        }
        Ok(self
            .auth
            .actuando_por(&t.rfc_contratista)
            .await?
            .map(|mut s| {
                s.rol = Rol::Api;
                s.token_api = Some(t.prefijo);
                s
            }))
    }

    /// Counts one request for the token whose hash is `huella`: `false` when over
    /// [`PETICIONES_POR_MINUTO`] in this minute (this process).
    pub fn permitir(&self, huella: &str) -> bool {
        let minuto = self.clock.now().timestamp() / 60;
        let Ok(mut v) = self.ventanas.lock() else {
            return false;
        };
        if v.len() > 10_000 {
            v.retain(|_, (m, _)| *m == minuto);
        }
        let e = v.entry(huella.to_string()).or_insert((minuto, 0));
        if e.0 != minuto {
            *e = (minuto, 0);
        }
        e.1 += 1;
        e.1 <= PETICIONES_POR_MINUTO
    }
}

#[async_trait::async_trait]
impl app::api::ports::CasosTokensApi for TokensApi {
    async fn listar(&self, rfc: &str) -> Result<Vec<TokenApiFila>, AppError> {
        TokensApi::listar(self, rfc).await
    }
    async fn crear(&self, rfc: &str, nombre: &str) -> Result<TokenCreado, AppError> {
        TokensApi::crear(self, rfc, nombre).await
    }
    async fn revocar(&self, rfc: &str, id: i64) -> Result<(), AppError> {
        TokensApi::revocar(self, rfc, id).await
    }
}

#[cfg(test)]
mod tests {
    use super::nombre_valido;

    #[test]
    fn a_name_is_trimmed_and_bounded() {
        assert_eq!(
            nombre_valido("  Nómina   CONTPAQi ").unwrap(),
            "Nómina CONTPAQi"
        );
        assert!(nombre_valido("   ").is_err());
        assert!(nombre_valido(&"x".repeat(61)).is_err());
        assert!(nombre_valido("a\u{7}b").is_err());
    }
}
