//! Contracts of an informativa in capture: add, edit, delete, copy, and import many from the
//! contract CSV in one transaction (idempotent by the client's key). Every contract is checked by
//! the shared domain code with the SAT postal catalog and the contratista's REPSE services.

use super::{periodo, tipo, Actor, Informativas};
use crate::error::{bd, es_duplicado};
use crate::persistence::entities::{carga, contrato, informativa};
use app::api::informativas::{
    ContratoDetalle, ContratoFila, ImportarContratos, PaginaContratos, ResultadoImportacion,
    CONTRATOS_POR_PAGINA,
};
use app::api::AppError;
use app::domain::calendar::Periodo;
use app::domain::cuenta::datos::fecha;
use app::domain::cuenta::{HistorialRepse, ServicioRepse};
use app::domain::error::{ErrorCampo, ErrorCode};
use app::domain::informativas::{ContextoContrato, Contrato, ContratoEntrada};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};

fn datos(c: &contrato::Model) -> Result<Contrato, AppError> {
    serde_json::from_str(&c.datos).map_err(|e| {
        tracing::error!(error = %e, contrato = c.id, "contrato guardado ilegible");
        AppError::internal()
    })
}

/// The contracts of informativa `id`, in the order they were registered (pages, cadena, CSV and
/// the copy a corrección starts from all list them this way).
pub(crate) async fn de_informativa(
    c: &impl ConnectionTrait,
    id: i64,
) -> Result<Vec<contrato::Model>, AppError> {
    contrato::Entity::find()
        .filter(contrato::Column::InformativaId.eq(id))
        .order_by_asc(contrato::Column::Id)
        .all(c)
        .await
        .map_err(bd)
}

/// The columns of a contract the informativa's list and findings need (never the `datos` JSON:
/// with tens of thousands of contracts it was most of the 3.6 s).
#[derive(Clone, Debug, sea_orm::FromQueryResult)]
pub(crate) struct Resumen {
    pub id: i64,
    pub rfc_contratante: String,
    pub nombre_contratante: String,
    pub servicio: String,
    pub fecha_inicio: chrono::NaiveDate,
    pub fecha_termino: Option<chrono::NaiveDate>,
    pub num_trabajadores: i64,
}

impl Resumen {
    pub(crate) fn fila(&self) -> ContratoFila {
        ContratoFila {
            id: self.id,
            rfc_contratante: self.rfc_contratante.clone(),
            nombre_contratante: self.nombre_contratante.clone(),
            servicio: self.servicio.clone(),
            fecha_inicio: self.fecha_inicio.format("%d/%m/%Y").to_string(),
            trabajadores: u64::try_from(self.num_trabajadores).unwrap_or(0),
        }
    }
}

/// The contracts of informativa `id` after contract `despues` (0: from the first), in
/// registration order, as summaries; at most `limite` (`None`: all).
pub(crate) async fn resumenes(
    c: &impl ConnectionTrait,
    id: i64,
    despues: i64,
    limite: Option<u64>,
) -> Result<Vec<Resumen>, AppError> {
    use sea_orm::QuerySelect;
    contrato::Entity::find()
        .select_only()
        .columns([
            contrato::Column::Id,
            contrato::Column::RfcContratante,
            contrato::Column::NombreContratante,
            contrato::Column::Servicio,
            contrato::Column::FechaInicio,
            contrato::Column::FechaTermino,
            contrato::Column::NumTrabajadores,
        ])
        .filter(contrato::Column::InformativaId.eq(id))
        .filter(contrato::Column::Id.gt(despues))
        .order_by_asc(contrato::Column::Id)
        .limit(limite)
        .into_model::<Resumen>()
        .all(c)
        .await
        .map_err(bd)
}

