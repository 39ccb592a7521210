//! Publishing both lists of a period (Lineamientos 6.2). The presented informativas in force of
//! the period are read once (their header only), then their contracts page by page in
//! informativa order; each row goes at once to the CSV, the XLSX and the searchable rows, so
//! memory does not grow with the number of contracts. The two `publicacion_listado` rows are
//! marked `completa` only after everything is stored; until then nothing reads them.
//!
//! Monthly publications carry their month (`mes`, unique per list and period), so with several
//! replicas the periodic task publishes each period once a month.

use super::salida::Salida;
use super::Listado;
use crate::error::bd;
use crate::persistence::entities::{
    contrato, fila_listado, informativa, presentacion, publicacion_listado,
};
use app::api::AppError;
use app::domain::calendar::{a_hora_centro, Anio, Cuatrimestre, Periodo};
use app::domain::informativas::{EstadoInformativa, TipoInformativa};
use app::domain::listado::{self, ContratoDeclarado, Declarada, FilaListado, Lista};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, EntityTrait, FromQueryResult, QueryFilter,
    QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// Informativas judged per chunk (the `IN (…)` of the contract queries).
const POR_LOTE: usize = 500;
/// Contracts read per query.
const PAGINA_CONTRATOS: u64 = 2_000;

/// One list as published.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Publicada {
    /// Which list.
    pub lista: Lista,
    /// Its publication id.
    pub id: i64,
    /// Rows.
    pub filas: u64,
}

/// Both lists of a period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Publicacion {
    /// The period.
    pub periodo: Periodo,
    /// The listado público.
    pub publico: Publicada,
    /// The listado con información inconsistente.
    pub inconsistente: Publicada,
}

#[derive(FromQueryResult)]
struct Encabezado {
    informativa_id: i64,
    rfc: String,
    nombre: String,
    tipo: String,
    folio: String,
    presentada: chrono::DateTime<chrono::Utc>,
    num_contratos: i64,
}

#[derive(FromQueryResult)]
struct FilaContrato {
    id: i64,
    informativa_id: i64,
    rfc_contratante: String,
    nombre_contratante: String,
    datos: String,
    fecha_inicio: chrono::NaiveDate,
    fecha_termino: Option<chrono::NaiveDate>,
    num_trabajadores: i64,
}

/// Only the service description of the stored contract (`contrato.datos`).
#[derive(serde::Deserialize)]
struct SoloServicio {
    servicio: Descripcion,
}

#[derive(serde::Deserialize)]
struct Descripcion {
    descripcion: String,
}

impl Listado {
    /// Publishes both lists of `periodo`. With `mes` (`"2026-12"`, the periodic task) it is the
    /// month's publication and `None` comes back if a replica already made it.
    pub async fn publicar(
        &self,
        periodo: Periodo,
        mes: Option<String>,
    ) -> Result<Option<Publicacion>, AppError> {
        let Some((id_publico, id_inconsistente)) = self.reservar(periodo, mes).await? else {
            return Ok(None);
        };
        let mut publico = Salida::nueva(Lista::Publico, id_publico, &self.temporal)?;
        let mut inconsistente =
            Salida::nueva(Lista::Inconsistente, id_inconsistente, &self.temporal)?;
        let hecho = self
            .escribir(periodo, &mut publico, &mut inconsistente)
            .await;
        let hecho = match hecho {
            Ok(()) => self.cerrar(periodo, publico, inconsistente).await,
            Err(e) => Err(e),
        };
        match hecho {
            Ok(p) => Ok(Some(p)),
            Err(e) => {
                self.descartar(&[id_publico, id_inconsistente]).await;
                Err(e)
            }
        }
    }

    /// The two publication rows, not yet complete.
    async fn reservar(
        &self,
        periodo: Periodo,
        mes: Option<String>,
    ) -> Result<Option<(i64, i64)>, AppError> {
        let ahora = self.clock.now();
        let fila = |lista: Lista| publicacion_listado::ActiveModel {
            lista: Set(lista.as_str().to_string()),
            anio: Set(periodo.anio.get()),
            periodo: Set(i16::from(periodo.cuatrimestre.numero())),
            publicada: Set(ahora),
            filas: Set(0),
            completa: Set(false),
            mes: Set(mes.clone()),
            ..Default::default()
        };
        let txn = crate::persistence::escribir(&self.db).await.map_err(bd)?;
        let a = publicacion_listado::Entity::insert(fila(Lista::Publico))
            .exec(&txn)
            .await;
        let a = match a {
            Ok(a) => a.last_insert_id,
            // The month's publication of this period exists: another replica made it.
            Err(e) if mes.is_some() && es_duplicado(&e) => return Ok(None),
            Err(e) => return Err(bd(e)),
        };
        let b = publicacion_listado::Entity::insert(fila(Lista::Inconsistente))
            .exec(&txn)
            .await
            .map_err(bd)?
            .last_insert_id;
        txn.commit().await.map_err(bd)?;
        Ok(Some((a, b)))
    }

