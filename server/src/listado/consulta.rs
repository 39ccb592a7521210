//! Reading the publications: one page of the latest publication of a period (searched by name,
//! filtered by type; what `/listado-publico` and `GET /api/v1/listado-publico` show) and the
//! stored files of the latest or of an earlier publication (the downloads).

use super::{clave_archivo, Listado};
use crate::avisos::textos::periodo as nombre_periodo;
use crate::error::bd;
use crate::infra::almacen::Flujo;
use crate::persistence::entities::{fila_listado, publicacion_listado};
use app::api::listado::{
    ConsultaListado, Descarga, FilaPublica, PaginaListado, PeriodoPublicado, Publicacion,
    PAGINA_MAXIMA, POR_PAGINA,
};
use app::api::AppError;
use app::domain::calendar::{a_hora_centro, fecha_numerica, Anio, Cuatrimestre, Periodo};
use app::domain::error::ErrorCode;
use app::domain::informativas::TipoInformativa;
use app::domain::listado::{fecha_mx, nombre_archivo, Inconsistencia, Lista};
use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

/// The longest search text kept.
const BUSQUEDA_MAXIMA: usize = 100;

impl Listado {
    /// One page of the latest complete publication of the asked period (default: the newest).
    pub async fn pagina(&self, c: ConsultaListado) -> Result<PaginaListado, AppError> {
        let lista = match c.lista.as_deref().map(str::trim) {
            Some("inconsistente") => Lista::Inconsistente,
            _ => Lista::Publico,
        };
        let periodos = self.periodos().await?;
        let pedido = periodo_pedido(&c)?;
        let elegido = pedido.or_else(|| {
            periodos.first().and_then(|p| {
                Some(Periodo::new(
                    Anio::new(i64::from(p.anio)).ok()?,
                    Cuatrimestre::from_numero(p.periodo).ok()?,
                ))
            })
        });
        let q: String =
            c.q.as_deref()
                .unwrap_or("")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .chars()
                .take(BUSQUEDA_MAXIMA)
                .collect();
        let tipo = c
            .tipo
            .as_deref()
            .and_then(|t| TipoInformativa::parse(t.trim()))
            .filter(|t| app::domain::listado::se_publica(*t));
        let pagina = c
            .pagina
            .as_deref()
            .and_then(|p| p.trim().parse::<u64>().ok())
            .unwrap_or(1)
            .clamp(1, PAGINA_MAXIMA);
        let mut vista = PaginaListado {
            periodos,
            anio: elegido.map(|p| p.anio.get()),
            periodo: elegido.map(|p| p.cuatrimestre.numero()),
            lista: lista.as_str().to_string(),
            q: q.clone(),
            tipo: tipo.map(|t| t.as_str().to_string()).unwrap_or_default(),
            total: 0,
            pagina,
            paginas: 0,
            filas: Vec::new(),
            publicaciones: Vec::new(),
        };
        let Some(p) = elegido else {
            return Ok(vista);
        };
        let historial = self.historial(lista, p).await?;
        let Some(ultima) = historial.first() else {
            return Ok(vista);
        };
        let mut filtro = Condition::all().add(fila_listado::Column::PublicacionId.eq(ultima.id));
        if !q.is_empty() {
            let patron = format!("%{}%", escapar(&q.to_uppercase()));
            let nombre = |col: fila_listado::Column| {
                Expr::expr(Func::upper(Expr::col(col)))
                    .like(LikeExpr::new(patron.clone()).escape('\\'))
            };
            filtro = filtro.add(
                Condition::any()
                    .add(nombre(fila_listado::Column::Contratista))
                    .add(nombre(fila_listado::Column::Contratante)),
            );
        }
        if let Some(t) = tipo {
            filtro = filtro.add(fila_listado::Column::Tipo.eq(t.etiqueta()));
        }
        // A filtered read scans the period: it waits for one of the few turns (see `mod.rs`).
        let _turno = if q.is_empty() && tipo.is_none() {
            None
        } else {
            Some(self.turno_de_busqueda().await?)
        };
        vista.total = if q.is_empty() && tipo.is_none() {
            u64::try_from(ultima.filas).unwrap_or(0)
        } else {
            fila_listado::Entity::find()
                .filter(filtro.clone())
                .count(&self.db)
                .await
                .map_err(bd)?
        };
        vista.paginas = Ord::min(vista.total.div_ceil(POR_PAGINA), PAGINA_MAXIMA);
        vista.filas = fila_listado::Entity::find()
            .filter(filtro)
            .order_by_asc(fila_listado::Column::Id)
            .offset((pagina - 1) * POR_PAGINA)
            .limit(POR_PAGINA)
            .all(&self.db)
            .await
            .map_err(bd)?
            .into_iter()
            .map(|f| fila_publica(f, p))
            .collect();
        vista.publicaciones = historial
            .iter()
            .map(|h| Publicacion {
                fecha: fecha_numerica(a_hora_centro(h.publicada).date_naive()),
                filas: u64::try_from(h.filas).unwrap_or(0),
                descargas: descargas(lista, p, h, h.id == ultima.id),
            })
            .collect();
        Ok(vista)
    }

