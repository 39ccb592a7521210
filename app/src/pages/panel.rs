//! `/panel`: "Inicio" after login — who is in (the contratista, or a capturista and whom it works
//! for), the period in course and its due date, the account pages, and "Salir". Anonymous
//! visitors go to `/ingresar`; pending terms go to `/terminos`; a capturista that has not picked
//! a contratista goes to `/elegir-contratista`.

use crate::api::calendario::vista_calendario;
use crate::api::sesion::{sesion_capturista_pagina, sesion_pagina};
use crate::pages::calendario::hoy::ResumenHoy;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

/// `/panel`
#[component]
pub fn Panel() -> impl IntoView {
    let sesion = Resource::new(|| (), |_| sesion_pagina());
    let capturista = Resource::new(|| (), |_| sesion_capturista_pagina());
    let calendario = Resource::new(|| (), |_| vista_calendario(None));
    let salir = ServerAction::<crate::api::acceso::Salir>::new();
    let bienvenida =
        leptos_router::hooks::use_query_map().with_untracked(|q| q.get("bienvenida").is_some());
    view! {
        <Title text="Inicio" />
        <section class="contenedor pagina panel">
            <Suspense fallback=|| view! { <p class="cargando">"Cargando…"</p> }>
                {move || Suspend::new(async move {
                    match (sesion.await, calendario.await) {
                        (Ok(Some(s)), _) if s.terminos_pendientes && s.es_titular() => view! { <Redirect path="/terminos" /> }.into_any(),
                        (Ok(Some(s)), c) => view! {
                            <h1>"Inicio"</h1>
                            <p class="entrada" data-testid="contratista">
                                <strong>{s.nombre.clone()}</strong> " · RFC " {s.rfc.clone()}
                            </p>
                            {(bienvenida && s.es_titular()).then(|| view! {
                                <div class="aviso aviso--info" role="status" data-testid="bienvenida">
                                    <p class="aviso__titulo">"Aceptaste los términos y condiciones"</p>
                                    <p>"Para empezar, ingresa tus datos generales: correo, teléfono, domicilios y tu registro REPSE con sus servicios y el acuse de la STPS. Después podrás registrar informativas."</p>
                                    <p><a class="boton" href="/datos-generales">"Continuar"</a></p>
                                </div>
                            })}
                            {s.capturista.clone().map(|c| view! {
                                <p data-testid="capturista">
                                    "Capturista: " {c.nombre} " · CURP " {c.curp} " · "
                                    <a href="/elegir-contratista">"Cambiar de contratista"</a>
                                </p>
                            })}
                            // The IMSS guide: a company files with its own e.firma. A persona física
                            // session may be a legal representative who logged in with theirs.
                            {(s.es_titular() && s.persona == crate::efirma::TipoPersona::Fisica).then(|| view! {
                                <div class="aviso aviso--info" data-testid="aviso-persona-moral"><p>
                                    "Ingresaste con la e.firma de una persona física. Si representas a una empresa (persona moral), "
                                    "sal e ingresa con la e.firma de la empresa: las informativas de la empresa se presentan con su propio RFC."
                                </p></div>
                            })}
                            {s.terminos_pendientes.then(|| view! {
                                <div class="aviso aviso--advertencia"><p>"El contratista aún no acepta los términos y condiciones: pídele que ingrese con su e.firma."</p></div>
                            })}
                            {c.ok().map(|v| view! { <ResumenHoy situacion=v.situacion /> })}
                            <nav class="panel__accesos" aria-label="Cuenta">
                                <a class="boton" href="/informativas">"Informativas"</a>
                                <a class="boton boton--secundario" href="/datos-generales">"Datos generales"</a>
                                {s.es_titular().then(|| view! { <a class="boton boton--secundario" href="/administracion">"Administración de capturistas"</a> })}
                            </nav>
                            <ActionForm action=salir>
                                <button type="submit" class="boton boton--secundario">"Salir"</button>
                            </ActionForm>
                        }
                            .into_any(),
                        _ => match capturista.await {
                            Ok(Some(_)) => view! { <Redirect path="/elegir-contratista" /> }.into_any(),
                            _ => view! { <Redirect path="/ingresar" /> }.into_any(),
                        },
                    }
                })}
            </Suspense>
        </section>
    }
}
