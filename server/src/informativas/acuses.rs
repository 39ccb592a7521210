//! After presentation: the acuse PDF (rebuilt from the sealed record, the same bytes every
//! time), the CSV of what was presented, and complementarias (corrección, sin efectos; at most
//! four per period — V14). Public verification is in [`super::verificar`].

use super::presentar::fecha_hora;
use super::trabajadores::pagina_ordenada;
use super::{estado, tipo, Actor, Informativas};
use crate::acuse::{DatosAcuse, Extemporanea};
use crate::error::bd;
use crate::persistence::entities::{contrato, informativa};
use app::api::informativas::InformativaFila;
use app::api::AppError;
use app::domain::csv_seguro;
use app::domain::error::ErrorCode;
use app::domain::informativas::{EstadoInformativa, TipoInformativa, MAX_COMPLEMENTARIAS};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
};

/// Workers per query while writing the CSV.
const LECTURA: u64 = 20_000;

fn sin_acuse() -> AppError {
    AppError::new(
        ErrorCode::NotFound,
        "Esa informativa no tiene acuse: todavía no se presenta.",
    )
}

impl Informativas {
    /// The acuse of informativa `id`: its file name and the PDF.
    pub async fn acuse(&self, rfc: &str, id: i64) -> Result<(String, Vec<u8>), AppError> {
        let p = self
            .presentacion_de(&self.db, rfc, id)
            .await?
            .ok_or_else(sin_acuse)?;
        let r = self.respuesta(&p, true);
        let per = super::periodo(&self.buscar(&self.db, rfc, id).await?)?;
        let datos = DatosAcuse {
            folio: p.folio.clone(),
            tipo: TipoInformativa::parse(&p.tipo)
                .map_or_else(|| p.tipo.clone(), |t| t.etiqueta().to_string()),
            folio_referencia: p.folio_referencia.clone(),
            rfc: p.rfc.clone(),
            nombre: p.nombre.clone(),
            anio: p.anio,
            periodo: u8::try_from(p.periodo).unwrap_or(0),
            meses: per.cuatrimestre.meses().to_string(),
            fecha_hora: fecha_hora(p.presentada),
            contratos: u64::try_from(p.num_contratos).unwrap_or(0),
            trabajadores: u64::try_from(p.num_trabajadores).unwrap_or(0),
            extemporanea: r.extemporanea.map(|m| Extemporanea {
                vence: m.vence,
                multa_minima: m.minima,
                multa_maxima: m.maxima,
                uma: m.uma,
            }),
            no_certificado: p.no_certificado.clone(),
            cadena: p.cadena.clone(),
            firma: p.firma.clone(),
            sello: p.sello.clone(),
            no_certificado_sello: p.no_certificado_sello.clone(),
            url_certificado_sello: self.firma.url_certificado(),
            url_verificacion: r.url_verificacion,
            codigo: p.codigo.clone(),
            desarrollo: p.sello_desarrollo,
        };
        Ok((format!("acuse-{}.pdf", p.folio), crate::acuse::pdf(&datos)))
    }

