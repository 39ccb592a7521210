//! `/administracion`: the contratista's capturistas — register one by CURP, name and e-mail (an
//! invitation goes out), see who is active and when each last entered, deactivate, reactivate,
//! resend an invitation. Only the contratista sees this page.

use crate::api::cuenta::{AltaCapturista, CapturistaFila};
use crate::api::sesion::sesion_pagina;
use crate::components::formulario::CampoTexto;
use crate::domain::error::ErrorCampo;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

fn fecha_hora(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| {
            crate::domain::calendar::a_hora_centro(t.to_utc())
                .format("%d/%m/%Y %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| rfc3339.to_string())
}

/// `/administracion`
#[component]
pub fn Administracion() -> impl IntoView {
    let sesion = Resource::new(|| (), |_| sesion_pagina());
    view! {
        <Title text="Administración de capturistas" />
        <section class="contenedor pagina administracion">
            <Suspense fallback=|| view! { <p class="cargando">"Cargando…"</p> }>
                {move || Suspend::new(async move {
                    match sesion.await {
                        Ok(Some(s)) if s.terminos_pendientes => view! { <Redirect path="/terminos" /> }.into_any(),
                        Ok(Some(s)) if !s.es_titular() => view! {
                            <h1>"Administración de capturistas"</h1>
                            <div class="aviso aviso--advertencia"><p>"Solo el contratista, ingresando con su e.firma, administra a sus capturistas."</p></div>
                        }.into_any(),
                        Ok(Some(s)) => view! {
                            <h1>"Administración de capturistas"</h1>
                            <p class="entrada">{s.nombre.clone()} " · RFC " {s.rfc.clone()}</p>
                            <Capturistas />
                        }.into_any(),
                        _ => view! { <Redirect path="/ingresar" /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Capturistas() -> impl IntoView {
    let lista = RwSignal::new(None::<Vec<CapturistaFila>>);
    let curp = RwSignal::new(String::new());
    let nombre = RwSignal::new(String::new());
    let correo = RwSignal::new(String::new());
    let errores = RwSignal::new(Vec::<ErrorCampo>::new());
    let mensaje = RwSignal::new(None::<(bool, String)>);
    let recargar = move || {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            match crate::browser::http::get::<Vec<CapturistaFila>>("/api/v1/capturistas").await {
                Ok(l) => lista.set(Some(l.unwrap_or_default())),
                Err(e) => mensaje.set(Some((false, e.mensaje))),
            }
        });
    };
    recargar();
    let registrar = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errores.set(Vec::new());
        mensaje.set(None);
        let _alta = AltaCapturista {
            curp: curp.get_untracked(),
            nombre: nombre.get_untracked(),
            correo: correo.get_untracked(),
        };
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            match crate::browser::http::post::<_, CapturistaFila>("/api/v1/capturistas", &_alta)
                .await
            {
                Ok(_) => {
                    mensaje.set(Some((true, format!("Registraste a {}. Le enviamos por correo el enlace para crear su contraseña (vale 48 horas).", _alta.nombre.trim()))));
                    curp.set(String::new());
                    nombre.set(String::new());
                    correo.set(String::new());
                    recargar();
                }
                Err(e) => {
                    errores.set(e.campos.clone());
                    mensaje.set(Some((false, e.mensaje)));
                }
            }
        });
    };
    let accion = move |_curp: String, _que: &'static str| {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let r = crate::browser::http::post::<_, serde_json::Value>(
                &format!("/api/v1/capturistas/{_curp}/{_que}"),
                &(),
            )
            .await;
            match r {
                Ok(_) => {
                    if _que == "invitacion" {
                        mensaje.set(Some((true, "Enviamos una nueva invitación.".into())));
                    }
                    recargar();
                }
                Err(e) => mensaje.set(Some((false, e.mensaje))),
            }
        });
    };
    view! {
        <h2>"Registrar capturista"</h2>
        <form class="formulario" method="post" on:submit=registrar novalidate=true>
            <CampoTexto campo="curp" etiqueta="CURP" valor=curp errores=errores />
            <CampoTexto campo="nombre" etiqueta="Nombre completo" valor=nombre errores=errores autocomplete="name" />
            <CampoTexto campo="correo" etiqueta="Correo electrónico" valor=correo errores=errores tipo="email" />
            <p><button type="submit" class="boton">"Registrar capturista"</button></p>
        </form>
        {move || mensaje.get().map(|(ok, m)| view! {
            <div class=if ok { "aviso aviso--exito" } else { "aviso aviso--error" } role="status" data-testid="resultado"><p>{m}</p></div>
        })}
        <h2>"Capturistas"</h2>
        {move || match lista.get() {
            None => view! { <p class="cargando">"Cargando…"</p> }.into_any(),
            Some(l) if l.is_empty() => view! { <p>"Aún no registras capturistas."</p> }.into_any(),
            Some(l) => view! {
                <ul class="capturistas" data-testid="capturistas">
                    {l.into_iter().map(|c| {
                        let curp_a = c.curp.clone();
                        let curp_b = c.curp.clone();
                        let estado = if !c.activo { "Inactivo" } else if c.invitacion_pendiente { "Invitación pendiente" } else { "Activo" };
                        view! {
                            <li class="capturista" data-curp=c.curp.clone()>
                                <p><strong>{c.nombre.clone()}</strong> " · " {c.curp.clone()} " · " {c.correo.clone()}</p>
                                <p class="capturista__estado">
                                    <span class="etiqueta">{estado}</span>
                                    " Último ingreso: " {c.ultimo_ingreso.as_deref().map(fecha_hora).unwrap_or_else(|| "nunca".into())}
                                </p>
                                <p class="domicilio__acciones">
                                    {if c.activo {
                                        view! { <button type="button" class="boton boton--secundario" on:click=move |_| accion(curp_a.clone(), "desactivar")>"Desactivar"</button> }.into_any()
                                    } else {
                                        view! { <button type="button" class="boton boton--secundario" on:click=move |_| accion(curp_a.clone(), "reactivar")>"Reactivar"</button> }.into_any()
                                    }}
                                    {c.invitacion_pendiente.then(|| view! {
                                        <button type="button" class="boton boton--secundario" on:click=move |_| accion(curp_b.clone(), "invitacion")>"Reenviar invitación"</button>
                                    })}
                                </p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}
