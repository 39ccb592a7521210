//! `/avisos`: every notice sent to the user — the contratista's, or the capturista's own — newest
//! first, with how its e-mail copy went, so nothing depends on e-mail alone (issue 17). Also the
//! one switch for deadline reminders.

use crate::api::avisos::{vista_avisos, Bandeja, CambiarRecordatorios};
use crate::pages::fuera_de_sesion;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/avisos`
#[component]
pub fn Avisos() -> impl IntoView {
    let consulta = use_query_map();
    let pagina = move || consulta.with(|q| q.get("pagina").and_then(|p| p.parse::<u64>().ok()));
    let guardado = consulta.with_untracked(|q| q.get("guardado").is_some());
    let datos = Resource::new(pagina, vista_avisos);
    view! {
        <Title text="Avisos" />
        <section class="contenedor pagina avisos">
            <h1>"Avisos"</h1>
            <p class="entrada">"Todo lo que ICSOE te avisa queda aquí, aunque el correo no llegue."</p>
            {guardado.then(|| view! { <div class="aviso aviso--exito" role="status" data-testid="resultado"><p>"Preferencia guardada."</p></div> })}
            <Suspense fallback=|| view! { <p class="cargando">"Cargando…"</p> }>
                {move || Suspend::new(async move {
                    match datos.await {
                        Ok(b) => view! { <Lista b /> }.into_any(),
                        Err(e) => fuera_de_sesion(e).into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Lista(b: Bandeja) -> impl IntoView {
    let cambiar = ServerAction::<CambiarRecordatorios>::new();
    let recordatorios = b.recordatorios;
    view! {
        <ActionForm action=cambiar attr:class="formulario avisos__preferencia">
            <div class="campo campo--casilla">
                <input type="checkbox" id="recordatorios" name="activos" value="true" checked=recordatorios />
                <label for="recordatorios">"Recibir recordatorios de vencimiento por correo y aquí (el primer día hábil del mes, 7 y 2 días hábiles antes, el día que vence y al día siguiente si no se presentó)"</label>
            </div>
            <p><button type="submit" class="boton boton--secundario">"Guardar preferencia"</button></p>
        </ActionForm>
        <p data-testid="total-avisos">{match b.total { 0 => "Todavía no hay avisos.".to_string(), 1 => "1 aviso".to_string(), n => format!("{n} avisos") }}</p>
        <ul class="avisos__lista" data-testid="avisos">
            {b.avisos.into_iter().map(|a| view! {
                <li class="tarjeta aviso-bandeja" data-tipo=a.tipo.clone() data-testid="aviso">
                    <p class="tarjeta__titulo">{a.asunto.clone()}</p>
                    <p class="texto-suave">{a.fecha.clone()}</p>
                    <details>
                        <summary>"Leer"</summary>
                        <p class="aviso-bandeja__texto">{a.texto.clone()}</p>
                    </details>
                    {a.enlace.clone().map(|e| view! { <p><a href=e>"Ir a la informativa"</a></p> })}
                    <p class=if a.entrega_fallida { "aviso-bandeja__entrega aviso-bandeja__entrega--falla" } else { "aviso-bandeja__entrega" }>{a.entrega.clone()}</p>
                </li>
            }).collect_view()}
        </ul>
        {(b.paginas > 1).then(|| view! {
            <nav class="paginacion" aria-label="Páginas de avisos">
                <span class="paginacion__estado">{format!("Página {} de {}", b.pagina, b.paginas)}</span>
                {(b.pagina > 1).then(|| view! { <a href=format!("/avisos?pagina={}", b.pagina - 1)>"Anterior"</a> })}
                {(b.pagina < b.paginas).then(|| view! { <a href=format!("/avisos?pagina={}", b.pagina + 1)>"Siguiente"</a> })}
            </nav>
        })}
    }
}
