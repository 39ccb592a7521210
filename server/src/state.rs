//! `AppState`: what every handler can reach.

use crate::auth::Autenticacion;
use crate::capturistas::Capturistas;
use crate::cuenta::Cuenta;
use app::api::ports::Services;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// Shared by all routes; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// Leptos' site settings (output name, site root).
    pub leptos_options: LeptosOptions,
    /// The ports server functions and routes use.
    pub services: Services,
    /// The database, for readiness checks.
    pub db: DatabaseConnection,
    /// e.firma login and sessions.
    pub auth: Arc<Autenticacion>,
    /// Datos generales, REPSE, acuse, postal catalog.
    pub cuenta: Arc<Cuenta>,
    /// Capturista administration and login.
    pub capturistas: Arc<Capturistas>,
    /// Logins and logouts (shared with the page forms).
    pub acceso: Arc<crate::casos::Acceso>,
    /// Informativas, contracts, workers and bulk uploads.
    pub informativas: Arc<crate::informativas::Informativas>,
    /// Notices: inbox, reminders, calendar feeds, despacho board, and the outbox worker.
    pub avisos: Arc<crate::avisos::Avisos>,
    /// Open data: the listado público and the inconsistent list (issue 18).
    pub listado: Arc<crate::listado::Listado>,
    /// Beneficiario access: authorisations, audit, the client's view.
    pub beneficiarios: Arc<crate::beneficiarios::Beneficiarios>,
    /// API tokens for payroll software (issue 19).
    pub tokens_api: Arc<crate::tokens_api::TokensApi>,
    /// The `/metrics` bearer token (`ICSOE_METRICAS_TOKEN`).
    pub metricas_token: Option<String>,
    /// Add `Secure` to the session cookie (served over TLS).
    pub cookie_segura: bool,
    /// Networks of the operator's reverse proxies, whose `X-Forwarded-For` is believed.
    pub proxies: Arc<Vec<crate::auth::proxies::Red>>,
    /// Sessions resolved in the last seconds (`auth::cache`).
    pub sesiones: Arc<crate::auth::cache::CacheSesiones>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
