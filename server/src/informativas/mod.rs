//! Informativas on the server: register (V01 by a unique index, started periods only), list with
//! due dates, the state machine captura → en_firma → captura, deletion of drafts, and the open
//! findings. Contracts are in [`contratos`], workers in [`trabajadores`], bulk worker uploads in
//! [`carga`], signing and presenting in [`presentar`], acuses, verification and complementarias
//! in [`acuses`]. Every query is keyed by the session's RFC: another contratista's id is a 404.

pub mod acuses;
mod avisos;
pub mod carga;
pub mod cliente;
pub mod contratos;
pub mod firma;
pub mod presentar;
pub mod trabajadores;
pub mod verificar;

use crate::cuenta::Cuenta;
use crate::error::{bd, es_duplicado};
use crate::infra::almacen::Almacen;
use crate::persistence::entities::{carga as carga_e, contrato, informativa};
use app::api::informativas::{
    InformativaDetalle, InformativaFila, NuevaInformativa, CONTRATOS_POR_PAGINA, HALLAZGOS_MAXIMOS,
};
use app::api::ports::{Clock, DiasInhabilesRepo, ParametrosRepo};
use app::api::sesion::SesionActual;
use app::api::AppError;
use app::domain::calendar::{
    a_hora_centro, vencimiento, Anio, Cuatrimestre, DiasInhabiles, Periodo,
};
use app::domain::error::ErrorCode;
use app::domain::informativas::hallazgos::{revisar, RevisionContrato, RevisionInformativa};
use app::domain::informativas::{periodo_registrable, EstadoInformativa, TipoInformativa};
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder,
};
use std::sync::Arc;

/// Who acts: the contratista's RFC (every row is keyed by it) and the person (RFC or CURP, for
/// the audit columns).
#[derive(Clone, Debug)]
pub struct Actor {
    /// The contratista.
    pub rfc: String,
    /// The contratista's RFC, the capturista's CURP, or "API " and the token's prefix.
    pub por: String,
}

impl Actor {
    /// From the session.
    pub fn de(s: &SesionActual) -> Self {
        Actor {
            rfc: s.rfc.clone(),
            por: match (&s.capturista, &s.token_api) {
                (Some(c), _) => c.curp.clone(),
                // Who captured through the API: the token's prefix (never the secret).
                (None, Some(prefijo)) => format!("API {prefijo}"),
                (None, None) => s.rfc.clone(),
            },
        }
    }
}

/// Informativas, contracts and workers.
pub struct Informativas {
    pub(crate) db: DatabaseConnection,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) cuenta: Arc<Cuenta>,
    pub(crate) almacen: Arc<dyn Almacen>,
    dias: Arc<dyn DiasInhabilesRepo>,
    parametros: Arc<dyn ParametrosRepo>,
    pub(crate) firma: Arc<firma::Firma>,
    /// Public verifications per client address and minute (`/verificar` is open to anyone).
    verificaciones: crate::auth::limites::Limitador,
    /// Turns for bulk uploads (`carga::CARGAS_SIMULTANEAS`).
    pub(crate) cargas: Arc<tokio::sync::Semaphore>,
    /// Wakes this process's outbox worker after a notice is committed.
    pub(crate) timbre: Arc<tokio::sync::Notify>,
}

/// Public verifications one client address may ask per minute: a person checking acuses by hand
/// never gets near it; a script walking folios with guessed RFCs does.
pub const VERIFICACIONES_POR_MINUTO: u32 = 30;

pub(crate) fn no_existe() -> AppError {
    AppError::new(
        ErrorCode::NotFound,
        "La informativa no existe o no es de este contratista. Vuelve a la lista de informativas.",
    )
}

pub(crate) fn estado(m: &informativa::Model) -> EstadoInformativa {
    EstadoInformativa::parse(&m.estado).unwrap_or(EstadoInformativa::Presentada)
}

pub(crate) fn tipo(m: &informativa::Model) -> TipoInformativa {
    TipoInformativa::parse(&m.tipo).unwrap_or(TipoInformativa::Normal)
}

pub(crate) fn periodo(m: &informativa::Model) -> Result<Periodo, AppError> {
    // Stored from a checked `Periodo`: a failure here means the row was edited by hand.
    let malo = |_| {
        tracing::error!(informativa = m.id, "año o periodo guardado inválido");
        AppError::internal()
    };
    let anio = Anio::new(i64::from(m.anio)).map_err(malo)?;
    let c = Cuatrimestre::from_numero(u8::try_from(m.periodo).unwrap_or(0)).map_err(|_| {
        tracing::error!(informativa = m.id, "periodo guardado inválido");
        AppError::internal()
    })?;
    Ok(Periodo::new(anio, c))
}

