//! One list being written: the CSV (UTF-8 with BOM, so Excel reads the accents; cells
//! neutralised against formulas), the XLSX (constant memory; counts as numbers) and the
//! searchable `fila_listado` rows, in batches of short write transactions.

use super::clave_archivo;
use crate::error::bd;
use crate::infra::almacen::Almacen;
use crate::infra::xlsx::{Celda, Hoja};
use crate::persistence::entities::fila_listado;
use app::api::AppError;
use app::domain::calendar::Periodo;
use app::domain::csv_seguro::celda;
use app::domain::listado::{
    FilaListado, Inconsistencia, Lista, ENCABEZADOS, ENCABEZADO_INCONSISTENCIA,
};
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use super::publicar::Publicada;

/// Rows per insert transaction.
const FILAS_POR_TRANSACCION: usize = 2_000;

/// One list on its way out.
pub struct Salida {
    lista: Lista,
    id: i64,
    csv: csv::Writer<BufWriter<File>>,
    hoja: Hoja,
    lote: Vec<fila_listado::ActiveModel>,
    filas: u64,
    dir: tempfile::TempDir,
}

fn archivo(e: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %e, "no se pudo escribir el listado");
    AppError::internal()
}

impl Salida {
    /// Opens both files of publication `id` under a fresh directory inside `temporal`.
    pub fn nueva(lista: Lista, id: i64, temporal: &std::path::Path) -> Result<Self, AppError> {
        std::fs::create_dir_all(temporal).map_err(archivo)?;
        let dir = tempfile::tempdir_in(temporal).map_err(archivo)?;
        let mut f = BufWriter::new(File::create(dir.path().join("l.csv")).map_err(archivo)?);
        f.write_all("\u{feff}".as_bytes()).map_err(archivo)?;
        let mut csv = csv::Writer::from_writer(f);
        let mut encabezados: Vec<&str> = ENCABEZADOS.to_vec();
        if lista == Lista::Inconsistente {
            encabezados.push(ENCABEZADO_INCONSISTENCIA);
        }
        csv.write_record(&encabezados).map_err(archivo)?;
        let nombre = match lista {
            Lista::Publico => "Listado público",
            Lista::Inconsistente => "Información inconsistente",
        };
        let hoja = Hoja::nueva(nombre, &encabezados, dir.path()).map_err(archivo)?;
        Ok(Salida {
            lista,
            id,
            csv,
            hoja,
            lote: Vec::new(),
            filas: 0,
            dir,
        })
    }

    /// Writes one row everywhere.
    pub async fn escribir(
        &mut self,
        db: &DatabaseConnection,
        fila: &FilaListado,
        tipo: Option<Inconsistencia>,
    ) -> Result<(), AppError> {
        let mut celdas: Vec<String> = fila.celdas().into();
        if let Some(t) = tipo {
            celdas.push(t.etiqueta().to_string());
        }
        self.csv
            .write_record(celdas.iter().map(|c| celda(c).into_owned()))
            .map_err(archivo)?;
        self.hoja
            .fila(celdas.into_iter().enumerate().map(|(i, c)| {
                // Workers, year and cuatrimestre are numbers; everything else is text.
                match (i, c.parse::<f64>()) {
                    (7..=9, Ok(n)) => Celda::Numero(n),
                    (_, _) => Celda::Texto(c),
                }
            }))
            .map_err(archivo)?;
        self.lote.push(fila_listado::ActiveModel {
            publicacion_id: Set(self.id),
            contratista: Set(fila.contratista.clone()),
            persona_contratista: Set(fila.persona_contratista.clone()),
            contratante: Set(fila.contratante.clone()),
            persona_contratante: Set(fila.persona_contratante.clone()),
            servicio: Set(fila.servicio.clone()),
            fecha_inicio: Set(fila.inicio),
            fecha_termino: Set(fila.termino),
            num_trabajadores: Set(fila
                .trabajadores
                .map(|n| i64::try_from(n).unwrap_or(i64::MAX))),
            tipo: Set(fila.tipo.clone()),
            folio: Set(fila.folio.clone()),
            presentada: Set(fila.presentada),
            inconsistencia: Set(tipo.map(|t| {
                serde_json::to_value(t)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default()
            })),
            ..Default::default()
        });
        self.filas += 1;
        if self.lote.len() >= FILAS_POR_TRANSACCION {
            self.vaciar(db).await?;
        }
        Ok(())
    }

    /// Inserts the pending searchable rows.
    pub async fn vaciar(&mut self, db: &DatabaseConnection) -> Result<(), AppError> {
        if self.lote.is_empty() {
            return Ok(());
        }
        let lote = std::mem::take(&mut self.lote);
        let txn = crate::persistence::escribir(db).await.map_err(bd)?;
        fila_listado::Entity::insert_many(lote)
            .exec(&txn)
            .await
            .map_err(bd)?;
        txn.commit().await.map_err(bd)
    }

    /// Finishes both files and stores them under the publication's keys.
    pub async fn guardar(
        self,
        almacen: &dyn Almacen,
        periodo: Periodo,
    ) -> Result<Publicada, AppError> {
        let Salida {
            lista,
            id,
            csv,
            hoja,
            filas,
            dir,
            ..
        } = self;
        let mut f = csv.into_inner().map_err(archivo)?;
        f.flush().map_err(archivo)?;
        let xlsx: PathBuf = dir.path().join("l.xlsx");
        let destino = xlsx.clone();
        // Zipping a large sheet is CPU work: off the async threads.
        tokio::task::spawn_blocking(move || hoja.guardar(&destino))
            .await
            .map_err(archivo)?
            .map_err(archivo)?;
        let (anio, per) = (periodo.anio.get(), i16::from(periodo.cuatrimestre.numero()));
        for (ruta, ext) in [(dir.path().join("l.csv"), "csv"), (xlsx, "xlsx")] {
            almacen
                .guardar_archivo(&clave_archivo(lista, anio, per, id, ext), &ruta)
                .await
                .map_err(archivo)?;
        }
        Ok(Publicada { lista, id, filas })
    }
}