impl Informativas {
    /// `GET …/contratos?despues=`: a page of the informativa's contracts.
    pub async fn pagina_contratos(
        &self,
        rfc: &str,
        id: i64,
        despues: i64,
    ) -> Result<PaginaContratos, AppError> {
        self.buscar(&self.db, rfc, id).await?;
        let mut filas =
            resumenes(&self.db, id, despues, Some(CONTRATOS_POR_PAGINA as u64 + 1)).await?;
        let siguiente = (filas.len() > CONTRATOS_POR_PAGINA).then(|| {
            filas.truncate(CONTRATOS_POR_PAGINA);
            filas.last().map_or(0, |f| f.id)
        });
        Ok(PaginaContratos {
            contratos: filas.iter().map(Resumen::fila).collect(),
            siguiente,
        })
    }
}

fn contrato_no_existe() -> AppError {
    AppError::new(
        ErrorCode::NotFound,
        "El contrato no existe en esta informativa. Vuelve a la informativa y elígelo de la lista.",
    )
}

fn sin_informacion() -> AppError {
    AppError::new(
        ErrorCode::InformativaState,
        "Una informativa Sin información o una complementaria sin efectos no lleva contratos. Si hubo contratos en el periodo, registra una Normal o una complementaria de corrección.",
    )
}

impl Informativas {
    async fn servicios(&self, rfc: &str) -> Result<HistorialRepse, AppError> {
        self.cuenta.historial_repse(rfc).await
    }

    /// Checks a contract; V04 against the services registered on its start date (every service
    /// ever registered when the date is unreadable: the date's own error is reported then).
    fn validar(
        &self,
        rfc: &str,
        periodo: Periodo,
        historial: &HistorialRepse,
        e: &ContratoEntrada,
    ) -> Result<Contrato, Vec<ErrorCampo>> {
        let servicios: Vec<ServicioRepse> = match fecha(&e.fecha_inicio) {
            Some(f) => historial.servicios_en(f).to_vec(),
            None => historial.todos_los_servicios(),
        };
        let ctx = ContextoContrato {
            rfc_contratista: rfc,
            periodo,
            servicios: &servicios,
            catalogo: Some(self.cuenta.catalogo()),
        };
        Contrato::validar(e, &ctx).map(|(c, _)| c)
    }

    fn modelo(&self, informativa_id: i64, c: &Contrato) -> Result<contrato::ActiveModel, AppError> {
        let ahora = self.clock.now();
        Ok(contrato::ActiveModel {
            informativa_id: Set(informativa_id),
            rfc_contratante: Set(c.rfc_contratante.clone()),
            nombre_contratante: Set(c.nombre_contratante.clone()),
            servicio: Set(c.servicio.folio.clone()),
            fecha_inicio: Set(c.fecha_inicio),
            fecha_termino: Set(c.fecha_termino),
            datos: Set(serde_json::to_string(c).map_err(|_| AppError::internal())?),
            num_trabajadores: Set(0),
            creado: Set(ahora),
            actualizado: Set(ahora),
            ..Default::default()
        })
    }

    async fn sumar_contratos(txn: &impl ConnectionTrait, id: i64, n: i64) -> Result<(), AppError> {
        informativa::Entity::update_many()
            .col_expr(
                informativa::Column::NumContratos,
                Expr::col(informativa::Column::NumContratos).add(n),
            )
            .filter(informativa::Column::Id.eq(id))
            .exec(txn)
            .await
            .map_err(bd)?;
        Ok(())
    }

    async fn detalle_contrato(
        &self,
        i: &informativa::Model,
        c: &contrato::Model,
    ) -> Result<ContratoDetalle, AppError> {
        Ok(ContratoDetalle {
            id: c.id,
            informativa: self.fila_de(i).await?,
            contrato: datos(c)?,
            trabajadores: u64::try_from(c.num_trabajadores).unwrap_or(0),
        })
    }

    pub(crate) async fn buscar_contrato(
        &self,
        db: &impl ConnectionTrait,
        informativa_id: i64,
        id: i64,
    ) -> Result<contrato::Model, AppError> {
        contrato::Entity::find_by_id(id)
            .filter(contrato::Column::InformativaId.eq(informativa_id))
            .one(db)
            .await
            .map_err(bd)?
            .ok_or_else(contrato_no_existe)
    }

