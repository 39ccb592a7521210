//! The year selector: previous/next links and a drop-down. A plain GET form without JavaScript;
//! after hydration it navigates in place (no page reload).

use crate::domain::calendar::Anio;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Chooses the year shown by `/calendario`.
#[component]
pub fn SelectorAnio(
    /// The year on screen, if any.
    anio: Option<i32>,
) -> impl IntoView {
    let navegar = use_navigate();
    let ir = move |valor: String| {
        navegar(
            &format!("/calendario?anio={}", valor.trim()),
            Default::default(),
        );
    };
    let ir_al_cambiar = ir.clone();
    let lista = NodeRef::<leptos::html::Select>::new();
    let al_enviar = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(select) = lista.get() {
            ir(select.value());
        }
    };
    // The visible text ("‹ 2025") is part of the accessible name ("2025, año anterior"), as WCAG
    // 2.5.3 asks: a voice user says what they see.
    let paso = |destino: Option<i32>, anterior: bool| {
        destino.filter(|a| (Anio::MIN..=Anio::MAX).contains(a)).map(|a| {
            view! {
                // A plain link (the router still navigates in place): `<A>` would mark both
                // neighbouring years `aria-current="page"`, since it compares only the path.
                <a href=format!("/calendario?anio={a}") class="selector-anio__paso">
                    {anterior.then_some(view! { <span aria-hidden="true">"‹ "</span> })}
                    {a}
                    <span class="visualmente-oculto">{if anterior { ", año anterior" } else { ", año siguiente" }}</span>
                    {(!anterior).then_some(view! { <span aria-hidden="true">" ›"</span> })}
                </a>
            }
        })
    };
    let anterior = paso(anio.map(|a| a - 1), true);
    let siguiente = paso(anio.map(|a| a + 1), false);
    let opciones = (Anio::MIN..=Anio::MAX)
        .map(|a| view! { <option value=a selected=Some(a) == anio>{a}</option> })
        .collect_view();
    view! {
        <form class="selector-anio" method="get" action="/calendario" on:submit=al_enviar>
            {anterior}
            <label for="anio">"Año"</label>
            <select
                id="anio"
                name="anio"
                node_ref=lista
                on:change=move |ev| ir_al_cambiar(event_target_value(&ev))
            >
                {opciones}
            </select>
            <button type="submit" class="boton boton--secundario">"Ver"</button>
            {siguiente}
        </form>
    }
}
