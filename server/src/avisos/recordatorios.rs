//! Deadline reminders (issue 17). One run ([`Avisos::recordar`], from the periodic task of every
//! server process and from `icsoe avisos recordar`) asks the calendar which reminder is due today
//! (`app::domain::calendar::recordatorios::vigente`: only the latest, so a server that was down
//! catches up without a burst), then writes one notice per contratista that has no valid Normal or
//! Sin información presented for the period — to the contratista and to each of its active
//! capturistas, unless they opted out. Each notice has the key
//! `recordatorio:{año}-{periodo}:{hito}:{rol}:{destinatario}:{rfc}`, unique in the table: two
//! replicas or ten restarts write it once. Contratistas are read in pages of [`PAGINA`] and
//! written in short transactions, so 100,000 of them never hold SQLite's writer for long.

use super::bandeja::Avisos;
use super::cola::{encolar, NuevoAviso, Rol};
use super::textos::{periodo as nombre_periodo, Para};
use crate::error::bd;
use crate::persistence::entities::{
    aviso, capturista_contratista, contratista, datos_generales, informativa, preferencia_aviso,
};
use app::api::AppError;
use app::domain::calendar::recordatorios::{vigente, Hito};
use app::domain::calendar::{a_hora_centro, fecha_larga, vencimiento, Periodo};
use app::domain::dinero::pesos;
use app::domain::informativas::{EstadoInformativa, TipoInformativa};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::{HashMap, HashSet};

/// Contratistas read per page.
pub const PAGINA: u64 = 1_000;
/// Notices written per transaction.
pub const POR_TRANSACCION: usize = 500;

/// What a run did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Recordados {
    /// "2026-3 vence", or empty when no reminder is due today.
    pub que: String,
    /// Contratistas with the period still pending.
    pub pendientes: u64,
    /// Notices written by this run (0 when another replica or an earlier run did it).
    pub nuevos: u64,
}

/// The `(año, periodo)` of a reminder key, to drop a reminder whose period got presented while it
/// waited in the queue.
pub fn periodo_de_clave(clave: &str) -> Option<(i32, i16)> {
    let resto = clave.strip_prefix("recordatorio:")?;
    let (per, _) = resto.split_once(':')?;
    let (a, p) = per.split_once('-')?;
    Some((a.parse().ok()?, p.parse().ok()?))
}

/// Whether `rfc` has a valid Normal or Sin información (or a correction in force) presented for
/// the period.
pub async fn presentada<C: ConnectionTrait>(
    c: &C,
    rfc: &str,
    anio: i32,
    periodo: i16,
) -> Result<bool, sea_orm::DbErr> {
    Ok(informativa::Entity::find()
        .select_only()
        .column(informativa::Column::Id)
        .filter(informativa::Column::Rfc.eq(rfc))
        .filter(informativa::Column::Anio.eq(anio))
        .filter(informativa::Column::Periodo.eq(periodo))
        .filter(informativa::Column::Estado.eq(EstadoInformativa::Presentada.as_str()))
        .filter(informativa::Column::Tipo.ne(TipoInformativa::SinEfectos.as_str()))
        .into_tuple::<i64>()
        .one(c)
        .await?
        .is_some())
}

struct Texto {
    asunto: String,
    cuerpo: String,
}

