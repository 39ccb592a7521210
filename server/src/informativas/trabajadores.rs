//! Workers of a contract one at a time: add (the same NSS, CURP and SBC checks as the CSV engine,
//! V08 against the contract), list by pages in NSS order with search by NSS or CURP prefix (keyset
//! paging over the two primary keys, fast with a million rows), delete. Also the writes that touch
//! a whole contract's workers (delete, copy), which keep `trabajador` and `trabajador_curp` (V08's
//! CURP half, migration `m20261124_000007`) in step.

use super::{periodo, Actor, Informativas};
use crate::error::{bd, o_duplicado};
use crate::persistence::entities::{contrato, informativa, trabajador, trabajador_curp};
use app::api::informativas::{AltaTrabajador, PaginaTrabajadores, TrabajadorFila, POR_PAGINA};
use app::api::AppError;
use app::domain::dinero::Sbc;
use app::domain::error::{ErrorCampo, ErrorCode};
use app::domain::ids::{Curp, Nss};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Statement,
};

fn fila(t: &trabajador::Model) -> TrabajadorFila {
    TrabajadorFila {
        nss: t.nss.clone(),
        curp: t.curp.clone(),
        sbc: format!("{}.{:02}", t.sbc / 100, t.sbc % 100),
        avisos: Vec::new(),
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

/// Deletes every worker of the contracts `ids`, from both V08 tables.
pub(super) async fn borrar_de_contratos(
    txn: &impl ConnectionTrait,
    ids: Vec<i64>,
) -> Result<(), AppError> {
    if ids.is_empty() {
        return Ok(());
    }
    trabajador_curp::Entity::delete_many()
        .filter(trabajador_curp::Column::ContratoId.is_in(ids.clone()))
        .exec(txn)
        .await
        .map_err(bd)?;
    trabajador::Entity::delete_many()
        .filter(trabajador::Column::ContratoId.is_in(ids))
        .exec(txn)
        .await
        .map_err(bd)?;
    Ok(())
}

/// Copies every worker of contract `de` onto contract `a` inside the database (a Corrección
/// starts as a copy): a million rows never cross the wire, and each table is written in its
/// key order.
pub(super) async fn copiar(txn: &impl ConnectionTrait, de: i64, a: i64) -> Result<(), AppError> {
    let backend = txn.get_database_backend();
    let (trabajadores, curps) = match backend {
        DatabaseBackend::Postgres => (
            "INSERT INTO trabajador (contrato_id, nss, curp, sbc, carga_id) \
             SELECT $1, nss, curp, sbc, NULL FROM trabajador WHERE contrato_id = $2 ORDER BY nss",
            "INSERT INTO trabajador_curp (contrato_id, curp, nss) \
             SELECT $1, curp, nss FROM trabajador_curp WHERE contrato_id = $2 ORDER BY curp",
        ),
        _ => (
            "INSERT INTO trabajador (contrato_id, nss, curp, sbc, carga_id) \
             SELECT ?, nss, curp, sbc, NULL FROM trabajador WHERE contrato_id = ? ORDER BY nss",
            "INSERT INTO trabajador_curp (contrato_id, curp, nss) \
             SELECT ?, curp, nss FROM trabajador_curp WHERE contrato_id = ? ORDER BY curp",
        ),
    };
    for sql in [trabajadores, curps] {
        txn.execute_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [a.into(), de.into()],
        ))
        .await
        .map_err(bd)?;
    }
    Ok(())
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
        format!("{que} {valor} ya está registrado en este contrato: un trabajador no puede estar dos veces en el mismo contrato."),
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
        let buscar = buscar
            .map(|b| b.trim().to_uppercase())
            .filter(|b| !b.is_empty());
        let despues = despues.filter(|d| !d.is_empty()).map(str::to_string);
        let limite = POR_PAGINA + 1;
        let mut q = trabajador::Entity::find().filter(trabajador::Column::ContratoId.eq(cid));
        // A prefix as a range ('~' sorts after every digit and capital letter), so a search
        // reads one range of a primary key and never scans the contract.
        let por_curp = buscar
            .as_ref()
            .is_some_and(|b| !b.chars().all(|c| c.is_ascii_digit()));
        let mut filas = match buscar {
            Some(b) if por_curp => {
                // By CURP: the page comes in CURP order from `trabajador_curp` and the cursor
                // is a CURP (the client treats it as opaque).
                let hasta = format!("{b}~");
                let mut rango = trabajador_curp::Entity::find()
                    .filter(trabajador_curp::Column::ContratoId.eq(cid))
                    .filter(trabajador_curp::Column::Curp.gte(b))
                    .filter(trabajador_curp::Column::Curp.lt(hasta));
                if let Some(d) = despues {
                    rango = rango.filter(trabajador_curp::Column::Curp.gt(d));
                }
                let claves: Vec<String> = rango
                    .select_only()
                    .column(trabajador_curp::Column::Nss)
                    .order_by_asc(trabajador_curp::Column::Curp)
                    .limit(limite)
                    .into_tuple()
                    .all(&self.db)
                    .await
                    .map_err(bd)?;
                let mut filas = q
                    .filter(trabajador::Column::Nss.is_in(claves))
                    .all(&self.db)
                    .await
                    .map_err(bd)?;
                filas.sort_unstable_by(|x, y| x.curp.cmp(&y.curp));
                filas
            }
            otro => {
                if let Some(b) = otro {
                    let hasta = format!("{b}~");
                    q = q
                        .filter(trabajador::Column::Nss.gte(b))
                        .filter(trabajador::Column::Nss.lt(hasta));
                }
                if let Some(d) = despues {
                    q = q.filter(trabajador::Column::Nss.gt(d));
                }
                q.order_by_asc(trabajador::Column::Nss)
                    .limit(limite)
                    .all(&self.db)
                    .await
                    .map_err(bd)?
            }
        };
        let siguiente = if filas.len() as u64 > POR_PAGINA {
            filas.truncate(usize::try_from(POR_PAGINA).unwrap_or(50));
            filas.last().map(|t| {
                if por_curp {
                    t.curp.clone()
                } else {
                    t.nss.clone()
                }
            })
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
        let limites = self
            .salarios()
            .await?
            .limites(periodo(&i)?)
            .map_err(|e| AppError::domain(&e))?;
        let mut errores = Vec::new();
        let nss = Nss::parse(&a.nss)
            .map_err(|e| errores.push(ErrorCampo::de("nss", &e)))
            .ok();
        let curp = Curp::parse(&a.curp)
            .map_err(|e| errores.push(ErrorCampo::de("curp", &e)))
            .ok();
        let mut avisos: Vec<String> = limites.aviso().into_iter().collect();
        let sbc: Option<Sbc> = match Sbc::parse(&a.sbc) {
            Ok(s) => match s.revisar(&limites) {
                Ok(aviso) => {
                    avisos.extend(aviso.map(|a| a.to_string()));
                    Some(s)
                }
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
        let txn = crate::persistence::escribir(&self.db).await.map_err(bd)?;
        self.bloquear_en_captura(&txn, &actor.rfc, id).await?;
        self.buscar_contrato(&txn, id, cid).await?;
        // V08, one primary-key lookup per half; the keys below catch a race the lookups miss.
        let nss_usado = trabajador::Entity::find_by_id((cid, nss.as_str().to_string()))
            .one(&txn)
            .await
            .map_err(bd)?
            .is_some();
        if nss_usado {
            return Err(repetido("nss", nss.as_str()));
        }
        let curp_usada = trabajador_curp::Entity::find_by_id((cid, curp.as_str().to_string()))
            .one(&txn)
            .await
            .map_err(bd)?
            .is_some();
        if curp_usada {
            return Err(repetido("curp", curp.as_str()));
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
        .map_err(|e| o_duplicado(e, || repetido("nss", nss.as_str())))?;
        trabajador_curp::ActiveModel {
            contrato_id: Set(cid),
            curp: Set(m.curp.clone()),
            nss: Set(m.nss.clone()),
        }
        .insert(&txn)
        .await
        .map_err(|e| o_duplicado(e, || repetido("curp", curp.as_str())))?;
        sumar(&txn, id, cid, 1, self.clock.now()).await?;
        txn.commit().await.map_err(bd)?;
        Ok(TrabajadorFila { avisos, ..fila(&m) })
    }

    /// Deletes one worker from the contract.
    pub async fn borrar_trabajador(
        &self,
        actor: &Actor,
        id: i64,
        cid: i64,
        nss: &str,
    ) -> Result<(), AppError> {
        let txn = crate::persistence::escribir(&self.db).await.map_err(bd)?;
        self.bloquear_en_captura(&txn, &actor.rfc, id).await?;
        self.buscar_contrato(&txn, id, cid).await?;
        let Some(t) = trabajador::Entity::find_by_id((cid, nss.to_string()))
            .one(&txn)
            .await
            .map_err(bd)?
        else {
            return Err(AppError::new(
                ErrorCode::NotFound,
                format!("El NSS {nss} no está en este contrato."),
            ));
        };
        trabajador_curp::Entity::delete_by_id((cid, t.curp.clone()))
            .exec(&txn)
            .await
            .map_err(bd)?;
        trabajador::Entity::delete_by_id((cid, t.nss))
            .exec(&txn)
            .await
            .map_err(bd)?;
        sumar(&txn, id, cid, -1, self.clock.now()).await?;
        txn.commit().await.map_err(bd)
    }
}
