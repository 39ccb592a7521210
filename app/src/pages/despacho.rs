//! `/despacho`: the capturista's board (issue 17) — every contratista it serves × the current and
//! previous periods, most urgent first, one tap to the informativa. Server-rendered; cards that
//! fit a 360 px phone.

use crate::api::avisos::vista_despacho;
use crate::components::despacho::TablaDespacho;
use crate::pages::fuera_de_sesion;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/despacho`
#[component]
pub fn Despacho() -> impl IntoView {
    let datos = Resource::new(|| (), |_| vista_despacho());
    view! {
        <Title text="Tablero del despacho" />
        <section class="contenedor pagina">
            <h1>"Tablero del despacho"</h1>
            <p class="entrada">"Tus contratistas y sus periodos, primero lo que vence antes."</p>
            <Suspense fallback=|| view! { <p class="cargando">"Cargando…"</p> }>
                {move || Suspend::new(async move {
                    match datos.await {
                        Ok(filas) => view! { <TablaDespacho filas elegir=true /> }.into_any(),
                        Err(e) => fuera_de_sesion(e).into_any(),
                    }
                })}
            </Suspense>
            <p><a href="/elegir-contratista">"Elegir un contratista"</a> " · " <a href="/avisos">"Mis avisos"</a></p>
        </section>
    }
}
