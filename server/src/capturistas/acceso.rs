//! How a capturista gets in: CURP + password (Argon2id) with a lockout after repeated failures,
//! the choice of contratista, password setting through an invitation or reset link, and the
//! "¿Olvidaste tu contraseña?" request, which answers the same whether or not the CURP exists.

use super::{
    avisos, Capturistas, MAX_FALLIDOS, MINUTOS_BLOQUEO, RECUPERACIONES_POR_HORA_CURP,
    TIPO_RECUPERACION, VIDA_RECUPERACION_MINUTOS,
};
use crate::auth::servicio::{aleatorio_hex, demasiados, hash_token, renovar};
use crate::error::bd;
use crate::persistence::entities::{
    capturista, capturista_contratista, contratista, intento_fallido, sesion_capturista,
    token_capturista,
};
use app::api::sesion::{ContratistaAsignado, SesionCapturista};
use app::api::AppError;
use app::domain::cuenta::Contrasena;
use app::domain::error::ErrorCode;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::Duration;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

/// A hash of a random password, verified against when the CURP is unknown, so both cases take
/// the same time (no user enumeration by timing).
const HASH_SENUELO: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c2VudWVsb2ljc29lMjAyNg$2rV0Vf7y8oq9XyqJ0rOQ0k0JbqYtq6mI6hH7F0p2s0M";

fn credenciales() -> AppError {
    AppError::new(
        ErrorCode::AuthCredentials,
        "La CURP o la contraseña no son correctas. Revísalas; si olvidaste tu contraseña, usa «¿Olvidaste tu contraseña?».",
    )
}

fn bloqueado() -> AppError {
    AppError::new(
        ErrorCode::RateLimited,
        format!("Demasiados intentos fallidos con esa CURP. Espera {MINUTOS_BLOQUEO} minutos o restablece tu contraseña con «¿Olvidaste tu contraseña?»."),
    )
}

/// Hashes a password with Argon2id (the crate's defaults: m = 19 MiB, t = 2, p = 1, OWASP's
/// recommendation) and a random salt.
pub fn hashear(contrasena: &str) -> Result<String, AppError> {
    let mut sal = [0u8; 16];
    getrandom::getrandom(&mut sal).map_err(|_| AppError::internal())?;
    let sal = SaltString::encode_b64(&sal).map_err(|_| AppError::internal())?;
    Argon2::default()
        .hash_password(contrasena.as_bytes(), &sal)
        .map(|h| h.to_string())
        .map_err(|e| {
            tracing::error!(error = %e, "no se pudo calcular el hash de la contraseña");
            AppError::internal()
        })
}

/// Argon2id computations that may run at once, whatever the number of simultaneous logins:
/// each takes ~19 MiB and a core for tens of milliseconds, so an unbounded burst (250 logins
/// with unknown CURPs) grew the process by gigabytes. The rest wait their turn.
const ARGON2_A_LA_VEZ: usize = 2;
/// How long a login waits for its turn before being told to retry.
const ESPERA_ARGON2: std::time::Duration = std::time::Duration::from_secs(15);

static TURNOS_ARGON2: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(ARGON2_A_LA_VEZ);

/// Runs an Argon2id computation on a blocking thread, at most [`ARGON2_A_LA_VEZ`] at once.
pub(crate) async fn con_turno_argon2<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let ocupado = || {
        AppError::new(
            ErrorCode::RateLimited,
            "El servidor está atendiendo muchos ingresos a la vez. Espera unos segundos e inténtalo de nuevo.",
        )
    };
    let _turno = tokio::time::timeout(ESPERA_ARGON2, TURNOS_ARGON2.acquire())
        .await
        .map_err(|_| ocupado())?
        .map_err(|_| AppError::internal())?;
    tokio::task::spawn_blocking(f).await.map_err(|e| {
        tracing::error!(error = %e, "el cálculo de Argon2 falló");
        AppError::internal()
    })
}

