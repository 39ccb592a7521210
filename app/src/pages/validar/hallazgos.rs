//! The findings: a filter by code, a table (cards on a phone) and pagination. Pages are asked
//! from the worker, which holds the findings, so a million of them never reach the page at once.

use super::control::{Control, Estado, POR_PAGINA};
use crate::domain::error::ErrorCode;
use crate::domain::trabajadores::Severidad;
use leptos::prelude::*;

/// Filter, table and pager; nothing while there is no result or no finding.
#[component]
pub fn TablaHallazgos(control: Control) -> impl IntoView {
    move || {
        let Estado::Listo(r) = control.estado.get() else {
            return ().into_any();
        };
        if r.total_hallazgos == 0 {
            return ().into_any();
        }
        let opciones = r
            .por_codigo
            .iter()
            .map(|c| {
                let codigo = c.codigo.as_str();
                view! { <option value=codigo>{format!("{} ({})", c.codigo.titulo(), c.total)}</option> }
            })
            .collect_view();
        let codigos: Vec<ErrorCode> = r.por_codigo.iter().map(|c| c.codigo).collect();
        let al_filtrar = move |ev: leptos::ev::Event| {
            let valor = event_target_value(&ev);
            let codigo = codigos.iter().copied().find(|c| c.as_str() == valor);
            control.filtro.set(codigo);
            control.ir_a_pagina(0);
        };
        let recortado = (r.guardados < r.total_hallazgos).then(|| {
            view! {
                <p class="aviso aviso--advertencia">
                    {format!(
                        "Se muestran los primeros {} de {} hallazgos. El archivo de rechazados los incluye todos.",
                        r.guardados, r.total_hallazgos
                    )}
                </p>
            }
        });
        view! {
            <section class="hallazgos" aria-labelledby="hallazgos-titulo">
                <h2 id="hallazgos-titulo">{format!("Hallazgos ({})", r.total_hallazgos)}</h2>
                {recortado}
                <div class="campo campo--en-linea">
                    <label for="filtro-codigo">"Filtrar por problema"</label>
                    <select id="filtro-codigo" on:change=al_filtrar>
                        <option value="">{format!("Todos ({})", r.total_hallazgos)}</option>
                        {opciones}
                    </select>
                </div>
                <Tabla control />
            </section>
        }
        .into_any()
    }
}

#[component]
fn Tabla(control: Control) -> impl IntoView {
    move || {
        let Some(p) = control.pagina.get() else {
            return view! { <p class="cargando">"Cargando hallazgos…"</p> }.into_any();
        };
        let paginas = (p.total as usize).div_ceil(POR_PAGINA).max(1);
        let actual = p.pagina;
        let filas = p
            .hallazgos
            .into_iter()
            .map(|h| {
                let (tipo, clase) = match h.severidad {
                    Severidad::Error => ("Error", "etiqueta etiqueta--error"),
                    Severidad::Aviso => ("Aviso", "etiqueta etiqueta--aviso"),
                };
                view! {
                    <tr data-codigo=h.codigo.as_str()>
                        <td data-titulo="Renglón">{h.fila}</td>
                        <td data-titulo="Columna">{h.columna.map_or("—", |c| c.as_str())}</td>
                        <td data-titulo="Tipo"><span class=clase>{tipo}</span></td>
                        <td data-titulo="Problema">{h.codigo.titulo()}</td>
                        <td data-titulo="Mensaje" class="hallazgos__mensaje">{h.mensaje}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="tabla hallazgos__tabla">
                <thead>
                    <tr>
                        <th scope="col">"Renglón"</th>
                        <th scope="col">"Columna"</th>
                        <th scope="col">"Tipo"</th>
                        <th scope="col">"Problema"</th>
                        <th scope="col">"Mensaje"</th>
                    </tr>
                </thead>
                <tbody>{filas}</tbody>
            </table>
            <nav class="paginacion" aria-label="Páginas de hallazgos">
                <button
                    type="button"
                    class="boton boton--secundario"
                    disabled=actual == 0
                    on:click=move |_| control.ir_a_pagina(actual.saturating_sub(1))
                >
                    "Anterior"
                </button>
                <span class="paginacion__estado">{format!("Página {} de {}", actual + 1, paginas)}</span>
                <button
                    type="button"
                    class="boton boton--secundario"
                    disabled={actual + 1 >= paginas}
                    on:click=move |_| control.ir_a_pagina(actual + 1)
                >
                    "Siguiente"
                </button>
            </nav>
        }
            .into_any()
    }
}
