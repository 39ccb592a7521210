//! The capturista's own pages: `/contrasena?token=…` (create or reset the password from an
//! e-mailed link), `/recuperar` ("¿Olvidaste tu contraseña?") and `/elegir-contratista` (whom
//! to work for, after login and to switch). The CURP + password form lives in `/ingresar`. Every
//! form is a real `POST` that works before the WebAssembly arrives.

use crate::api::acceso::{CrearContrasena, ElegirContratista as Elegir, RecuperarContrasena};
use crate::api::sesion::sesion_capturista_pagina;
use crate::components::aviso::{Aviso, ResultadoAccion, TipoAviso};
use crate::components::formulario::{errores_de, Campo};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

/// `/contrasena?token=…`
#[component]
pub fn Contrasena() -> impl IntoView {
    let guardar = ServerAction::<CrearContrasena>::new();
    let errores = errores_de(guardar);
    // The token travels from the link into the form (it is the link's own secret, not the user's).
    let token = StoredValue::new(
        use_query_map()
            .with_untracked(|q| q.get("token"))
            .unwrap_or_default(),
    );
    let hecho = move || guardar.value().with(|v| matches!(v, Some(Ok(_))));
    view! {
        <Title text="Crea tu contraseña" />
        <section class="contenedor pagina contrasena">
            <h1>"Crea tu contraseña de capturista"</h1>
            <Show when=hecho fallback=move || view! {
                <p class="entrada">"Usa al menos 10 caracteres. Una frase de varias palabras es fácil de recordar y difícil de adivinar."</p>
                <ActionForm action=guardar attr:class="formulario" attr:novalidate=true>
                    <input type="hidden" name="token" value=token.get_value() />
                    <Campo nombre="contrasena" etiqueta="Nueva contraseña" errores tipo="password" autocomplete="new-password" />
                    <Campo nombre="confirmacion" etiqueta="Confirma la contraseña" errores tipo="password" autocomplete="new-password" />
                    <p><button type="submit" class="boton">"Guardar contraseña"</button></p>
                </ActionForm>
                <ResultadoAccion accion=guardar exito=|_| None />
            }>
                <Aviso tipo=TipoAviso::Exito mensaje="Tu contraseña quedó guardada. Ingresa con tu CURP y tu nueva contraseña." />
                <p><a class="boton" href="/ingresar?capturista=1">"Ingresar como capturista"</a></p>
            </Show>
        </section>
    }
}

/// `/recuperar`
#[component]
pub fn Recuperar() -> impl IntoView {
    let enviar = ServerAction::<RecuperarContrasena>::new();
    let errores = errores_de(enviar);
    let hecho = move || enviar.value().with(|v| matches!(v, Some(Ok(_))));
    view! {
        <Title text="¿Olvidaste tu contraseña?" />
        <section class="contenedor pagina recuperar">
            <h1>"¿Olvidaste tu contraseña?"</h1>
            <Show when=hecho fallback=move || view! {
                <p class="entrada">"Escribe tu CURP y te enviaremos a tu correo un enlace para elegir una contraseña nueva."</p>
                <ActionForm action=enviar attr:class="formulario" attr:novalidate=true>
                    <Campo nombre="curp" etiqueta="CURP" errores autocomplete="username" maximo=18 />
                    <p><button type="submit" class="boton">"Enviar enlace"</button></p>
                </ActionForm>
                <ResultadoAccion accion=enviar exito=|_| None />
            }>
                <Aviso tipo=TipoAviso::Exito mensaje="Si esa CURP tiene una cuenta de capturista, enviamos a su correo un enlace para restablecer la contraseña. El enlace vale 30 minutos." />
            </Show>
        </section>
    }
}

/// `/elegir-contratista`
#[component]
pub fn ElegirContratista() -> impl IntoView {
    let sesion = Resource::new(|| (), |_| sesion_capturista_pagina());
    let elegir = ServerAction::<Elegir>::new();
    view! {
        <Title text="Elige el contratista" />
        <section class="contenedor pagina elegir">
            <Suspense fallback=|| view! { <p class="cargando">"Cargando…"</p> }>
                {move || Suspend::new(async move {
                    match sesion.await {
                        Ok(Some(s)) => view! {
                            <h1>"¿Para quién vas a capturar?"</h1>
                            <p class="entrada">{s.nombre.clone()} " · CURP " {s.curp.clone()}</p>
                            {if s.contratistas.is_empty() {
                                view! { <Aviso tipo=TipoAviso::Advertencia mensaje="Ningún contratista te tiene activo como capturista. Pide al contratista que te registre o te reactive." /> }.into_any()
                            } else {
                                view! {
                                    <ul class="contratistas">
                                        {s.contratistas.into_iter().map(|c| {
                                            let actual = s.contratista.as_deref() == Some(c.rfc.as_str());
                                            view! {
                                                <li>
                                                    <ActionForm action=elegir>
                                                        <input type="hidden" name="rfc" value=c.rfc.clone() />
                                                        <button type="submit" class="boton">{format!("Trabajar para {}", c.nombre)}</button>
                                                        " RFC " {c.rfc.clone()} {actual.then_some(" (actual)")}
                                                    </ActionForm>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            <ResultadoAccion accion=elegir exito=|_| None />
                            <nav class="panel__accesos" aria-label="Despacho">
                                <a class="boton boton--secundario" href="/despacho">"Tablero del despacho"</a>
                                <a class="boton boton--secundario" href="/avisos">"Mis avisos"</a>
                            </nav>
                        }.into_any(),
                        _ => view! { <Redirect path="/ingresar" /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