    /// One contract of the contratista.
    pub async fn contrato(
        &self,
        rfc: &str,
        id: i64,
        cid: i64,
    ) -> Result<ContratoDetalle, AppError> {
        let i = self.buscar(&self.db, rfc, id).await?;
        let c = self.buscar_contrato(&self.db, id, cid).await?;
        self.detalle_contrato(&i, &c).await
    }

    /// "Agregar contrato".
    pub async fn agregar_contrato(
        &self,
        actor: &Actor,
        id: i64,
        e: &ContratoEntrada,
    ) -> Result<ContratoDetalle, AppError> {
        let servicios = self.servicios(&actor.rfc).await?;
        let txn = crate::persistence::escribir(&self.db).await.map_err(bd)?;
        let i = self.bloquear_en_captura(&txn, &actor.rfc, id).await?;
        if !tipo(&i).lleva_contratos() {
            return Err(sin_informacion());
        }
        let c = self
            .validar(&actor.rfc, periodo(&i)?, &servicios, e)
            .map_err(AppError::formulario)?;
        let m = self.modelo(id, &c)?.insert(&txn).await.map_err(bd)?;
        Self::sumar_contratos(&txn, id, 1).await?;
        txn.commit().await.map_err(bd)?;
        let i = self.buscar(&self.db, &actor.rfc, id).await?;
        self.detalle_contrato(&i, &m).await
    }

    /// "Guardar" on an existing contract.
    pub async fn editar_contrato(
        &self,
        actor: &Actor,
        id: i64,
        cid: i64,
        e: &ContratoEntrada,
    ) -> Result<ContratoDetalle, AppError> {
        let servicios = self.servicios(&actor.rfc).await?;
        let txn = crate::persistence::escribir(&self.db).await.map_err(bd)?;
        let i = self.bloquear_en_captura(&txn, &actor.rfc, id).await?;
        let actual = self.buscar_contrato(&txn, id, cid).await?;
        let c = self
            .validar(&actor.rfc, periodo(&i)?, &servicios, e)
            .map_err(AppError::formulario)?;
        let mut m: contrato::ActiveModel = actual.into();
        m.rfc_contratante = Set(c.rfc_contratante.clone());
        m.nombre_contratante = Set(c.nombre_contratante.clone());
        m.servicio = Set(c.servicio.folio.clone());
        m.fecha_inicio = Set(c.fecha_inicio);
        m.fecha_termino = Set(c.fecha_termino);
        m.datos = Set(serde_json::to_string(&c).map_err(|_| AppError::internal())?);
        m.actualizado = Set(self.clock.now());
        let m = m.update(&txn).await.map_err(bd)?;
        txn.commit().await.map_err(bd)?;
        self.detalle_contrato(&i, &m).await
    }

    /// Deletes a contract and its workers.
    pub async fn borrar_contrato(&self, actor: &Actor, id: i64, cid: i64) -> Result<(), AppError> {
        let txn = crate::persistence::escribir(&self.db).await.map_err(bd)?;
        self.bloquear_en_captura(&txn, &actor.rfc, id).await?;
        super::carga::partes::exigir_sin_cargas(&txn, id).await?;
        let c = self.buscar_contrato(&txn, id, cid).await?;
        super::trabajadores::borrar_de_contratos(&txn, vec![cid]).await?;
        contrato::Entity::delete_by_id(cid)
            .exec(&txn)
            .await
            .map_err(bd)?;
        informativa::Entity::update_many()
            .col_expr(
                informativa::Column::NumContratos,
                Expr::col(informativa::Column::NumContratos).sub(1),
            )
            .col_expr(
                informativa::Column::NumTrabajadores,
                Expr::col(informativa::Column::NumTrabajadores).sub(c.num_trabajadores),
            )
            .filter(informativa::Column::Id.eq(id))
            .exec(&txn)
            .await
            .map_err(bd)?;
        txn.commit().await.map_err(bd)
    }