/// The error for an action the state does not allow.
pub(crate) fn no_editable(m: &informativa::Model) -> AppError {
    let e = estado(m);
    AppError::new(
        ErrorCode::InformativaState,
        match e {
            EstadoInformativa::EnFirma => "La informativa está en firma: no se puede modificar. Si falta corregir algo, el contratista debe regresarla a captura.".to_string(),
            _ => format!("La informativa está {}: ya no se puede modificar. Los cambios se hacen con una informativa complementaria.", e.etiqueta().to_lowercase()),
        },
    )
}

/// What the informativas service is built over (one struct: eight ports read better by name).
pub struct Dependencias {
    pub db: DatabaseConnection,
    pub clock: Arc<dyn Clock>,
    pub cuenta: Arc<Cuenta>,
    pub almacen: Arc<dyn Almacen>,
    pub dias: Arc<dyn DiasInhabilesRepo>,
    pub parametros: Arc<dyn ParametrosRepo>,
    pub firma: Arc<firma::Firma>,
    /// Rung after a commit that queued notices (`avisos::repartidor`).
    pub timbre: Arc<tokio::sync::Notify>,
}

impl Informativas {
    /// The service, over what it reads and where it rings when a notice is queued.
    pub fn new(d: Dependencias) -> Self {
        Informativas {
            timbre: d.timbre,
            db: d.db.clone(),
            clock: d.clock,
            cuenta: d.cuenta,
            almacen: d.almacen,
            dias: d.dias,
            parametros: d.parametros,
            firma: d.firma,
            verificaciones: crate::auth::limites::Limitador::new(d.db, VERIFICACIONES_POR_MINUTO),
            cargas: Arc::new(tokio::sync::Semaphore::new(carga::CARGAS_SIMULTANEAS)),
        }
    }

    pub(crate) fn hoy(&self) -> NaiveDate {
        a_hora_centro(self.clock.now()).date_naive()
    }

    /// The UMA and minimum-wage figures as the table holds them now.
    pub(crate) async fn salarios(&self) -> Result<app::domain::dinero::TablaSalarios, AppError> {
        self.parametros.tabla().await.map_err(|e| {
            tracing::error!(error.cause_chain = ?e, "no se pudieron leer las cifras anuales");
            AppError::database_unavailable()
        })
    }

    async fn inhabiles(&self) -> Result<DiasInhabiles, AppError> {
        let desde = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap_or(NaiveDate::MIN);
        let hasta = NaiveDate::from_ymd_opt(2101, 1, 31).unwrap_or(NaiveDate::MAX);
        let dias = self.dias.entre(desde, hasta).await.map_err(|e| {
            tracing::error!(error.cause_chain = ?e, "no se pudieron leer los días inhábiles");
            AppError::database_unavailable()
        })?;
        Ok(DiasInhabiles::con_declarados(&dias))
    }

    pub(crate) fn fila(
        &self,
        m: &informativa::Model,
        dias: &DiasInhabiles,
    ) -> Result<InformativaFila, AppError> {
        let p = periodo(m)?;
        let v = vencimiento(p, dias);
        Ok(InformativaFila {
            id: m.id,
            anio: m.anio,
            periodo: p.cuatrimestre.numero(),
            meses: p.cuatrimestre.meses().to_string(),
            tipo: tipo(m),
            estado: estado(m),
            contratos: u64::try_from(m.num_contratos).unwrap_or(0),
            trabajadores: u64::try_from(m.num_trabajadores).unwrap_or(0),
            vence: v.vence.format("%d/%m/%Y").to_string(),
            a_tiempo: m.presentada.unwrap_or_else(|| self.clock.now()) <= v.fin_plazo.to_utc()
                || tipo(m).es_complementaria(),
            creada: m.creada.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            folio: m.folio.clone(),
            presentada: m.presentada.map(presentar::fecha_hora),
            referencia_id: m.referencia_id,
        })
    }

    pub(crate) async fn fila_de(
        &self,
        m: &informativa::Model,
    ) -> Result<InformativaFila, AppError> {
        self.fila(m, &self.inhabiles().await?)
    }

