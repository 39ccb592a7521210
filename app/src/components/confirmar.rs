//! The one confirmation pattern (issue 16): a destructive action inside an `ActionForm` opens a
//! disclosure that says what will be deleted, and only its second button submits. A `<details>`
//! works before and without WebAssembly, is keyboard- and screen-reader-friendly, and a stray tap
//! on a phone list with fifty "Eliminar" buttons deletes nothing.

use leptos::prelude::*;

/// "Eliminar" → "¿Eliminar …? No se puede deshacer." → "Sí, eliminar". Place it inside the form
/// whose submission does the deletion.
#[component]
pub fn Confirmar(
    /// The first button's text ("Eliminar").
    #[prop(into)]
    etiqueta: String,
    /// What will happen, in full ("¿Eliminar el trabajador con NSS …?").
    #[prop(into)]
    pregunta: String,
    /// The button that does it ("Sí, eliminar").
    #[prop(into, default = "Sí, eliminar".to_string())]
    confirmar: String,
    /// When it sits inside another form (HTML forbids nested forms: the parser drops the inner
    /// one, and hydration then fails): the server function its button posts to on its own
    /// (`formaction`) before hydration…
    #[prop(optional)]
    destino: Option<&'static str>,
    /// …and what it does once hydrated, instead of submitting the surrounding form.
    #[prop(optional)]
    al_confirmar: Option<Callback<()>>,
) -> impl IntoView {
    view! {
        <details class="confirmar">
            <summary class="boton boton--secundario">{etiqueta}</summary>
            <div class="confirmar__cuerpo" role="group">
                <p>{pregunta}</p>
                <button type="submit" class="boton boton--peligro" formaction=destino
                    formmethod=destino.map(|_| "post") formnovalidate=destino.is_some()
                    on:click=move |ev| {
                        if let Some(f) = al_confirmar {
                            ev.prevent_default();
                            f.run(());
                        }
                    }>{confirmar}</button>
            </div>
        </details>
    }
}