    async fn turno_de_busqueda(&self) -> Result<tokio::sync::OwnedSemaphorePermit, AppError> {
        tokio::time::timeout(
            super::ESPERA_BUSQUEDA,
            self.busquedas.clone().acquire_owned(),
        )
        .await
        .ok()
        .and_then(Result::ok)
        .ok_or_else(|| {
            AppError::new(
                ErrorCode::Timeout,
                "El listado público tiene muchas consultas en este momento. Vuelve a intentarlo en unos segundos, o descarga el archivo completo.",
            )
        })
    }

    /// Every period with a complete publication, newest first.
    async fn periodos(&self) -> Result<Vec<PeriodoPublicado>, AppError> {
        let pares: Vec<(i32, i16)> = publicacion_listado::Entity::find()
            .select_only()
            .column(publicacion_listado::Column::Anio)
            .column(publicacion_listado::Column::Periodo)
            .filter(publicacion_listado::Column::Completa.eq(true))
            .distinct()
            .order_by_desc(publicacion_listado::Column::Anio)
            .order_by_desc(publicacion_listado::Column::Periodo)
            .into_tuple()
            .all(&self.db)
            .await
            .map_err(bd)?;
        Ok(pares
            .into_iter()
            .map(|(anio, periodo)| PeriodoPublicado {
                anio,
                periodo: u8::try_from(periodo).unwrap_or(0),
                nombre: nombre_periodo(anio, periodo),
            })
            .collect())
    }

    /// The complete publications of a list and period, newest first.
    async fn historial(
        &self,
        lista: Lista,
        p: Periodo,
    ) -> Result<Vec<publicacion_listado::Model>, AppError> {
        publicacion_listado::Entity::find()
            .filter(publicacion_listado::Column::Lista.eq(lista.as_str()))
            .filter(publicacion_listado::Column::Anio.eq(p.anio.get()))
            .filter(publicacion_listado::Column::Periodo.eq(i16::from(p.cuatrimestre.numero())))
            .filter(publicacion_listado::Column::Completa.eq(true))
            .order_by_desc(publicacion_listado::Column::Id)
            .all(&self.db)
            .await
            .map_err(bd)
    }

