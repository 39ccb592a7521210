//! `/calendario`: the three periods of a year with their due dates, today's situation and a
//! countdown. The year comes from `?anio=` so a calendar can be shared as a link; changing it
//! re-renders in place once hydrated, and still works as a plain form without JavaScript.

pub mod hoy;
mod periodo;
mod selector;

use crate::api::calendario::vista_calendario;
use crate::components::aviso::AvisoError;
use hoy::ResumenHoy;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use periodo::TarjetaPeriodo;
use selector::SelectorAnio;

/// `/calendario?anio=2026`
#[component]
pub fn Calendario() -> impl IntoView {
    let query = use_query_map();
    let anio = move || query.read().get("anio");
    let vista = Resource::new(anio, vista_calendario);
    view! {
        <Title text="Calendario de presentación" />
        <section class="contenedor pagina">
            <h1>"Calendario de presentación"</h1>
            <p class="entrada">
                "La informativa de cada cuatrimestre vence el día 17 de mayo, septiembre y enero. "
                "Si ese día es inhábil, el plazo se recorre al siguiente día hábil. "
                "Puedes presentarla desde el primer día del periodo; después del vencimiento se acepta como extemporánea."
            </p>
            <Transition fallback=|| view! { <p class="cargando">"Cargando el calendario…"</p> }>
                {move || Suspend::new(async move {
                    match vista.await {
                        Ok(v) => {
                            let ahora = v.situacion.ahora;
                            let anio = v.calendario.anio;
                            view! {
                                <ResumenHoy situacion=v.situacion />
                                <SelectorAnio anio=Some(anio) />
                                <h2 id="periodos-titulo">{format!("Periodos de {anio}")}</h2>
                                <div class="periodos" aria-labelledby="periodos-titulo">
                                    {v
                                        .calendario
                                        .periodos
                                        .into_iter()
                                        .map(|p| {
                                            let estado = p.estado(ahora);
                                            view! { <TarjetaPeriodo periodo=p estado /> }
                                        })
                                        .collect_view()}
                                </div>
                            }
                                .into_any()
                        }
                        Err(error) => {
                            view! {
                                <SelectorAnio anio=None />
                                <AvisoError error />
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}
