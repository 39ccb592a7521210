//! Form pieces shared by every page: the one labelled field (`Campo`), the select, the errors of
//! an action, the posted names of nested inputs, and "hydrated yet?".

use crate::domain::error::ErrorCampo;
use leptos::prelude::*;

/// The message for `campo` (a JSON path such as `domicilio_social.calle`), if any, with the id
/// [`describe_error`] points the field at.
pub fn error_en(errores: RwSignal<Vec<ErrorCampo>>, campo: String) -> impl IntoView {
    let id = id_error(&campo);
    move || {
        errores.with(|e| {
            e.iter().find(|e| e.campo == campo).map(|e| {
                let codigo = e.codigo.as_str();
                view! { <p class="campo__error" id=id.clone() role="alert" data-codigo=codigo>{e.mensaje.clone()}</p> }
            })
        })
    }
}

fn id_error(campo: &str) -> String {
    format!("{}-error", campo.replace('.', "-"))
}

/// `aria-describedby` for a field whose error [`error_en`] renders: its id while there is one.
pub fn describe_error(
    errores: RwSignal<Vec<ErrorCampo>>,
    campo: String,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || {
        errores
            .with(|e| e.iter().any(|e| e.campo == campo))
            .then(|| id_error(&campo))
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

/// The one labelled input. It posts under `nombre` — its JSON path, nested under the form's
/// [`PrefijoFormulario`] when there is one — so it works in a plain `<form method="post">` before
/// the WebAssembly arrives; it starts at `valor` as the server rendered it (no default arrives later
/// to overwrite what the user typed), or follows `enlace` when the page also reads the value as the
/// user types (the address, the contract's instant check). Its error (a `campo` equal to `nombre`)
/// shows under it, is tied to it with `aria-describedby`, and clears as soon as the field is edited.
#[component]
pub fn Campo(
    /// JSON path of the field (`correo`, `domicilio_social.calle`): its name, id and errors.
    #[prop(into)]
    nombre: String,
    /// Visible label.
    etiqueta: &'static str,
    /// The form's field errors.
    errores: RwSignal<Vec<ErrorCampo>>,
    /// The value it starts with.
    #[prop(into, optional)]
    valor: String,
    /// A signal the value is bound to, both ways (instead of `valor`).
    #[prop(optional)]
    enlace: Option<RwSignal<String>>,
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
    let nombre = StoredValue::new(nombre);
    let error = move || {
        errores.with(|e| {
            nombre.with_value(|n| {
                e.iter()
                    .find(|e| &e.campo == n)
                    .map(|e| (e.mensaje.clone(), e.codigo.as_str()))
            })
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
    let enlace = enlace.unwrap_or_else(|| RwSignal::new(valor));
    view! {
        <div class="campo">
            <label for=id.clone()>{etiqueta}</label>
            {ayuda.map(|a| view! { <p class="campo__ayuda" id=ayuda_id.clone()>{a}</p> })}
            <input
                id=id
                name=nombre.with_value(|n| nombre_de(n))
                type=tipo
                inputmode=modo
                autocomplete=autocomplete
                maxlength=maximo
                // The attribute for the server's HTML, the property once hydrated.
                value=enlace.get_untracked()
                prop:value=move || enlace.get()
                aria-invalid=move || error().is_some().then_some("true")
                aria-describedby=describe
                on:input=move |ev| {
                    let texto = event_target_value(&ev);
                    errores.update(|e| {
                        nombre.with_value(|n| e.retain(|e| &e.campo != n));
                        if let Some(nuevo) = revision.and_then(|r| r(&texto)) {
                            e.push(nuevo);
                        }
                    });
                    enlace.set(texto);
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
