//! `/administracion`: the contratista's capturistas — register one by CURP, name and e-mail (an
//! invitation goes out), see who is active and when each last entered, deactivate, reactivate,
//! resend an invitation. Only the contratista sees this page.

use crate::api::cuenta::funciones::{
    vista_administracion, AccionCapturista, DatosAdministracion, RegistrarCapturista,
};
use crate::api::cuenta::CapturistaFila;
use crate::components::aviso::{Aviso, ResultadoAccion, TipoAviso};
use crate::components::formulario::{errores_de, Campo};
use crate::pages::fuera_de_sesion;
use leptos::prelude::*;
use leptos_meta::Title;

fn fecha_hora(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| {
            crate::domain::calendar::a_hora_centro(t.to_utc())
                .format("%d/%m/%Y %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| rfc3339.to_string())
}

/// `/administracion`: rendered by the server with the list; every action is a real form.
#[component]
pub fn Administracion() -> impl IntoView {
    let registrar = ServerAction::<RegistrarCapturista>::new();
    let accion = ServerAction::<AccionCapturista>::new();
    let vista = Resource::new(
        move || (registrar.version().get(), accion.version().get()),
        |_| vista_administracion(),
    );
    view! {
        <Title text="Administración de capturistas" />
        <section class="contenedor pagina administracion">
            <h1>"Administración de capturistas"</h1>
            <Transition fallback=|| view! { <p class="cargando">"Cargando…"</p> }>
                {move || Suspend::new(async move {
                    match vista.await {
                        Ok(v) => view! { <Capturistas v registrar accion /> }.into_any(),
                        Err(e) => fuera_de_sesion(e).into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Capturistas(
    v: DatosAdministracion,
    registrar: ServerAction<RegistrarCapturista>,
    accion: ServerAction<AccionCapturista>,
) -> impl IntoView {
    let Some(lista) = v.capturistas else {
        return view! {
            <Aviso tipo=TipoAviso::Advertencia mensaje="Solo el contratista, ingresando con su e.firma, administra a sus capturistas." />
        }
        .into_any();
    };
    let errores = errores_de(registrar);
    // A fresh, empty form after each capturista registered (its values stay after an error).
    let registrados = Memo::new(move |antes: Option<&usize>| {
        match registrar.value().with(|v| matches!(v, Some(Ok(_)))) {
            true => registrar.version().get(),
            false => antes.copied().unwrap_or(0),
        }
    });
    view! {
        <p class="entrada">{v.sesion.nombre.clone()} " · RFC " {v.sesion.rfc.clone()}</p>
        <h2>"Registrar capturista"</h2>
        {move || {
            let _ = registrados.get();
            view! {
                <ActionForm action=registrar attr:class="formulario" attr:novalidate=true>
                    <Campo nombre="curp" etiqueta="CURP" errores maximo=18 />
                    <Campo nombre="nombre" etiqueta="Nombre completo" errores autocomplete="name" />
                    <Campo nombre="correo" etiqueta="Correo electrónico" errores tipo="email" />
                    <p><button type="submit" class="boton">"Registrar capturista"</button></p>
                </ActionForm>
            }
        }}
        <ResultadoAccion accion=registrar exito=|c| Some(format!("Registraste a {}. Le enviamos por correo el enlace para crear su contraseña (vale 48 horas).", c.nombre)) />
        <ResultadoAccion accion=accion exito=|m| Some(m.clone()) />
        <h2>"Capturistas"</h2>
        {if lista.is_empty() {
            view! { <p>"Aún no registras capturistas."</p> }.into_any()
        } else {
            view! {
                <ul class="capturistas" data-testid="capturistas">
                    {lista.into_iter().map(|c| view! { <Fila c accion /> }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
    .into_any()
}

#[component]
fn Fila(c: CapturistaFila, accion: ServerAction<AccionCapturista>) -> impl IntoView {
    let estado = if !c.activo {
        "Inactivo"
    } else if c.invitacion_pendiente {
        "Invitación pendiente"
    } else {
        "Activo"
    };
    let boton = |que: &'static str, texto: &'static str, curp: String| {
        view! {
            <ActionForm action=accion>
                <input type="hidden" name="curp" value=curp />
                <input type="hidden" name="que" value=que />
                <button type="submit" class="boton boton--secundario">{texto}</button>
            </ActionForm>
        }
    };
    view! {
        <li class="capturista" data-curp=c.curp.clone()>
            <p><strong>{c.nombre.clone()}</strong> " · " {c.curp.clone()} " · " {c.correo.clone()}</p>
            <p class="capturista__estado">
                <span class="etiqueta">{estado}</span>
                " Último ingreso: " {c.ultimo_ingreso.as_deref().map(fecha_hora).unwrap_or_else(|| "nunca".into())}
            </p>
            <div class="domicilio__acciones">
                {if c.activo {
                    boton("desactivar", "Desactivar", c.curp.clone()).into_any()
                } else {
                    boton("reactivar", "Reactivar", c.curp.clone()).into_any()
                }}
                {c.invitacion_pendiente.then(|| boton("invitacion", "Reenviar invitación", c.curp.clone()))}
            </div>
        </li>
    }
}