impl Avisos {
    fn texto(&self, p: Periodo, hito: Hito, vence: &str, multa: &str, de: Option<&str>) -> Texto {
        let per = nombre_periodo(p.anio.get(), i16::from(p.cuatrimestre.numero()));
        let de = de.map(|n| format!(" de {n}")).unwrap_or_default();
        let (asunto, primero) = match hito {
            Hito::InicioMes => (
                format!("ICSOE: la informativa{de} del {per} vence el {vence}"),
                format!("Este mes se presenta la informativa{de} del {per}: el plazo vence el {vence}."),
            ),
            Hito::SieteDias | Hito::DosDias => {
                let n = if hito == Hito::SieteDias { 7 } else { 2 };
                (
                    format!("ICSOE: faltan {n} días hábiles para presentar la informativa{de} del {per}"),
                    format!("Faltan {n} días hábiles: la informativa{de} del {per} vence el {vence}."),
                )
            }
            Hito::Vence => (
                format!("ICSOE: hoy vence la informativa{de} del {per}"),
                format!("Hoy, {vence}, vence la informativa{de} del {per}: el plazo termina a las 23:59:59 (hora del centro de México)."),
            ),
            Hito::Vencida => (
                format!("ICSOE: venció la informativa{de} del {per}"),
                format!("El plazo de la informativa{de} del {per} venció el {vence} y todavía no está presentada. La multa por presentarla fuera de plazo va de 500 a 2,000 UMA ({multa}); presentarla cuanto antes sigue siendo lo mejor."),
            ),
        };
        Texto {
            asunto,
            cuerpo: format!(
                "{primero}\n\nPresentarla fuera de plazo se multa con 500 a 2,000 UMA (LSS art. 304). \
                 Este recordatorio deja de llegar en cuanto la informativa se presenta.\n\n\
                 Si no quieres recibir recordatorios, desactívalos en {}/avisos.\n",
                self.url_publica
            ),
        }
    }

    /// One run at `ahora`; see the module header.
    pub async fn recordar(&self, ahora: DateTime<Utc>) -> Result<Recordados, AppError> {
        let hoy = a_hora_centro(ahora).date_naive();
        let inhabiles = self.inhabiles(hoy).await?;
        let Some((p, hito, _)) = vigente(hoy, &inhabiles) else {
            return Ok(Recordados::default());
        };
        let (anio, per) = (p.anio.get(), i16::from(p.cuatrimestre.numero()));
        let v = vencimiento(p, &inhabiles).vence;
        let vence = fecha_larga(v);
        let multa = match self
            .parametros
            .tabla()
            .await
            .ok()
            .and_then(|t| t.multa(v).ok())
        {
            Some(r) => format!("de {} a {}", pesos(r.minima()), pesos(r.maxima())),
            None => "con la UMA vigente".to_string(),
        };
        let fuera: HashSet<(String, String)> = preferencia_aviso::Entity::find()
            .filter(preferencia_aviso::Column::Recordatorios.eq(false))
            .all(&self.db)
            .await
            .map_err(bd)?
            .into_iter()
            .map(|f| (f.rol, f.destinatario))
            .collect();
        let mut r = Recordados {
            que: format!("{anio}-{per} {}", hito.clave()),
            ..Recordados::default()
        };
        let mut desde = String::new();
        loop {
            let lote = contratista::Entity::find()
                .filter(contratista::Column::Rfc.gt(desde.clone()))
                .order_by_asc(contratista::Column::Rfc)
                .limit(PAGINA)
                .all(&self.db)
                .await
                .map_err(bd)?;
            let Some(ultimo) = lote.last() else { break };
            desde = ultimo.rfc.clone();
            let avisos = self
                .avisos_de(&lote, p, hito, &vence, &multa, &fuera)
                .await?;
            r.pendientes += avisos.1;
            for trozo in avisos.0.chunks(POR_TRANSACCION) {
                let txn = crate::persistence::escribir(&self.db).await.map_err(bd)?;
                r.nuevos += encolar(&txn, trozo.to_vec(), ahora).await.map_err(bd)?;
                txn.commit().await.map_err(bd)?;
            }
        }
        if r.nuevos > 0 {
            tracing::info!(que = %r.que, pendientes = r.pendientes, nuevos = r.nuevos, "recordatorios escritos");
            self.despertar();
        }
        Ok(r)
    }

