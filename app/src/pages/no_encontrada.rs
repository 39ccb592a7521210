//! The 404 page.

use leptos::prelude::*;
use leptos_meta::Title;

/// Shown for any path the router does not know; answers with HTTP 404.
#[component]
pub fn NoEncontrada() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(respuesta) = use_context::<leptos_axum::ResponseOptions>() {
        respuesta.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Página no encontrada" />
        <section class="contenedor pagina">
            <h1>"Página no encontrada"</h1>
            <p>"La dirección que abriste no existe. Revisa que esté bien escrita o vuelve al inicio."</p>
            <p><a class="boton" href="/">"Ir al inicio"</a></p>
        </section>
    }
}
