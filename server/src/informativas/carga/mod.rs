//! Bulk worker upload ("Carga masiva", domain.md §4): the browser sends the rows it found valid as
//! the body of one request; the server reads the body as a stream, checks every row again with
//! the same engine (never trusting the browser), refuses rows already on the contract (V08), and
//! stores the batch in **one short transaction** (a large one in several: [`partes`]): all of it
//! or nothing, so a dropped connection leaves nothing behind. The body is read and checked **before** that transaction begins (issue
//! 15): a slow, stalled (30 s idle timeout) or huge upload never holds the database's single
//! writer or the informativa's lock while it arrives, so other tenants keep writing. The
//! client's idempotency key is written in the same transaction, so a retry after a network
//! failure gets the first answer instead of a second copy of the rows.
//!
//! Memory: the accepted rows packed at 40 bytes each (see [`lote`]), the sets of workers already
//! on the contract (16 and 24 bytes each) and the refused rows; never the body itself.

mod lote;
pub mod partes;

use super::{periodo, Actor, Informativas};
use crate::error::{bd, es_duplicado};
use crate::persistence::entities::{carga, contrato};
use app::api::informativas::ResultadoCarga;
use app::api::AppError;
use app::domain::csv_seguro;
use app::domain::error::{DomainError, ErrorCode};
use app::domain::trabajadores::{
    ConfigValidacion, Detector, ErrorArchivo, FilaRevisada, LimitesArchivo, Salida, Severidad,
    Validador,
};
use axum::body::Bytes;
use futures_util::{Stream, StreamExt};
use lote::{clave_nss, Lote};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait};
use std::collections::HashSet;

/// Existing workers read per query when loading the duplicate sets.
const LECTURA: u64 = 50_000;

/// How long an upload may go without receiving a byte before it is abandoned (nothing stored).
const INACTIVIDAD_CUERPO: std::time::Duration = std::time::Duration::from_secs(30);

/// Uploads checked and written at the same time; the rest wait their turn before their body is
/// read. Each holds its rows packed, its duplicate sets and its insert batches (about 120 MB at
/// the 1,000,000-row limit), so fifty clients uploading at once cannot take the server's memory;
/// and uploads, the heaviest work the server does, cannot take every core from the pages,
/// signatures and acuses of everyone else on deadline day. Measured with `dia-limite`
/// (docs/BENCHMARKS.md): with 4, other users' pages answered 3–5 times faster than with a budget
/// that let about twenty uploads run at once, for the same throughput.
pub const CARGAS_SIMULTANEAS: usize = 4;

/// How long an upload waits for its turn before it is refused with `503 timeout`.
const ESPERA_TURNO: std::time::Duration = std::time::Duration::from_secs(120);

/// An idempotency key: 8–64 characters of `[A-Za-z0-9_-]` (a UUID fits).
pub fn clave_valida(clave: &str) -> Result<String, AppError> {
    let c = clave.trim();
    if (8..=64).contains(&c.len())
        && c.chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
    {
        Ok(c.to_string())
    } else {
        Err(AppError::new(
            ErrorCode::IdempotencyKey,
            "Falta la clave de la carga (Idempotency-Key): de 8 a 64 letras, dígitos, guiones o guiones bajos, una nueva por cada carga. Recarga la página y vuelve a intentarlo.",
        ))
    }
}

/// CURP → u128: 18 characters of an alphabet of 37 fit in 94 bits, with no collisions.
fn clave_curp(curp: &str) -> u128 {
    curp.bytes().fold(0u128, |a, b| {
        let v = match b {
            b'0'..=b'9' => b - b'0' + 1,
            b'A'..=b'Z' => b - b'A' + 11,
            _ => 0,
        };
        a * 37 + u128::from(v)
    })
}

/// Receives the checked rows: new workers go to the pending batch, the rest to the refused CSV.
struct SalidaCarga {
    /// Workers already on the contract (the engine finds repeats inside the file itself).
    nss: HashSet<u64>,
    curp: HashSet<u128>,
    lote: Lote,
    agregados: u64,
    rechazados: u64,
    csv: csv::Writer<Vec<u8>>,
}

