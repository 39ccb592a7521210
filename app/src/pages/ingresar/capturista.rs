//! The second way into `/ingresar`: a capturista's CURP and password. A real `POST` form (never
//! `GET`: a password manager may fill it and the user press Enter before the WebAssembly
//! arrives). The answer never says which of the two was wrong; after login the capturista picks
//! its contratista.

use crate::api::acceso::IngresarCapturista;
use crate::components::aviso::ResultadoAccion;
use crate::components::formulario::{errores_de, Campo};
use leptos::prelude::*;

/// "Ingresar como capturista"
#[component]
pub fn IngresoCapturista() -> impl IntoView {
    let ingresar = ServerAction::<IngresarCapturista>::new();
    let errores = errores_de(ingresar);
    view! {
        <section class="ingresar__capturista" aria-labelledby="titulo-capturista">
            <h2 id="titulo-capturista">"Ingresar como capturista"</h2>
            <p>"Si un contratista te registró como capturista, entra con tu CURP y tu contraseña."</p>
            <ActionForm action=ingresar attr:class="ingresar__formulario" attr:novalidate=true>
                <Campo nombre="curp" prefijo="capturista-" etiqueta="CURP" errores autocomplete="username" maximo=18 />
                <Campo nombre="contrasena" prefijo="capturista-" etiqueta="Contraseña" errores tipo="password" autocomplete="current-password" />
                <p class="ingresar__acciones">
                    <button type="submit" class="boton" disabled=move || ingresar.pending().get()>"Ingresar como capturista"</button>
                </p>
            </ActionForm>
            <ResultadoAccion accion=ingresar exito=|_| None />
            <p><a href="/recuperar">"¿Olvidaste tu contraseña?"</a></p>
        </section>
    }
}
