//! What a client (beneficiario) may read of a provider's filings once authorised (issue 18;
//! Lineamientos 7): only presented informativas, only the contracts whose contratante is that
//! client, and the workers on them. And the XLSX of what was presented, for the contratista
//! itself and for an authorised client (only its contracts) — one writer for both.

use super::trabajadores::pagina_ordenada;
use super::Informativas;
use crate::avisos::textos::periodo as nombre_periodo;
use crate::error::bd;
use crate::infra::xlsx::{Celda, Hoja};
use crate::persistence::entities::{contrato, informativa, presentacion};
use app::api::beneficiarios::{ContratoCliente, InformativaCliente, TrabajadorCliente};
use app::api::AppError;
use app::domain::calendar::{a_hora_centro, fecha_numerica};
use app::domain::dinero::pesos;
use app::domain::informativas::{Contrato, EstadoInformativa, TipoInformativa};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// Workers read per query while writing an XLSX.
const LECTURA: u64 = 20_000;

/// The columns of "what was presented", in its CSV and its XLSX.
pub(super) const COLUMNAS: [&str; 10] = [
    "FOLIO",
    "CONTRATO",
    "RFC_CONTRATANTE",
    "NOMBRE_CONTRATANTE",
    "SERVICIO",
    "FECHA_INICIO",
    "FECHA_TERMINO",
    "NSS",
    "CURP",
    "SBC",
];

fn archivo(e: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %e, "no se pudo escribir el XLSX");
    AppError::internal()
}

impl Informativas {
    /// The presented filings (in force, replaced or annulled) of `proveedor` that name `cliente`
    /// as contratante, newest first, with those contracts and their first `muestra` workers.
    pub async fn para_cliente(
        &self,
        proveedor: &str,
        cliente: &str,
        muestra: u64,
    ) -> Result<Vec<InformativaCliente>, AppError> {
        let mut vistas = Vec::new();
        for (p, estado, contratos) in self.del_cliente(proveedor, cliente).await? {
            let mut cs = Vec::new();
            for k in contratos {
                let datos: Option<Contrato> = serde_json::from_str(&k.datos).ok();
                let muestra = pagina_ordenada(&self.db, k.id, "", muestra).await?;
                cs.push(ContratoCliente {
                    servicio: datos
                        .as_ref()
                        .map(|d| format!("{} ({})", d.servicio.descripcion, d.servicio.folio))
                        .unwrap_or_else(|| k.servicio.clone()),
                    objeto: datos.map(|d| d.objeto).unwrap_or_default(),
                    inicio: fecha_numerica(k.fecha_inicio),
                    termino: k.fecha_termino.map(fecha_numerica).unwrap_or_default(),
                    trabajadores: u64::try_from(k.num_trabajadores).unwrap_or(0),
                    muestra: muestra
                        .into_iter()
                        .map(|(nss, curp, sbc)| TrabajadorCliente {
                            nss,
                            curp,
                            sbc: pesos(u64::try_from(sbc).unwrap_or(0)),
                        })
                        .collect(),
                });
            }
            vistas.push(InformativaCliente {
                id: p.informativa_id,
                folio: p.folio.clone(),
                periodo: nombre_periodo(p.anio, p.periodo),
                tipo: TipoInformativa::parse(&p.tipo)
                    .map_or_else(|| p.tipo.clone(), |t| t.etiqueta().to_string()),
                estado: match estado {
                    EstadoInformativa::Sustituida => "Sustituida por una corrección",
                    EstadoInformativa::SinEfectos => "Sin efectos",
                    _ => "Vigente",
                }
                .to_string(),
                presentada: fecha_numerica(a_hora_centro(p.presentada).date_naive()),
                verificacion: self.firma.url_verificacion(&p.folio, &p.codigo),
                contratos: cs,
            });
        }
        Ok(vistas)
    }

    /// Whether informativa `id` of `proveedor` is presented and names `cliente`: its acuse may
    /// then be shown to the client.
    pub async fn nombra_al_cliente(
        &self,
        proveedor: &str,
        cliente: &str,
        id: i64,
    ) -> Result<bool, AppError> {
        Ok(self
            .del_cliente(proveedor, cliente)
            .await?
            .iter()
            .any(|(p, _, _)| p.informativa_id == id))
    }