    /// The contratista's informativas, newest period first.
    pub async fn listar(&self, rfc: &str) -> Result<Vec<InformativaFila>, AppError> {
        let filas = informativa::Entity::find()
            .filter(informativa::Column::Rfc.eq(rfc))
            .order_by_desc(informativa::Column::Anio)
            .order_by_desc(informativa::Column::Periodo)
            .order_by_desc(informativa::Column::Id)
            .all(&self.db)
            .await
            .map_err(bd)?;
        let dias = self.inhabiles().await?;
        filas.iter().map(|m| self.fila(m, &dias)).collect()
    }

    /// One informativa of `rfc`.
    pub(crate) async fn buscar(
        &self,
        c: &impl ConnectionTrait,
        rfc: &str,
        id: i64,
    ) -> Result<informativa::Model, AppError> {
        informativa::Entity::find_by_id(id)
            .filter(informativa::Column::Rfc.eq(rfc))
            .one(c)
            .await
            .map_err(bd)?
            .ok_or_else(no_existe)
    }

    /// Inside a transaction: locks the informativa (a row lock on PostgreSQL, the write lock on
    /// SQLite) while it is in capture, so a change can never slip in after "Enviar a firma".
    pub(crate) async fn bloquear_en_captura(
        &self,
        txn: &impl ConnectionTrait,
        rfc: &str,
        id: i64,
    ) -> Result<informativa::Model, AppError> {
        let r = informativa::Entity::update_many()
            .col_expr(
                informativa::Column::Actualizada,
                Expr::value(self.clock.now()),
            )
            .filter(informativa::Column::Id.eq(id))
            .filter(informativa::Column::Rfc.eq(rfc))
            .filter(informativa::Column::Estado.eq(EstadoInformativa::Captura.as_str()))
            .exec(txn)
            .await
            .map_err(bd)?;
        let m = self.buscar(txn, rfc, id).await?;
        if r.rows_affected == 0 {
            return Err(no_editable(&m));
        }
        Ok(m)
    }

    /// "Registrar informativa".
    pub async fn crear(
        &self,
        actor: &Actor,
        n: &NuevaInformativa,
    ) -> Result<InformativaFila, AppError> {
        let t = TipoInformativa::parse(n.tipo.trim())
            .filter(|t| !t.es_complementaria())
            .ok_or_else(|| {
                AppError::formulario(vec![app::domain::error::ErrorCampo::nuevo(
                "tipo",
                ErrorCode::FieldRequired,
                "Elige el tipo: Normal (hubo contratos en el periodo) o Sin información (no hubo).",
            )])
            })?;
        let p = periodo_registrable(&n.anio, &n.periodo, self.hoy()).map_err(|e| {
            let campo = match e {
                app::domain::informativas::ErrorNuevaInformativa::Anio(_) => "anio",
                _ => "periodo",
            };
            AppError::formulario(vec![app::domain::error::ErrorCampo::de(campo, &e)])
        })?;
        let cuenta = self.cuenta.obtener(&actor.rfc).await?;
        if !cuenta.pendientes.is_empty() {
            return Err(AppError::new(
                ErrorCode::DatosIncompletos,
                format!(
                    "Antes de registrar informativas completa tus datos generales: {}",
                    cuenta.pendientes.join(" ")
                ),
            ));
        }
        let ahora = self.clock.now();
        let nueva = informativa::ActiveModel {
            rfc: Set(actor.rfc.clone()),
            anio: Set(p.anio.get()),
            periodo: Set(i16::from(p.cuatrimestre.numero())),
            tipo: Set(t.as_str().to_string()),
            estado: Set(EstadoInformativa::Captura.as_str().to_string()),
            original: Set(Some(1)),
            num_contratos: Set(0),
            num_trabajadores: Set(0),
            creada: Set(ahora),
            creada_por: Set(actor.por.clone()),
            actualizada: Set(ahora),
            enviada_firma: Set(None),
            enviada_por: Set(None),
            ..Default::default()
        };
        match nueva.insert(&self.db).await {
            Ok(m) => self.fila_de(&m).await,
            Err(e) if es_duplicado(&e) => {
                // V01 (IMSS inconsistency #6): one Normal or Sin información per period.
                let existente = informativa::Entity::find()
                    .filter(informativa::Column::Rfc.eq(&actor.rfc))
                    .filter(informativa::Column::Anio.eq(p.anio.get()))
                    .filter(informativa::Column::Periodo.eq(i16::from(p.cuatrimestre.numero())))
                    .filter(informativa::Column::Original.eq(1))
                    .one(&self.db)
                    .await
                    .map_err(bd)?;
                let cual = existente.map_or_else(String::new, |m| {
                    format!(
                        " (tipo {}, {})",
                        tipo(&m).etiqueta(),
                        estado(&m).etiqueta().to_lowercase()
                    )
                });
                Err(AppError::new(
                    ErrorCode::InformativaExists,
                    format!(
                        "Ya tienes una informativa del periodo {} de {}{cual}. Solo puede haber una Normal o Sin información por periodo: ábrela desde la lista; si ya la presentaste, los cambios se hacen con una complementaria.",
                        p.cuatrimestre.numero(),
                        p.anio.get()
                    ),
                ))
            }
            Err(e) => Err(bd(e)),
        }
    }

