//! The notices a user sees (issue 17): the in-app inbox (`/avisos`), the reminder preference,
//! the contratista's private calendar feed and the despacho board (`/despacho`, and the same
//! rows on the contratista's panel). Each server function passes the one session gate and calls
//! the `CasosAvisos` port.

use crate::api::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One notice in the inbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AvisoBandeja {
    /// Row id.
    pub id: i64,
    /// Kind (`enviada_a_firma`, `presentada`, `recordatorio` …).
    pub tipo: String,
    /// Subject.
    pub asunto: String,
    /// Body.
    pub texto: String,
    /// Where to act.
    pub enlace: Option<String>,
    /// DD/MM/AAAA HH:MM (central Mexico time).
    pub fecha: String,
    /// How the e-mail copy went, in words ("Enviado a ana@… el …").
    pub entrega: String,
    /// The e-mail copy failed or there is no address: say so.
    pub entrega_fallida: bool,
}

/// The inbox, one page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Bandeja {
    /// Newest first.
    pub avisos: Vec<AvisoBandeja>,
    /// 1-based page.
    pub pagina: u64,
    /// Pages.
    pub paginas: u64,
    /// All notices.
    pub total: u64,
    /// Whether deadline reminders are on for this user.
    pub recordatorios: bool,
}

/// One contratista × period on the despacho board.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FilaDespacho {
    /// Contratista RFC.
    pub rfc: String,
    /// Its name.
    pub nombre: String,
    /// "2026-3".
    pub periodo: String,
    /// "tercer cuatrimestre (septiembre-diciembre)".
    pub periodo_nombre: String,
    /// What stands: "Presentada", "En firma", "En captura", "Sin registrar".
    pub estado: String,
    /// Stable key of `estado` (CSS and tests).
    pub estado_clave: String,
    /// DD/MM/AAAA.
    pub vence: String,
    /// Calendar days to the due date (negative: overdue). `None` once presented.
    pub dias: Option<i64>,
    /// Contracts and workers of the informativa that counts.
    pub contratos: u64,
    /// Workers.
    pub trabajadores: u64,
    /// Its last change, DD/MM/AAAA HH:MM.
    pub ultimo_cambio: Option<String>,
    /// The informativa, when there is one.
    pub informativa_id: Option<i64>,
    /// Folio, when presented.
    pub folio: Option<String>,
}

/// The private calendar feed, as the panel shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CalendarioPrivado {
    /// Since when a feed exists (DD/MM/AAAA), if one does.
    pub desde: Option<String>,
    /// The secret URL: only in the answer that created it (it is stored hashed).
    pub url: Option<String>,
}

/// What `/panel` adds for the contratista: its despacho rows and its calendar feed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PanelAvisos {
    /// Current and previous periods.
    pub filas: Vec<FilaDespacho>,
    /// `None` for a capturista (the feed is the contratista's).
    pub calendario: Option<CalendarioPrivado>,
    /// Notices not yet seen … (count of all, newest first in `/avisos`).
    pub avisos: u64,
}

#[cfg(feature = "ssr")]
mod servidor {
    pub use crate::api::ports::{services, Destinatario};
    pub use crate::api::sesion::{exigir_capturista, exigir_contratista, exigir_titular, peticion};
}
#[cfg(feature = "ssr")]
use servidor::*;

/// Who is asking: the contratista itself, or a capturista (its own inbox, whichever contratista
/// it is working for).
#[cfg(feature = "ssr")]
fn quien() -> Result<Destinatario, AppError> {
    if let Some(s) = peticion::actual() {
        let s = exigir_contratista(Some(s))?;
        return Ok(match (s.es_titular(), s.capturista) {
            (false, Some(c)) => Destinatario::Capturista(c.curp),
            _ => Destinatario::Contratista(s.rfc),
        });
    }
    let c = exigir_capturista(peticion::capturista())?;
    Ok(Destinatario::Capturista(c.curp))
}

/// `/avisos`, page `pagina`.
#[server(prefix = "/api/fn", endpoint = "avisos")]
pub async fn vista_avisos(pagina: Option<u64>) -> Result<Bandeja, AppError> {
    let d = quien()?;
    services()?
        .avisos
        .bandeja(&d, pagina.unwrap_or(1).max(1))
        .await
}

/// "Recibir recordatorios" on or off.
#[server(prefix = "/api/fn", endpoint = "avisos/recordatorios")]
pub async fn cambiar_recordatorios(activos: Option<String>) -> Result<(), AppError> {
    let d = quien()?;
    // A checkbox posts its value only when checked.
    let activos = activos.is_some_and(|v| v != "false");
    services()?.avisos.preferir(&d, activos).await?;
    leptos_axum::redirect("/avisos?guardado=1");
    Ok(())
}

/// `/despacho`: every contratista the capturista serves × current and previous periods.
#[server(prefix = "/api/fn", endpoint = "despacho")]
pub async fn vista_despacho() -> Result<Vec<FilaDespacho>, AppError> {
    let c = exigir_capturista(peticion::capturista())?;
    services()?.avisos.despacho(&c.curp).await
}

/// The panel's part: the contratista's own rows and its calendar feed.
#[server(prefix = "/api/fn", endpoint = "panel/avisos")]
pub async fn vista_panel_avisos() -> Result<PanelAvisos, AppError> {
    let s = exigir_contratista(peticion::actual())?;
    let d = quien()?;
    services()?.avisos.panel(&s.rfc, &d, s.es_titular()).await
}

/// "Crear enlace" / "Crear otro enlace": a new secret calendar URL (the previous one stops
/// working). Answers with the URL, shown once.
#[server(prefix = "/api/fn", endpoint = "calendario-privado/nuevo")]
pub async fn nuevo_calendario_privado() -> Result<CalendarioPrivado, AppError> {
    let s = exigir_titular(peticion::actual())?;
    services()?.avisos.calendario_nuevo(&s.rfc).await
}

/// "Revocar": the secret calendar URL stops working.
#[server(prefix = "/api/fn", endpoint = "calendario-privado/revocar")]
pub async fn revocar_calendario_privado() -> Result<(), AppError> {
    let s = exigir_titular(peticion::actual())?;
    services()?.avisos.calendario_revocar(&s.rfc).await?;
    leptos_axum::redirect("/panel");
    Ok(())
}