    /// Every row of both lists.
    async fn escribir(
        &self,
        periodo: Periodo,
        publico: &mut Salida,
        inconsistente: &mut Salida,
    ) -> Result<(), AppError> {
        let declaradas = self.declaradas(periodo).await?;
        let mut vigentes: HashMap<String, u64> = HashMap::new();
        for (_, d) in &declaradas {
            *vigentes.entry(d.rfc.clone()).or_default() += 1;
        }
        for lote in declaradas.chunks(POR_LOTE) {
            let ids: Vec<i64> = lote.iter().map(|(id, _)| *id).collect();
            let cuantos = self.contratos_por_informativa(&ids).await?;
            let en_lote: HashMap<i64, &Declarada> = lote.iter().map(|(i, d)| (*i, d)).collect();
            // Whole-filing rows (a filing without contracts, types 5–7) come before its contracts.
            for (id, d) in lote {
                let n = cuantos.get(id).copied().unwrap_or(0);
                let sin_contratos = FilaListado::de(d, None);
                if n == 0 {
                    publico.escribir(&self.db, &sin_contratos, None).await?;
                }
                for tipo in listado::de_informativa(d, n, vigentes[&d.rfc]) {
                    inconsistente
                        .escribir(&self.db, &sin_contratos, Some(tipo))
                        .await?;
                }
            }
            let mut despues = (i64::MIN, i64::MIN);
            loop {
                let pagina = self.contratos(&ids, despues).await?;
                let Some(ultimo) = pagina.last() else { break };
                despues = (ultimo.informativa_id, ultimo.id);
                for c in &pagina {
                    let Some(d) = en_lote.get(&c.informativa_id) else {
                        continue;
                    };
                    let c = declarado(c);
                    let fila = FilaListado::de(d, Some(&c));
                    publico.escribir(&self.db, &fila, None).await?;
                    for tipo in listado::de_contrato(d, &c) {
                        inconsistente.escribir(&self.db, &fila, Some(tipo)).await?;
                    }
                }
            }
        }
        publico.vaciar(&self.db).await?;
        inconsistente.vaciar(&self.db).await
    }

    /// The presented informativas in force of the period, by id: a Normal, a Sin información or
    /// a Corrección whose state is still `presentada` (a replaced or annulled one is not).
    async fn declaradas(&self, periodo: Periodo) -> Result<Vec<(i64, Declarada)>, AppError> {
        let (anio, per) = (periodo.anio.get(), i16::from(periodo.cuatrimestre.numero()));
        let en_vigor: std::collections::HashSet<i64> = informativa::Entity::find()
            .select_only()
            .column(informativa::Column::Id)
            .filter(informativa::Column::Anio.eq(anio))
            .filter(informativa::Column::Periodo.eq(per))
            .filter(informativa::Column::Estado.eq(EstadoInformativa::Presentada.as_str()))
            .filter(informativa::Column::Tipo.ne(TipoInformativa::SinEfectos.as_str()))
            .into_tuple::<i64>()
            .all(&self.db)
            .await
            .map_err(bd)?
            .into_iter()
            .collect();
        let mut declaradas: Vec<(i64, Declarada)> = presentacion::Entity::find()
            .select_only()
            .columns([
                presentacion::Column::InformativaId,
                presentacion::Column::Rfc,
                presentacion::Column::Nombre,
                presentacion::Column::Tipo,
                presentacion::Column::Folio,
                presentacion::Column::Presentada,
                presentacion::Column::NumContratos,
            ])
            .filter(presentacion::Column::Anio.eq(anio))
            .filter(presentacion::Column::Periodo.eq(per))
            .into_model::<Encabezado>()
            .all(&self.db)
            .await
            .map_err(bd)?
            .into_iter()
            .filter(|e| en_vigor.contains(&e.informativa_id))
            .filter_map(|e| {
                let tipo = TipoInformativa::parse(&e.tipo)?;
                listado::se_publica(tipo).then(|| {
                    (
                        e.informativa_id,
                        Declarada {
                            rfc: e.rfc,
                            contratista: e.nombre,
                            periodo,
                            tipo,
                            folio: e.folio,
                            presentada: a_hora_centro(e.presentada).date_naive(),
                            contratos_declarados: u64::try_from(e.num_contratos).unwrap_or(0),
                        },
                    )
                })
            })
            .collect();
        declaradas.sort_by_key(|(id, _)| *id);
        Ok(declaradas)
    }

