//! The worker that delivers the outbox, in every server process.
//!
//! A round claims up to [`LOTE`] due rows in one short write transaction — `SELECT … FOR UPDATE
//! SKIP LOCKED` on PostgreSQL, so two replicas never claim the same row; SQLite's `BEGIN
//! IMMEDIATE` makes the claim one writer's — marking them `enviando` with a lease of
//! [`ARRENDAMIENTO`] and this process's name, then sends each **outside** any transaction (a slow
//! mail server never holds the database) and records the outcome only if it still holds the lease.
//!
//! - Retries back off exponentially (1, 2, 4 … minutes, at most 6 h); after [`INTENTOS`] attempts,
//!   or at once for an unusable address, the row is `fallido` (still in the inbox).
//! - A process killed mid-send (`kill -9`) leaves its rows `enviando`; when the lease expires any
//!   worker claims them again. The mail server discards a message whose DATA never finished, so
//!   the retry is the only copy. Between the server's "250 accepted" and our commit (a few
//!   milliseconds) a crash means a second copy; it carries the same `Message-ID`.
//! - An idle queue costs one indexed read per [`ESPERA`]: nothing is written when there is nothing
//!   to send. A process that just wrote a notice wakes its worker at once ([`Repartidor::despertar`]).

use super::cola::{estado, TIPOS_CON_SECRETO};
use crate::infra::correo::{es_permanente, Adjunto, Cartero, Mensaje};
use crate::persistence::entities::aviso;
use app::api::ports::Clock;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Condition, Expr, LockBehavior, LockType};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::sync::Arc;
use tokio::sync::Notify;

/// Rows claimed per round.
pub const LOTE: u64 = 20;
/// How long a claim lasts: well above the SMTP timeout (20 s) times a round's messages.
pub const ARRENDAMIENTO: Duration = Duration::minutes(10);
/// Attempts before giving up (about a day of retries with the backoff below).
pub const INTENTOS: i32 = 10;
/// The idle poll.
pub const ESPERA: std::time::Duration = std::time::Duration::from_secs(5);

/// Makes the acuse PDF attached to "presentada" notices.
#[async_trait::async_trait]
pub trait FuenteAcuses: Send + Sync {
    /// File name and PDF of informativa `id` of `rfc`.
    async fn acuse(&self, rfc: &str, id: i64) -> anyhow::Result<(String, Vec<u8>)>;
}

#[async_trait::async_trait]
impl FuenteAcuses for crate::informativas::Informativas {
    async fn acuse(&self, rfc: &str, id: i64) -> anyhow::Result<(String, Vec<u8>)> {
        crate::informativas::Informativas::acuse(self, rfc, id)
            .await
            .map_err(|e| anyhow::anyhow!("{}: {}", e.codigo.as_str(), e.mensaje))
    }
}

/// What a round did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Vuelta {
    /// Accepted by the mail server.
    pub enviados: usize,
    /// Failed this time (to be retried or given up).
    pub fallidos: usize,
}

/// The worker.
pub struct Repartidor {
    db: DatabaseConnection,
    cartero: Arc<dyn Cartero>,
    clock: Arc<dyn Clock>,
    acuses: Arc<dyn FuenteAcuses>,
    proceso: String,
    dominio: String,
    timbre: Arc<Notify>,
}

/// The wait before attempt `intentos + 1`.
pub fn espera_tras(intentos: i32) -> Duration {
    let minutos = 1i64 << intentos.clamp(0, 9);
    Duration::minutes(minutos.min(360))
}

impl Repartidor {
    /// A worker named `proceso` (host and pid: which replica holds a lease). `dominio` goes in
    /// the `Message-ID`; `timbre` is rung by the services of this process after they commit a
    /// notice.
    pub fn new(
        db: DatabaseConnection,
        cartero: Arc<dyn Cartero>,
        clock: Arc<dyn Clock>,
        acuses: Arc<dyn FuenteAcuses>,
        proceso: String,
        dominio: String,
        timbre: Arc<Notify>,
    ) -> Self {
        Repartidor {
            db,
            cartero,
            clock,
            acuses,
            proceso,
            dominio,
            timbre,
        }
    }

    /// Wakes the loop (a notice was just committed by this process).
    pub fn despertar(&self) {
        self.timbre.notify_one();
    }

