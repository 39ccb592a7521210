//! What a contratista does with its capturistas (Administración): register one by CURP (an
//! invitation e-mail goes out), list them with their last entry, deactivate and reactivate,
//! resend the invitation. Every query is scoped to the contratista's RFC.

use super::{
    avisos, Capturistas, INVITACIONES_POR_HORA_CONTRATISTA, INVITACIONES_POR_HORA_CURP,
    TIPO_INVITACION, VIDA_INVITACION_HORAS,
};
use crate::auth::servicio::{aleatorio_hex, hash_token};
use crate::error::bd;
use crate::persistence::entities::{
    capturista, capturista_contratista, sesion_capturista, token_capturista,
};
use app::api::cuenta::{AltaCapturista, CapturistaFila};
use app::api::AppError;
use app::domain::contacto::Email;
use app::domain::cuenta::texto;
use app::domain::error::{ErrorCampo, ErrorCode};
use app::domain::ids::Curp;
use chrono::Duration;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait,
};

fn fecha(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl Capturistas {
    /// Issues a single-use token of `tipo` for `curp`, valid for `vida`; returns the token.
    pub(crate) async fn emitir_token(
        &self,
        db: &impl ConnectionTrait,
        curp: &str,
        tipo: &str,
        vida: Duration,
    ) -> Result<String, AppError> {
        let token = aleatorio_hex(32)?;
        let ahora = self.clock.now();
        token_capturista::Entity::insert(token_capturista::ActiveModel {
            id: Set(hash_token(&token)),
            curp: Set(curp.to_string()),
            tipo: Set(tipo.to_string()),
            expira: Set(ahora + vida),
            usado: Set(false),
            creado: Set(ahora),
        })
        .exec(db)
        .await
        .map_err(bd)?;
        Ok(token)
    }

    /// Links of `tipo` issued in the last hour: for one CURP, or for every capturista of the
    /// contratista `rfc`. Counted in the database, so the limits hold across replicas.
    pub(crate) async fn enlaces_recientes(
        &self,
        tipo: &str,
        curp: Option<&str>,
        rfc: Option<&str>,
    ) -> Result<u64, AppError> {
        let desde = self.clock.now() - Duration::hours(1);
        let mut q = token_capturista::Entity::find()
            .filter(token_capturista::Column::Tipo.eq(tipo))
            .filter(token_capturista::Column::Creado.gte(desde));
        if let Some(c) = curp {
            q = q.filter(token_capturista::Column::Curp.eq(c));
        }
        if let Some(r) = rfc {
            let curps = capturista_contratista::Entity::find()
                .select_only()
                .column(capturista_contratista::Column::Curp)
                .filter(capturista_contratista::Column::Rfc.eq(r))
                .into_query();
            q = q.filter(token_capturista::Column::Curp.in_subquery(curps));
        }
        q.count(&self.db).await.map_err(bd)
    }

    /// Invitations are mail ICSOE sends on a contratista's word: at most
    /// [`INVITACIONES_POR_HORA_CURP`] to one person and [`INVITACIONES_POR_HORA_CONTRATISTA`]
    /// from one contratista per hour, so the feature cannot be turned into a mail cannon.
    async fn exigir_cupo_invitacion(&self, rfc: &str, curp: &str) -> Result<(), AppError> {
        if self
            .enlaces_recientes(TIPO_INVITACION, Some(curp), None)
            .await?
            >= INVITACIONES_POR_HORA_CURP
        {
            return Err(AppError::new(
                ErrorCode::RateLimited,
                format!("Ya se enviaron {INVITACIONES_POR_HORA_CURP} invitaciones a esta persona en la última hora. Pídele que revise su correo (y la carpeta de no deseados) y vuelve a intentarlo más tarde."),
            ));
        }
        if self
            .enlaces_recientes(TIPO_INVITACION, None, Some(rfc))
            .await?
            >= INVITACIONES_POR_HORA_CONTRATISTA
        {
            return Err(AppError::new(
                ErrorCode::RateLimited,
                format!("Enviaste {INVITACIONES_POR_HORA_CONTRATISTA} invitaciones en la última hora, el máximo. Vuelve a intentarlo más tarde."),
            ));
        }
        Ok(())
    }

    pub(crate) fn enlace(&self, ruta: &str, token: &str) -> String {
        format!("{}{ruta}?token={token}", self.url_publica)
    }

    /// Writes `mensaje` to the outbox with `c` (the change's transaction, when there is one).
    pub(super) async fn encolar<C: sea_orm::ConnectionTrait>(
        &self,
        c: &C,
        mensaje: crate::infra::correo::Mensaje,
        tipo: &'static str,
        curp: &str,
        rfc: &str,
    ) -> Result<(), AppError> {
        let aviso = crate::avisos::textos::de_mensaje(mensaje, tipo, curp, rfc);
        crate::avisos::encolar(c, vec![aviso], self.clock.now())
            .await
            .map_err(bd)?;
        Ok(())
    }

    /// Wakes the outbox worker after a commit.
    pub(super) fn despertar(&self) {
        self.timbre.notify_one();
    }

    fn fila(a: capturista_contratista::Model, c: Option<&capturista::Model>) -> CapturistaFila {
        CapturistaFila {
            curp: a.curp,
            nombre: a.nombre,
            correo: a.correo,
            activo: a.activo,
            registrado: fecha(a.registrado),
            ultimo_ingreso: a.ultimo_ingreso.map(fecha),
            invitacion_pendiente: c.is_none_or(|c| c.contrasena.is_none()),
        }
    }

    /// The contratista's capturistas, newest first.
    pub async fn listar(&self, rfc: &str) -> Result<Vec<CapturistaFila>, AppError> {
        let asignaciones = capturista_contratista::Entity::find()
            .filter(capturista_contratista::Column::Rfc.eq(rfc))
            .order_by_desc(capturista_contratista::Column::Registrado)
            .all(&self.db)
            .await
            .map_err(bd)?;
        let curps: Vec<String> = asignaciones.iter().map(|a| a.curp.clone()).collect();
        let personas = capturista::Entity::find()
            .filter(capturista::Column::Curp.is_in(curps))
            .all(&self.db)
            .await
            .map_err(bd)?;
        Ok(asignaciones
            .into_iter()
            .map(|a| {
                let c = personas.iter().find(|c| c.curp == a.curp);
                Self::fila(a, c)
            })
            .collect())
    }

    /// Registers a capturista for `rfc` (named `contratista` in the e-mail). A CURP new to ICSOE
    /// gets an invitation to set its password; one that already has a password (it serves
    /// another contratista) gets a notice instead.
    pub async fn registrar(
        &self,
        rfc: &str,
        contratista: &str,
        alta: &AltaCapturista,
    ) -> Result<CapturistaFila, AppError> {
        let mut errores = Vec::new();
        let curp = match Curp::parse(&alta.curp) {
            Ok(c) => Some(c),
            Err(e) => {
                errores.push(ErrorCampo::de("curp", &e));
                None
            }
        };
        let nombre = texto::requerido(&mut errores, "nombre", "el nombre", &alta.nombre, 200);
        let correo = match Email::parse(&alta.correo) {
            Ok(c) => Some(c),
            Err(e) => {
                errores.push(ErrorCampo::de("correo", &e));
                None
            }
        };
        let (Some(curp), Some(correo)) = (curp, correo) else {
            return Err(AppError::formulario(errores));
        };
        if !errores.is_empty() {
            return Err(AppError::formulario(errores));
        }
        let curp = curp.as_str().to_string();
        let correo = correo.as_str().to_string();
        let ahora = self.clock.now();
        self.exigir_cupo_invitacion(rfc, &curp).await?;

        let tx = crate::persistence::escribir(&self.db).await.map_err(bd)?;
        let ya = capturista_contratista::Entity::find_by_id((rfc.to_string(), curp.clone()))
            .one(&tx)
            .await
            .map_err(bd)?;
        if ya.is_some() {
            return Err(AppError::new(
                ErrorCode::CapturistaExists,
                format!("La CURP {curp} ya está registrada como tu capturista. Si está desactivada, reactívala en la lista."),
            ));
        }
        let persona = capturista::Entity::find_by_id(curp.clone())
            .one(&tx)
            .await
            .map_err(bd)?;
        let tiene_contrasena = persona.as_ref().is_some_and(|p| p.contrasena.is_some());
        if persona.is_none() {
            capturista::Entity::insert(capturista::ActiveModel {
                curp: Set(curp.clone()),
                nombre: Set(nombre.clone()),
                correo: Set(correo.clone()),
                contrasena: Set(None),
                contrasena_cambiada: Set(None),
                creado: Set(ahora),
            })
            .exec(&tx)
            .await
            .map_err(bd)?;
        }
        let asignacion = capturista_contratista::ActiveModel {
            rfc: Set(rfc.to_string()),
            curp: Set(curp.clone()),
            nombre: Set(nombre.clone()),
            correo: Set(correo.clone()),
            activo: Set(true),
            registrado: Set(ahora),
            ultimo_ingreso: Set(None),
        };
        // Two registrations of the same CURP at once: the primary key lets one through.
        capturista_contratista::Entity::insert(asignacion)
            .exec(&tx)
            .await
            .map_err(|e| {
                tracing::warn!(error.cause_chain = ?e, "alta de capturista duplicada");
                AppError::new(
                    ErrorCode::CapturistaExists,
                    format!("La CURP {curp} ya está registrada como tu capturista."),
                )
            })?;
        let (mensaje, tipo) = if tiene_contrasena {
            (
                avisos::acceso_nuevo(
                    &nombre,
                    &correo,
                    contratista,
                    &format!("{}/ingresar?capturista=1", self.url_publica),
                ),
                "acceso_nuevo",
            )
        } else {
            let token = self
                .emitir_token(
                    &tx,
                    &curp,
                    TIPO_INVITACION,
                    Duration::hours(VIDA_INVITACION_HORAS),
                )
                .await?;
            (
                avisos::invitacion(
                    &nombre,
                    &correo,
                    contratista,
                    &self.enlace("/contrasena", &token),
                ),
                "invitacion",
            )
        };
        self.encolar(&tx, mensaje, tipo, &curp, rfc).await?;
        tx.commit().await.map_err(bd)?;
        self.despertar();
        let fila = capturista_contratista::Entity::find_by_id((rfc.to_string(), curp.clone()))
            .one(&self.db)
            .await
            .map_err(bd)?
            .ok_or_else(AppError::internal)?;
        let persona = capturista::Entity::find_by_id(curp)
            .one(&self.db)
            .await
            .map_err(bd)?;
        Ok(Self::fila(fila, persona.as_ref()))
    }

    fn no_es_tuyo(curp: &str) -> AppError {
        AppError::new(
            ErrorCode::NotFound,
            format!("La CURP {curp} no está registrada como tu capturista."),
        )
    }

    /// Deactivates or reactivates a capturista of `rfc`. Deactivation takes effect on its next
    /// request: sessions working for `rfc` lose the contratista.
    pub async fn activar(
        &self,
        rfc: &str,
        curp: &str,
        activo: bool,
    ) -> Result<CapturistaFila, AppError> {
        let curp = curp.trim().to_uppercase();
        let tx = crate::persistence::escribir(&self.db).await.map_err(bd)?;
        let Some(antes) =
            capturista_contratista::Entity::find_by_id((rfc.to_string(), curp.clone()))
                .one(&tx)
                .await
                .map_err(bd)?
        else {
            return Err(Self::no_es_tuyo(&curp));
        };
        capturista_contratista::Entity::update_many()
            .col_expr(capturista_contratista::Column::Activo, Expr::value(activo))
            .filter(capturista_contratista::Column::Rfc.eq(rfc))
            .filter(capturista_contratista::Column::Curp.eq(&curp))
            .exec(&tx)
            .await
            .map_err(bd)?;
        if antes.activo != activo {
            // The capturista learns it from us, not from a login that suddenly fails.
            let nombre =
                crate::persistence::entities::contratista::Entity::find_by_id(rfc.to_string())
                    .one(&tx)
                    .await
                    .map_err(bd)?
                    .map_or_else(|| rfc.to_string(), |c| c.nombre);
            let para = crate::avisos::textos::Para {
                rol: crate::avisos::Rol::Capturista,
                destinatario: curp.clone(),
                nombre: antes.nombre.clone(),
                correo: Some(antes.correo.clone()),
                rfc: rfc.to_string(),
            };
            let aviso = crate::avisos::textos::capturista_activo(
                &para,
                &nombre,
                activo,
                format!("{}/ingresar?capturista=1", self.url_publica),
            );
            crate::avisos::encolar(&tx, vec![aviso], self.clock.now())
                .await
                .map_err(bd)?;
        }
        tx.commit().await.map_err(bd)?;
        self.despertar();
        if !activo {
            sesion_capturista::Entity::update_many()
                .col_expr(
                    sesion_capturista::Column::Rfc,
                    Expr::value(Option::<String>::None),
                )
                .filter(sesion_capturista::Column::Curp.eq(&curp))
                .filter(sesion_capturista::Column::Rfc.eq(rfc))
                .exec(&self.db)
                .await
                .map_err(bd)?;
        }
        self.listar(rfc)
            .await?
            .into_iter()
            .find(|f| f.curp == curp)
            .ok_or_else(|| Self::no_es_tuyo(&curp))
    }

    /// Sends a new invitation to a capturista of `rfc` that has not set its password yet.
    pub async fn reenviar(&self, rfc: &str, contratista: &str, curp: &str) -> Result<(), AppError> {
        let curp = curp.trim().to_uppercase();
        let a = capturista_contratista::Entity::find_by_id((rfc.to_string(), curp.clone()))
            .one(&self.db)
            .await
            .map_err(bd)?
            .ok_or_else(|| Self::no_es_tuyo(&curp))?;
        let persona = capturista::Entity::find_by_id(curp.clone())
            .one(&self.db)
            .await
            .map_err(bd)?;
        if persona.as_ref().is_some_and(|p| p.contrasena.is_some()) {
            return Err(AppError::new(
                ErrorCode::CapturistaExists,
                "Esta persona ya creó su contraseña. Si la olvidó, puede usar «¿Olvidaste tu contraseña?».",
            ));
        }
        self.exigir_cupo_invitacion(rfc, &curp).await?;
        let token = self
            .emitir_token(
                &self.db,
                &curp,
                TIPO_INVITACION,
                Duration::hours(VIDA_INVITACION_HORAS),
            )
            .await?;
        let m = avisos::invitacion(
            &a.nombre,
            &a.correo,
            contratista,
            &self.enlace("/contrasena", &token),
        );
        self.encolar(&self.db, m, "invitacion", &curp, rfc).await?;
        self.despertar();
        Ok(())
    }
}
