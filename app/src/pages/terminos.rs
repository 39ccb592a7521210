//! `/terminos`: the terms of use and privacy notice, accepted once per version before anything
//! else (the acceptance is stored with its version and time).

use crate::api::sesion::{sesion_pagina, VERSION_TERMINOS};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

/// `/terminos`
#[component]
pub fn Terminos() -> impl IntoView {
    let sesion = Resource::new(|| (), |_| sesion_pagina());
    let acepto = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let aceptar = move |_| {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            #[derive(serde::Serialize)]
            struct Aceptacion {
                version: &'static str,
            }
            match crate::browser::http::post::<_, serde_json::Value>(
                "/api/v1/auth/terminos",
                &Aceptacion {
                    version: VERSION_TERMINOS,
                },
            )
            .await
            {
                Ok(_) => crate::browser::http::ir_a("/panel"),
                Err(e) => error.set(Some(e.mensaje)),
            }
        });
    };
    view! {
        <Title text="Términos y condiciones" />
        <section class="contenedor pagina terminos">
            <Suspense fallback=|| view! { <p class="cargando">"Cargando…"</p> }>
                {move || Suspend::new(async move {
                    match sesion.await {
                        Ok(Some(s)) if !s.terminos_pendientes => view! { <Redirect path="/panel" /> }.into_any(),
                        Ok(Some(s)) => view! {
                            <h1>"Términos y condiciones de uso"</h1>
                            <p class="entrada">{format!("{} · RFC {}", s.nombre, s.rfc)}</p>
                            <div class="terminos__texto" tabindex="0">
                                <h2>"Uso del sistema"</h2>
                                <p>"ICSOE sirve para preparar y presentar ante el IMSS la Informativa de Contratos de Servicios u Obras Especializados (artículo 15-A de la Ley del Seguro Social). La información que captures y firmes con tu e.firma es tu responsabilidad y tiene los efectos que le dan las leyes."</p>
                                <p>"Tu e.firma identifica al contratista. La clave privada y su contraseña se usan solo en tu navegador; este sistema nunca las recibe ni las guarda."</p>
                                <h2>"Aviso de privacidad"</h2>
                                <p>"Se tratan el RFC, el nombre o razón social, la CURP del certificado, los datos de contratos y de trabajadores (NSS, CURP, salario) y la bitácora de ingresos (fecha, certificado y dirección IP), con la única finalidad de integrar y presentar la informativa y de dar seguridad al acceso. No se transfieren a terceros salvo a las autoridades competentes."</p>
                                <p class="terminos__version">{format!("Versión {VERSION_TERMINOS}")}</p>
                            </div>
                            <label class="campo campo--en-linea">
                                <input type="checkbox" on:change=move |ev| acepto.set(event_target_checked(&ev)) />
                                "Acepto los términos y condiciones"
                            </label>
                            <p><button type="button" class="boton" disabled=move || !acepto.get() on:click=aceptar>"Ingresar"</button></p>
                            {move || error.get().map(|m| view! { <p class="campo__error" role="alert">{m}</p> })}
                        }
                            .into_any(),
                        _ => view! { <Redirect path="/ingresar" /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
