//! [`Avisos`]: the notice service pages and routes call — the in-app inbox over the outbox rows
//! (nothing depends on e-mail alone), the reminder preference, and (in sibling modules) the
//! despacho board, the calendar feeds and the reminders.

use super::cola::{estado, Rol};
use super::repartidor::Repartidor;
use crate::error::bd;
use crate::persistence::entities::{aviso, preferencia_aviso};
use app::api::avisos::{AvisoBandeja, Bandeja};
use app::api::ports::{Clock, Destinatario, DiasInhabilesRepo, ParametrosRepo};
use app::api::AppError;
use app::domain::calendar::a_hora_centro;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};
use std::sync::Arc;

/// Notices per inbox page.
pub const POR_PAGINA: u64 = 20;

/// The notice service.
pub struct Avisos {
    pub(crate) db: DatabaseConnection,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) dias_inhabiles: Arc<dyn DiasInhabilesRepo>,
    pub(crate) parametros: Arc<dyn ParametrosRepo>,
    /// `https://icsoe.example` (links in notices and feeds).
    pub(crate) url_publica: String,
    /// The worker of this process (woken after a notice is written).
    pub repartidor: Arc<Repartidor>,
}

/// `(rol, destinatario)` as stored.
pub fn clave_de(d: &Destinatario) -> (&'static str, &str) {
    match d {
        Destinatario::Contratista(rfc) => (Rol::Contratista.as_str(), rfc.as_str()),
        Destinatario::Capturista(curp) => (Rol::Capturista.as_str(), curp.as_str()),
    }
}

fn fecha(t: chrono::DateTime<chrono::Utc>) -> String {
    a_hora_centro(t).format("%d/%m/%Y %H:%M").to_string()
}

/// How the e-mail copy went, in words, and whether it needs the user's attention.
fn entrega(a: &aviso::Model) -> (String, bool) {
    let correo = a.para_correo.clone().unwrap_or_default();
    match a.estado.as_str() {
        estado::ENVIADO => (
            format!(
                "Enviado por correo a {correo} el {}.",
                a.enviado.map(fecha).unwrap_or_default()
            ),
            false,
        ),
        estado::FALLIDO => (
            format!("No se pudo enviar por correo a {correo}. Revisa que el correo sea correcto."),
            true,
        ),
        estado::OMITIDO => (
            "No se envió por correo: la informativa ya estaba presentada.".to_string(),
            false,
        ),
        estado::SIN_CORREO => (
            "No hay un correo registrado: este aviso solo está aquí.".to_string(),
            true,
        ),
        _ if a.intentos > 0 => (
            format!("Reintentando el envío por correo a {correo}."),
            false,
        ),
        _ => (format!("Por enviar por correo a {correo}."), false),
    }
}

impl Avisos {
    /// Wakes this process's worker: call after committing a transaction that wrote notices.
    pub fn despertar(&self) {
        self.repartidor.despertar();
    }

    /// The inbox, newest first.
    pub async fn bandeja(&self, quien: &Destinatario, pagina: u64) -> Result<Bandeja, AppError> {
        let (rol, destinatario) = clave_de(quien);
        let consulta = aviso::Entity::find()
            .filter(aviso::Column::Rol.eq(rol))
            .filter(aviso::Column::Destinatario.eq(destinatario))
            .order_by_desc(aviso::Column::Id)
            .paginate(&self.db, POR_PAGINA);
        let total = consulta.num_items().await.map_err(bd)?;
        let paginas = total.div_ceil(POR_PAGINA).max(1);
        let pagina = pagina.min(paginas);
        let filas = consulta.fetch_page(pagina - 1).await.map_err(bd)?;
        let avisos = filas
            .into_iter()
            .map(|a| {
                let (entrega, entrega_fallida) = entrega(&a);
                AvisoBandeja {
                    id: a.id,
                    tipo: a.tipo,
                    asunto: a.asunto,
                    texto: a.texto,
                    enlace: a.enlace.map(|e| self.local(&e)),
                    fecha: fecha(a.creado),
                    entrega,
                    entrega_fallida,
                }
            })
            .collect();
        Ok(Bandeja {
            avisos,
            pagina,
            paginas,
            total,
            recordatorios: self.recibe_recordatorios(quien).await?,
        })
    }

    /// A link in a notice, as a path of this site (the inbox links stay on the host the user is
    /// on).
    fn local(&self, enlace: &str) -> String {
        enlace
            .strip_prefix(&self.url_publica)
            .filter(|r| r.starts_with('/'))
            .map_or_else(|| enlace.to_string(), str::to_string)
    }

    /// Whether `quien` receives deadline reminders (on unless it opted out).
    pub async fn recibe_recordatorios(&self, quien: &Destinatario) -> Result<bool, AppError> {
        let (rol, destinatario) = clave_de(quien);
        Ok(
            preferencia_aviso::Entity::find_by_id((rol.to_string(), destinatario.to_string()))
                .one(&self.db)
                .await
                .map_err(bd)?
                .is_none_or(|p| p.recordatorios),
        )
    }

    /// Turns reminders on or off for `quien`.
    pub async fn preferir(
        &self,
        quien: &Destinatario,
        recordatorios: bool,
    ) -> Result<(), AppError> {
        let (rol, destinatario) = clave_de(quien);
        preferencia_aviso::Entity::insert(preferencia_aviso::ActiveModel {
            rol: Set(rol.to_string()),
            destinatario: Set(destinatario.to_string()),
            recordatorios: Set(recordatorios),
            actualizado: Set(self.clock.now()),
        })
        .on_conflict(
            OnConflict::columns([
                preferencia_aviso::Column::Rol,
                preferencia_aviso::Column::Destinatario,
            ])
            .update_columns([
                preferencia_aviso::Column::Recordatorios,
                preferencia_aviso::Column::Actualizado,
            ])
            .to_owned(),
        )
        .exec(&self.db)
        .await
        .map_err(bd)?;
        Ok(())
    }
}