/// Refused rows written to the downloadable file at most: a 1M-row garbage upload made a 380 MB
/// file held in memory and loaded whole on every download (issue 15). Past this the rows are
/// counted and the file says how many more there were; the browser's validator (`/validar`)
/// lists every one without any upload.
pub const MAX_RECHAZADOS_EN_ARCHIVO: u64 = 50_000;

impl SalidaCarga {
    fn rechazar(&mut self, fila: &FilaRevisada<'_>, motivo: &str) {
        self.rechazados += 1;
        if self.rechazados > MAX_RECHAZADOS_EN_ARCHIVO {
            return;
        }
        let celda = |i: usize| csv_seguro::celda(fila.celdas.get(i).copied().unwrap_or(""));
        let numero = fila.fila.to_string();
        let celdas = [celda(0), celda(1), celda(2), csv_seguro::celda(motivo)];
        let _ = self.csv.write_record(
            std::iter::once(numero.as_bytes()).chain(celdas.iter().map(|c| c.as_bytes())),
        );
    }
}

impl Salida for SalidaCarga {
    fn fila(&mut self, fila: &FilaRevisada<'_>) {
        match &fila.trabajador {
            Some(t) => {
                let (n, c) = (clave_nss(t.nss.as_str()), clave_curp(t.curp.as_str()));
                // V08: never twice on one contract.
                if self.nss.contains(&n) {
                    let m = format!("El NSS {} ya está registrado en este contrato.", t.nss);
                    self.rechazar(fila, &m);
                } else if self.curp.contains(&c) {
                    let m = format!("La CURP {} ya está registrada en este contrato.", t.curp);
                    self.rechazar(fila, &m);
                } else {
                    self.agregados += 1;
                    self.lote.agregar(
                        t.nss.as_str(),
                        t.curp.as_str(),
                        i64::try_from(t.sbc.centavos()).unwrap_or(i64::MAX),
                    );
                }
            }
            None => {
                let motivo = fila
                    .hallazgos
                    .iter()
                    .filter(|h| h.severidad == Severidad::Error)
                    .map(|h| h.mensaje.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                self.rechazar(fila, &motivo);
            }
        }
    }
}

fn archivo(e: &ErrorArchivo) -> AppError {
    AppError::new(e.code(), e.to_string())
}

fn resultado(m: &carga::Model, repetida: bool, total: i64) -> ResultadoCarga {
    ResultadoCarga {
        clave: m.clave.clone(),
        filas: u64::try_from(m.filas).unwrap_or(0),
        agregados: u64::try_from(m.agregados).unwrap_or(0),
        rechazados: u64::try_from(m.rechazados).unwrap_or(0),
        repetida,
        total: u64::try_from(total).unwrap_or(0),
        avisos: Vec::new(),
    }
}

impl Informativas {
    async fn repetir(&self, m: &carga::Model, cid: i64) -> Result<ResultadoCarga, AppError> {
        if m.en_curso {
            return Err(partes::en_curso_error());
        }
        if m.contrato_id != Some(cid) {
            return Err(AppError::new(
                ErrorCode::IdempotencyKey,
                "Esa clave de carga ya se usó para otro contrato. Recarga la página y vuelve a cargar el archivo.",
            ));
        }
        let total = contrato::Entity::find_by_id(cid)
            .one(&self.db)
            .await
            .map_err(bd)?
            .map_or(0, |c| c.num_trabajadores);
        Ok(resultado(m, true, total))
    }

    async fn conjuntos(
        db: &impl ConnectionTrait,
        cid: i64,
        salida: &mut SalidaCarga,
    ) -> Result<(), AppError> {
        let mut despues = String::new();
        loop {
            let filas = super::trabajadores::pagina_ordenada(db, cid, &despues, LECTURA).await?;
            let Some((ultimo, _, _)) = filas.last() else {
                return Ok(());
            };
            despues = ultimo.clone();
            for (n, c, _) in &filas {
                salida.nss.insert(clave_nss(n));
                salida.curp.insert(clave_curp(c));
            }
            if (filas.len() as u64) < LECTURA {
                return Ok(());
            }
        }
    }