    /// The notices for one page of contratistas, and how many of them are pending.
    async fn avisos_de(
        &self,
        lote: &[contratista::Model],
        p: Periodo,
        hito: Hito,
        vence: &str,
        multa: &str,
        fuera: &HashSet<(String, String)>,
    ) -> Result<(Vec<NuevoAviso>, u64), AppError> {
        let (anio, per) = (p.anio.get(), i16::from(p.cuatrimestre.numero()));
        let rfcs: Vec<String> = lote.iter().map(|c| c.rfc.clone()).collect();
        let presentadas: HashSet<String> = informativa::Entity::find()
            .select_only()
            .column(informativa::Column::Rfc)
            .filter(informativa::Column::Rfc.is_in(rfcs.clone()))
            .filter(informativa::Column::Anio.eq(anio))
            .filter(informativa::Column::Periodo.eq(per))
            .filter(informativa::Column::Estado.eq(EstadoInformativa::Presentada.as_str()))
            .filter(informativa::Column::Tipo.ne(TipoInformativa::SinEfectos.as_str()))
            .into_tuple::<String>()
            .all(&self.db)
            .await
            .map_err(bd)?
            .into_iter()
            .collect();
        let correos: HashMap<String, String> = datos_generales::Entity::find()
            .filter(datos_generales::Column::Rfc.is_in(rfcs.clone()))
            .all(&self.db)
            .await
            .map_err(bd)?
            .into_iter()
            .map(|d| (d.rfc, d.correo))
            .collect();
        let mut capturistas: HashMap<String, Vec<capturista_contratista::Model>> = HashMap::new();
        for c in capturista_contratista::Entity::find()
            .filter(capturista_contratista::Column::Rfc.is_in(rfcs))
            .filter(capturista_contratista::Column::Activo.eq(true))
            .all(&self.db)
            .await
            .map_err(bd)?
        {
            capturistas.entry(c.rfc.clone()).or_default().push(c);
        }
        let enlace = format!("{}/informativas", self.url_publica);
        let mut avisos = Vec::new();
        let mut pendientes = 0;
        for c in lote.iter().filter(|c| !presentadas.contains(&c.rfc)) {
            pendientes += 1;
            let mut para = vec![(
                Rol::Contratista,
                c.rfc.clone(),
                c.nombre.clone(),
                correos.get(&c.rfc).cloned(),
                None,
            )];
            for k in capturistas.get(&c.rfc).into_iter().flatten() {
                para.push((
                    Rol::Capturista,
                    k.curp.clone(),
                    k.nombre.clone(),
                    Some(k.correo.clone()),
                    Some(c.nombre.as_str()),
                ));
            }
            for (rol, destinatario, nombre, correo, de) in para {
                if fuera.contains(&(rol.as_str().to_string(), destinatario.clone())) {
                    continue;
                }
                let t = self.texto(p, hito, vence, multa, de);
                let clave = format!(
                    "recordatorio:{anio}-{per}:{}:{}:{destinatario}:{}",
                    hito.clave(),
                    rol.as_str(),
                    c.rfc
                );
                let para = Para {
                    rol,
                    destinatario,
                    nombre,
                    correo,
                    rfc: c.rfc.clone(),
                };
                avisos.push(NuevoAviso {
                    clave: Some(clave),
                    enlace: Some(enlace.clone()),
                    ..para.aviso("recordatorio", t.asunto, t.cuerpo)
                });
            }
        }
        Ok((avisos, pendientes))
    }
}

/// Whether a queued reminder is still worth sending (its period is not presented yet).
pub async fn sigue_pendiente<C: ConnectionTrait>(
    c: &C,
    a: &aviso::Model,
) -> Result<bool, sea_orm::DbErr> {
    match a.clave.as_deref().and_then(periodo_de_clave) {
        Some((anio, per)) if a.tipo == "recordatorio" => {
            Ok(!presentada(c, &a.rfc, anio, per).await?)
        }
        _ => Ok(true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reminder_key_names_its_period() {
        assert_eq!(
            periodo_de_clave("recordatorio:2026-3:vence:contratista:EKU9003173C9:EKU9003173C9"),
            Some((2026, 3))
        );
        assert_eq!(periodo_de_clave("otra:2026-3"), None);
    }
}
