//! Large uploads written in parts (issue 15). A batch of more than [`FILAS_POR_TRANSACCION`]
//! workers is not written in one transaction: on SQLite that held the database's single writer
//! for about 3 s per million rows and every other tenant's writes waited. Instead:
//!
//! 1. one short transaction checks the informativa is in capture and records the `carga` with
//!    `en_curso = true` (its idempotency key is taken from then on);
//! 2. the rows go in, sorted by NSS, [`FILAS_POR_TRANSACCION`] per transaction: other writers
//!    get the lock between parts;
//! 3. a last transaction adds them to the contract's count and clears `en_curso`.
//!
//! All or nothing still holds for the user: while `en_curso` the informativa cannot be sent to
//! signature or deleted, nor its contract, and a retry with the same key is told to wait
//! ([`en_curso`]); if a part fails, everything the upload wrote is removed ([`deshacer`]); if the
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

/// Workers per transaction of a large upload (about 0.3 s of SQLite's writer each).
pub const FILAS_POR_TRANSACCION: usize = 100_000;

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
            for parte in lote.en_partes(FILAS_POR_TRANSACCION) {
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
