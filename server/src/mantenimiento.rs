//! Housekeeping: a periodic task that deletes what has served its purpose, so tables and the file
//! store do not grow with every anonymous request (issue 15: one client added ~160 challenge rows
//! a second, and rejected-row files were kept forever).
//!
//! | What | Deleted when |
//! |---|---|
//! | login challenges (`reto`) | expired or used, one hour after issue |
//! | contratista and capturista sessions | idle longer than the session timeout |
//! | invitation and reset links (`token_capturista`) | expired or used, a day after |
//! | failed-attempt counters (`intento_fallido`) | their window and any lock are over |
//! | rejected-row files of bulk uploads | older than `retencion_rechazados_dias` (default 30) |
//! | rate-limit counters (`limite`) | their minute is over |
//! | a large upload left half-written by a server that stopped (`carga.en_curso`) | 30 minutes after it began: its workers and its record, so its key is free again |
//!
//! The upload records themselves (`carga`: key, counts, who) are kept: they are the audit of
//! what was uploaded, one small row per upload. Every run uses the injected clock.

use crate::infra::almacen::Almacen;
use crate::persistence::entities::{
    carga, intento_fallido, reto, sesion, sesion_capturista, token_capturista,
};
use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect,
};
use std::sync::Arc;

/// What a run removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Purga {
    /// Challenges.
    pub retos: u64,
    /// Sessions (both kinds).
    pub sesiones: u64,
    /// Invitation and reset links.
    pub tokens: u64,
    /// Failed-attempt counters.
    pub intentos: u64,
    /// Rejected-row files.
    pub rechazados: u64,
    /// Rate-limit counters of past minutes.
    pub limites: u64,
    /// Large uploads left half-written, undone.
    pub cargas_abandonadas: u64,
}

/// Rejected-row files handled per run (the next run continues).
const ARCHIVOS_POR_CORRIDA: u64 = 1_000;

/// The settings of the task.
#[derive(Clone)]
pub struct Mantenimiento {
    /// The database.
    pub db: DatabaseConnection,
    /// The file store.
    pub almacen: Arc<dyn Almacen>,
    /// Idle time after which a session is gone.
    pub inactividad: Duration,
    /// How long rejected-row files are kept.
    pub retencion_rechazados: Duration,
}

impl Mantenimiento {
    /// One run at `ahora`.
    pub async fn purgar(&self, ahora: DateTime<Utc>) -> anyhow::Result<Purga> {
        let db = &self.db;
        let retos = reto::Entity::delete_many()
            .filter(reto::Column::Expira.lt(ahora - Duration::hours(1)))
            .exec(db)
            .await
            .context("purga de retos")?
            .rows_affected;
        let limite = ahora - self.inactividad;
        let sesiones = sesion::Entity::delete_many()
            .filter(sesion::Column::UltimoUso.lt(limite))
            .exec(db)
            .await
            .context("purga de sesiones")?
            .rows_affected
            + sesion_capturista::Entity::delete_many()
                .filter(sesion_capturista::Column::UltimoUso.lt(limite))
                .exec(db)
                .await
                .context("purga de sesiones de capturista")?
                .rows_affected;
        let un_dia = ahora - Duration::days(1);
        let tokens = token_capturista::Entity::delete_many()
            .filter(
                Condition::any()
                    .add(token_capturista::Column::Expira.lt(un_dia))
                    .add(
                        Condition::all()
                            .add(token_capturista::Column::Usado.eq(true))
                            .add(token_capturista::Column::Creado.lt(un_dia)),
                    ),
            )
            .exec(db)
            .await
            .context("purga de enlaces")?
            .rows_affected;
        let ventana = ahora - Duration::minutes(crate::capturistas::MINUTOS_BLOQUEO);
        let intentos = intento_fallido::Entity::delete_many()
            .filter(intento_fallido::Column::VentanaInicio.lt(ventana))
            .filter(
                Condition::any()
                    .add(intento_fallido::Column::BloqueadoHasta.is_null())
                    .add(intento_fallido::Column::BloqueadoHasta.lt(ahora)),
            )
            .exec(db)
            .await
            .context("purga de intentos fallidos")?
            .rows_affected;
        let rechazados = self.purgar_rechazados(ahora).await?;
        let cargas_abandonadas = crate::informativas::carga::partes::purgar_abandonadas(
            db,
            ahora - crate::informativas::carga::partes::ABANDONO,
        )
        .await
        .map_err(|e| anyhow::anyhow!("purga de cargas abandonadas: {}", e.mensaje))?;
        let backend = db.get_database_backend();
        let limites = db
            .execute_raw(sea_orm::Statement::from_sql_and_values(
                backend,
                match backend {
                    sea_orm::DatabaseBackend::Postgres => "DELETE FROM limite WHERE minuto < $1",
                    _ => "DELETE FROM limite WHERE minuto < ?",
                },
                [(ahora.timestamp() / 60 - 1).into()],
            ))
            .await
            .context("purga de contadores de límites")?
            .rows_affected();
        Ok(Purga {
            cargas_abandonadas,
            limites,
            retos,
            sesiones,
            tokens,
            intentos,
            rechazados,
        })
    }

    async fn purgar_rechazados(&self, ahora: DateTime<Utc>) -> anyhow::Result<u64> {
        let viejas = carga::Entity::find()
            .filter(carga::Column::RechazadosClave.is_not_null())
            .filter(carga::Column::Creada.lt(ahora - self.retencion_rechazados))
            .limit(ARCHIVOS_POR_CORRIDA)
            .all(&self.db)
            .await
            .context("consulta de rechazados viejos")?;
        let mut n = 0;
        for c in viejas {
            if let Some(k) = &c.rechazados_clave {
                self.almacen.borrar(k).await?;
            }
            carga::Entity::update_many()
                .col_expr(carga::Column::RechazadosClave, Expr::value(None::<String>))
                .filter(carga::Column::Id.eq(c.id))
                .exec(&self.db)
                .await
                .context("no se pudo marcar el archivo de rechazados como purgado")?;
            n += 1;
        }
        Ok(n)
    }

    /// Runs every `cada` until the process ends, reading the time from `reloj`. A failed run is
    /// logged and retried at the next tick.
    pub fn iniciar(self, reloj: Arc<dyn app::api::ports::Clock>, cada: std::time::Duration) {
        tokio::spawn(async move {
            let mut intervalo = tokio::time::interval(cada);
            intervalo.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                intervalo.tick().await;
                match self.purgar(reloj.now()).await {
                    Ok(p) => tracing::info!(?p, "mantenimiento: purga terminada"),
                    Err(e) => {
                        tracing::warn!(error.cause_chain = ?e, "mantenimiento: la purga falló")
                    }
                }
            }
        });
    }
}