    /// Everything the informativa page shows, with its open findings.
    pub async fn detalle(&self, rfc: &str, id: i64) -> Result<InformativaDetalle, AppError> {
        let m = self.buscar(&self.db, rfc, id).await?;
        let contratos = contratos::resumenes(&self.db, id, 0, None).await?;
        let cuenta = self.cuenta.obtener(rfc).await?;
        let historial = self.cuenta.historial_repse(rfc).await?;
        // The form offers every service ever registered; V04 checks each contract against the
        // registration in force on its start date.
        let servicios = historial.todos_los_servicios();
        let revision: Vec<RevisionContrato> = contratos
            .iter()
            .map(|c| RevisionContrato {
                id: c.id,
                etiqueta: format!("{} ({})", c.nombre_contratante, c.rfc_contratante),
                rfc_contratante: c.rfc_contratante.clone(),
                servicio: c.servicio.clone(),
                fecha_inicio: c.fecha_inicio,
                fecha_termino: c.fecha_termino,
                trabajadores: u64::try_from(c.num_trabajadores).unwrap_or(0),
            })
            .collect();
        let mut hallazgos = if estado(&m).editable() || estado(&m) == EstadoInformativa::EnFirma {
            revisar(&RevisionInformativa {
                rfc,
                tipo: tipo(&m),
                periodo: periodo(&m)?,
                contratos_declarados: u64::try_from(m.num_contratos).unwrap_or(0),
                contratos: &revision,
                repse: &historial,
                pendientes: &cuenta.pendientes,
            })
        } else {
            Vec::new()
        };
        let presentacion = self
            .presentacion_de(&self.db, rfc, id)
            .await?
            .map(|p| self.respuesta(&p, true));
        let afectada_por = match (&presentacion, estado(&m)) {
            (Some(p), EstadoInformativa::Sustituida | EstadoInformativa::SinEfectos) => {
                crate::persistence::entities::presentacion::Entity::find()
                    .filter(
                        crate::persistence::entities::presentacion::Column::FolioReferencia
                            .eq(&p.folio),
                    )
                    .order_by_desc(crate::persistence::entities::presentacion::Column::Presentada)
                    .one(&self.db)
                    .await
                    .map_err(bd)?
                    .map(|c| app::api::informativas::Afectacion {
                        id: c.informativa_id,
                        folio: c.folio,
                    })
            }
            _ => None,
        };
        let hallazgos_total = hallazgos.len() as u64;
        hallazgos.truncate(HALLAZGOS_MAXIMOS);
        let contratos_siguiente = contratos
            .get(CONTRATOS_POR_PAGINA.saturating_sub(1))
            .filter(|_| contratos.len() > CONTRATOS_POR_PAGINA)
            .map(|c| c.id);
        Ok(InformativaDetalle {
            presentacion,
            afectada_por,
            informativa: self.fila_de(&m).await?,
            contratos: contratos
                .iter()
                .take(CONTRATOS_POR_PAGINA)
                .map(contratos::Resumen::fila)
                .collect(),
            contratos_siguiente,
            hallazgos,
            hallazgos_total,
            servicios,
            rfc: rfc.to_string(),
        })
    }

