//! ICSOE shared crate: the pure domain, the UI and the server functions, compiled twice (the
//! `ssr` feature for the server, `hydrate` for the browser). Module list, HTML shell and router
//! only.

pub mod api;
pub mod browser;
pub mod components;
pub mod domain;
pub mod efirma;
pub mod pages;

use components::layout::{Encabezado, PiePagina};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use leptos_router::SsrMode;

/// The name cargo-leptos gives the site's JS, WASM and CSS (`[[workspace.metadata.leptos]] name`).
pub const OUTPUT_NAME: &str = "icsoe";

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    seguridad::politica_de_contenido(&options);
    view! {
        <!DOCTYPE html>
        <html lang="es-MX">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The application: header, routes, footer.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // The marker end-to-end tests wait for: effects run only in the browser, after hydration.
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    view! {
        <Stylesheet id="leptos" href=format!("/pkg/{OUTPUT_NAME}.css") />
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml" />
        <Meta name="description" content="Informativa de Contratos de Servicios u Obras Especializados (ICSOE): calendario, captura y presentación ante el IMSS." />
        <Meta name="theme-color" content="#0f5c4d" />
        <Title formatter=|titulo: String| {
            if titulo.is_empty() { "ICSOE".to_string() } else { format!("{titulo} · ICSOE") }
        } />
        <Router>
            <a class="saltar" href="#contenido">"Saltar al contenido"</a>
            <Encabezado />
            <main id="contenido" tabindex="-1">
                <Routes fallback=pages::no_encontrada::NoEncontrada>
                    <Route path=path!("") view=pages::inicio::Inicio ssr=SsrMode::Async />
                    <Route path=path!("/calendario") view=pages::calendario::Calendario ssr=SsrMode::Async />
                    <Route path=path!("/cifras") view=pages::cifras::Cifras ssr=SsrMode::Async />
                    <Route path=path!("/listado-publico") view=pages::listado::ListadoPublico ssr=SsrMode::Async />
                    <Route path=path!("/validar") view=pages::validar::Validar ssr=SsrMode::Async />
                    <Route path=path!("/verificar") view=pages::verificar::Verificar ssr=SsrMode::Async />
                    <Route path=path!("/verificar/:folio") view=pages::verificar::Verificar ssr=SsrMode::Async />
                    <Route path=path!("/ingresar") view=pages::ingresar::Ingresar ssr=SsrMode::Async />
                    // Async: the session is known before the first byte, so a redirect is a real 302.
                    <Route path=path!("/terminos") view=pages::terminos::Terminos ssr=SsrMode::Async />
                    <Route path=path!("/panel") view=pages::panel::Panel ssr=SsrMode::Async />
                    <Route path=path!("/datos-generales") view=pages::datos_generales::DatosGeneralesPagina ssr=SsrMode::Async />
                    <Route path=path!("/administracion") view=pages::administracion::Administracion ssr=SsrMode::Async />
                    <Route path=path!("/avisos") view=pages::avisos::Avisos ssr=SsrMode::Async />
                    <Route path=path!("/despacho") view=pages::despacho::Despacho ssr=SsrMode::Async />
                    <Route path=path!("/autorizaciones") view=pages::beneficiarios::AutorizacionesPagina ssr=SsrMode::Async />
                    <Route path=path!("/mis-proveedores") view=pages::beneficiarios::MisProveedores ssr=SsrMode::Async />
                    <Route path=path!("/tokens-api") view=pages::tokens_api::TokensApiPagina ssr=SsrMode::Async />
                    <Route path=path!("/elegir-contratista") view=pages::capturista::ElegirContratista ssr=SsrMode::Async />
                    <Route path=path!("/informativas") view=pages::informativas::Informativas ssr=SsrMode::Async />
                    <Route path=path!("/informativas/:id") view=pages::informativas::InformativaPagina ssr=SsrMode::Async />
                    <Route path=path!("/informativas/:id/contratos/nuevo") view=pages::informativas::ContratoNuevo ssr=SsrMode::Async />
                    <Route path=path!("/informativas/:id/contratos/:cid") view=pages::informativas::ContratoPagina ssr=SsrMode::Async />
                    <Route path=path!("/informativas/:id/contratos/:cid/editar") view=pages::informativas::ContratoEditar ssr=SsrMode::Async />
                    <Route path=path!("/contrasena") view=pages::capturista::Contrasena ssr=SsrMode::Async />
                    <Route path=path!("/recuperar") view=pages::capturista::Recuperar ssr=SsrMode::Async />
                </Routes>
            </main>
            <PiePagina />
        </Router>
    }
}

/// Security headers that depend on the page being rendered (server only).
#[cfg(feature = "ssr")]
mod seguridad {
    use leptos::config::LeptosOptions;
    use leptos::nonce::use_nonce;
    use leptos::prelude::use_context;
    use leptos_axum::ResponseOptions;

    /// A Content-Security-Policy with this response's nonce: only our own scripts (and the
    /// inline hydration scripts that carry the nonce) run, WebAssembly may compile, nothing may
    /// frame the page.
    pub fn politica_de_contenido(options: &LeptosOptions) {
        let (Some(nonce), Some(respuesta)) = (use_nonce(), use_context::<ResponseOptions>()) else {
            return;
        };
        // `cargo leptos watch` injects a live-reload socket; allow it only then.
        let recarga = if std::env::var("LEPTOS_WATCH").is_ok() {
            format!(" ws://{}:{}", options.site_addr.ip(), options.reload_port)
        } else {
            String::new()
        };
        let csp = format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
             style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'{recarga}; \
             object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
        );
        if let Ok(valor) = http::HeaderValue::from_str(&csp) {
            respuesta.insert_header(http::header::CONTENT_SECURITY_POLICY, valor);
        }
    }
}
