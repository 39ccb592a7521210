//! `AppState`: what every handler can reach.

use app::api::ports::Services;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;

/// Shared by all routes; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// Leptos' site settings (output name, site root).
    pub leptos_options: LeptosOptions,
    /// The ports server functions and routes use.
    pub services: Services,
    /// The database, for readiness checks.
    pub db: DatabaseConnection,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
