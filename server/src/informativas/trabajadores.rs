//! Workers of a contract one at a time: add (the same NSS, CURP and SBC checks as the CSV engine,
//! V08 against the contract), list by pages in NSS order with search by NSS or CURP prefix (keyset
//! paging over the primary key and the CURP index, fast with a million rows), delete.

use super::{es_duplicado, periodo, Actor, Informativas};
use crate::auth::servicio::bd;
use crate::persistence::entities::{contrato, informativa, trabajador};
use app::api::informativas::{AltaTrabajador, PaginaTrabajadores, TrabajadorFila, POR_PAGINA};
use app::api::AppError;
use app::domain::dinero::{LimitesSbc, Sbc};
use app::domain::error::{DomainError, ErrorCampo, ErrorCode};
use app::domain::ids::{Curp, Nss};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, TransactionTrait,
};

fn fila(t: &trabajador::Model) -> TrabajadorFila {
    TrabajadorFila {
        nss: t.nss.clone(),
        curp: t.curp.clone(),
        sbc: format!("{}.{:02}", t.sbc / 100, t.sbc % 100),
    }
}

/// Adds `n` (negative to subtract) to the worker counts of the contract and its informativa, in
/// the caller's transaction: the counts pages show without counting rows.
pub(super) async fn sumar(
    txn: &impl ConnectionTrait,
    id: i64,
    cid: i64,
    n: i64,
    ahora: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    contrato::Entity::update_many()
        .col_expr(
            contrato::Column::NumTrabajadores,
            Expr::col(contrato::Column::NumTrabajadores).add(n),
        )
        .col_expr(contrato::Column::Actualizado, Expr::value(ahora))
        .filter(contrato::Column::Id.eq(cid))
        .exec(txn)
        .await
        .map_err(bd)?;
    informativa::Entity::update_many()
        .col_expr(
            informativa::Column::NumTrabajadores,
            Expr::col(informativa::Column::NumTrabajadores).add(n),
        )
        .filter(informativa::Column::Id.eq(id))
        .exec(txn)
        .await
        .map_err(bd)?;
    Ok(())
}

/// Up to `limite` workers of contract `cid` after NSS `despues`, in NSS order: NSS, CURP and SBC
/// in centavos. Keyset paging for whatever reads a whole contract (duplicate sets, the detail
/// hash, the CSV of a presented informativa).
pub(super) async fn pagina_ordenada(
    c: &impl ConnectionTrait,
    cid: i64,
    despues: &str,
    limite: u64,
) -> Result<Vec<(String, String, i64)>, AppError> {
    trabajador::Entity::find()
        .select_only()
        .column(trabajador::Column::Nss)
        .column(trabajador::Column::Curp)
        .column(trabajador::Column::Sbc)
        .filter(trabajador::Column::ContratoId.eq(cid))
        .filter(trabajador::Column::Nss.gt(despues))
        .order_by_asc(trabajador::Column::Nss)
        .limit(limite)
        .into_tuple()
        .all(c)
        .await
        .map_err(bd)
}

fn repetido(campo: &str, valor: &str) -> AppError {
    let (codigo, que) = if campo == "nss" {
        (ErrorCode::DuplicateNss, "El NSS")
    } else {
        (ErrorCode::DuplicateCurp, "La CURP")
    };
    AppError::formulario(vec![ErrorCampo::nuevo(
        campo,
        codigo,
        format!("{que} {valor} ya está registrado en este contrato (regla V08: un trabajador no puede estar dos veces en el mismo contrato)."),
    )])
}

impl Informativas {
    /// A page of the contract's workers.
    pub async fn trabajadores(
        &self,
        rfc: &str,
        id: i64,
        cid: i64,
        despues: Option<&str>,
        buscar: Option<&str>,
    ) -> Result<PaginaTrabajadores, AppError> {
        self.buscar(&self.db, rfc, id).await?;
        let c = self.buscar_contrato(&self.db, id, cid).await?;
        let mut q = trabajador::Entity::find().filter(trabajador::Column::ContratoId.eq(cid));
        if let Some(b) = buscar
            .map(|b| b.trim().to_uppercase())
            .filter(|b| !b.is_empty())
        {
            // A prefix as a range ('~' sorts after every digit and capital letter): both columns
            // are indexed, so the search never scans the contract.
            let hasta = format!("{b}~");
            q = if b.chars().all(|c| c.is_ascii_digit()) {
                q.filter(trabajador::Column::Nss.gte(b.clone()))
                    .filter(trabajador::Column::Nss.lt(hasta))
            } else {
                q.filter(trabajador::Column::Curp.gte(b.clone()))
                    .filter(trabajador::Column::Curp.lt(hasta))
            };
        }
        if let Some(d) = despues.filter(|d| !d.is_empty()) {
            q = q.filter(trabajador::Column::Nss.gt(d.to_string()));
        }
        let mut filas = q
            .order_by_asc(trabajador::Column::Nss)
            .limit(POR_PAGINA + 1)
            .all(&self.db)
            .await
            .map_err(bd)?;
        let siguiente = if filas.len() as u64 > POR_PAGINA {
            filas.truncate(usize::try_from(POR_PAGINA).unwrap_or(50));
            filas.last().map(|t| t.nss.clone())
        } else {
            None
        };
        Ok(PaginaTrabajadores {
            trabajadores: filas.iter().map(fila).collect(),
            siguiente,
            total: u64::try_from(c.num_trabajadores).unwrap_or(0),
        })
    }

