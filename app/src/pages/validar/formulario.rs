//! The file, year and period chooser, and the template link.

use super::control::Control;
use crate::browser::RUTA_PLANTILLA;
use crate::domain::calendar::Cuatrimestre;
use crate::domain::dinero::miles;
use crate::domain::trabajadores::LimitesArchivo;
use crate::domain::trabajadores::NOMBRE_PLANTILLA;
use leptos::prelude::*;

/// Choosing a file starts the validation; changing the year or period repeats it.
#[component]
pub fn Formulario(control: Control, anios: Vec<i32>) -> impl IntoView {
    let limites = control.limites.get_untracked();
    let LimitesArchivo {
        max_filas,
        max_bytes,
    } = limites;
    let al_elegir = move |_ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        control.elegir(crate::browser::http::archivo_elegido(&_ev));
    };
    let opciones_anio = anios
        .into_iter()
        .map(|a| {
            let valor = a.to_string();
            let elegido = valor == control.anio.get_untracked();
            view! { <option value=valor.clone() selected=elegido>{valor.clone()}</option> }
        })
        .collect_view();
    let opciones_periodo = [Cuatrimestre::Primero, Cuatrimestre::Segundo, Cuatrimestre::Tercero]
        .into_iter()
        .map(|c| {
            let valor = c.numero().to_string();
            let elegido = valor == control.periodo.get_untracked();
            view! { <option value=valor selected=elegido>{format!("{} · {}", c.numero(), c.meses())}</option> }
        })
        .collect_view();
    view! {
        <form class="validar__formulario" method="post" on:submit=|ev| ev.prevent_default()>
            <div class="campo campo--archivo">
                <label for="archivo">"Archivo CSV de trabajadores"</label>
                <input
                    id="archivo"
                    name="archivo"
                    type="file"
                    accept=".csv,.txt,text/csv,text/plain"
                    on:change=al_elegir
                    aria-describedby="archivo-ayuda"
                />
                <p id="archivo-ayuda" class="campo__ayuda">
                    {format!(
                        "Columnas NSS, CURP y SBC (encabezado opcional). Hasta {} renglones y {} MB por archivo.",
                        miles(max_filas),
                        max_bytes / (1024 * 1024),
                    )}
                </p>
            </div>
            <div class="campo">
                <label for="anio">"Año"</label>
                <select
                    id="anio"
                    name="anio"
                    on:change=move |ev| {
                        control.anio.set(event_target_value(&ev));
                        control.validar();
                    }
                >
                    {opciones_anio}
                </select>
            </div>
            <div class="campo">
                <label for="periodo">"Periodo"</label>
                <select
                    id="periodo"
                    name="periodo"
                    on:change=move |ev| {
                        control.periodo.set(event_target_value(&ev));
                        control.validar();
                    }
                >
                    {opciones_periodo}
                </select>
            </div>
            <p class="campo__ayuda validar__nota">
                "El año y el periodo fijan los límites del SBC: tope de 25 UMA y salario mínimo vigentes el último día del periodo."
            </p>
        </form>
        <p class="validar__plantilla">
            <a class="boton boton--secundario" href=RUTA_PLANTILLA download=NOMBRE_PLANTILLA>
                "Descargar plantilla"
            </a>
        </p>
        <noscript>
            <p class="aviso aviso--error">
                "Para validar el archivo en tu navegador hace falta JavaScript. También puedes usar "
                <code>"icsoe validar-trabajadores"</code>
                " en la línea de comandos."
            </p>
        </noscript>
    }
}