    async fn contratos_por_informativa(&self, ids: &[i64]) -> Result<HashMap<i64, u64>, AppError> {
        let cuentas = contrato::Entity::find()
            .select_only()
            .column(contrato::Column::InformativaId)
            .column_as(contrato::Column::Id.count(), "n")
            .filter(contrato::Column::InformativaId.is_in(ids.to_vec()))
            .group_by(contrato::Column::InformativaId)
            .into_tuple::<(i64, i64)>()
            .all(&self.db)
            .await
            .map_err(bd)?;
        Ok(cuentas
            .into_iter()
            .map(|(id, n)| (id, u64::try_from(n).unwrap_or(0)))
            .collect())
    }

    /// The next page of contracts of `ids` after `(informativa, contrato)`, in that order.
    async fn contratos(
        &self,
        ids: &[i64],
        (informativa, id): (i64, i64),
    ) -> Result<Vec<FilaContrato>, AppError> {
        let despues = Condition::any()
            .add(contrato::Column::InformativaId.gt(informativa))
            .add(
                Condition::all()
                    .add(contrato::Column::InformativaId.eq(informativa))
                    .add(contrato::Column::Id.gt(id)),
            );
        contrato::Entity::find()
            .select_only()
            .columns([
                contrato::Column::Id,
                contrato::Column::InformativaId,
                contrato::Column::RfcContratante,
                contrato::Column::NombreContratante,
                contrato::Column::Datos,
                contrato::Column::FechaInicio,
                contrato::Column::FechaTermino,
                contrato::Column::NumTrabajadores,
            ])
            .filter(contrato::Column::InformativaId.is_in(ids.to_vec()))
            .filter(despues)
            .order_by_asc(contrato::Column::InformativaId)
            .order_by_asc(contrato::Column::Id)
            .limit(PAGINA_CONTRATOS)
            .into_model::<FilaContrato>()
            .all(&self.db)
            .await
            .map_err(bd)
    }

    /// Stores both files and marks both publications complete; then the rows of the older
    /// publications of the same lists and period go (the page searches only the latest).
    async fn cerrar(
        &self,
        periodo: Periodo,
        publico: Salida,
        inconsistente: Salida,
    ) -> Result<Publicacion, AppError> {
        let mut hechas = Vec::new();
        for salida in [publico, inconsistente] {
            hechas.push(salida.guardar(&*self.almacen, periodo).await?);
        }
        let txn = crate::persistence::escribir(&self.db).await.map_err(bd)?;
        for p in &hechas {
            publicacion_listado::Entity::update_many()
                .col_expr(publicacion_listado::Column::Completa, Expr::value(true))
                .col_expr(
                    publicacion_listado::Column::Filas,
                    Expr::value(i64::try_from(p.filas).unwrap_or(i64::MAX)),
                )
                .filter(publicacion_listado::Column::Id.eq(p.id))
                .exec(&txn)
                .await
                .map_err(bd)?;
        }
        txn.commit().await.map_err(bd)?;
        let anteriores: Vec<i64> = publicacion_listado::Entity::find()
            .select_only()
            .column(publicacion_listado::Column::Id)
            .filter(publicacion_listado::Column::Anio.eq(periodo.anio.get()))
            .filter(
                publicacion_listado::Column::Periodo.eq(i16::from(periodo.cuatrimestre.numero())),
            )
            .filter(publicacion_listado::Column::Id.is_not_in(hechas.iter().map(|p| p.id)))
            .filter(publicacion_listado::Column::Completa.eq(true))
            .into_tuple::<i64>()
            .all(&self.db)
            .await
            .map_err(bd)?;
        self.borrar_filas(&anteriores).await?;
        let mut hechas = hechas.into_iter();
        let (Some(publico), Some(inconsistente)) = (hechas.next(), hechas.next()) else {
            return Err(AppError::internal());
        };
        Ok(Publicacion {
            periodo,
            publico,
            inconsistente,
        })
    }

