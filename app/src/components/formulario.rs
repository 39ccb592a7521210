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

/// The name under which a form posts its fields (`contrato` → `contrato[domicilio_social][calle]`),
/// so a nested domain input arrives whole at its server function, posted plainly or by the
/// hydrated page. Provided by the form; without it a field posts under its own path.
#[derive(Clone, Copy, Debug)]
pub struct PrefijoFormulario(pub &'static str);

/// The posted name of the field at JSON path `campo` under the form's [`PrefijoFormulario`].
pub fn nombre_de(campo: &str) -> String {
    match use_context::<PrefijoFormulario>() {
        Some(PrefijoFormulario(p)) => campo
            .split('.')
            .fold(p.to_string(), |n, parte| format!("{n}[{parte}]")),
        None => campo.to_string(),
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
                name=nombre_de(&campo)
                type=tipo
                inputmode=modo
                autocomplete=autocomplete
                aria-invalid=invalido
                aria-describedby=tiene_ayuda.then_some(ayuda_id.clone())
                // The attribute for the server's HTML, the property once hydrated.
                value=valor.get_untracked()
                prop:value=move || valor.get()
                on:input=move |ev| valor.set(event_target_value(&ev))
            />
            {error_en(errores, campo)}
        </div>
    }
}

/// The field errors of `accion`'s latest answer, as a signal the form's fields read and clear
/// (a field's error goes away as soon as the user edits that field). Read at once on the server
/// too: a plain form post that failed comes back with its error in the URL.
pub fn errores_de<S>(accion: ServerAction<S>) -> RwSignal<Vec<ErrorCampo>>
where
    S: leptos::server_fn::ServerFn<Error = crate::api::AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let campos = move || {
        accion.value().with(|v| match v {
            Some(Err(e)) => e.campos.clone(),
            _ => Vec::new(),
        })
    };
    let errores = RwSignal::new(untrack(campos));
    Effect::new(move |_| errores.set(campos()));
    errores
}

/// A labelled input of a real form (`ActionForm`, or a plain `<form method="post">` before
/// WebAssembly): named `nombre` so it posts, starting at `valor` as the server rendered it (no
/// default arrives later to overwrite what the user typed), its error under it, tied to it with
/// `aria-describedby` and cleared as soon as the field is edited.
#[component]
pub fn Campo(
    /// The form field's name (and the `campo` of its errors).
    nombre: &'static str,
    /// Visible label.
    etiqueta: &'static str,
    /// The form's field errors.
    errores: RwSignal<Vec<ErrorCampo>>,
    /// The value it starts with.
    #[prop(into, optional)]
    valor: String,
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
    /// `maxlength` attribute.
    #[prop(optional)]
    maximo: Option<u32>,
    /// An id prefix, when the same form appears more than once on a page.
    #[prop(optional)]
    prefijo: &'static str,
    /// An instant check with the domain code as the user types (the NSS's lost leading zero, a
    /// CURP's check digit): its error replaces the field's.
    #[prop(optional)]
    revision: Option<fn(&str) -> Option<ErrorCampo>>,
) -> impl IntoView {
    let id = format!("{prefijo}{}", nombre.replace('.', "-"));
    let ayuda_id = format!("{id}-ayuda");
    let error_id = format!("{id}-error");
    let error = move || {
        errores.with(|e| {
            e.iter()
                .find(|e| e.campo == nombre)
                .map(|e| (e.mensaje.clone(), e.codigo.as_str()))
        })
    };
    let describe = {
        let (ayuda_id, error_id) = (ayuda_id.clone(), error_id.clone());
        move || {
            let partes: Vec<&str> = [
                ayuda.is_some().then_some(ayuda_id.as_str()),
                error().is_some().then_some(error_id.as_str()),
            ]
            .into_iter()
            .flatten()
            .collect();
            (!partes.is_empty()).then(|| partes.join(" "))
        }
    };
    view! {
        <div class="campo">
            <label for=id.clone()>{etiqueta}</label>
            {ayuda.map(|a| view! { <p class="campo__ayuda" id=ayuda_id.clone()>{a}</p> })}
            <input
                id=id
                name=nombre
                type=tipo
                inputmode=modo
                autocomplete=autocomplete
                maxlength=maximo
                value=valor
                aria-invalid=move || error().is_some().then_some("true")
                aria-describedby=describe
                on:input=move |ev| {
                    let texto = event_target_value(&ev);
                    errores.update(|e| {
                        e.retain(|e| e.campo != nombre);
                        if let Some(nuevo) = revision.and_then(|r| r(&texto)) {
                            e.push(nuevo);
                        }
                    });
                }
            />
            {move || error().map(|(m, c)| view! { <p class="campo__error" id=error_id.clone() role="alert" data-codigo=c>{m}</p> })}
        </div>
    }
}

/// A labelled `<select>` of a real form: `opciones` as (value, text), `valor` selected by the
/// server's render.
#[component]
pub fn Seleccion(
    /// The form field's name.
    nombre: &'static str,
    /// Visible label.
    etiqueta: &'static str,
    /// The form's field errors.
    errores: RwSignal<Vec<ErrorCampo>>,
    /// (value, visible text).
    opciones: Vec<(String, String)>,
    /// The value selected at first.
    #[prop(into, optional)]
    valor: String,
) -> impl IntoView {
    let error_id = format!("{nombre}-error");
    let error = move || {
        errores.with(|e| {
            e.iter()
                .find(|e| e.campo == nombre)
                .map(|e| (e.mensaje.clone(), e.codigo.as_str()))
        })
    };
    view! {
        <div class="campo">
            <label for=nombre>{etiqueta}</label>
            <select id=nombre name=nombre
                aria-invalid=move || error().is_some().then_some("true")
                aria-describedby={let e = error_id.clone(); move || error().is_some().then(|| e.clone())}
                on:change=move |_| errores.update(|e| e.retain(|e| e.campo != nombre))>
                {opciones.into_iter().map(|(v, t)| {
                    let elegida = v == valor;
                    view! { <option value=v selected=elegida>{t}</option> }
                }).collect_view()}
            </select>
            {move || error().map(|(m, c)| view! { <p class="campo__error" id=error_id.clone() role="alert" data-codigo=c>{m}</p> })}
        </div>
    }
}

/// `false` in the server's HTML and until the WebAssembly has hydrated the page, then `true`
/// (effects run only in the browser). Buttons that need browser-only work (reading an e.firma,
/// validating a CSV) stay disabled with a visible "Cargando…" until then: a disabled default
/// button also stops Enter from submitting the form early.
pub fn hidratado() -> ReadSignal<bool> {
    let (listo, poner) = signal(false);
    Effect::new(move |_| poner.set(true));
    listo
}
