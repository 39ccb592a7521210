//! Form pieces shared by the account pages: a labelled text field bound to a signal, with the
//! server's (or the browser's) error for that field right under it.

use crate::domain::error::ErrorCampo;
use leptos::prelude::*;

/// The message for `campo` (a JSON path such as `domicilio_social.calle`), if any.
pub fn error_en(errores: RwSignal<Vec<ErrorCampo>>, campo: String) -> impl IntoView {
    move || {
        errores.with(|e| {
            e.iter().find(|e| e.campo == campo).map(|e| {
                let codigo = e.codigo.as_str();
                view! { <p class="campo__error" role="alert" data-codigo=codigo>{e.mensaje.clone()}</p> }
            })
        })
    }
}

/// A labelled input bound to `valor`; `campo` is the field's JSON path (its id derives from it).
#[component]
pub fn CampoTexto(
    /// JSON path of the field.
    #[prop(into)]
    campo: String,
    /// Visible label.
    etiqueta: &'static str,
    /// The value.
    valor: RwSignal<String>,
    /// The form's field errors.
    errores: RwSignal<Vec<ErrorCampo>>,
    /// `type` attribute.
    #[prop(default = "text")]
    tipo: &'static str,
    /// `autocomplete` attribute.
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// A hint under the label.
    #[prop(optional)]
    ayuda: Option<&'static str>,
    /// `inputmode` attribute.
    #[prop(default = "text")]
    modo: &'static str,
) -> impl IntoView {
    let id = campo.replace('.', "-");
    let ayuda_id = format!("{id}-ayuda");
    let tiene_ayuda = ayuda.is_some();
    let invalido = {
        let campo = campo.clone();
        move || {
            errores
                .with(|e| e.iter().any(|e| e.campo == campo))
                .then_some("true")
        }
    };
    view! {
        <div class="campo">
            <label for=id.clone()>{etiqueta}</label>
            {ayuda.map(|a| view! { <p class="campo__ayuda" id=ayuda_id.clone()>{a}</p> })}
            <input
                id=id
                name=campo.clone()
                type=tipo
                inputmode=modo
                autocomplete=autocomplete
                aria-invalid=invalido
                aria-describedby=tiene_ayuda.then_some(ayuda_id.clone())
                prop:value=move || valor.get()
                on:input=move |ev| valor.set(event_target_value(&ev))
            />
            {error_en(errores, campo)}
        </div>
    }
}