    /// The file of the latest publication of a list and period, or of the latest one published
    /// on or before `fecha` (central time): its IMSS-style name and its bytes as a stream.
    pub async fn archivo(
        &self,
        lista: Lista,
        p: Periodo,
        fecha: Option<NaiveDate>,
        extension: &str,
    ) -> Result<(String, Flujo), AppError> {
        let no_hay = || {
            AppError::new(
                ErrorCode::NotFound,
                format!(
                    "No hay publicación del {} {}. Consulta los periodos publicados en /listado-publico.",
                    match lista {
                        Lista::Publico => "listado público de",
                        Lista::Inconsistente => "listado con información inconsistente de",
                    },
                    nombre_periodo(p.anio.get(), i16::from(p.cuatrimestre.numero()))
                ),
            )
        };
        let publicacion = self
            .historial(lista, p)
            .await?
            .into_iter()
            .find(|h| fecha.is_none_or(|f| a_hora_centro(h.publicada).date_naive() <= f))
            .ok_or_else(no_hay)?;
        let clave = clave_archivo(
            lista,
            p.anio.get(),
            i16::from(p.cuatrimestre.numero()),
            publicacion.id,
            extension,
        );
        let flujo = self
            .almacen
            .leer_flujo(&clave)
            .await
            .map_err(|e| {
                tracing::error!(error = ?e, %clave, "no se pudo leer el listado guardado");
                AppError::internal()
            })?
            .ok_or_else(no_hay)?;
        Ok((nombre_archivo(lista, p, extension), flujo))
    }
}

/// The period typed in the URL, if any; a wrong one is a clear error, not an empty page.
fn periodo_pedido(c: &ConsultaListado) -> Result<Option<Periodo>, AppError> {
    let anio = c.anio.as_deref().map(str::trim).filter(|a| !a.is_empty());
    let per = c
        .periodo
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty());
    let Some(anio) = anio else { return Ok(None) };
    let anio = Anio::parse(anio).map_err(|e| AppError::domain(&e))?;
    let c = match per {
        Some(p) => Cuatrimestre::parse(p).map_err(|e| AppError::domain(&e))?,
        None => Cuatrimestre::Primero,
    };
    Ok(Some(Periodo::new(anio, c)))
}

/// `%`, `_` and `\` typed by the reader are literal.
fn escapar(texto: &str) -> String {
    let mut s = String::with_capacity(texto.len());
    for ch in texto.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            s.push('\\');
        }
        s.push(ch);
    }
    s
}

fn descargas(
    lista: Lista,
    p: Periodo,
    h: &publicacion_listado::Model,
    ultima: bool,
) -> Vec<Descarga> {
    let base = match lista {
        Lista::Publico => "/listado-publico",
        Lista::Inconsistente => "/listado-inconsistente",
    };
    ["xlsx", "csv"]
        .into_iter()
        .map(|ext| {
            let fecha = a_hora_centro(h.publicada).date_naive();
            let url = format!(
                "{base}/{}/{}.{ext}{}",
                p.anio.get(),
                p.cuatrimestre.numero(),
                if ultima {
                    String::new()
                } else {
                    format!("?fecha={}", fecha.format("%Y-%m-%d"))
                }
            );
            Descarga {
                nombre: nombre_archivo(lista, p, ext),
                url,
            }
        })
        .collect()
}

fn fila_publica(f: fila_listado::Model, p: Periodo) -> FilaPublica {
    let fecha = |d: Option<NaiveDate>| d.map(fecha_mx).unwrap_or_default();
    let inconsistencia = f.inconsistencia.as_deref().and_then(|i| {
        serde_json::from_value::<Inconsistencia>(serde_json::Value::String(i.to_string()))
            .ok()
            .map(|t| t.etiqueta().to_string())
    });
    FilaPublica {
        contratista: f.contratista,
        persona_contratista: f.persona_contratista,
        contratante: f.contratante,
        persona_contratante: f.persona_contratante,
        servicio: f.servicio,
        inicio: fecha(f.fecha_inicio),
        termino: fecha(f.fecha_termino),
        trabajadores: f.num_trabajadores.and_then(|n| u64::try_from(n).ok()),
        anio: p.anio.get(),
        cuatrimestre: p.cuatrimestre.numero(),
        tipo: f.tipo,
        folio: f.folio,
        presentada: fecha_mx(f.presentada),
        inconsistencia,
    }
}
