//! The capturista's own pages: `/contrasena?token=…` (create or reset the password from an
//! e-mailed link), `/recuperar` ("¿Olvidaste tu contraseña?") and `/elegir-contratista` (whom
//! to work for, after login and to switch). The CURP + password form lives in `/ingresar`.

use crate::api::sesion::sesion_capturista_pagina;
use crate::components::formulario::CampoTexto;
use crate::domain::error::{ErrorCampo, ErrorCode};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

/// `/contrasena?token=…`
#[component]
pub fn Contrasena() -> impl IntoView {
    let nueva = RwSignal::new(String::new());
    let confirma = RwSignal::new(String::new());
    let errores = RwSignal::new(Vec::<ErrorCampo>::new());
    let hecho = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let guardar = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errores.set(Vec::new());
        error.set(None);
        let n = nueva.get_untracked();
        let revision = match crate::domain::cuenta::Contrasena::validar(&n, "") {
            Err(e) => Err(ErrorCampo::de("contrasena", &e)),
            Ok(_) if n != confirma.get_untracked() => Err(ErrorCampo::nuevo(
                "confirmacion",
                ErrorCode::PasswordPolicy,
                "Las dos contraseñas no coinciden. Escríbelas de nuevo.",
            )),
            Ok(_) => Ok(()),
        };
        if let Err(e) = revision {
            errores.set(vec![e]);
        } else {
            #[cfg(feature = "hydrate")]
            leptos::task::spawn_local(async move {
                let token = crate::browser::http::parametro("token").unwrap_or_default();
                match crate::browser::http::post::<_, serde_json::Value>(
                    "/api/v1/auth/capturista/contrasena",
                    &crate::api::sesion::PeticionContrasena {
                        token,
                        contrasena: n,
                    },
                )
                .await
                {
                    Ok(r) => hecho.set(Some(
                        r.and_then(|v| v["mensaje"].as_str().map(String::from))
                            .unwrap_or_default(),
                    )),
                    Err(e) if e.codigo == ErrorCode::PasswordPolicy => {
                        errores.set(vec![ErrorCampo::nuevo("contrasena", e.codigo, e.mensaje)])
                    }
                    Err(e) => error.set(Some(e.mensaje)),
                }
            });
        }
    };
    view! {
        <Title text="Crea tu contraseña" />
        <section class="contenedor pagina contrasena">
            <h1>"Crea tu contraseña de capturista"</h1>
            {move || match hecho.get() {
                Some(m) => view! {
                    <div class="aviso aviso--exito" role="status"><p>{m}</p></div>
                    <p><a class="boton" href="/ingresar?capturista=1">"Ingresar como capturista"</a></p>
                }.into_any(),
                None => view! {
                    <p class="entrada">"Usa al menos 10 caracteres. Una frase de varias palabras es fácil de recordar y difícil de adivinar."</p>
                    <form class="formulario" on:submit=guardar novalidate=true>
                        <CampoTexto campo="contrasena" etiqueta="Nueva contraseña" valor=nueva errores=errores tipo="password" autocomplete="new-password" />
                        <CampoTexto campo="confirmacion" etiqueta="Confirma la contraseña" valor=confirma errores=errores tipo="password" autocomplete="new-password" />
                        <p><button type="submit" class="boton">"Guardar contraseña"</button></p>
                    </form>
                    {move || error.get().map(|m| view! { <div class="aviso aviso--error" role="alert"><p>{m}</p></div> })}
                }.into_any(),
            }}
        </section>
    }
}

/// `/recuperar`
#[component]
pub fn Recuperar() -> impl IntoView {
    let curp = RwSignal::new(String::new());
    let errores = RwSignal::new(Vec::<ErrorCampo>::new());
    let hecho = RwSignal::new(None::<String>);
    let enviar = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errores.set(Vec::new());
        let c = curp.get_untracked();
        if let Err(e) = crate::domain::ids::Curp::parse(&c) {
            errores.set(vec![ErrorCampo::de("curp", &e)]);
        } else {
            #[cfg(feature = "hydrate")]
            leptos::task::spawn_local(async move {
                match crate::browser::http::post::<_, serde_json::Value>(
                    "/api/v1/auth/capturista/recuperar",
                    &crate::api::sesion::PeticionRecuperar { curp: c },
                )
                .await
                {
                    Ok(r) => hecho.set(Some(
                        r.and_then(|v| v["mensaje"].as_str().map(String::from))
                            .unwrap_or_default(),
                    )),
                    Err(e) => errores.set(vec![ErrorCampo::nuevo("curp", e.codigo, e.mensaje)]),
                }
            });
        }
    };
    view! {
        <Title text="¿Olvidaste tu contraseña?" />
        <section class="contenedor pagina recuperar">
            <h1>"¿Olvidaste tu contraseña?"</h1>
            {move || match hecho.get() {
                Some(m) => view! { <div class="aviso aviso--exito" role="status" data-testid="resultado"><p>{m}</p></div> }.into_any(),
                None => view! {
                    <p class="entrada">"Escribe tu CURP y te enviaremos a tu correo un enlace para elegir una contraseña nueva."</p>
                    <form class="formulario" on:submit=enviar novalidate=true>
                        <CampoTexto campo="curp" etiqueta="CURP" valor=curp errores=errores autocomplete="username" />
                        <p><button type="submit" class="boton">"Enviar enlace"</button></p>
                    </form>
                }.into_any(),
            }}
        </section>
    }
}

/// `/elegir-contratista`
#[component]
pub fn ElegirContratista() -> impl IntoView {
    let sesion = Resource::new(|| (), |_| sesion_capturista_pagina());
    let error = RwSignal::new(None::<String>);
    let elegir = move |_rfc: String| {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            match crate::browser::http::post::<_, serde_json::Value>(
                "/api/v1/auth/capturista/contratista",
                &crate::api::sesion::PeticionElegir { rfc: _rfc },
            )
            .await
            {
                Ok(_) => crate::browser::http::ir_a("/panel"),
                Err(e) => error.set(Some(e.mensaje)),
            }
        });
    };
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
                                view! { <div class="aviso aviso--advertencia"><p>"Ningún contratista te tiene activo como capturista. Pide al contratista que te registre o te reactive."</p></div> }.into_any()
                            } else {
                                view! {
                                    <ul class="contratistas">
                                        {s.contratistas.into_iter().map(|c| {
                                            let rfc = c.rfc.clone();
                                            let actual = s.contratista.as_deref() == Some(c.rfc.as_str());
                                            view! {
                                                <li>
                                                    <button type="button" class="boton" on:click=move |_| elegir(rfc.clone())>
                                                        {format!("Trabajar para {}", c.nombre)}
                                                    </button>
                                                    " RFC " {c.rfc.clone()} {actual.then_some(" (actual)")}
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            {move || error.get().map(|m| view! { <div class="aviso aviso--error" role="alert"><p>{m}</p></div> })}
                        }.into_any(),
                        _ => view! { <Redirect path="/ingresar" /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