    /// The contracts and workers of a presented informativa as CSV (UTF-8 with BOM, so Excel
    /// reads the accents), one row per worker with its contract's columns. Sent in pieces
    /// through `enviar` so a million workers never sit in memory at once.
    pub async fn csv_presentada(
        &self,
        rfc: &str,
        id: i64,
        enviar: tokio::sync::mpsc::Sender<Vec<u8>>,
    ) -> Result<(), AppError> {
        let contratos = super::contratos::de_informativa(&self.db, id).await?;
        let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
        let nuevo = || csv::Writer::from_writer(Vec::with_capacity(1 << 20));
        let _ = w.write_record(super::cliente::COLUMNAS);
        let folio = self
            .presentacion_de(&self.db, rfc, id)
            .await?
            .map(|p| p.folio)
            .unwrap_or_default();
        for (n, k) in contratos.iter().enumerate() {
            let numero = (n + 1).to_string();
            let inicio = k.fecha_inicio.format("%d/%m/%Y").to_string();
            let termino = k
                .fecha_termino
                .map(|f| f.format("%d/%m/%Y").to_string())
                .unwrap_or_default();
            let mut despues = String::new();
            loop {
                let filas = pagina_ordenada(&self.db, k.id, &despues, LECTURA).await?;
                for (nss, curp, sbc) in &filas {
                    let sbc = format!("{}.{:02}", sbc / 100, sbc % 100);
                    let celdas = [
                        folio.as_str(),
                        numero.as_str(),
                        k.rfc_contratante.as_str(),
                        k.nombre_contratante.as_str(),
                        k.servicio.as_str(),
                        inicio.as_str(),
                        termino.as_str(),
                        nss.as_str(),
                        curp.as_str(),
                        sbc.as_str(),
                    ]
                    .map(csv_seguro::celda);
                    let _ = w.write_record(celdas.iter().map(|c| c.as_bytes()));
                }
                let trozo = std::mem::replace(&mut w, nuevo())
                    .into_inner()
                    .unwrap_or_default();
                if enviar.send(trozo).await.is_err() {
                    return Ok(()); // the client went away
                }
                match filas.last() {
                    Some((n, _, _)) if filas.len() as u64 == LECTURA => despues = n.clone(),
                    _ => break,
                }
            }
        }
        let resto = w.into_inner().unwrap_or_default();
        let _ = enviar.send(resto).await;
        Ok(())
    }

    /// Only a presented informativa has a CSV of what was presented.
    pub async fn exigir_presentada(&self, rfc: &str, id: i64) -> Result<String, AppError> {
        self.presentacion_de(&self.db, rfc, id)
            .await?
            .map(|p| p.folio)
            .ok_or_else(sin_acuse)
    }

