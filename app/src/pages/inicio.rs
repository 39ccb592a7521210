//! The landing page: what ICSOE is and how much time is left for the next filing.

use crate::api::calendario::vista_calendario;
use crate::components::aviso::AvisoError;
use crate::pages::calendario::hoy::ResumenHoy;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/`
#[component]
pub fn Inicio() -> impl IntoView {
    let vista = Resource::new(|| (), |_| vista_calendario(None));
    view! {
        <Title text="Inicio" />
        <section class="contenedor pagina">
            <h1>"Informativa de Contratos de Servicios u Obras Especializados"</h1>
            <p class="entrada">
                "Quien presta servicios u obras especializados, con registro en el REPSE, informa al IMSS "
                "cada cuatrimestre los contratos que celebró y los trabajadores que asignó a cada uno "
                "(artículo 15-A de la Ley del Seguro Social)."
            </p>
            <Suspense fallback=|| view! { <p class="cargando">"Consultando el calendario…"</p> }>
                {move || Suspend::new(async move {
                    match vista.await {
                        Ok(v) => view! { <ResumenHoy situacion=v.situacion /> }.into_any(),
                        Err(error) => view! { <AvisoError error /> }.into_any(),
                    }
                })}
            </Suspense>
            <p class="domicilio__acciones">
                <a class="boton" href="/ingresar">"Ingresar a ICSOE"</a>
                <a class="boton boton--secundario" href="/calendario">"Ver el calendario completo"</a>
                <a class="boton boton--secundario" href="/verificar">"Verificar un acuse"</a>
            </p>
            <section class="requisitos" aria-labelledby="requisitos-titulo">
                <h2 id="requisitos-titulo">"Qué necesitas para presentar"</h2>
                <ul>
                    <li>"La e.firma vigente del contratista (no el sello digital CSD)."</li>
                    <li>"El acuse de registro en el padrón de la STPS (REPSE) y los folios de tus servicios."</li>
                    <li>"Por cada contrato: datos del cliente, objeto, vigencia y los trabajadores asignados con su NSS, CURP y salario base de cotización."</li>
                </ul>
            </section>
        </section>
    }
}