    /// Phase 1 of an upload, **outside any transaction**: reads the body with an idle timeout,
    /// checks every row and keeps the accepted ones packed. A slow or stalled client holds only
    /// its own memory, never the database's single writer (SQLite) or a row lock.
    async fn revisar_cuerpo<S, E>(
        config: ConfigValidacion,
        salida: &mut SalidaCarga,
        mut cuerpo: S,
    ) -> Result<u64, AppError>
    where
        S: Stream<Item = Result<Bytes, E>> + Unpin,
        E: std::fmt::Display,
    {
        let limites = config.limites;
        let mut validador: Option<Validador> = None;
        let mut recibidos: u64 = 0;
        loop {
            let trozo = match tokio::time::timeout(INACTIVIDAD_CUERPO, cuerpo.next()).await {
                Ok(Some(t)) => t,
                Ok(None) => break,
                Err(_) => {
                    tracing::warn!("carga detenida: sin datos del cliente");
                    return Err(AppError::new(
                        ErrorCode::FileUnreadable,
                        format!(
                            "La carga se detuvo: no llegaron datos en {} segundos y no se guardó ningún trabajador. Revisa tu conexión y vuelve a intentarlo.",
                            INACTIVIDAD_CUERPO.as_secs()
                        ),
                    ));
                }
            };
            let trozo = trozo.map_err(|e| {
                // The client went away mid-upload: nothing was written.
                tracing::warn!(error = %e, "carga interrumpida");
                AppError::new(
                    ErrorCode::FileUnreadable,
                    "La carga se interrumpió antes de terminar y no se guardó ningún trabajador. Vuelve a intentarlo.",
                )
            })?;
            recibidos += trozo.len() as u64;
            if recibidos > limites.max_bytes {
                return Err(archivo(&ErrorArchivo::demasiado_grande(
                    recibidos,
                    limites.max_bytes,
                )));
            }
            if validador.is_none() {
                // The browser sends UTF-8 with commas; a first-chunk sniff also accepts what an
                // API client sends straight from Excel.
                let mut d = Detector::new();
                d.alimentar(&trozo);
                let mut deteccion = d.terminar();
                deteccion.bytes = 0;
                validador = Some(Validador::new(config, deteccion).map_err(|e| archivo(&e))?);
            }
            let Some(v) = validador.as_mut() else {
                continue;
            };
            v.alimentar(&trozo, salida).map_err(|e| archivo(&e))?;
        }
        let resumen = validador
            .ok_or_else(|| archivo(&ErrorArchivo::Vacio))?
            .terminar(salida)
            .map_err(|e| archivo(&e))?;
        Ok(resumen.filas)
    }

    /// Uploads being processed now in this process (`/metrics`).
    pub fn cargas_en_curso(&self) -> u64 {
        (CARGAS_SIMULTANEAS - self.cargas.available_permits()) as u64
    }

    /// Waits for an upload's turn ([`CARGAS_SIMULTANEAS`]); hold the permit until
    /// [`Informativas::cargar`] ends.
    pub async fn turno_de_carga(&self) -> Result<tokio::sync::OwnedSemaphorePermit, AppError> {
        tokio::time::timeout(ESPERA_TURNO, self.cargas.clone().acquire_owned())
        .await
        .ok()
        .and_then(Result::ok)
        .ok_or_else(|| {
            AppError::new(
                ErrorCode::Timeout,
                "El servidor está procesando muchas cargas en este momento y la tuya no alcanzó turno; no se guardó nada. Vuelve a intentarlo en unos minutos.",
            )
        })
    }