    /// Every worker of the client's contracts in `proveedor`'s presented filings, as XLSX.
    pub async fn xlsx_cliente(&self, proveedor: &str, cliente: &str) -> Result<Vec<u8>, AppError> {
        let mut hoja = Hoja::nueva("Contratos", &COLUMNAS, &self.temporal()).map_err(archivo)?;
        for (p, _, contratos) in self.del_cliente(proveedor, cliente).await? {
            self.escribir(&mut hoja, &p.folio, &contratos).await?;
        }
        tokio::task::spawn_blocking(move || hoja.bytes())
            .await
            .map_err(archivo)?
            .map_err(archivo)
    }

    /// What was presented in informativa `id` of `rfc`, as XLSX (next to its CSV).
    pub async fn xlsx_presentada(&self, rfc: &str, id: i64) -> Result<(String, Vec<u8>), AppError> {
        let folio = self.exigir_presentada(rfc, id).await?;
        let contratos = super::contratos::de_informativa(&self.db, id).await?;
        let mut hoja = Hoja::nueva("Presentada", &COLUMNAS, &self.temporal()).map_err(archivo)?;
        self.escribir(&mut hoja, &folio, &contratos).await?;
        let bytes = tokio::task::spawn_blocking(move || hoja.bytes())
            .await
            .map_err(archivo)?
            .map_err(archivo)?;
        Ok((format!("informativa-{folio}.xlsx"), bytes))
    }

    /// One row per worker with its contract's columns; NSS, CURP and RFC as text, SBC a number.
    async fn escribir(
        &self,
        hoja: &mut Hoja,
        folio: &str,
        contratos: &[contrato::Model],
    ) -> Result<(), AppError> {
        for (n, k) in contratos.iter().enumerate() {
            let inicio = k.fecha_inicio.format("%d/%m/%Y").to_string();
            let termino = k
                .fecha_termino
                .map(|f| f.format("%d/%m/%Y").to_string())
                .unwrap_or_default();
            let mut despues = String::new();
            loop {
                let filas = pagina_ordenada(&self.db, k.id, &despues, LECTURA).await?;
                for (nss, curp, sbc) in &filas {
                    hoja.fila([
                        Celda::from(folio),
                        Celda::Numero((n + 1) as f64),
                        Celda::from(k.rfc_contratante.as_str()),
                        Celda::from(k.nombre_contratante.as_str()),
                        Celda::from(k.servicio.as_str()),
                        Celda::from(inicio.as_str()),
                        Celda::from(termino.as_str()),
                        Celda::from(nss.as_str()),
                        Celda::from(curp.as_str()),
                        Celda::Numero(*sbc as f64 / 100.0),
                    ])
                    .map_err(archivo)?;
                }
                match filas.last() {
                    Some((n, _, _)) if filas.len() as u64 == LECTURA => despues = n.clone(),
                    _ => break,
                }
            }
        }
        Ok(())
    }

    /// The presented filings of `proveedor` with at least one contract whose contratante is
    /// `cliente`, newest first, and those contracts only.
    async fn del_cliente(
        &self,
        proveedor: &str,
        cliente: &str,
    ) -> Result<Vec<(presentacion::Model, EstadoInformativa, Vec<contrato::Model>)>, AppError> {
        let presentadas = informativa::Entity::find()
            .filter(informativa::Column::Rfc.eq(proveedor))
            .filter(informativa::Column::Estado.is_in([
                EstadoInformativa::Presentada.as_str(),
                EstadoInformativa::Sustituida.as_str(),
                EstadoInformativa::SinEfectos.as_str(),
            ]))
            .order_by_desc(informativa::Column::Id)
            .all(&self.db)
            .await
            .map_err(bd)?;
        let mut salida = Vec::new();
        for i in presentadas {
            let contratos: Vec<contrato::Model> = contrato::Entity::find()
                .filter(contrato::Column::InformativaId.eq(i.id))
                .filter(contrato::Column::RfcContratante.eq(cliente))
                .order_by_asc(contrato::Column::Id)
                .all(&self.db)
                .await
                .map_err(bd)?;
            if contratos.is_empty() {
                continue;
            }
            let Some(p) = self.presentacion_de(&self.db, proveedor, i.id).await? else {
                continue;
            };
            salida.push((p, super::estado(&i), contratos));
        }
        Ok(salida)
    }

    /// Where XLSX temporary files go.
    fn temporal(&self) -> std::path::PathBuf {
        std::env::temp_dir()
    }
}
