//! The frame of every page: header with navigation, and footer.

use leptos::prelude::*;
use leptos_router::components::A;

/// Site header: name, what it is, and the main navigation. The last link is "Ingresar" for a
/// visitor and "Mi panel" for whoever is logged in (contratista or capturista), asked again on
/// every navigation so it changes right after logging in or out.
#[component]
pub fn Encabezado() -> impl IntoView {
    let ruta = leptos_router::hooks::use_location().pathname;
    let dentro = Resource::new(
        move || ruta.get(),
        |_| async move {
            let titular = crate::api::sesion::sesion_pagina()
                .await
                .ok()
                .flatten()
                .is_some();
            titular
                || crate::api::sesion::sesion_capturista_pagina()
                    .await
                    .ok()
                    .flatten()
                    .is_some()
        },
    );
    let cuenta = move || {
        if dentro.get().unwrap_or(false) {
            view! { <A href="/panel">"Mi panel"</A> }.into_any()
        } else {
            view! { <A href="/ingresar">"Ingresar"</A> }.into_any()
        }
    };
    view! {
        <header class="encabezado">
            <div class="contenedor encabezado__fila">
                <a class="marca" href="/">
                    <span class="marca__sigla">"ICSOE"</span>
                    <span class="marca__nombre">
                        "Informativa de Contratos de Servicios u Obras Especializados"
                    </span>
                </a>
                <nav class="navegacion" aria-label="Principal">
                    <A href="/" exact=true>"Inicio"</A>
                    <A href="/calendario">"Calendario"</A>
                    <A href="/validar">"Validar archivo"</A>
                    <A href="/verificar">"Verificar acuse"</A>
                    <A href="/listado-publico">"Listado público"</A>
                    <Transition fallback=|| view! { <A href="/ingresar">"Ingresar"</A> }>{cuenta}</Transition>
                </nav>
            </div>
        </header>
    }
}

/// Site footer: legal basis and the nature of the project.
#[component]
pub fn PiePagina() -> impl IntoView {
    view! {
        <footer class="pie">
            <div class="contenedor">
                <p>
                    "Obligación del artículo 15-A, tercer párrafo, de la Ley del Seguro Social. "
                    "Plazos en hora del centro de México."
                </p>
                <p class="pie__nota">
                    "Software libre para preparar y presentar la ICSOE. "
                    "No es un sitio del IMSS; consulta los avisos oficiales en el DOF."
                </p>
            </div>
        </footer>
    }
}
