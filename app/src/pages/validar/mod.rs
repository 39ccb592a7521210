//! `/validar`: "Validar archivo de trabajadores". The capturista checks a worker CSV before
//! capturing anything: nothing is uploaded and no login is needed. Validation runs in a Web
//! Worker with the same Rust engine the server and `icsoe validar-trabajadores` use.

pub(crate) mod control;
mod formulario;
pub(crate) mod hallazgos;
pub(crate) mod resumen;

use crate::api::trabajadores::datos_validacion;
use crate::components::aviso::AvisoError;
use control::Control;
use formulario::Formulario;
use hallazgos::TablaHallazgos;
use leptos::prelude::*;
use leptos_meta::Title;
use resumen::{EstadoVista, Resumen};

/// `/validar`
#[component]
pub fn Validar() -> impl IntoView {
    let datos = Resource::new(|| (), |_| datos_validacion());
    view! {
        <Title text="Validar archivo de trabajadores" />
        <section class="contenedor pagina validar">
            <h1>"Validar archivo de trabajadores"</h1>
            <p class="entrada">
                "Revisa tu archivo CSV de trabajadores (NSS, CURP y SBC) antes de capturarlo. "
                "La revisión se hace en tu navegador: el archivo no se envía a ningún servidor."
            </p>
            <Transition fallback=|| view! { <p class="cargando">"Cargando…"</p> }>
                {move || Suspend::new(async move {
                    match datos.await {
                        Ok(d) => {
                            let control = Control::new(d.anio.to_string(), d.periodo.to_string(), d.limites, Some(d.salarios));
                            view! {
                                <Formulario control anios=d.anios />
                                <EstadoVista control />
                                <Resumen control />
                                <TablaHallazgos control />
                            }
                                .into_any()
                        }
                        Err(error) => view! { <AvisoError error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
