//! Large uploads written in parts (issue 15). A batch of more than [`filas_por_parte`] workers
//! is not written in one transaction: on SQLite that held the database's single writer
//! for about 3 s per million rows and every other tenant's writes waited (p99 2.9 s). Instead:
//!
//! 1. one short transaction checks the informativa is in capture and records the `carga` with
//!    `en_curso = true` (its idempotency key is taken from then on);
//! 2. the rows go in, sorted by NSS, [`filas_por_parte`] per transaction, with a pause between
//!    parts on SQLite: other writers get the lock between them;
//! 3. a last transaction adds them to the contract's count and clears `en_curso`.
//!
//! All or nothing still holds for the user: while `en_curso` the informativa cannot be sent to
//! signature or deleted, nor its contract, and a retry with the same key is told to wait
//! ([`exigir_sin_cargas`], [`en_curso_error`]); if a part fails, everything the upload wrote is removed ([`deshacer`]); if the
//! server dies half-way, housekeeping removes it after [`ABANDONO`]. Meanwhile the contract's
//! page may list some of the new workers before its count includes them.

use crate::error::bd;
use crate::persistence::entities::{carga, trabajador, trabajador_curp};
use app::api::AppError;
use app::domain::error::ErrorCode;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QuerySelect, QueryTrait,
};

/// Workers per transaction of a large upload on SQLite (about 30 ms of its writer each on the CI
/// kind of machine).
pub const FILAS_POR_TRANSACCION: usize = 10_000;

/// On PostgreSQL, which locks rows and not the database, parts only bound a transaction's size:
/// 10,000 made a million-row upload take 16 s instead of 8.
pub const FILAS_POR_TRANSACCION_POSTGRES: usize = 100_000;

/// Workers per transaction on `backend`; a larger upload is written in parts.
pub fn filas_por_parte(backend: sea_orm::DatabaseBackend) -> usize {
    match backend {
        sea_orm::DatabaseBackend::Postgres => FILAS_POR_TRANSACCION_POSTGRES,
        _ => FILAS_POR_TRANSACCION,
    }
}

/// SQLite: the pause between two parts. Writers waiting for the lock sleep and retry (every
/// 100 ms once they have waited a while); an upload that began its next part at once took the
/// lock again before any of them woke, and they waited for the whole upload anyway (p99 3.4 s
/// during a million-row upload). With the lock free about 85 % of the time, a waiter finds it
/// free on its first or second try. PostgreSQL locks rows, not the database: no pause there.
const PAUSA_ENTRE_PARTES: std::time::Duration = std::time::Duration::from_millis(150);

/// An upload still `en_curso` this long after it began was left by a server that stopped.
pub const ABANDONO: chrono::TimeDelta = chrono::TimeDelta::minutes(30);

/// The answer while a large upload to the informativa is being written.
pub fn en_curso_error() -> AppError {
    AppError::new(
        ErrorCode::CargaEnCurso,
        "Se está guardando una carga grande de trabajadores en esta informativa. Espera a que termine (unos segundos) y vuelve a intentarlo.",
    )
}

/// Refuses with [`en_curso_error`] while an upload to informativa `id` is being written.
pub async fn exigir_sin_cargas(db: &impl ConnectionTrait, id: i64) -> Result<(), AppError> {
    let n = carga::Entity::find()
        .filter(carga::Column::InformativaId.eq(id))
        .filter(carga::Column::EnCurso.eq(true))
        .count(db)
        .await
        .map_err(bd)?;
    if n > 0 {
        Err(en_curso_error())
    } else {
        Ok(())
    }
}