    /// Runs rounds until `apagado` completes: immediately while there is work, then every
    /// [`ESPERA`] or when woken.
    pub async fn correr(self: Arc<Self>, apagado: impl std::future::Future<Output = ()>) {
        tokio::pin!(apagado);
        loop {
            let hubo = match self.vuelta().await {
                Ok(v) => v.enviados + v.fallidos > 0,
                Err(e) => {
                    tracing::error!(error.cause_chain = ?e, "la cola de avisos falló");
                    false
                }
            };
            if hubo {
                continue;
            }
            tokio::select! {
                () = &mut apagado => return,
                () = self.timbre.notified() => {}
                () = tokio::time::sleep(ESPERA) => {}
            }
        }
    }

    /// Delivers until nothing is due (tests and the CLI).
    pub async fn vaciar(&self) -> anyhow::Result<Vuelta> {
        let mut total = Vuelta::default();
        loop {
            let v = self.vuelta().await?;
            if v.enviados + v.fallidos == 0 {
                return Ok(total);
            }
            total.enviados += v.enviados;
            total.fallidos += v.fallidos;
        }
    }

    fn pendientes(ahora: DateTime<Utc>) -> Condition {
        Condition::any()
            .add(
                Condition::all()
                    .add(aviso::Column::Estado.eq(estado::PENDIENTE))
                    .add(aviso::Column::SiguienteIntento.lte(ahora)),
            )
            .add(
                Condition::all()
                    .add(aviso::Column::Estado.eq(estado::ENVIANDO))
                    .add(aviso::Column::ReclamadoHasta.lt(ahora)),
            )
    }

    /// One round: claim, send, record.
    pub async fn vuelta(&self) -> anyhow::Result<Vuelta> {
        let ahora = self.clock.now();
        // The cheap read first: an idle queue writes nothing.
        let hay = aviso::Entity::find()
            .select_only()
            .column(aviso::Column::Id)
            .filter(Self::pendientes(ahora))
            .limit(1)
            .into_tuple::<i64>()
            .one(&self.db)
            .await?;
        if hay.is_none() {
            return Ok(Vuelta::default());
        }
        let reclamados = self.reclamar(ahora).await?;
        let mut v = Vuelta::default();
        for a in reclamados {
            if !super::recordatorios::sigue_pendiente(&self.db, &a).await? {
                // Presented while the reminder waited: it stays in the inbox, unmailed.
                aviso::Entity::update_many()
                    .col_expr(aviso::Column::Estado, Expr::value(estado::OMITIDO))
                    .filter(Self::mio(&a, &self.proceso))
                    .exec(&self.db)
                    .await?;
                v.enviados += 1;
                continue;
            }
            match self.entregar(&a).await {
                Ok(()) => {
                    self.registrar_envio(&a).await?;
                    v.enviados += 1;
                }
                Err(e) => {
                    self.registrar_fallo(&a, &e).await?;
                    v.fallidos += 1;
                }
            }
        }
        Ok(v)
    }

    async fn reclamar(&self, ahora: DateTime<Utc>) -> anyhow::Result<Vec<aviso::Model>> {
        let txn = crate::persistence::escribir(&self.db).await?;
        let ids: Vec<i64> = aviso::Entity::find()
            .select_only()
            .column(aviso::Column::Id)
            .filter(Self::pendientes(ahora))
            .order_by_asc(aviso::Column::Id)
            .limit(LOTE)
            .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
            .into_tuple()
            .all(&txn)
            .await?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        aviso::Entity::update_many()
            .col_expr(aviso::Column::Estado, Expr::value(estado::ENVIANDO))
            .col_expr(
                aviso::Column::ReclamadoHasta,
                Expr::value(ahora + ARRENDAMIENTO),
            )
            .col_expr(
                aviso::Column::ReclamadoPor,
                Expr::value(self.proceso.clone()),
            )
            .col_expr(
                aviso::Column::Intentos,
                sea_orm::sea_query::ExprTrait::add(Expr::col(aviso::Column::Intentos), 1),
            )
            .filter(aviso::Column::Id.is_in(ids.clone()))
            .exec(&txn)
            .await?;
        let filas = aviso::Entity::find()
            .filter(aviso::Column::Id.is_in(ids))
            .order_by_asc(aviso::Column::Id)
            .all(&txn)
            .await?;
        txn.commit().await?;
        Ok(filas)
    }

