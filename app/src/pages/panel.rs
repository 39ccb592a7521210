//! `/panel`: the contratista's "Inicio" after login — who is in, the period in course and its due
//! date, and "Salir". Anonymous visitors go to `/ingresar`; pending terms go to `/terminos`.

use crate::api::calendario::vista_calendario;
use crate::api::sesion::sesion_pagina;
use crate::pages::calendario::hoy::ResumenHoy;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

/// `/panel`
#[component]
pub fn Panel() -> impl IntoView {
    let sesion = Resource::new(|| (), |_| sesion_pagina());
    let calendario = Resource::new(|| (), |_| vista_calendario(None));
    let salir = move |_| {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let _ =
                crate::browser::http::post::<_, serde_json::Value>("/api/v1/auth/salir", &()).await;
            crate::browser::http::ir_a("/ingresar");
        });
    };
    view! {
        <Title text="Inicio" />
        <section class="contenedor pagina panel">
            <Suspense fallback=|| view! { <p class="cargando">"Cargando…"</p> }>
                {move || Suspend::new(async move {
                    match (sesion.await, calendario.await) {
                        (Ok(Some(s)), _) if s.terminos_pendientes => view! { <Redirect path="/terminos" /> }.into_any(),
                        (Ok(Some(s)), c) => view! {
                            <h1>"Inicio"</h1>
                            <p class="entrada" data-testid="contratista">
                                <strong>{s.nombre.clone()}</strong> " · RFC " {s.rfc.clone()}
                            </p>
                            {c.ok().map(|v| view! { <ResumenHoy situacion=v.situacion /> })}
                            <p><button type="button" class="boton boton--secundario" on:click=salir>"Salir"</button></p>
                        }
                            .into_any(),
                        _ => view! { <Redirect path="/ingresar" /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