    /// Stores one batch of workers read from `cuerpo`; see the module header.
    pub async fn cargar<S, E>(
        &self,
        actor: &Actor,
        id: i64,
        cid: i64,
        clave: &str,
        limites: LimitesArchivo,
        cuerpo: S,
    ) -> Result<ResultadoCarga, AppError>
    where
        S: Stream<Item = Result<Bytes, E>> + Unpin,
        E: std::fmt::Display,
    {
        let clave = clave_valida(clave)?;
        if let Some(previa) = self.carga_previa(&actor.rfc, id, &clave).await? {
            return self.repetir(&previa, cid).await;
        }
        let salarios = self.salarios().await?;
        // Phase 1 (reads only): the informativa in capture, the contract its own, the workers
        // already on it, then the body.
        let i = self.buscar(&self.db, &actor.rfc, id).await?;
        if !super::estado(&i).editable() {
            return Err(super::no_editable(&i));
        }
        self.buscar_contrato(&self.db, id, cid).await?;
        let sbc = salarios
            .limites(periodo(&i)?)
            .map_err(|e| AppError::domain(&e))?;
        let mut csv = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
        csv.write_record(["FILA", "NSS", "CURP", "SBC", "MOTIVO"])
            .map_err(|_| AppError::internal())?;
        let mut salida = SalidaCarga {
            nss: HashSet::new(),
            curp: HashSet::new(),
            lote: Lote::default(),
            agregados: 0,
            rechazados: 0,
            csv,
        };
        Self::conjuntos(&self.db, cid, &mut salida).await?;
        let filas =
            Self::revisar_cuerpo(ConfigValidacion { limites, sbc }, &mut salida, cuerpo).await?;
        let lote = std::mem::take(&mut salida.lote);
        debug_assert_eq!(lote.len() as u64, salida.agregados);
        let agregados = i64::try_from(salida.agregados).unwrap_or(i64::MAX);
        let rechazados = i64::try_from(salida.rechazados).unwrap_or(i64::MAX);
        let clave_rechazados = if salida.rechazados > 0 {
            if salida.rechazados > MAX_RECHAZADOS_EN_ARCHIVO {
                let _ = salida.csv.write_record([
                    "",
                    "",
                    "",
                    "",
                    &format!(
                        "Y {} renglones más con errores que no se listan aquí. Revisa el archivo completo en «Validar archivo de trabajadores», que los muestra todos sin subirlo.",
                        salida.rechazados - MAX_RECHAZADOS_EN_ARCHIVO
                    ),
                ]);
            }
            let bytes = salida.csv.into_inner().map_err(|_| AppError::internal())?;
            let k = format!(
                "cargas/{}/{}/{}.csv",
                crate::infra::almacen::segmento(&actor.rfc),
                id,
                crate::infra::almacen::segmento(&clave)
            );
            self.almacen.guardar(&k, &bytes).await.map_err(|e| {
                tracing::error!(error.cause_chain = ?e, "no se pudieron guardar los rechazados");
                AppError::internal()
            })?;
            Some(k)
        } else {
            None
        };

        // Phase 2: one short transaction with everything already checked (or, for a large
        // batch, several: `partes`).
        let ahora = self.clock.now();
        let por_partes = lote.len() > partes::filas_por_parte(self.db.get_database_backend());
        let txn = crate::persistence::escribir(&self.db).await.map_err(bd)?;
        self.bloquear_en_captura(&txn, &actor.rfc, id).await?;
        self.buscar_contrato(&txn, id, cid).await?;
        let registro = carga::ActiveModel {
            informativa_id: Set(id),
            contrato_id: Set(Some(cid)),
            tipo: Set("trabajadores".into()),
            clave: Set(clave.clone()),
            filas: Set(i64::try_from(filas).unwrap_or(i64::MAX)),
            agregados: Set(agregados),
            rechazados: Set(rechazados),
            rechazados_clave: Set(clave_rechazados),
            creada: Set(ahora),
            por: Set(actor.por.clone()),
            en_curso: Set(por_partes),
            ..Default::default()
        };
        let r = match registro.insert(&txn).await {
            Ok(r) => r,
            Err(e) => {
                drop(txn);
                if es_duplicado(&e) {
                    if let Some(previa) = self.carga_previa(&actor.rfc, id, &clave).await? {
                        return self.repetir(&previa, cid).await;
                    }
                }
                return Err(bd(e));
            }
        };
        // A concurrent upload to the same contract may have stored some of these workers since
        // phase 1: the primary keys refuse them, and the whole batch with them (`lote`).
        if por_partes {
            txn.commit().await.map_err(bd)?;
            self.escribir_en_partes(&actor.rfc, id, cid, r.id, lote, ahora)
                .await?;
        } else {
            lote.escribir(&txn, cid, r.id).await?;
            super::trabajadores::sumar(&txn, id, cid, agregados, ahora).await?;
            txn.commit().await.map_err(bd)?;
            crate::metricas::global().filas_cargadas(u64::try_from(agregados).unwrap_or(0));
        }
        let total = contrato::Entity::find_by_id(cid)
            .one(&self.db)
            .await
            .map_err(bd)?
            .map_or(0, |c| c.num_trabajadores);
        Ok(ResultadoCarga {
            avisos: sbc.aviso().into_iter().collect(),
            ..resultado(&r, false, total)
        })
    }