    /// Deletes a draft with its contracts and workers.
    pub async fn borrar(&self, actor: &Actor, id: i64) -> Result<(), AppError> {
        let txn = crate::persistence::escribir(&self.db).await.map_err(bd)?;
        self.bloquear_en_captura(&txn, &actor.rfc, id).await?;
        carga::partes::exigir_sin_cargas(&txn, id).await?;
        let ids: Vec<i64> = contrato::Entity::find()
            .filter(contrato::Column::InformativaId.eq(id))
            .all(&txn)
            .await
            .map_err(bd)?
            .iter()
            .map(|c| c.id)
            .collect();
        trabajadores::borrar_de_contratos(&txn, ids).await?;
        contrato::Entity::delete_many()
            .filter(contrato::Column::InformativaId.eq(id))
            .exec(&txn)
            .await
            .map_err(bd)?;
        carga_e::Entity::delete_many()
            .filter(carga_e::Column::InformativaId.eq(id))
            .exec(&txn)
            .await
            .map_err(bd)?;
        informativa::Entity::delete_by_id(id)
            .exec(&txn)
            .await
            .map_err(bd)?;
        txn.commit().await.map_err(bd)
    }

    /// "Enviar a firma": only from capture and only without open findings (V02–V07 and datos
    /// generales), so the contratista signs something IMSS will not flag.
    pub async fn enviar_firma(&self, actor: &Actor, id: i64) -> Result<InformativaFila, AppError> {
        let d = self.detalle(&actor.rfc, id).await?;
        if !d.informativa.estado.editable() {
            let m = self.buscar(&self.db, &actor.rfc, id).await?;
            return Err(no_editable(&m));
        }
        if !d.hallazgos.is_empty() {
            let n = d.hallazgos.len();
            return Err(AppError::new(
                ErrorCode::HallazgosOpen,
                format!(
                    "No se puede enviar a firma: {} pendiente{} de corregir. {}",
                    n,
                    if n == 1 { " queda" } else { "s quedan" },
                    d.hallazgos
                        .iter()
                        .map(|h| format!("[{}] {}", h.regla, h.mensaje))
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
            ));
        }
        self.cambiar_estado(
            actor,
            id,
            EstadoInformativa::Captura,
            EstadoInformativa::EnFirma,
        )
        .await
    }

    /// "Regresar a captura" (the contratista only; the route checks the role).
    pub async fn regresar(&self, actor: &Actor, id: i64) -> Result<InformativaFila, AppError> {
        self.cambiar_estado(
            actor,
            id,
            EstadoInformativa::EnFirma,
            EstadoInformativa::Captura,
        )
        .await
    }

    async fn cambiar_estado(
        &self,
        actor: &Actor,
        id: i64,
        de: EstadoInformativa,
        a: EstadoInformativa,
    ) -> Result<InformativaFila, AppError> {
        let ahora = self.clock.now();
        let enviada = a == EstadoInformativa::EnFirma;
        let txn = crate::persistence::escribir(&self.db).await.map_err(bd)?;
        if de == EstadoInformativa::Captura {
            // Under the informativa's lock, so no large upload is half-written when it leaves
            // capture (`carga::partes`).
            self.bloquear_en_captura(&txn, &actor.rfc, id).await?;
            carga::partes::exigir_sin_cargas(&txn, id).await?;
        }
        let r = informativa::Entity::update_many()
            .col_expr(informativa::Column::Estado, Expr::value(a.as_str()))
            .col_expr(informativa::Column::Actualizada, Expr::value(ahora))
            .col_expr(
                informativa::Column::EnviadaFirma,
                Expr::value(enviada.then_some(ahora)),
            )
            .col_expr(
                informativa::Column::EnviadaPor,
                Expr::value(enviada.then(|| actor.por.clone())),
            )
            .filter(informativa::Column::Id.eq(id))
            .filter(informativa::Column::Rfc.eq(&actor.rfc))
            .filter(informativa::Column::Estado.eq(de.as_str()))
            .exec(&txn)
            .await
            .map_err(bd)?;
        let mut avisos = Vec::new();
        if r.rows_affected == 1 && enviada {
            let m = self.buscar(&txn, &actor.rfc, id).await?;
            avisos = self.aviso_en_firma(&txn, actor, &m).await?;
            crate::avisos::encolar(&txn, avisos.clone(), ahora)
                .await
                .map_err(bd)?;
        }
        txn.commit().await.map_err(bd)?;
        if !avisos.is_empty() {
            self.timbre.notify_one();
        }
        let m = self.buscar(&self.db, &actor.rfc, id).await?;
        if r.rows_affected == 0 && estado(&m) != a {
            return Err(match estado(&m) {
                EstadoInformativa::Captura => AppError::new(
                    ErrorCode::InformativaState,
                    "La informativa está en captura: envíala a firma primero.",
                ),
                _ => no_editable(&m),
            });
        }
        self.fila_de(&m).await
    }
}
