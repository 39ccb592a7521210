//! Notices: an error, a warning or a piece of information, announced to screen readers.

use crate::api::AppError;
use leptos::prelude::*;

/// An error from the server or the domain, shown with its message (and its code, for support).
#[component]
pub fn AvisoError(error: AppError) -> impl IntoView {
    view! {
        <div class="aviso aviso--error" role="alert" data-codigo=error.codigo.as_str()>
            <p class="aviso__titulo">"No se pudo mostrar la información"</p>
            <p>{error.mensaje}</p>
            <p class="aviso__codigo">"Código: " <code>{error.codigo.as_str()}</code></p>
        </div>
    }
}
