//! The HTTP surface: health probes, the versioned JSON API, server functions and the pages,
//! wrapped in request ids, tracing, compression and security headers.

mod adjunto;
mod api_v1;
mod auth;
mod avisos;
mod beneficiarios;
mod cuenta;
mod descargas;
mod health;
mod informativas;
mod listado;
mod metricas;
mod middleware;
pub mod openapi;
mod presentacion;

use crate::state::AppState;
use app::{shell, App};
use axum::routing::get;
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};

/// The whole application router; `main` and the integration tests share it.
pub fn build_router(state: AppState) -> Router {
    build_router_with(state, page_routes())
}

/// The page routes, found by rendering the app once. Call it before serving: while it runs,
/// leptos suppresses resource loading process-wide, which would stall any page rendering
/// concurrently.
pub fn page_routes() -> Vec<AxumRouteListing> {
    generate_route_list(App)
}

/// The router with page routes generated beforehand (tests reuse one list per process).
pub fn build_router_with(state: AppState, paginas: Vec<AxumRouteListing>) -> Router {
    let services = state.services.clone();
    let produccion = state.cookie_segura;
    let opciones = state.leptos_options.clone();
    let router = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .nest(
            "/api/v1",
            auth::router()
                .merge(auth::rutas_protegidas())
                .merge(cuenta::router())
                .merge(informativas::router())
                .merge(presentacion::router())
                .merge(api_v1::router())
                .merge(listado::api())
                .merge(openapi::api())
                .layer(axum::middleware::from_fn(crate::error::json_en_api)),
        )
        .merge(descargas::router())
        .merge(avisos::router())
        .merge(listado::router())
        .merge(beneficiarios::router())
        .merge(metricas::router())
        .merge(openapi::paginas())
        .merge(presentacion::publico())
        .leptos_routes_with_context(
            &state,
            paginas,
            move || provide_context(services.clone()),
            move || shell(opciones.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::auth::middleware::sesion,
        ))
        .layer(axum::middleware::from_fn(metricas::medir))
        .with_state(state);
    middleware::wrap(router, produccion)
}