    /// The refused rows of an upload as XLSX (read whole: refused rows are bounded by the upload
    /// limits).
    pub async fn rechazados_xlsx(
        &self,
        rfc: &str,
        id: i64,
        clave: &str,
    ) -> Result<Vec<u8>, AppError> {
        use futures_util::StreamExt;
        let mut flujo = self.rechazados(rfc, id, clave).await?;
        let mut csv = Vec::new();
        while let Some(trozo) = flujo.next().await {
            csv.extend_from_slice(&trozo.map_err(|e| {
                tracing::error!(error = ?e, "no se pudieron leer los rechazados");
                AppError::internal()
            })?);
        }
        tokio::task::spawn_blocking(move || {
            crate::infra::xlsx::desde_csv("Rechazados", &csv, &std::env::temp_dir())
        })
        .await
        .map_err(|_| AppError::internal())?
        .map_err(|e| {
            tracing::error!(error = ?e, "no se pudo escribir el XLSX de rechazados");
            AppError::internal()
        })
    }

    /// The refused rows of a batch, as CSV, streamed from the store: a download never holds
    /// the file in memory.
    pub async fn rechazados(
        &self,
        rfc: &str,
        id: i64,
        clave: &str,
    ) -> Result<crate::infra::almacen::Flujo, AppError> {
        let sin = || {
            AppError::new(
                ErrorCode::NotFound,
                "Esa carga no tiene renglones rechazados.",
            )
        };
        let c = self.carga_previa(rfc, id, clave).await?.ok_or_else(sin)?;
        let Some(k) = c.rechazados_clave else {
            return Err(if c.rechazados > 0 {
                AppError::new(
                    ErrorCode::NotFound,
                    "Los renglones rechazados de esa carga ya se eliminaron: se guardan 30 días (o lo que configure el administrador). Vuelve a validar el archivo para obtenerlos.",
                )
            } else {
                sin()
            });
        };
        self.almacen
            .leer_flujo(&k)
            .await
            .map_err(|e| {
                tracing::error!(error.cause_chain = ?e, "no se pudieron leer los rechazados");
                AppError::internal()
            })?
            .ok_or_else(sin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_do_not_collide_on_neighbours() {
        assert_ne!(
            clave_curp("PELJ850101HDFRPN06"),
            clave_curp("PELJ850101HDFRPN07")
        );
        assert_ne!(
            clave_curp("AAAA000000HAAAAA00"),
            clave_curp("AAAA000000HAAAAA0A")
        );
        assert_eq!(clave_nss("01108512342"), 1_108_512_342);
        assert_ne!(clave_nss("01108512342"), clave_nss("10108512342"));
    }

    #[test]
    fn idempotency_keys_are_checked() {
        assert!(clave_valida("3f2b1c9e-0000-4000-8000-000000000000").is_ok());
        assert!(clave_valida("corta").is_err());
        assert!(clave_valida("con espacio 12345").is_err());
    }
}
