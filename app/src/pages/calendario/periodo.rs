//! One period of the calendar as a card.

use crate::domain::calendar::{fecha_corta, fecha_larga, EstadoPeriodo, PeriodoCalendario};
use chrono::Datelike;
use leptos::prelude::*;

/// Months, window and due date of a period, and why the due date moved if it did.
#[component]
pub fn TarjetaPeriodo(periodo: PeriodoCalendario, estado: EstadoPeriodo) -> impl IntoView {
    let titulo = format!("periodo-{}", periodo.periodo);
    let etiquetado_por = titulo.clone();
    let recorrido = (!periodo.dias_recorridos.is_empty()).then(|| {
        let dias = periodo
            .dias_recorridos
            .iter()
            .map(|d| view! { <li>{fecha_corta(d.fecha)} ": " {d.motivo.clone()}</li> })
            .collect_view();
        view! {
            <div class="periodo__nota">
                <p>
                    "El plazo legal (" {periodo.limite_legal.day()} " de "
                    {crate::domain::calendar::nombre_mes(periodo.limite_legal.month())}
                    ") se recorre al siguiente día hábil:"
                </p>
                <ul>{dias}</ul>
            </div>
        }
    });
    view! {
        <article
            class=format!("periodo periodo--{}", estado.clave())
            aria-labelledby=etiquetado_por
            data-periodo=periodo.periodo
            data-vence=periodo.vence.to_string()
        >
            <header class="periodo__cabeza">
                <h3 id=titulo>"Periodo " {periodo.periodo}</h3>
                <span class=format!("etiqueta etiqueta--{}", estado.clave())>{estado.etiqueta()}</span>
            </header>
            <p class="periodo__meses">{periodo.meses.replace('-', "–")} " " {periodo.anio}</p>
            <dl class="periodo__datos">
                <dt>"Comprende"</dt>
                <dd>{fecha_corta(periodo.inicio_periodo)} " al " {fecha_corta(periodo.fin_periodo)}</dd>
                <dt>"Se presenta"</dt>
                <dd>"del " {fecha_corta(periodo.inicio_periodo)} " al " {fecha_corta(periodo.vence)}</dd>
                <dt>"Vence"</dt>
                <dd class="periodo__vence">
                    <time datetime=periodo.vence.to_string()>{fecha_larga(periodo.vence)}</time>
                </dd>
            </dl>
            {recorrido}
        </article>
    }
}