fn verificar(contrasena: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(contrasena.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

impl Capturistas {
    /// Counts this attempt **before** the password is checked, in one conditional statement, and
    /// says whether it may go on. Counting up front holds under any concurrency: in a burst, the
    /// attempts past [`MAX_FALLIDOS`] are refused without computing Argon2, and one that cannot
    /// be counted (the database busy, a race lost too often) is refused too. A successful login
    /// clears the count.
    async fn contar_intento(&self, clave: &str) -> Result<(), AppError> {
        let ventana = Duration::minutes(MINUTOS_BLOQUEO);
        for _ in 0..20 {
            let ahora = self.clock.now();
            let fila = intento_fallido::Entity::find_by_id(clave.to_string())
                .one(&self.db)
                .await
                .map_err(bd)?;
            let Some(f) = fila else {
                let nueva = intento_fallido::ActiveModel {
                    clave: Set(clave.to_string()),
                    fallidos: Set(1),
                    ventana_inicio: Set(ahora),
                    bloqueado_hasta: Set(None),
                };
                let insertadas = intento_fallido::Entity::insert(nueva)
                    .on_conflict(
                        sea_orm::sea_query::OnConflict::column(intento_fallido::Column::Clave)
                            .do_nothing()
                            .to_owned(),
                    )
                    .exec_without_returning(&self.db)
                    .await
                    .map_err(bd)?;
                if insertadas == 1 {
                    return Ok(());
                }
                continue;
            };
            if f.bloqueado_hasta.is_some_and(|h| h > ahora) {
                return Err(bloqueado());
            }
            let (n, inicio) = if ahora - f.ventana_inicio < ventana {
                (f.fallidos + 1, f.ventana_inicio)
            } else {
                (1, ahora)
            };
            let bloqueado_hasta = (n > MAX_FALLIDOS).then(|| ahora + ventana);
            let hecho = intento_fallido::Entity::update_many()
                .col_expr(
                    intento_fallido::Column::Fallidos,
                    Expr::value(if bloqueado_hasta.is_some() { 0 } else { n }),
                )
                .col_expr(intento_fallido::Column::VentanaInicio, Expr::value(inicio))
                .col_expr(
                    intento_fallido::Column::BloqueadoHasta,
                    Expr::value(bloqueado_hasta),
                )
                .filter(intento_fallido::Column::Clave.eq(clave))
                .filter(intento_fallido::Column::Fallidos.eq(f.fallidos))
                .exec(&self.db)
                .await
                .map_err(bd)?;
            if hecho.rows_affected == 1 {
                return match bloqueado_hasta {
                    Some(_) => Err(bloqueado()),
                    None => Ok(()),
                };
            }
        }
        Err(demasiados())
    }

    /// Logs a capturista in; returns the session token and the session (no contratista picked).
    pub async fn ingresar(
        &self,
        curp: &str,
        contrasena: &str,
        ip: &str,
    ) -> Result<(String, SesionCapturista), AppError> {
        let r = self.ingresar_sin_medir(curp, contrasena, ip).await;
        crate::metricas::global().ingreso("capturista", crate::auth::servicio::resultado(&r));
        r
    }

    async fn ingresar_sin_medir(
        &self,
        curp: &str,
        contrasena: &str,
        ip: &str,
    ) -> Result<(String, SesionCapturista), AppError> {
        if !self
            .por_ip
            .permitir(&format!("capturista:ip:{ip}"), self.clock.now())
            .await?
        {
            return Err(demasiados());
        }
        let curp = curp.trim().to_uppercase();
        if curp.is_empty() || contrasena.is_empty() || curp.len() > 18 || contrasena.len() > 512 {
            return Err(credenciales());
        }
        let clave = format!("curp:{curp}");
        self.contar_intento(&clave).await?;
        let persona = capturista::Entity::find_by_id(curp.clone())
            .one(&self.db)
            .await
            .map_err(bd)?;
        let hash = persona
            .as_ref()
            .and_then(|p| p.contrasena.clone())
            .unwrap_or_else(|| HASH_SENUELO.to_string());
        let contrasena = contrasena.to_string();
        let ok = con_turno_argon2(move || verificar(&contrasena, &hash)).await?;
        let Some(persona) = persona.filter(|p| ok && p.contrasena.is_some()) else {
            // Already counted by `contar_intento`.
            return Err(credenciales());
        };
        intento_fallido::Entity::delete_by_id(clave)
            .exec(&self.db)
            .await
            .map_err(bd)?;
        let token = aleatorio_hex(32)?;
        let ahora = self.clock.now();
        sesion_capturista::Entity::insert(sesion_capturista::ActiveModel {
            id: Set(hash_token(&token)),
            curp: Set(persona.curp.clone()),
            rfc: Set(None),
            creada: Set(ahora),
            ultimo_uso: Set(ahora),
        })
        .exec(&self.db)
        .await
        .map_err(bd)?;
        let sesion = SesionCapturista {
            curp: persona.curp.clone(),
            nombre: persona.nombre,
            contratista: None,
            contratistas: self.asignados(&persona.curp).await?,
        };
        Ok((token, sesion))
    }

    async fn asignados(&self, curp: &str) -> Result<Vec<ContratistaAsignado>, AppError> {
        let activos = capturista_contratista::Entity::find()
            .filter(capturista_contratista::Column::Curp.eq(curp))
            .filter(capturista_contratista::Column::Activo.eq(true))
            .all(&self.db)
            .await
            .map_err(bd)?;
        let rfcs: Vec<String> = activos.iter().map(|a| a.rfc.clone()).collect();
        let mut lista: Vec<ContratistaAsignado> = contratista::Entity::find()
            .filter(contratista::Column::Rfc.is_in(rfcs))
            .all(&self.db)
            .await
            .map_err(bd)?
            .into_iter()
            .map(|c| ContratistaAsignado {
                rfc: c.rfc,
                nombre: c.nombre,
            })
            .collect();
        lista.sort_by(|a, b| a.nombre.cmp(&b.nombre));
        Ok(lista)
    }

    /// The capturista session behind a cookie token (idle expiry as for contratistas). The
    /// contratista is kept only while the capturista is still active for it.
    pub async fn sesion(&self, token: &str) -> Result<Option<SesionCapturista>, AppError> {
        let id = hash_token(token);
        let Some(s) = sesion_capturista::Entity::find_by_id(id.clone())
            .one(&self.db)
            .await
            .map_err(bd)?
        else {
            return Ok(None);
        };
        let viva = renovar::<sesion_capturista::Entity>(
            &self.db,
            &id,
            s.ultimo_uso,
            self.clock.now(),
            self.inactividad,
            (
                sesion_capturista::Column::Id,
                sesion_capturista::Column::UltimoUso,
            ),
        )
        .await?;
        if !viva {
            return Ok(None);
        }
        let Some(persona) = capturista::Entity::find_by_id(s.curp.clone())
            .one(&self.db)
            .await
            .map_err(bd)?
        else {
            return Ok(None);
        };
        let contratistas = self.asignados(&s.curp).await?;
        let contratista = s
            .rfc
            .filter(|rfc| contratistas.iter().any(|c| &c.rfc == rfc));
        Ok(Some(SesionCapturista {
            curp: persona.curp,
            nombre: persona.nombre,
            contratista,
            contratistas,
        }))
    }

    /// Picks the contratista a logged-in capturista works for (must be active for it).
    pub async fn elegir(&self, token: &str, curp: &str, rfc: &str) -> Result<(), AppError> {
        let rfc = rfc.trim().to_uppercase();
        let activo = capturista_contratista::Entity::find_by_id((rfc.clone(), curp.to_string()))
            .one(&self.db)
            .await
            .map_err(bd)?
            .is_some_and(|a| a.activo);
        if !activo {
            return Err(AppError::prohibido(format!(
                "No puedes capturar para {rfc}: ese contratista no te ha registrado o te desactivó."
            )));
        }
        let ahora = self.clock.now();
        sesion_capturista::Entity::update_many()
            .col_expr(
                sesion_capturista::Column::Rfc,
                Expr::value(Some(rfc.clone())),
            )
            .filter(sesion_capturista::Column::Id.eq(hash_token(token)))
            .exec(&self.db)
            .await
            .map_err(bd)?;
        capturista_contratista::Entity::update_many()
            .col_expr(
                capturista_contratista::Column::UltimoIngreso,
                Expr::value(Some(ahora)),
            )
            .filter(capturista_contratista::Column::Rfc.eq(&rfc))
            .filter(capturista_contratista::Column::Curp.eq(curp))
            .exec(&self.db)
            .await
            .map_err(bd)?;
        Ok(())
    }

    /// Closes a capturista session.
    pub async fn salir(&self, token: &str) -> Result<(), AppError> {
        sesion_capturista::Entity::delete_by_id(hash_token(token))
            .exec(&self.db)
            .await
            .map_err(bd)?;
        Ok(())
    }

    /// Sets a password with an invitation or reset token: single use, unexpired. Ends every
    /// session of the capturista and clears its lockout. Returns the CURP.
    pub async fn establecer_contrasena(
        &self,
        token: &str,
        contrasena: &str,
    ) -> Result<String, AppError> {
        let id = hash_token(token.trim());
        let t = token_capturista::Entity::find_by_id(id.clone())
            .one(&self.db)
            .await
            .map_err(bd)?
            .ok_or_else(|| {
                AppError::new(
                    ErrorCode::TokenUnknown,
                    "El enlace no es válido. Copia el enlace completo del correo o pide uno nuevo.",
                )
            })?;
        if t.usado {
            return Err(AppError::new(
                ErrorCode::TokenUsed,
                "Ese enlace ya se usó. Si necesitas cambiar tu contraseña otra vez, usa «¿Olvidaste tu contraseña?».",
            ));
        }
        let ahora = self.clock.now();
        if ahora > t.expira {
            return Err(AppError::new(
                ErrorCode::TokenExpired,
                if t.tipo == TIPO_RECUPERACION {
                    "El enlace venció (dura 30 minutos). Pide uno nuevo con «¿Olvidaste tu contraseña?»."
                } else {
                    "La invitación venció (dura 48 horas). Pide a tu contratista que te la reenvíe."
                },
            ));
        }
        Contrasena::validar(contrasena, &t.curp).map_err(|e| AppError::domain(&e))?;
        let clave = contrasena.to_string();
        let hash = con_turno_argon2(move || hashear(&clave)).await??;
        let tx = crate::persistence::escribir(&self.db).await.map_err(bd)?;
        // Consume atomically: of two requests with one token, exactly one changes the password.
        let consumido = token_capturista::Entity::update_many()
            .col_expr(token_capturista::Column::Usado, Expr::value(true))
            .filter(token_capturista::Column::Id.eq(id))
            .filter(token_capturista::Column::Usado.eq(false))
            .exec(&tx)
            .await
            .map_err(bd)?;
        if consumido.rows_affected != 1 {
            return Err(AppError::new(ErrorCode::TokenUsed, "Ese enlace ya se usó."));
        }
        capturista::Entity::update_many()
            .col_expr(capturista::Column::Contrasena, Expr::value(Some(hash)))
            .col_expr(
                capturista::Column::ContrasenaCambiada,
                Expr::value(Some(ahora)),
            )
            .filter(capturista::Column::Curp.eq(&t.curp))
            .exec(&tx)
            .await
            .map_err(bd)?;
        sesion_capturista::Entity::delete_many()
            .filter(sesion_capturista::Column::Curp.eq(&t.curp))
            .exec(&tx)
            .await
            .map_err(bd)?;
        intento_fallido::Entity::delete_by_id(format!("curp:{}", t.curp))
            .exec(&tx)
            .await
            .map_err(bd)?;
        if t.tipo == TIPO_RECUPERACION {
            if let Some(p) = capturista::Entity::find_by_id(t.curp.clone())
                .one(&tx)
                .await
                .map_err(bd)?
            {
                let m = avisos::contrasena_cambiada(&p.nombre, &p.correo);
                self.encolar(&tx, m, "contrasena_cambiada", &t.curp, "")
                    .await?;
            }
        }
        tx.commit().await.map_err(bd)?;
        self.despertar();
        Ok(t.curp)
    }

    /// "¿Olvidaste tu contraseña?": mails a reset link when the CURP belongs to a capturista with
    /// a password. Says nothing either way (the route answers the same text).
    pub async fn recuperar(&self, curp: &str, ip: &str) -> Result<(), AppError> {
        let ahora = self.clock.now();
        let curp = curp.trim().to_uppercase();
        if !self
            .por_ip
            .permitir(&format!("recuperar:ip:{ip}"), ahora)
            .await?
            || !self
                .por_ip
                .permitir(&format!("recuperar:curp:{curp}"), ahora)
                .await?
        {
            return Err(demasiados());
        }
        let Some(p) = capturista::Entity::find_by_id(curp.clone())
            .one(&self.db)
            .await
            .map_err(bd)?
        else {
            return Ok(());
        };
        if p.contrasena.is_none() {
            // Still invited: the invitation (resendable by the contratista) is the way in.
            return Ok(());
        }
        // A few reset mails an hour per CURP; past that the answer is the same and no mail goes
        // (the answer never tells whether the CURP exists).
        if self
            .enlaces_recientes(TIPO_RECUPERACION, Some(&curp), None)
            .await?
            >= RECUPERACIONES_POR_HORA_CURP
        {
            tracing::info!("recuperación de contraseña omitida: límite por CURP");
            return Ok(());
        }
        let token = self
            .emitir_token(
                &self.db,
                &curp,
                TIPO_RECUPERACION,
                Duration::minutes(VIDA_RECUPERACION_MINUTOS),
            )
            .await?;
        let m = avisos::recuperacion(&p.nombre, &p.correo, &self.enlace("/contrasena", &token));
        self.encolar(&self.db, m, "recuperacion", &curp, "").await?;
        self.despertar();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argon2id_hashes_verify_and_the_decoy_is_a_valid_hash() {
        let h = hashear("una frase larga").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verificar("una frase larga", &h));
        assert!(!verificar("otra frase larga", &h));
        assert!(PasswordHash::new(HASH_SENUELO).is_ok());
        assert!(!verificar("una frase larga", HASH_SENUELO));
    }
}
