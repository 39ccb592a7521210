//! The second way into `/ingresar`: a capturista's CURP and password. The answer never says which
//! of the two was wrong; after login the capturista picks its contratista.

use crate::components::formulario::CampoTexto;
use crate::domain::error::ErrorCampo;
use leptos::prelude::*;

/// "Ingresar como capturista"
#[component]
pub fn IngresoCapturista() -> impl IntoView {
    let curp = RwSignal::new(String::new());
    let contrasena = RwSignal::new(String::new());
    let errores = RwSignal::new(Vec::<ErrorCampo>::new());
    let error = RwSignal::new(None::<(String, &'static str)>);
    let ocupado = RwSignal::new(false);
    let ingresar = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        ocupado.set(true);
        let _peticion = crate::api::sesion::PeticionCapturista {
            curp: curp.get_untracked(),
            contrasena: contrasena.get_untracked(),
        };
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            match crate::browser::http::post::<_, crate::api::sesion::SesionCapturista>(
                "/api/v1/auth/capturista",
                &_peticion,
            )
            .await
            {
                Ok(_) => crate::browser::http::ir_a("/elegir-contratista"),
                Err(e) => {
                    error.set(Some((e.mensaje, e.codigo.as_str())));
                    ocupado.set(false);
                }
            }
        });
    };
    view! {
        <section class="ingresar__capturista" aria-labelledby="titulo-capturista">
            <h2 id="titulo-capturista">"Ingresar como capturista"</h2>
            <p>"Si un contratista te registró como capturista, entra con tu CURP y tu contraseña."</p>
            <form class="ingresar__formulario" on:submit=ingresar novalidate=true>
                <CampoTexto campo="capturista.curp" etiqueta="CURP" valor=curp errores=errores autocomplete="username" />
                <CampoTexto campo="capturista.contrasena" etiqueta="Contraseña" valor=contrasena errores=errores tipo="password" autocomplete="current-password" />
                <p class="ingresar__acciones">
                    <button type="submit" class="boton" disabled=move || ocupado.get()>"Ingresar como capturista"</button>
                </p>
            </form>
            {move || error.get().map(|(m, c)| view! { <p class="campo__error" role="alert" data-codigo=c>{m}</p> })}
            <p><a href="/recuperar">"¿Olvidaste tu contraseña?"</a></p>
        </section>
    }
}
