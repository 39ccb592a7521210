//! The login use cases: issue a challenge, verify a signed challenge and open a session, look a
//! session up (with idle expiry), close it, accept the terms.
//!
//! The challenge is `ICSOE|<RFC>|<issued, RFC 3339>|<128-bit random nonce, hex>`: the client
//! signs its UTF-8 bytes. It is stored, bound to its RFC, valid 5 minutes and consumed by the
//! first login attempt that presents it (an atomic `UPDATE … WHERE usado = false`, so two
//! replicas cannot both accept it).

use super::limites::Limitador;
use crate::persistence::entities::{aceptacion_terminos, contratista, ingreso, reto, sesion};
use app::api::ports::Clock;
use app::api::sesion::{Rol, SesionActual, VERSION_TERMINOS};
use app::api::AppError;
use app::domain::error::ErrorCode;
use app::domain::ids::Rfc;
use app::efirma::{Certificado, TipoPersona};
use base64ct::Encoding;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use sha2::Digest;
use std::sync::Arc;

/// How long a challenge lives.
const VIDA_RETO: i64 = 5 * 60;
/// Challenges (and, separately, logins) per minute from one client address. Generous on purpose:
/// an accounting office files for many contratistas from behind one public address. There is
/// no per-RFC limit: a signature cannot be guessed, so limiting an RFC would only let anyone lock
/// its owner out by asking challenges for it (issue 15).
const MAX_POR_MINUTO_IP: u32 = 120;

/// How stale a session's recorded last use may get before a request records it again.
pub const TOQUE_SESION: Duration = Duration::minutes(2);

/// Idle expiry, shared by contratista and capturista sessions: a session idle longer than
/// `inactividad` is deleted (`false`); a live one is touched, restarting its idle clock (`true`),
/// at most once every [`TOQUE_SESION`].
/// `columnas` are the table's id and last-use columns.
pub(crate) async fn renovar<E: EntityTrait>(
    db: &DatabaseConnection,
    id: &str,
    ultimo_uso: DateTime<Utc>,
    ahora: DateTime<Utc>,
    inactividad: Duration,
    (col_id, col_uso): (E::Column, E::Column),
) -> Result<bool, AppError> {
    if ahora - ultimo_uso > inactividad {
        E::delete_many()
            .filter(col_id.eq(id))
            .exec(db)
            .await
            .map_err(bd)?;
        return Ok(false);
    }
    // No write per request: the last use is recorded at most once every TOQUE_SESION, so idle
    // expiry is precise to that much (a session may end up to TOQUE_SESION before the full
    // inactivity period after its last request).
    if ahora - ultimo_uso < TOQUE_SESION {
        return Ok(true);
    }
    E::update_many()
        .col_expr(col_uso, Expr::value(ahora))
        .filter(col_id.eq(id))
        .exec(db)
        .await
        .map_err(bd)?;
    Ok(true)
}

/// Everything login needs.
pub struct Autenticacion {
    db: DatabaseConnection,
    clock: Arc<dyn Clock>,
    verificacion: Arc<crate::auth::revocacion::VerificacionEfirma>,
    inactividad: Duration,
    por_ip: Limitador,
}

pub(crate) fn aleatorio_hex(bytes: usize) -> Result<String, AppError> {
    let mut buf = vec![0u8; bytes];
    getrandom::getrandom(&mut buf).map_err(|e| {
        tracing::error!(error = %e, "sin fuente de aleatoriedad");
        AppError::internal()
    })?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}

