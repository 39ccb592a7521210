//! The contratista's account on the server: datos generales (checked by the shared domain code
//! against the SAT postal catalog), the REPSE services, and the REPSE acuse PDF in file storage
//! with its SHA-256. Everything is keyed by the session's RFC: no route takes another RFC.

use crate::error::bd;
use crate::infra::almacen::Almacen;
use crate::persistence::entities::{
    acuse_repse, contratista, datos_generales, registro_repse, servicio_repse,
};
use app::api::cuenta::{ArchivoGuardado, RespuestaDatosGenerales, MAX_ACUSE_BYTES};
use app::api::ports::Clock;
use app::api::AppError;
use app::domain::calendar::a_hora_centro;
use app::domain::cuenta::{
    CatalogoPostal, DatosGenerales, DatosGeneralesEntrada, Domicilio, HistorialRepse, Repse,
    ServicioRepse,
};
use app::domain::error::ErrorCode;
use app::efirma::TipoPersona;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use sha2::Digest;
use std::sync::Arc;

/// Datos generales, REPSE and the acuse.
pub struct Cuenta {
    db: DatabaseConnection,
    clock: Arc<dyn Clock>,
    catalogo: Arc<CatalogoPostal>,
    almacen: Arc<dyn Almacen>,
}

fn interno(e: anyhow::Error) -> AppError {
    tracing::error!(error.cause_chain = ?e, "fallo del almacenamiento de archivos");
    AppError::internal()
}

fn persona(c: &contratista::Model) -> TipoPersona {
    if c.persona == TipoPersona::Moral.as_str() {
        TipoPersona::Moral
    } else {
        TipoPersona::Fisica
    }
}

fn domicilio(json: Option<&str>) -> Option<Domicilio> {
    json.and_then(|j| serde_json::from_str(j).ok())
}

impl Cuenta {
    /// The service.
    pub fn new(
        db: DatabaseConnection,
        clock: Arc<dyn Clock>,
        catalogo: Arc<CatalogoPostal>,
        almacen: Arc<dyn Almacen>,
    ) -> Self {
        Cuenta {
            db,
            clock,
            catalogo,
            almacen,
        }
    }

    /// The postal catalog.
    pub fn catalogo(&self) -> &CatalogoPostal {
        &self.catalogo
    }

