//! Today's situation: the date in Mexico City, the current period and the next deadline.

use crate::components::cuenta_regresiva::CuentaRegresiva;
use crate::domain::calendar::{fecha_larga, Cuatrimestre, SituacionActual};
use leptos::prelude::*;

/// A card with today's date, the period in course and a countdown to the next due date.
#[component]
pub fn ResumenHoy(situacion: SituacionActual) -> impl IntoView {
    let ahora = situacion.ahora;
    let en_curso = situacion.en_curso.map(|p| {
        view! {
            <p data-testid="en-curso">
                "Periodo en curso: "
                <strong>{p.periodo} " · " {p.meses.replace('-', "–")} " " {p.anio}</strong>
            </p>
        }
    });
    let proximo = situacion.proximo.map(|p| {
        let nombre = Cuatrimestre::from_numero(p.periodo)
            .map(|c| c.nombre())
            .unwrap_or("periodo");
        view! {
            <p class="hoy__vence" data-testid="proximo-vencimiento">
                "Próximo vencimiento: "
                <strong>
                    <time datetime=p.vence.to_string()>{fecha_larga(p.vence)}</time>
                </strong>
                ", informativa del " {nombre} " de " {p.anio} "."
            </p>
            <CuentaRegresiva ahora hasta=p.vence_hasta />
        }
    });
    view! {
        <section class="hoy" aria-labelledby="hoy-titulo">
            <h2 id="hoy-titulo">"Hoy"</h2>
            <p>
                <time datetime=situacion.hoy.to_string()>{fecha_larga(situacion.hoy)}</time>
                ", hora del centro de México."
            </p>
            {en_curso}
            {proximo}
        </section>
    }
}
