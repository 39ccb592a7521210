//! One module per route.

pub mod administracion;
pub mod avisos;
pub mod beneficiarios;
pub mod calendario;
pub mod capturista;
pub mod cifras;
pub mod datos_generales;
pub mod despacho;
pub mod informativas;
pub mod ingresar;
pub mod inicio;
pub mod listado;
pub mod no_encontrada;
pub mod panel;
pub mod terminos;
pub mod tokens_api;
pub mod validar;
pub mod verificar;

use crate::components::aviso::AvisoError;
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// What a page shows when its data could not be read: without a session (or with the terms
/// pending) a redirect to `/panel`, which sends each visitor where it belongs; anything else, the
/// error.
pub(crate) fn fuera_de_sesion(e: crate::api::AppError) -> impl IntoView {
    use crate::domain::error::ErrorCode;
    match e.codigo {
        ErrorCode::AuthRequired | ErrorCode::TermsPending => {
            view! { <Redirect path="/panel" /> }.into_any()
        }
        _ => view! { <AvisoError error=e /> }.into_any(),
    }
}
