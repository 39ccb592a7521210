//! The one notice component (issue 16): an error, a success, a warning or a piece of
//! information, announced to screen readers (`role="alert"` for errors, `status` otherwise), and
//! the latest answer of a form's action shown with it.

use crate::api::AppError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// What a notice says about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TipoAviso {
    /// Something was done.
    Exito,
    /// Something needs attention but nothing failed (a late filing, a fine).
    Advertencia,
    /// Context.
    Info,
}

impl TipoAviso {
    fn clase(self) -> &'static str {
        match self {
            TipoAviso::Exito => "aviso aviso--exito",
            TipoAviso::Advertencia => "aviso aviso--advertencia",
            TipoAviso::Info => "aviso aviso--info",
        }
    }
}

/// A success, warning or information box.
#[component]
pub fn Aviso(tipo: TipoAviso, #[prop(into)] mensaje: String) -> impl IntoView {
    view! {
        <div class=tipo.clase() role="status" data-testid="resultado"><p>{mensaje}</p></div>
    }
}

/// An error from the server or the domain: its Spanish message, and its code in small print for
/// whoever helps the user (support), never as the message.
#[component]
pub fn AvisoError(error: AppError) -> impl IntoView {
    view! {
        <div class="aviso aviso--error" role="alert" data-codigo=error.codigo.as_str() data-testid="resultado">
            <p>{error.mensaje}</p>
            <p class="aviso__codigo">"Código para soporte: " <code>{error.codigo.as_str()}</code></p>
        </div>
    }
}

/// The latest answer of `accion`: its error (unless it only concerns fields, which show next to
/// them) or `exito(answer)` as a success notice. Renders nothing before the first answer. Without
/// WebAssembly the error arrives in the URL the server redirected to, and shows the same way.
#[component]
pub fn ResultadoAccion<S, F>(accion: ServerAction<S>, exito: F) -> impl IntoView
where
    S: ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
    F: Fn(&S::Output) -> Option<String> + Send + Sync + 'static,
{
    move || {
        accion.value().with(|v| match v {
            Some(Ok(r)) => {
                exito(r).map(|m| view! { <Aviso tipo=TipoAviso::Exito mensaje=m /> }.into_any())
            }
            Some(Err(e)) if e.campos.is_empty() => {
                Some(view! { <AvisoError error=e.clone() /> }.into_any())
            }
            _ => None,
        })
    }
}