    async fn contratista(&self, rfc: &str) -> Result<contratista::Model, AppError> {
        contratista::Entity::find_by_id(rfc.to_string())
            .one(&self.db)
            .await
            .map_err(bd)?
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, "El contratista no existe."))
    }

    /// Everything saved for `rfc`, with what is still missing.
    pub async fn obtener(&self, rfc: &str) -> Result<RespuestaDatosGenerales, AppError> {
        let c = self.contratista(rfc).await?;
        let fila = datos_generales::Entity::find_by_id(rfc.to_string())
            .one(&self.db)
            .await
            .map_err(bd)?;
        let servicios = servicio_repse::Entity::find()
            .filter(servicio_repse::Column::Rfc.eq(rfc))
            .order_by_asc(servicio_repse::Column::Id)
            .all(&self.db)
            .await
            .map_err(bd)?;
        let acuse = acuse_repse::Entity::find_by_id(rfc.to_string())
            .one(&self.db)
            .await
            .map_err(bd)?
            .map(|a| ArchivoGuardado {
                nombre: a.nombre,
                tamano: u64::try_from(a.tamano).unwrap_or(0),
                sha256: a.sha256,
                subido: a.subido.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            });
        let datos = fila.as_ref().map(|f| DatosGenerales {
            correo: f.correo.clone(),
            celular: f.celular.clone(),
            fijo: f.fijo.clone(),
            domicilio_social_igual_fiscal: f.social_igual_fiscal,
            domicilio_social: domicilio(f.domicilio_social.as_deref()),
            domicilio_convencional: domicilio(f.domicilio_convencional.as_deref()),
            repse: match (&f.repse_numero, f.repse_fecha) {
                (Some(numero), Some(fecha)) => Some(Repse {
                    numero: numero.clone(),
                    fecha_registro: fecha,
                    servicios: servicios
                        .iter()
                        .map(|s| ServicioRepse {
                            folio: s.folio.clone(),
                            descripcion: s.descripcion.clone(),
                        })
                        .collect(),
                }),
                _ => None,
            },
        });
        let mut pendientes = Vec::new();
        match &datos {
            None => pendientes.push("Captura y guarda tus datos de contacto.".to_string()),
            Some(d) => {
                if persona(&c) == TipoPersona::Moral && d.domicilio_social_igual_fiscal.is_none() {
                    pendientes.push("Indica el domicilio social.".to_string());
                }
                if d.repse.is_none() {
                    pendientes.push(
                        "Captura tu registro REPSE (número, fecha y servicios autorizados)."
                            .to_string(),
                    );
                }
            }
        }
        if acuse.is_none() {
            pendientes.push("Sube el acuse de registro en el padrón de la STPS (PDF).".to_string());
        }
        Ok(RespuestaDatosGenerales {
            rfc: c.rfc.clone(),
            nombre: c.nombre.clone(),
            persona: persona(&c),
            datos,
            acuse_repse: acuse,
            pendientes,
            avisos: Vec::new(),
            actualizado: fila.map(|f| {
                f.actualizado
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            }),
        })
    }

    /// Checks and saves datos generales in one transaction (all or nothing).
    pub async fn guardar(
        &self,
        rfc: &str,
        entrada: &DatosGeneralesEntrada,
    ) -> Result<RespuestaDatosGenerales, AppError> {
        let c = self.contratista(rfc).await?;
        let ahora = self.clock.now();
        let hoy = a_hora_centro(ahora).date_naive();
        let (d, avisos) = DatosGenerales::validar(
            entrada,
            persona(&c) == TipoPersona::Moral,
            &self.catalogo,
            hoy,
        )
        .map_err(AppError::formulario)?;
        let json = |d: &Option<Domicilio>| d.as_ref().and_then(|d| serde_json::to_string(d).ok());
        let fila = datos_generales::ActiveModel {
            rfc: Set(rfc.to_string()),
            correo: Set(d.correo.clone()),
            celular: Set(d.celular.clone()),
            fijo: Set(d.fijo.clone()),
            social_igual_fiscal: Set(d.domicilio_social_igual_fiscal),
            domicilio_social: Set(json(&d.domicilio_social)),
            domicilio_convencional: Set(json(&d.domicilio_convencional)),
            repse_numero: Set(d.repse.as_ref().map(|r| r.numero.clone())),
            repse_fecha: Set(d.repse.as_ref().map(|r| r.fecha_registro)),
            actualizado: Set(ahora),
        };
        let tx = crate::persistence::escribir(&self.db).await.map_err(bd)?;
        let existe = datos_generales::Entity::find_by_id(rfc.to_string())
            .one(&tx)
            .await
            .map_err(bd)?
            .is_some();
        if existe {
            datos_generales::Entity::update(fila)
                .exec(&tx)
                .await
                .map_err(bd)?;
        } else {
            datos_generales::Entity::insert(fila)
                .exec(&tx)
                .await
                .map_err(bd)?;
        }
        servicio_repse::Entity::delete_many()
            .filter(servicio_repse::Column::Rfc.eq(rfc))
            .exec(&tx)
            .await
            .map_err(bd)?;
        let servicios = d
            .repse
            .as_ref()
            .map(|r| r.servicios.clone())
            .unwrap_or_default();
        if !servicios.is_empty() {
            servicio_repse::Entity::insert_many(servicios.into_iter().map(|s| {
                servicio_repse::ActiveModel {
                    rfc: Set(rfc.to_string()),
                    folio: Set(s.folio),
                    descripcion: Set(s.descripcion),
                    ..Default::default()
                }
            }))
            .exec(&tx)
            .await
            .map_err(bd)?;
        }
        if let Some(r) = &d.repse {
            self.registrar_repse(&tx, rfc, r, ahora).await?;
        }
        tx.commit().await.map_err(bd)?;
        let mut respuesta = self.obtener(rfc).await?;
        respuesta.avisos = avisos;
        Ok(respuesta)
    }

    /// Keeps the registration in the history (`registro_repse`): a new registration date adds a
    /// row, the same date replaces its number and services.
    async fn registrar_repse(
        &self,
        tx: &impl sea_orm::ConnectionTrait,
        rfc: &str,
        r: &Repse,
        ahora: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), AppError> {
        let datos = serde_json::to_string(r).map_err(|_| AppError::internal())?;
        let previo = registro_repse::Entity::find()
            .filter(registro_repse::Column::Rfc.eq(rfc))
            .filter(registro_repse::Column::FechaRegistro.eq(r.fecha_registro))
            .one(tx)
            .await
            .map_err(bd)?;
        match previo {
            Some(m) => {
                let mut a: registro_repse::ActiveModel = m.into();
                a.datos = Set(datos);
                a.guardado = Set(ahora);
                a.update(tx).await.map_err(bd)?;
            }
            None => {
                registro_repse::ActiveModel {
                    rfc: Set(rfc.to_string()),
                    fecha_registro: Set(r.fecha_registro),
                    datos: Set(datos),
                    guardado: Set(ahora),
                    ..Default::default()
                }
                .insert(tx)
                .await
                .map_err(bd)?;
            }
        }
        Ok(())
    }

    /// Every REPSE registration the contratista saved (V04 checks a contract against the one in
    /// force on its start date).
    pub async fn historial_repse(&self, rfc: &str) -> Result<HistorialRepse, AppError> {
        let filas = registro_repse::Entity::find()
            .filter(registro_repse::Column::Rfc.eq(rfc))
            .all(&self.db)
            .await
            .map_err(bd)?;
        Ok(HistorialRepse::nuevo(
            filas
                .iter()
                .filter_map(|f| match serde_json::from_str::<Repse>(&f.datos) {
                    Ok(r) => Some(r),
                    Err(e) => {
                        tracing::error!(rfc, error = %e, "registro REPSE guardado ilegible");
                        None
                    }
                })
                .collect(),
        ))
    }

    /// Stores the REPSE acuse after checking its bytes are a PDF; replaces the previous one.
    pub async fn subir_acuse(
        &self,
        rfc: &str,
        nombre: &str,
        bytes: &[u8],
    ) -> Result<ArchivoGuardado, AppError> {
        self.contratista(rfc).await?;
        if bytes.len() > MAX_ACUSE_BYTES {
            return Err(AppError::new(
                ErrorCode::FileTooLarge,
                format!(
                    "El acuse pesa {:.1} MB y el máximo es 10 MB. Descárgalo de nuevo del portal de la STPS o redúcelo.",
                    bytes.len() as f64 / 1_048_576.0
                ),
            ));
        }
        app::domain::cuenta::pdf::exigir_pdf(bytes).map_err(|e| AppError::domain(&e))?;
        let sha = sha2::Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>();
        // The key carries the hash: a replaced acuse never overwrites the bytes another request
        // may be reading, and the old file is removed only after the row points to the new one.
        let clave = format!("repse/{}/{sha}.pdf", crate::infra::almacen::segmento(rfc));
        self.almacen.guardar(&clave, bytes).await.map_err(interno)?;
        let ahora = self.clock.now();
        let nombre_limpio: String = nombre
            .chars()
            .filter(|c| !c.is_control() && !matches!(c, '/' | '\\'))
            .take(200)
            .collect();
        let nombre_limpio = if nombre_limpio.trim().is_empty() {
            "acuse_repse.pdf".to_string()
        } else {
            nombre_limpio
        };
        let anterior = acuse_repse::Entity::find_by_id(rfc.to_string())
            .one(&self.db)
            .await
            .map_err(bd)?;
        let fila = acuse_repse::ActiveModel {
            rfc: Set(rfc.to_string()),
            nombre: Set(nombre_limpio.clone()),
            tamano: Set(i64::try_from(bytes.len()).unwrap_or(i64::MAX)),
            sha256: Set(sha.clone()),
            clave: Set(clave.clone()),
            subido: Set(ahora),
        };
        if anterior.is_some() {
            acuse_repse::Entity::update(fila)
                .exec(&self.db)
                .await
                .map_err(bd)?;
        } else {
            acuse_repse::Entity::insert(fila)
                .exec(&self.db)
                .await
                .map_err(bd)?;
        }
        if let Some(a) = anterior.filter(|a| a.clave != clave) {
            if let Err(e) = self.almacen.borrar(&a.clave).await {
                tracing::warn!(error.cause_chain = ?e, clave = %a.clave, "no se pudo borrar el acuse anterior");
            }
        }
        Ok(ArchivoGuardado {
            nombre: nombre_limpio,
            tamano: bytes.len() as u64,
            sha256: sha,
            subido: ahora.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        })
    }

    /// The stored acuse: metadata and bytes.
    pub async fn acuse(&self, rfc: &str) -> Result<(ArchivoGuardado, Vec<u8>), AppError> {
        let no_hay = || {
            AppError::new(
                ErrorCode::NotFound,
                "No has subido el acuse de registro en el padrón de la STPS.",
            )
        };
        let a = acuse_repse::Entity::find_by_id(rfc.to_string())
            .one(&self.db)
            .await
            .map_err(bd)?
            .ok_or_else(no_hay)?;
        let bytes = self
            .almacen
            .leer(&a.clave)
            .await
            .map_err(interno)?
            .ok_or_else(no_hay)?;
        Ok((
            ArchivoGuardado {
                nombre: a.nombre,
                tamano: bytes.len() as u64,
                sha256: a.sha256,
                subido: a.subido.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            },
            bytes,
        ))
    }

    /// Removes the acuse (row first, then bytes).
    pub async fn borrar_acuse(&self, rfc: &str) -> Result<(), AppError> {
        let Some(a) = acuse_repse::Entity::find_by_id(rfc.to_string())
            .one(&self.db)
            .await
            .map_err(bd)?
        else {
            return Ok(());
        };
        acuse_repse::Entity::delete_by_id(rfc.to_string())
            .exec(&self.db)
            .await
            .map_err(bd)?;
        self.almacen.borrar(&a.clave).await.map_err(interno)?;
        Ok(())
    }

    /// A postal-code lookup error for the API, in the words the issue asks for.
    pub fn cp_desconocido(cp: &str) -> AppError {
        AppError::new(
            ErrorCode::CodigoPostalUnknown,
            format!("El código postal no existe en el catálogo ({cp}). Revísalo en tu comprobante de domicilio."),
        )
    }
}