    /// Deletes the rows of these publications a few thousand at a time (short write
    /// transactions: SQLite has one writer and the filing goes on meanwhile).
    pub(crate) async fn borrar_filas(&self, publicaciones: &[i64]) -> Result<(), AppError> {
        for &p in publicaciones {
            loop {
                let ids: Vec<i64> = fila_listado::Entity::find()
                    .select_only()
                    .column(fila_listado::Column::Id)
                    .filter(fila_listado::Column::PublicacionId.eq(p))
                    .limit(5_000)
                    .into_tuple::<i64>()
                    .all(&self.db)
                    .await
                    .map_err(bd)?;
                if ids.is_empty() {
                    break;
                }
                let txn = crate::persistence::escribir(&self.db).await.map_err(bd)?;
                fila_listado::Entity::delete_many()
                    .filter(fila_listado::Column::Id.is_in(ids))
                    .exec(&txn)
                    .await
                    .map_err(bd)?;
                txn.commit().await.map_err(bd)?;
            }
        }
        Ok(())
    }

    /// A failed publication leaves nothing: its rows and its two headers go.
    async fn descartar(&self, ids: &[i64]) {
        let hecho = async {
            self.borrar_filas(ids).await?;
            publicacion_listado::Entity::delete_many()
                .filter(publicacion_listado::Column::Id.is_in(ids.to_vec()))
                .exec(&self.db)
                .await
                .map_err(bd)?;
            Ok::<(), AppError>(())
        };
        if let Err(e) = hecho.await {
            tracing::error!(error = ?e, "no se pudo descartar una publicación fallida");
        }
    }

    /// The periodic task: this month's publication of every period with presented filings,
    /// once per month and period whatever the number of replicas. A publication left
    /// incomplete for two hours (a process killed mid-way) is removed first so it is redone.
    pub async fn publicar_mes(&self) -> Result<Vec<Publicacion>, AppError> {
        let ahora = self.clock.now();
        let mes = a_hora_centro(ahora).format("%Y-%m").to_string();
        let viejas: Vec<i64> = publicacion_listado::Entity::find()
            .select_only()
            .column(publicacion_listado::Column::Id)
            .filter(publicacion_listado::Column::Completa.eq(false))
            .filter(publicacion_listado::Column::Publicada.lt(ahora - chrono::Duration::hours(2)))
            .into_tuple::<i64>()
            .all(&self.db)
            .await
            .map_err(bd)?;
        if !viejas.is_empty() {
            self.descartar(&viejas).await;
        }
        let periodos: Vec<(i32, i16)> = informativa::Entity::find()
            .select_only()
            .column(informativa::Column::Anio)
            .column(informativa::Column::Periodo)
            .filter(informativa::Column::Estado.eq(EstadoInformativa::Presentada.as_str()))
            .distinct()
            .into_tuple::<(i32, i16)>()
            .all(&self.db)
            .await
            .map_err(bd)?;
        let mut hechas = Vec::new();
        for (anio, per) in periodos {
            let (Ok(a), Ok(c)) = (
                Anio::new(i64::from(anio)),
                Cuatrimestre::from_numero(u8::try_from(per).unwrap_or(0)),
            ) else {
                continue;
            };
            if let Some(p) = self.publicar(Periodo::new(a, c), Some(mes.clone())).await? {
                tracing::info!(
                    periodo = %format!("{anio}-{per}"),
                    filas = p.publico.filas,
                    inconsistentes = p.inconsistente.filas,
                    "listado publicado"
                );
                hechas.push(p);
            }
        }
        Ok(hechas)
    }
}

fn declarado(c: &FilaContrato) -> ContratoDeclarado {
    let servicio = serde_json::from_str::<SoloServicio>(&c.datos)
        .map(|s| s.servicio.descripcion)
        .unwrap_or_default();
    ContratoDeclarado {
        rfc_contratante: c.rfc_contratante.clone(),
        contratante: c.nombre_contratante.clone(),
        servicio,
        inicio: c.fecha_inicio,
        termino: c.fecha_termino,
        trabajadores: u64::try_from(c.num_trabajadores).unwrap_or(0),
    }
}

fn es_duplicado(e: &sea_orm::DbErr) -> bool {
    matches!(
        e.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}
