//! `/panel`: "Inicio" after login — who is in (the contratista, or a capturista and whom it works
//! for), the period in course and its due date, the account pages, and "Salir". Anonymous
//! visitors go to `/ingresar`; pending terms go to `/terminos`; a capturista that has not picked
//! a contratista goes to `/elegir-contratista`.

use crate::api::avisos::{
    vista_panel_avisos, CalendarioPrivado, NuevoCalendarioPrivado, PanelAvisos,
    RevocarCalendarioPrivado,
};
use crate::api::calendario::vista_calendario;
use crate::api::sesion::{sesion_capturista_pagina, sesion_pagina};
use crate::components::despacho::TablaDespacho;
use crate::pages::calendario::hoy::ResumenHoy;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

/// `/panel`
#[component]
pub fn Panel() -> impl IntoView {
    let sesion = Resource::new(|| (), |_| sesion_pagina());
    let capturista = Resource::new(|| (), |_| sesion_capturista_pagina());
    let calendario = Resource::new(|| (), |_| vista_calendario(None));
    let avisos = Resource::new(|| (), |_| vista_panel_avisos());
    let salir = ServerAction::<crate::api::acceso::Salir>::new();
    let bienvenida =
        leptos_router::hooks::use_query_map().with_untracked(|q| q.get("bienvenida").is_some());
    view! {
        <Title text="Inicio" />
        <section class="contenedor pagina panel">
            <Suspense fallback=|| view! { <p class="cargando">"Cargando…"</p> }>
                {move || Suspend::new(async move {
                    let propios = avisos.await.ok();
                    match (sesion.await, calendario.await) {
                        (Ok(Some(s)), _) if s.terminos_pendientes && s.es_titular() => view! { <Redirect path="/terminos" /> }.into_any(),
                        (Ok(Some(s)), c) => view! {
                            <h1>"Inicio"</h1>
                            <p class="entrada" data-testid="contratista">
                                <strong>{s.nombre.clone()}</strong> " · RFC " {s.rfc.clone()}
                            </p>
                            {(bienvenida && s.es_titular()).then(|| view! {
                                <div class="aviso aviso--info" role="status" data-testid="bienvenida">
                                    <p class="aviso__titulo">"Aceptaste los términos y condiciones"</p>
                                    <p>"Para empezar, ingresa tus datos generales: correo, teléfono, domicilios y tu registro REPSE con sus servicios y el acuse de la STPS. Después podrás registrar informativas."</p>
                                    <p><a class="boton" href="/datos-generales">"Continuar"</a></p>
                                </div>
                            })}
                            {s.capturista.clone().map(|c| view! {
                                <p data-testid="capturista">
                                    "Capturista: " {c.nombre} " · CURP " {c.curp} " · "
                                    <a href="/elegir-contratista">"Cambiar de contratista"</a>
                                </p>
                            })}
                            // The IMSS guide: a company files with its own e.firma. A persona física
                            // session may be a legal representative who logged in with theirs.
                            {(s.es_titular() && s.persona == crate::efirma::TipoPersona::Fisica).then(|| view! {
                                <div class="aviso aviso--info" data-testid="aviso-persona-moral"><p>
                                    "Ingresaste con la e.firma de una persona física. Si representas a una empresa (persona moral), "
                                    "sal e ingresa con la e.firma de la empresa: las informativas de la empresa se presentan con su propio RFC."
                                </p></div>
                            })}
                            {s.terminos_pendientes.then(|| view! {
                                <div class="aviso aviso--advertencia"><p>"El contratista aún no acepta los términos y condiciones: pídele que ingrese con su e.firma."</p></div>
                            })}
                            {c.ok().map(|v| view! { <ResumenHoy situacion=v.situacion /> })}
                            {propios.clone().map(|p| view! { <Periodos p /> })}
                            <nav class="panel__accesos" aria-label="Cuenta">
                                <a class="boton" href="/informativas">"Informativas"</a>
                                <a class="boton boton--secundario" href="/avisos" data-testid="enlace-avisos">{match propios.as_ref().map_or(0, |p| p.avisos) { 0 => "Avisos".to_string(), n => format!("Avisos ({n})") }}</a>
                                {s.capturista.is_some().then(|| view! { <a class="boton boton--secundario" href="/despacho">"Tablero del despacho"</a> })}
                                <a class="boton boton--secundario" href="/datos-generales">"Datos generales"</a>
                                {s.es_titular().then(|| view! { <a class="boton boton--secundario" href="/administracion">"Administración de capturistas"</a> })}
                                {s.es_titular().then(|| view! { <a class="boton boton--secundario" href="/autorizaciones">"Clientes autorizados"</a> })}
                                {s.es_titular().then(|| view! { <a class="boton boton--secundario" href="/mis-proveedores">"Mis proveedores"</a> })}
                                {s.es_titular().then(|| view! { <a class="boton boton--secundario" href="/tokens-api">"Tokens de API"</a> })}
                            </nav>
                            {propios.and_then(|p| p.calendario).map(|c| view! { <Calendario c /> })}
                            <ActionForm action=salir>
                                <button type="submit" class="boton boton--secundario">"Salir"</button>
                            </ActionForm>
                        }
                            .into_any(),
                        _ => match capturista.await {
                            Ok(Some(_)) => view! { <Redirect path="/elegir-contratista" /> }.into_any(),
                            _ => view! { <Redirect path="/ingresar" /> }.into_any(),
                        },
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The contratista's own current and previous periods (the despacho board's rows).
#[component]
fn Periodos(p: PanelAvisos) -> impl IntoView {
    view! {
        <section class="panel__periodos" aria-labelledby="periodos-titulo">
            <h2 id="periodos-titulo">"Tus periodos"</h2>
            <TablaDespacho filas=p.filas />
        </section>
    }
}

/// The calendar feeds: the public one, and the contratista's private one (a secret URL shown only
/// when it is made; a new one revokes the old).
#[component]
fn Calendario(c: CalendarioPrivado) -> impl IntoView {
    let nuevo = ServerAction::<NuevoCalendarioPrivado>::new();
    let revocar = ServerAction::<RevocarCalendarioPrivado>::new();
    let listo = crate::components::formulario::hidratado();
    let creado = move || nuevo.value().get().and_then(Result::ok);
    let existe = c.desde.clone();
    let hay = c.desde.is_some();
    view! {
        <section class="panel__calendario" aria-labelledby="calendario-titulo" data-testid="calendario-privado">
            <h2 id="calendario-titulo">"Tus vencimientos en tu calendario"</h2>
            <p>"Agrega a Google Calendar u Outlook los vencimientos de todos: "
                <a href="/calendario.ics">"calendario público (.ics)"</a>
                ". O un calendario privado con solo tus periodos pendientes: se actualiza solo y deja fuera lo que ya presentaste."</p>
            {move || match creado() {
                Some(n) => view! {
                    <div class="aviso aviso--exito" role="status">
                        <p class="aviso__titulo">"Tu enlace privado (cópialo ahora: no se vuelve a mostrar)"</p>
                        <p><code data-testid="url-calendario" class="acuse">{n.url.clone().unwrap_or_default()}</code></p>
                        <p>"En Google Calendar: Otros calendarios → Desde URL. En Outlook: Agregar calendario → Suscribirse desde la web."</p>
                    </div>
                }.into_any(),
                None => match existe.clone() {
                    Some(d) => view! { <p data-testid="calendario-activo">"Tienes un calendario privado desde el " {d} ". Si perdiste el enlace o alguien más lo tiene, crea otro: el anterior deja de funcionar."</p> }.into_any(),
                    None => view! { <p>"Aún no tienes un calendario privado."</p> }.into_any(),
                },
            }}
            <div class="panel__accesos">
                <ActionForm action=nuevo>
                    <button type="submit" class="boton boton--secundario" disabled=move || !listo.get()>
                        {move || if !listo.get() { "Cargando…" } else if hay { "Crear otro enlace" } else { "Crear enlace privado" }}
                    </button>
                </ActionForm>
                {hay.then(|| view! {
                    <ActionForm action=revocar>
                        <button type="submit" class="boton boton--secundario">"Revocar el enlace"</button>
                    </ActionForm>
                })}
            </div>
        </section>
    }
}