pub(crate) fn hash_token(token: &str) -> String {
    sha2::Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

use crate::error::bd;

pub(crate) fn demasiados() -> AppError {
    AppError::new(
        ErrorCode::RateLimited,
        "Demasiados intentos en poco tiempo. Espera un minuto e inténtalo de nuevo.",
    )
}

impl Autenticacion {
    /// The service over a database, a clock and a trust store; sessions expire after
    /// `inactividad` without requests.
    pub fn new(
        db: DatabaseConnection,
        clock: Arc<dyn Clock>,
        verificacion: Arc<crate::auth::revocacion::VerificacionEfirma>,
        inactividad: Duration,
    ) -> Self {
        Autenticacion {
            db: db.clone(),
            clock,
            verificacion,
            inactividad,
            por_ip: Limitador::new(db.clone(), MAX_POR_MINUTO_IP),
        }
    }

    async fn limitar(&self, accion: &str, ip: &str) -> Result<(), AppError> {
        if !self
            .por_ip
            .permitir(&format!("{accion}:ip:{ip}"), self.clock.now())
            .await?
        {
            return Err(demasiados());
        }
        Ok(())
    }

    /// Issues a challenge for `rfc`.
    pub async fn reto(&self, rfc: &str, ip: &str) -> Result<(String, DateTime<Utc>), AppError> {
        let rfc = Rfc::parse(rfc).map_err(|e| AppError::domain(&e))?;
        self.limitar("reto", ip).await?;
        let ahora = self.clock.now();
        let expira = ahora + Duration::seconds(VIDA_RETO);
        let texto = format!(
            "ICSOE|{}|{}|{}",
            rfc.as_str(),
            ahora.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            aleatorio_hex(16)?
        );
        reto::Entity::insert(reto::ActiveModel {
            reto: Set(texto.clone()),
            rfc: Set(rfc.as_str().to_string()),
            expira: Set(expira),
            usado: Set(false),
        })
        .exec(&self.db)
        .await
        .map_err(bd)?;
        Ok((texto, expira))
    }

    async fn auditar(&self, rfc: &str, numero: &str, ip: &str, resultado: &str) {
        let r = ingreso::Entity::insert(ingreso::ActiveModel {
            rfc: Set(rfc.chars().take(13).collect()),
            instante: Set(self.clock.now()),
            numero_certificado: Set(numero.chars().take(40).collect()),
            ip: Set(ip.chars().take(64).collect()),
            resultado: Set(resultado.chars().take(40).collect()),
            ..Default::default()
        })
        .exec(&self.db)
        .await;
        if let Err(e) = r {
            tracing::error!(error.cause_chain = ?e, "no se pudo registrar el ingreso en la bitácora");
        }
    }

    /// Verifies a signed challenge; on success creates the contratista if new and opens a
    /// session. Returns the session token (for the cookie) and who logged in.
    pub async fn ingresar(
        &self,
        texto_reto: &str,
        certificado_b64: &str,
        firma_b64: &str,
        ip: &str,
    ) -> Result<(String, SesionActual), AppError> {
        let r = self
            .ingresar_sin_medir(texto_reto, certificado_b64, firma_b64, ip)
            .await;
        crate::metricas::global().ingreso("efirma", resultado(&r));
        r
    }

    async fn ingresar_sin_medir(
        &self,
        texto_reto: &str,
        certificado_b64: &str,
        firma_b64: &str,
        ip: &str,
    ) -> Result<(String, SesionActual), AppError> {
        self.limitar("ingreso", ip).await?;
        let ahora = self.clock.now();
        let guardado = reto::Entity::find_by_id(texto_reto.to_string())
            .one(&self.db)
            .await
            .map_err(bd)?
            .ok_or_else(|| {
                AppError::new(
                    ErrorCode::AuthChallengeUnknown,
                    "El reto de ingreso no es válido. Vuelve a intentarlo desde la página de ingreso.",
                )
            })?;
        let usado = AppError::new(
            ErrorCode::AuthChallengeUsed,
            "Ese reto de ingreso ya se usó. Vuelve a intentarlo: cada ingreso firma un reto nuevo.",
        );
        if guardado.usado {
            return Err(usado);
        }
        // Consume it whatever happens next: a challenge is good for one attempt.
        let consumido = reto::Entity::update_many()
            .col_expr(reto::Column::Usado, Expr::value(true))
            .filter(reto::Column::Reto.eq(texto_reto))
            .filter(reto::Column::Usado.eq(false))
            .exec(&self.db)
            .await
            .map_err(bd)?;
        if consumido.rows_affected != 1 {
            return Err(usado);
        }
        if ahora > guardado.expira {
            return Err(AppError::new(
                ErrorCode::AuthChallengeExpired,
                "El reto de ingreso venció (dura 5 minutos). Vuelve a intentarlo.",
            ));
        }
        let der = base64ct::Base64::decode_vec(certificado_b64.trim())
            .map_err(|_| AppError::domain(&app::efirma::EfirmaError::NoEsCertificado))?;
        let certificado = Certificado::parse(&der).map_err(|e| AppError::domain(&e))?;
        let fallo = |e: AppError| async {
            self.auditar(&certificado.rfc, &certificado.numero, ip, e.codigo.as_str())
                .await;
            e
        };
        if certificado.rfc != guardado.rfc {
            return Err(fallo(AppError::new(
                ErrorCode::AuthChallengeRfc,
                format!(
                    "El reto se pidió para el RFC {} y el certificado es del RFC {}. Escribe el RFC de tu e.firma.",
                    guardado.rfc, certificado.rfc
                ),
            ))
            .await);
        }
        let firma = base64ct::Base64::decode_vec(firma_b64.trim()).unwrap_or_default();
        let comprobaciones = self
            .verificacion
            .exigir(&certificado, texto_reto.as_bytes(), &firma, ahora)
            .await;
        if let Err(e) = comprobaciones {
            return Err(fallo(e).await);
        }
        self.registrar_contratista(&certificado).await?;
        let token = aleatorio_hex(32)?;
        sesion::Entity::insert(sesion::ActiveModel {
            id: Set(hash_token(&token)),
            rfc: Set(certificado.rfc.clone()),
            creada: Set(ahora),
            ultimo_uso: Set(ahora),
        })
        .exec(&self.db)
        .await
        .map_err(bd)?;
        self.auditar(&certificado.rfc, &certificado.numero, ip, "ok")
            .await;
        let actual = SesionActual {
            rfc: certificado.rfc.clone(),
            nombre: certificado.nombre.clone(),
            persona: certificado.persona,
            terminos_pendientes: self.terminos_pendientes(&certificado.rfc).await?,
            rol: Rol::Contratista,
            capturista: None,
            token_api: None,
        };
        Ok((token, actual))
    }

    async fn registrar_contratista(&self, c: &Certificado) -> Result<(), AppError> {
        let existe = contratista::Entity::find_by_id(c.rfc.clone())
            .one(&self.db)
            .await
            .map_err(bd)?;
        if existe.is_none() {
            contratista::Entity::insert(contratista::ActiveModel {
                rfc: Set(c.rfc.clone()),
                nombre: Set(c.nombre.clone()),
                persona: Set(c.persona.as_str().to_string()),
                curp: Set(c.curp.clone()),
                rfc_representante: Set(c.rfc_representante.clone()),
                creado: Set(self.clock.now()),
            })
            .exec(&self.db)
            .await
            .map_err(bd)?;
        }
        Ok(())
    }

    async fn terminos_pendientes(&self, rfc: &str) -> Result<bool, AppError> {
        let aceptada = aceptacion_terminos::Entity::find()
            .filter(aceptacion_terminos::Column::Rfc.eq(rfc))
            .filter(aceptacion_terminos::Column::Version.eq(VERSION_TERMINOS))
            .one(&self.db)
            .await
            .map_err(bd)?;
        Ok(aceptada.is_none())
    }

    /// The session behind a cookie token, if it exists and has not been idle too long; touching
    /// it restarts the idle clock.
    pub async fn sesion(&self, token: &str) -> Result<Option<SesionActual>, AppError> {
        let id = hash_token(token);
        let Some(s) = sesion::Entity::find_by_id(id.clone())
            .one(&self.db)
            .await
            .map_err(bd)?
        else {
            return Ok(None);
        };
        let viva = renovar::<sesion::Entity>(
            &self.db,
            &id,
            s.ultimo_uso,
            self.clock.now(),
            self.inactividad,
            (sesion::Column::Id, sesion::Column::UltimoUso),
        )
        .await?;
        if !viva {
            return Ok(None);
        }
        self.actuando_por(&s.rfc).await
    }

    /// A session acting for the contratista `rfc` as itself (a capturista's session overrides
    /// `rol` and `capturista`); `None` when the contratista does not exist.
    pub async fn actuando_por(&self, rfc: &str) -> Result<Option<SesionActual>, AppError> {
        let Some(c) = contratista::Entity::find_by_id(rfc.to_string())
            .one(&self.db)
            .await
            .map_err(bd)?
        else {
            return Ok(None);
        };
        Ok(Some(SesionActual {
            rfc: c.rfc.clone(),
            nombre: c.nombre,
            persona: if c.persona == TipoPersona::Moral.as_str() {
                TipoPersona::Moral
            } else {
                TipoPersona::Fisica
            },
            terminos_pendientes: self.terminos_pendientes(&c.rfc).await?,
            rol: Rol::Contratista,
            capturista: None,
            token_api: None,
        }))
    }

    /// Closes the session behind a token.
    pub async fn salir(&self, token: &str) -> Result<(), AppError> {
        sesion::Entity::delete_by_id(hash_token(token))
            .exec(&self.db)
            .await
            .map_err(bd)?;
        Ok(())
    }

    /// Records that `rfc` accepted the current terms (idempotent).
    pub async fn aceptar_terminos(&self, rfc: &str) -> Result<(), AppError> {
        if !self.terminos_pendientes(rfc).await? {
            return Ok(());
        }
        aceptacion_terminos::Entity::insert(aceptacion_terminos::ActiveModel {
            rfc: Set(rfc.to_string()),
            version: Set(VERSION_TERMINOS.to_string()),
            instante: Set(self.clock.now()),
            ..Default::default()
        })
        .exec(&self.db)
        .await
        .map_err(bd)?;
        Ok(())
    }
}

/// `ok` or the error's code, for `/metrics`.
pub(crate) fn resultado<T>(r: &Result<T, AppError>) -> &'static str {
    match r {
        Ok(_) => "ok",
        Err(e) => e.codigo.as_str(),
    }
}