    /// "Copiar": a new contract with the same client and contract data and no workers (the
    /// usual case: the same client signs another contract in the period).
    pub async fn copiar_contrato(
        &self,
        actor: &Actor,
        id: i64,
        cid: i64,
    ) -> Result<ContratoDetalle, AppError> {
        let txn = crate::persistence::escribir(&self.db).await.map_err(bd)?;
        let i = self.bloquear_en_captura(&txn, &actor.rfc, id).await?;
        let original = self.buscar_contrato(&txn, id, cid).await?;
        let c = datos(&original)?;
        let m = self.modelo(id, &c)?.insert(&txn).await.map_err(bd)?;
        Self::sumar_contratos(&txn, id, 1).await?;
        txn.commit().await.map_err(bd)?;
        let i = self.buscar(&self.db, &i.rfc, id).await?;
        self.detalle_contrato(&i, &m).await
    }

    /// "Importar contratos": every row is checked again; all are stored or none. A retry with
    /// the same key answers as the first time without adding anything.
    pub async fn importar(
        &self,
        actor: &Actor,
        id: i64,
        p: &ImportarContratos,
    ) -> Result<ResultadoImportacion, AppError> {
        let clave = super::carga::clave_valida(&p.clave)?;
        if p.contratos.is_empty() {
            return Err(AppError::new(
                ErrorCode::FileEmpty,
                "No hay contratos válidos que importar. Corrige los renglones con errores y vuelve a elegir el archivo.",
            ));
        }
        if let Some(previa) = self.carga_previa(&actor.rfc, id, &clave).await? {
            return Ok(ResultadoImportacion {
                agregados: u64::try_from(previa.agregados).unwrap_or(0),
                repetida: true,
            });
        }
        let servicios = self.servicios(&actor.rfc).await?;
        let txn = crate::persistence::escribir(&self.db).await.map_err(bd)?;
        let i = self.bloquear_en_captura(&txn, &actor.rfc, id).await?;
        if !tipo(&i).lleva_contratos() {
            return Err(sin_informacion());
        }
        let mut errores = Vec::new();
        let mut modelos = Vec::with_capacity(p.contratos.len());
        let per = periodo(&i)?;
        for f in &p.contratos {
            match self.validar(&actor.rfc, per, &servicios, &f.entrada) {
                Ok(c) => modelos.push(self.modelo(id, &c)?),
                Err(es) => errores.extend(es.into_iter().map(|e| ErrorCampo {
                    campo: format!("fila.{}.{}", f.fila, e.campo),
                    codigo: e.codigo,
                    mensaje: format!("Renglón {}: {}", f.fila, e.mensaje),
                })),
            }
        }
        if !errores.is_empty() {
            return Err(AppError::formulario(errores));
        }
        let n = modelos.len() as i64;
        let ahora = self.clock.now();
        let registro = carga::ActiveModel {
            informativa_id: Set(id),
            contrato_id: Set(None),
            tipo: Set("contratos".into()),
            clave: Set(clave.clone()),
            filas: Set(n),
            agregados: Set(n),
            rechazados: Set(0),
            rechazados_clave: Set(None),
            creada: Set(ahora),
            por: Set(actor.por.clone()),
            ..Default::default()
        };
        if let Err(e) = registro.insert(&txn).await {
            drop(txn);
            if es_duplicado(&e) {
                if let Some(previa) = self.carga_previa(&actor.rfc, id, &clave).await? {
                    return Ok(ResultadoImportacion {
                        agregados: u64::try_from(previa.agregados).unwrap_or(0),
                        repetida: true,
                    });
                }
            }
            return Err(bd(e));
        }
        for lote in modelos.chunks(500) {
            contrato::Entity::insert_many(lote.to_vec())
                .exec(&txn)
                .await
                .map_err(bd)?;
        }
        Self::sumar_contratos(&txn, id, n).await?;
        txn.commit().await.map_err(bd)?;
        Ok(ResultadoImportacion {
            agregados: u64::try_from(n).unwrap_or(0),
            repetida: false,
        })
    }

    pub(crate) async fn carga_previa(
        &self,
        rfc: &str,
        id: i64,
        clave: &str,
    ) -> Result<Option<carga::Model>, AppError> {
        self.buscar(&self.db, rfc, id).await?;
        carga::Entity::find()
            .filter(carga::Column::InformativaId.eq(id))
            .filter(carga::Column::Clave.eq(clave))
            .one(&self.db)
            .await
            .map_err(bd)
    }
}