impl super::Informativas {
    /// Steps 2 and 3 of the module header for upload `carga_id` (already recorded `en_curso`):
    /// each part checks again, under the informativa's lock, that it is still in capture. On
    /// any failure everything the upload wrote is undone.
    pub(super) async fn escribir_en_partes(
        &self,
        rfc: &str,
        id: i64,
        cid: i64,
        carga_id: i64,
        lote: super::lote::Lote,
        ahora: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let agregados = i64::try_from(lote.len()).unwrap_or(i64::MAX);
        let resultado = async {
            let backend = self.db.get_database_backend();
            let sqlite = backend == sea_orm::DatabaseBackend::Sqlite;
            for (k, parte) in lote
                .en_partes(filas_por_parte(backend))
                .into_iter()
                .enumerate()
            {
                if sqlite && k > 0 {
                    tokio::time::sleep(PAUSA_ENTRE_PARTES).await;
                }
                let txn = crate::persistence::escribir(&self.db).await.map_err(bd)?;
                self.bloquear_en_captura(&txn, rfc, id).await?;
                parte.escribir(&txn, cid, carga_id).await?;
                txn.commit().await.map_err(bd)?;
            }
            let txn = crate::persistence::escribir(&self.db).await.map_err(bd)?;
            self.bloquear_en_captura(&txn, rfc, id).await?;
            crate::informativas::trabajadores::sumar(&txn, id, cid, agregados, ahora).await?;
            terminar(&txn, carga_id).await?;
            txn.commit().await.map_err(bd)
        }
        .await;
        if resultado.is_err() {
            if let Err(e) = deshacer(&self.db, carga_id, cid).await {
                tracing::error!(carga = carga_id, error = ?e, "no se pudo deshacer una carga a medias; el mantenimiento lo reintentará");
            }
        }
        resultado
    }
}

/// Marks upload `carga_id` finished.
pub async fn terminar(db: &impl ConnectionTrait, carga_id: i64) -> Result<(), AppError> {
    carga::Entity::update_many()
        .col_expr(carga::Column::EnCurso, Expr::value(false))
        .filter(carga::Column::Id.eq(carga_id))
        .exec(db)
        .await
        .map_err(bd)?;
    Ok(())
}

/// Removes everything upload `carga_id` wrote to contract `contrato_id`, and the upload itself
/// (its key becomes free again), in one transaction.
pub async fn deshacer(
    db: &DatabaseConnection,
    carga_id: i64,
    contrato_id: i64,
) -> Result<(), AppError> {
    let txn = crate::persistence::escribir(db).await.map_err(bd)?;
    let suyos = trabajador::Entity::find()
        .select_only()
        .column(trabajador::Column::Nss)
        .filter(trabajador::Column::ContratoId.eq(contrato_id))
        .filter(trabajador::Column::CargaId.eq(carga_id))
        .into_query();
    trabajador_curp::Entity::delete_many()
        .filter(trabajador_curp::Column::ContratoId.eq(contrato_id))
        .filter(trabajador_curp::Column::Nss.in_subquery(suyos))
        .exec(&txn)
        .await
        .map_err(bd)?;
    trabajador::Entity::delete_many()
        .filter(trabajador::Column::ContratoId.eq(contrato_id))
        .filter(trabajador::Column::CargaId.eq(carga_id))
        .exec(&txn)
        .await
        .map_err(bd)?;
    carga::Entity::delete_by_id(carga_id)
        .exec(&txn)
        .await
        .map_err(bd)?;
    txn.commit().await.map_err(bd)
}

/// Housekeeping: undoes the uploads still `en_curso` that began before `antes_de`; how many.
pub async fn purgar_abandonadas(
    db: &DatabaseConnection,
    antes_de: DateTime<Utc>,
) -> Result<u64, AppError> {
    let viejas = carga::Entity::find()
        .filter(carga::Column::EnCurso.eq(true))
        .filter(carga::Column::Creada.lt(antes_de))
        .all(db)
        .await
        .map_err(bd)?;
    let mut n = 0;
    for c in viejas {
        if let Some(cid) = c.contrato_id {
            deshacer(db, c.id, cid).await?;
            n += 1;
        }
    }
    Ok(n)
}