    /// "Agregar trabajador".
    pub async fn agregar_trabajador(
        &self,
        actor: &Actor,
        id: i64,
        cid: i64,
        a: &AltaTrabajador,
    ) -> Result<TrabajadorFila, AppError> {
        let i = self.buscar(&self.db, &actor.rfc, id).await?;
        let limites = LimitesSbc::para_periodo(periodo(&i)?)
            .map_err(|e| AppError::new(e.code(), e.to_string()))?;
        let mut errores = Vec::new();
        let nss = Nss::parse(&a.nss)
            .map_err(|e| errores.push(ErrorCampo::de("nss", &e)))
            .ok();
        let curp = Curp::parse(&a.curp)
            .map_err(|e| errores.push(ErrorCampo::de("curp", &e)))
            .ok();
        let sbc: Option<Sbc> = match Sbc::parse(&a.sbc) {
            Ok(s) => match s.revisar(&limites) {
                Ok(_) => Some(s),
                Err(e) => {
                    errores.push(ErrorCampo::de("sbc", &e));
                    None
                }
            },
            Err(e) => {
                errores.push(ErrorCampo::de("sbc", &e));
                None
            }
        };
        let (Some(nss), Some(curp), Some(sbc)) = (nss, curp, sbc) else {
            return Err(AppError::formulario(errores));
        };
        let txn = self.db.begin().await.map_err(bd)?;
        self.bloquear_en_captura(&txn, &actor.rfc, id).await?;
        self.buscar_contrato(&txn, id, cid).await?;
        let existente = trabajador::Entity::find()
            .filter(trabajador::Column::ContratoId.eq(cid))
            .filter(
                trabajador::Column::Nss
                    .eq(nss.as_str())
                    .or(trabajador::Column::Curp.eq(curp.as_str())),
            )
            .one(&txn)
            .await
            .map_err(bd)?;
        if let Some(t) = existente {
            return Err(if t.nss == nss.as_str() {
                repetido("nss", nss.as_str())
            } else {
                repetido("curp", curp.as_str())
            });
        }
        let m = trabajador::ActiveModel {
            contrato_id: Set(cid),
            nss: Set(nss.as_str().to_string()),
            curp: Set(curp.as_str().to_string()),
            sbc: Set(i64::try_from(sbc.centavos()).unwrap_or(i64::MAX)),
            carga_id: Set(None),
        }
        .insert(&txn)
        .await
        .map_err(|e| {
            if es_duplicado(&e) {
                repetido("nss", nss.as_str())
            } else {
                bd(e)
            }
        })?;
        sumar(&txn, id, cid, 1, self.clock.now()).await?;
        txn.commit().await.map_err(bd)?;
        Ok(fila(&m))
    }

    /// Deletes one worker from the contract.
    pub async fn borrar_trabajador(
        &self,
        actor: &Actor,
        id: i64,
        cid: i64,
        nss: &str,
    ) -> Result<(), AppError> {
        let txn = self.db.begin().await.map_err(bd)?;
        self.bloquear_en_captura(&txn, &actor.rfc, id).await?;
        self.buscar_contrato(&txn, id, cid).await?;
        let r = trabajador::Entity::delete_many()
            .filter(trabajador::Column::ContratoId.eq(cid))
            .filter(trabajador::Column::Nss.eq(nss))
            .exec(&txn)
            .await
            .map_err(bd)?;
        if r.rows_affected == 0 {
            return Err(AppError::new(
                ErrorCode::NotFound,
                format!("El NSS {nss} no está en este contrato."),
            ));
        }
        sumar(&txn, id, cid, -1, self.clock.now()).await?;
        txn.commit().await.map_err(bd)
    }
}