    /// "Presentar complementaria" of a presented, valid informativa: a Corrección starts as a
    /// copy of everything it replaces (contracts and workers); a Sin efectos starts empty.
    pub async fn complementaria(
        &self,
        actor: &Actor,
        id: i64,
        t: &str,
    ) -> Result<InformativaFila, AppError> {
        let t = TipoInformativa::parse(t.trim())
            .filter(|t| t.es_complementaria())
            .ok_or_else(|| {
                AppError::formulario(vec![app::domain::error::ErrorCampo::nuevo(
                    "tipo",
                    ErrorCode::FieldRequired,
                    "Elige el tipo de complementaria: Corrección (cambia datos) o Sin efectos (anula la informativa).",
                )])
            })?;
        let base = self.buscar(&self.db, &actor.rfc, id).await?;
        if estado(&base) != EstadoInformativa::Presentada {
            return Err(AppError::new(
                ErrorCode::InformativaState,
                "Solo se presenta una complementaria de una informativa presentada y vigente (no de una en captura, sustituida o sin efectos).",
            ));
        }
        let txn = crate::persistence::escribir(&self.db).await.map_err(bd)?;
        // The same row lock as any change: two complementarias cannot be counted at once.
        let _ = informativa::Entity::update_many()
            .col_expr(
                informativa::Column::Actualizada,
                sea_orm::sea_query::Expr::col(informativa::Column::Actualizada),
            )
            .filter(informativa::Column::Id.eq(id))
            .exec(&txn)
            .await
            .map_err(bd)?;
        // Only the filing in force for the period can be corrected or annulled: a Sin efectos
        // is an annulment, not a filing in force, and after it a new Normal may have been
        // presented (Lineamientos 5.6–5.9: one valid filing per period).
        let vigente = informativa::Entity::find()
            .filter(informativa::Column::Rfc.eq(&actor.rfc))
            .filter(informativa::Column::Anio.eq(base.anio))
            .filter(informativa::Column::Periodo.eq(base.periodo))
            .filter(informativa::Column::Estado.eq(EstadoInformativa::Presentada.as_str()))
            .filter(informativa::Column::Tipo.ne(TipoInformativa::SinEfectos.as_str()))
            .one(&txn)
            .await
            .map_err(bd)?;
        if vigente.as_ref().map(|v| v.id) != Some(id) {
            let mensaje = match vigente.and_then(|v| v.folio) {
                Some(f) => format!(
                    "Esta informativa ya no es la vigente del periodo {} de {}: la vigente es la del folio {f}. Presenta la complementaria de esa.",
                    base.periodo, base.anio
                ),
                None => format!(
                    "Esta informativa ya no es la vigente del periodo {} de {}: fue anulada o reemplazada y no hay otra presentada. Registra una informativa Normal o Sin información del periodo.",
                    base.periodo, base.anio
                ),
            };
            return Err(AppError::new(ErrorCode::ComplementariaNotVigente, mensaje));
        }
        let del_periodo = informativa::Entity::find()
            .filter(informativa::Column::Rfc.eq(&actor.rfc))
            .filter(informativa::Column::Anio.eq(base.anio))
            .filter(informativa::Column::Periodo.eq(base.periodo))
            .filter(informativa::Column::Tipo.is_in([
                TipoInformativa::Correccion.as_str(),
                TipoInformativa::SinEfectos.as_str(),
            ]));
        let n = del_periodo.clone().count(&txn).await.map_err(bd)?;
        if n >= MAX_COMPLEMENTARIAS {
            return Err(AppError::new(
                ErrorCode::ComplementariasLimit,
                format!(
                    "Ya hay {n} complementarias del periodo {} de {}: el máximo es {MAX_COMPLEMENTARIAS}. Si alguna está en captura, corrígela en lugar de crear otra.",
                    base.periodo, base.anio
                ),
            ));
        }
        let abierta = del_periodo
            .filter(informativa::Column::ReferenciaId.eq(id))
            .filter(informativa::Column::Estado.is_in([
                EstadoInformativa::Captura.as_str(),
                EstadoInformativa::EnFirma.as_str(),
            ]))
            .one(&txn)
            .await
            .map_err(bd)?;
        if let Some(a) = abierta {
            return Err(AppError::new(
                ErrorCode::InformativaExists,
                format!(
                    "Ya hay una {} de esta informativa sin presentar: ábrela desde la lista (o elimínala) en lugar de crear otra.",
                    tipo(&a).etiqueta().to_lowercase()
                ),
            ));
        }
        let ahora = self.clock.now();
        let copia = t == TipoInformativa::Correccion;
        let nueva = informativa::ActiveModel {
            rfc: Set(actor.rfc.clone()),
            anio: Set(base.anio),
            periodo: Set(base.periodo),
            tipo: Set(t.as_str().to_string()),
            estado: Set(EstadoInformativa::Captura.as_str().to_string()),
            original: Set(None),
            num_contratos: Set(if copia { base.num_contratos } else { 0 }),
            num_trabajadores: Set(if copia { base.num_trabajadores } else { 0 }),
            creada: Set(ahora),
            creada_por: Set(actor.por.clone()),
            actualizada: Set(ahora),
            referencia_id: Set(Some(id)),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(bd)?;
        if copia {
            let contratos = super::contratos::de_informativa(&txn, id).await?;
            for k in contratos {
                let c = contrato::ActiveModel {
                    informativa_id: Set(nueva.id),
                    rfc_contratante: Set(k.rfc_contratante),
                    nombre_contratante: Set(k.nombre_contratante),
                    servicio: Set(k.servicio),
                    fecha_inicio: Set(k.fecha_inicio),
                    fecha_termino: Set(k.fecha_termino),
                    datos: Set(k.datos),
                    num_trabajadores: Set(k.num_trabajadores),
                    creado: Set(ahora),
                    actualizado: Set(ahora),
                    ..Default::default()
                }
                .insert(&txn)
                .await
                .map_err(bd)?;
                super::trabajadores::copiar(&txn, k.id, c.id).await?;
            }
        }
        txn.commit().await.map_err(bd)?;
        self.fila_de(&nueva).await
    }
}
