//! `/informativas`: "Registrar informativa" (año, periodo, tipo) and the contratista's
//! informativas as cards that read well on a phone: period, type, state, counts, due date and
//! whether it is on time; drafts can be deleted. The informativa, contract and worker pages are
//! the submodules.

// The server renders these pages; their handlers run only in the browser.
#![cfg_attr(
    not(feature = "hydrate"),
    allow(
        unused_variables,
        unused_imports,
        dead_code,
        reason = "handlers are browser-only"
    )
)]

mod acuse;
mod carga;
mod contrato;
mod contrato_form;
mod detalle;
mod firmar;
mod importar;

pub use contrato::ContratoPagina;
pub use contrato_form::{ContratoEditar, ContratoNuevo};
pub use detalle::InformativaPagina;

use crate::api::informativas::{InformativaFila, NuevaInformativa};
use crate::api::sesion::{sesion_pagina, SesionActual};
use crate::components::formulario::error_en;
use crate::domain::calendar::Cuatrimestre;
use crate::domain::dinero::miles;
use crate::domain::error::ErrorCampo;
use crate::domain::informativas::{EstadoInformativa, TipoInformativa};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

/// Renders `contenido` with the session of someone acting for a contratista; anyone else goes
/// to `/panel`, which sends them where they belong (login, terms, choosing a contratista).
#[component]
pub fn ConSesion<F, V>(contenido: F) -> impl IntoView
where
    F: Fn(SesionActual) -> V + Send + Sync + Clone + 'static,
    V: IntoView + 'static,
{
    let sesion = Resource::new(|| (), |_| sesion_pagina());
    view! {
        <Suspense fallback=|| view! { <p class="cargando">"Cargando…"</p> }>
            {move || {
                let contenido = contenido.clone();
                Suspend::new(async move {
                    match sesion.await {
                        Ok(Some(s)) if !s.terminos_pendientes => contenido(s).into_any(),
                        _ => view! { <Redirect path="/panel" /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The state as a badge.
pub(crate) fn etiqueta_estado(e: EstadoInformativa) -> impl IntoView {
    view! { <span class=format!("etiqueta etiqueta--{}", e.as_str()) data-estado=e.as_str()>{e.etiqueta()}</span> }
}

/// "Periodo 3 (Septiembre–Diciembre) de 2026".
pub(crate) fn nombre_periodo(i: &InformativaFila) -> String {
    format!("Periodo {} ({}) de {}", i.periodo, i.meses, i.anio)
}

/// `/informativas`
#[component]
pub fn Informativas() -> impl IntoView {
    view! {
        <Title text="Informativas" />
        <section class="contenedor pagina informativas">
            <h1>"Informativas"</h1>
            <ConSesion contenido=|s| view! {
                <p class="entrada">{s.nombre.clone()} " · RFC " {s.rfc.clone()}</p>
                <Lista />
            } />
        </section>
    }
}

#[component]
fn Lista() -> impl IntoView {
    let lista = RwSignal::new(None::<Vec<InformativaFila>>);
    let anio = RwSignal::new(String::new());
    let periodo = RwSignal::new(String::new());
    let tipo = RwSignal::new(TipoInformativa::Normal.as_str().to_string());
    let errores = RwSignal::new(Vec::<ErrorCampo>::new());
    let mensaje = RwSignal::new(None::<(bool, String)>);
    let recargar = move || {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            match crate::browser::http::get::<Vec<InformativaFila>>("/api/v1/informativas").await {
                Ok(l) => lista.set(Some(l.unwrap_or_default())),
                Err(e) => mensaje.set(Some((false, e.mensaje))),
            }
        });
    };
    recargar();
    // The period being reported now, by the server's clock: the previous one until its deadline.
    let anios = RwSignal::new(Vec::<i32>::new());
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        if let Ok(d) = crate::api::trabajadores::datos_validacion().await {
            anio.set(d.anio.to_string());
            periodo.set(d.periodo.to_string());
            anios.set(d.anios);
        }
    });
    let registrar = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        errores.set(Vec::new());
        mensaje.set(None);
        let _n = NuevaInformativa {
            anio: anio.get_untracked(),
            periodo: periodo.get_untracked(),
            tipo: tipo.get_untracked(),
        };
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            match crate::browser::http::post::<_, InformativaFila>("/api/v1/informativas", &_n)
                .await
            {
                Ok(Some(i)) => crate::browser::http::ir_a(&format!("/informativas/{}", i.id)),
                Ok(None) => recargar(),
                Err(e) => {
                    errores.set(e.campos.clone());
                    mensaje.set(Some((false, e.mensaje)));
                }
            }
        });
    };
    let borrar = move |_id: i64| {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let confirmado = web_sys::window()
                .and_then(|w| w.confirm_with_message("¿Eliminar esta informativa en captura con sus contratos y trabajadores? No se puede deshacer.").ok())
                .unwrap_or(false);
            if !confirmado {
                return;
            }
            match crate::browser::http::delete(&format!("/api/v1/informativas/{_id}")).await {
                Ok(()) => {
                    mensaje.set(Some((true, "Eliminaste la informativa.".into())));
                    recargar();
                }
                Err(e) => mensaje.set(Some((false, e.mensaje))),
            }
        });
    };
    view! {
        <h2>"Registrar informativa"</h2>
        <form class="formulario formulario--en-linea" on:submit=registrar novalidate=true data-testid="registrar">
            <div class="campo">
                <label for="anio">"Año"</label>
                <select id="anio" prop:value=move || anio.get() on:change=move |ev| anio.set(event_target_value(&ev))>
                    {move || anios.get().into_iter().map(|a| {
                        let v = a.to_string();
                        view! { <option value=v.clone() selected=v == anio.get_untracked()>{v.clone()}</option> }
                    }).collect_view()}
                </select>
                {error_en(errores, "anio".into())}
            </div>
            <div class="campo">
                <label for="periodo">"Periodo"</label>
                <select id="periodo" prop:value=move || periodo.get() on:change=move |ev| periodo.set(event_target_value(&ev))>
                    {Cuatrimestre::TODOS.into_iter().map(|c| {
                        let v = c.numero().to_string();
                        view! { <option value=v.clone() selected=v == periodo.get_untracked()>{format!("{} · {}", c.numero(), c.meses())}</option> }
                    }).collect_view()}
                </select>
                {error_en(errores, "periodo".into())}
            </div>
            <fieldset class="campo">
                <legend>"Tipo"</legend>
                <label class="campo--en-linea">
                    <input type="radio" name="tipo" value="normal" prop:checked=move || tipo.get() == "normal" on:change=move |_| tipo.set("normal".into()) />
                    "Normal (hubo contratos en el periodo)"
                </label>
                <label class="campo--en-linea">
                    <input type="radio" name="tipo" value="sin_informacion" prop:checked=move || tipo.get() == "sin_informacion" on:change=move |_| tipo.set("sin_informacion".into()) />
                    "Sin información (no hubo contratos)"
                </label>
                {error_en(errores, "tipo".into())}
            </fieldset>
            <p><button type="submit" class="boton">"Registrar informativa"</button></p>
        </form>
        {move || mensaje.get().map(|(ok, m)| view! {
            <div class=if ok { "aviso aviso--exito" } else { "aviso aviso--error" } role="status" data-testid="resultado"><p>{m}</p></div>
        })}
        <h2>"Mis informativas"</h2>
        {move || match lista.get() {
            None => view! { <p class="cargando">"Cargando…"</p> }.into_any(),
            Some(l) if l.is_empty() => view! { <p>"Aún no registras informativas."</p> }.into_any(),
            Some(l) => view! {
                <ul class="tarjetas" data-testid="informativas">
                    {l.into_iter().map(|i| {
                        let id = i.id;
                        let nombre = nombre_periodo(&i);
                        view! {
                            <li class="tarjeta" data-id=id data-periodo=format!("{}-{}", i.anio, i.periodo)>
                                <p class="tarjeta__titulo"><a href=format!("/informativas/{id}")>{nombre}</a></p>
                                <p>{i.tipo.etiqueta()} " · " {etiqueta_estado(i.estado)}</p>
                                <p>{format!("{} contratos · {} trabajadores", miles(i.contratos), miles(i.trabajadores))}</p>
                                {i.folio.clone().map(|f| view! {
                                    <p data-campo="folio">{format!("Folio {f} · {}", i.presentada.clone().unwrap_or_default())}</p>
                                    <p><a href=format!("/api/v1/informativas/{id}/acuse.pdf") download>"Acuse de presentación (PDF)"</a></p>
                                })}
                                <p class=if i.a_tiempo { "plazo" } else { "plazo plazo--vencido" }>
                                    {if i.tipo.es_complementaria() {
                                        "Complementaria: sin plazo".to_string()
                                    } else {
                                        format!("Vence el {}{}", i.vence, if i.a_tiempo { " · a tiempo" } else { " · fuera de plazo (extemporánea)" })
                                    }}
                                </p>
                                {i.estado.editable().then(|| view! {
                                    <p><button type="button" class="boton boton--secundario" on:click=move |_| borrar(id)>"Eliminar"</button></p>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}