    async fn entregar(&self, a: &aviso::Model) -> anyhow::Result<()> {
        let Some(correo) = a.para_correo.clone() else {
            anyhow::bail!("dirección inválida: sin correo");
        };
        let mut adjuntos = Vec::new();
        if let (true, Some(id)) = (a.adjuntar_acuse, a.informativa_id) {
            let (nombre, bytes) = self.acuses.acuse(&a.rfc, id).await?;
            adjuntos.push(Adjunto {
                nombre,
                tipo: "application/pdf".into(),
                bytes,
            });
        }
        let mut texto = a.texto.clone();
        if let Some(enlace) = &a.enlace {
            if !texto.contains(enlace.as_str()) {
                texto.push_str(&format!("\n{enlace}\n"));
            }
        }
        let m = Mensaje {
            para_nombre: a.para_nombre.clone(),
            para_correo: correo,
            asunto: a.asunto.clone(),
            texto,
            adjuntos,
            id_mensaje: Some(format!("<aviso-{}@{}>", a.id, self.dominio)),
        };
        self.cartero.enviar(&m).await
    }

    fn mio(a: &aviso::Model, proceso: &str) -> Condition {
        Condition::all()
            .add(aviso::Column::Id.eq(a.id))
            .add(aviso::Column::Estado.eq(estado::ENVIANDO))
            .add(aviso::Column::ReclamadoPor.eq(proceso))
    }

    async fn registrar_envio(&self, a: &aviso::Model) -> anyhow::Result<()> {
        let mut u = aviso::Entity::update_many()
            .col_expr(aviso::Column::Estado, Expr::value(estado::ENVIADO))
            .col_expr(aviso::Column::Enviado, Expr::value(self.clock.now()))
            .col_expr(
                aviso::Column::ReclamadoHasta,
                Expr::value(None::<DateTime<Utc>>),
            )
            .col_expr(aviso::Column::UltimoError, Expr::value(None::<String>));
        if TIPOS_CON_SECRETO.contains(&a.tipo.as_str()) {
            // The one-time link has done its job: the stored copy keeps no usable token.
            u = u.col_expr(aviso::Column::Texto, Expr::value(sin_token(&a.texto)));
        }
        u.filter(Self::mio(a, &self.proceso)).exec(&self.db).await?;
        tracing::info!(aviso = a.id, tipo = %a.tipo, "aviso enviado");
        Ok(())
    }

    async fn registrar_fallo(&self, a: &aviso::Model, e: &anyhow::Error) -> anyhow::Result<()> {
        let ahora = self.clock.now();
        let final_ = es_permanente(e) || a.intentos >= INTENTOS;
        tracing::warn!(aviso = a.id, intentos = a.intentos, definitivo = final_, error.cause_chain = ?e, "no se pudo enviar el aviso");
        aviso::Entity::update_many()
            .col_expr(
                aviso::Column::Estado,
                Expr::value(if final_ {
                    estado::FALLIDO
                } else {
                    estado::PENDIENTE
                }),
            )
            .col_expr(
                aviso::Column::SiguienteIntento,
                Expr::value(ahora + espera_tras(a.intentos - 1)),
            )
            .col_expr(
                aviso::Column::ReclamadoHasta,
                Expr::value(None::<DateTime<Utc>>),
            )
            .col_expr(
                aviso::Column::UltimoError,
                Expr::value(Some(format!("{e:#}").chars().take(500).collect::<String>())),
            )
            .filter(Self::mio(a, &self.proceso))
            .exec(&self.db)
            .await?;
        Ok(())
    }
}

/// `texto` with every `token=…` value blanked.
pub fn sin_token(texto: &str) -> String {
    let mut salida = String::with_capacity(texto.len());
    let mut resto = texto;
    while let Some(i) = resto.find("token=") {
        salida.push_str(&resto[..i + 6]);
        resto = &resto[i + 6..];
        let fin = resto
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(resto.len());
        salida.push('…');
        resto = &resto[fin..];
    }
    salida.push_str(resto);
    salida
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backoff_doubles_and_stops_at_six_hours() {
        assert_eq!(espera_tras(0), Duration::minutes(1));
        assert_eq!(espera_tras(1), Duration::minutes(2));
        assert_eq!(espera_tras(5), Duration::minutes(32));
        assert_eq!(espera_tras(9), Duration::minutes(360));
        assert_eq!(espera_tras(40), Duration::minutes(360));
    }

    #[test]
    fn a_delivered_invitation_keeps_no_usable_token() {
        assert_eq!(
            sin_token("Abre https://x/contrasena?token=ab12cd34 (48 h).\nOtra: token=ff"),
            "Abre https://x/contrasena?token=… (48 h).\nOtra: token=…"
        );
        assert_eq!(sin_token("sin enlace"), "sin enlace");
    }
}
