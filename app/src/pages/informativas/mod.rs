//! `/informativas`: "Registrar informativa" (año, periodo, tipo) and the contratista's
//! informativas as cards that read well on a phone: period, type, state, counts, due date and
//! whether it is on time; drafts can be deleted. The informativa, contract and worker pages are
//! the submodules.

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

use crate::api::informativas::funciones::{
    vista_informativas, DatosInformativas, EliminarInformativa, RegistrarInformativa,
};
use crate::api::informativas::InformativaFila;
use crate::components::aviso::ResultadoAccion;
use crate::components::confirmar::Confirmar;
use crate::components::formulario::{errores_de, Seleccion};
use crate::domain::calendar::Cuatrimestre;
use crate::domain::dinero::miles;
use crate::domain::informativas::{EstadoInformativa, TipoInformativa};
pub(crate) use crate::pages::fuera_de_sesion;
use leptos::prelude::*;
use leptos_meta::Title;

/// The state as a badge.
pub(crate) fn etiqueta_estado(e: EstadoInformativa) -> impl IntoView {
    view! { <span class=format!("etiqueta etiqueta--{}", e.as_str()) data-estado=e.as_str()>{e.etiqueta()}</span> }
}

/// "Periodo 3 (Septiembre–Diciembre) de 2026".
pub(crate) fn nombre_periodo(i: &InformativaFila) -> String {
    format!("Periodo {} ({}) de {}", i.periodo, i.meses, i.anio)
}

/// "1 contrato", "2 contratos".
pub(crate) fn cuenta(n: u64, singular: &str, plural: &str) -> String {
    format!("{} {}", miles(n), if n == 1 { singular } else { plural })
}

/// `/informativas`: rendered by the server with the list and the form already set to the period
/// being reported now; registering and deleting are real forms that work before WebAssembly.
#[component]
pub fn Informativas() -> impl IntoView {
    let registrar = ServerAction::<RegistrarInformativa>::new();
    let eliminar = ServerAction::<EliminarInformativa>::new();
    let vista = Resource::new(
        move || (registrar.version().get(), eliminar.version().get()),
        |_| vista_informativas(),
    );
    view! {
        <Title text="Informativas" />
        <section class="contenedor pagina informativas">
            <h1>"Informativas"</h1>
            <Transition fallback=|| view! { <p class="cargando">"Cargando…"</p> }>
                {move || Suspend::new(async move {
                    match vista.await {
                        Ok(v) => view! { <Lista v registrar eliminar /> }.into_any(),
                        Err(e) => fuera_de_sesion(e).into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Lista(
    v: DatosInformativas,
    registrar: ServerAction<RegistrarInformativa>,
    eliminar: ServerAction<EliminarInformativa>,
) -> impl IntoView {
    let errores = errores_de(registrar);
    let anios = v
        .anios
        .iter()
        .map(|a| (a.to_string(), a.to_string()))
        .collect::<Vec<_>>();
    let periodos = Cuatrimestre::TODOS
        .into_iter()
        .map(|c| {
            (
                c.numero().to_string(),
                format!("{} · {}", c.numero(), c.meses()),
            )
        })
        .collect::<Vec<_>>();
    view! {
        <p class="entrada">{v.sesion.nombre.clone()} " · RFC " {v.sesion.rfc.clone()}</p>
        <h2>"Registrar informativa"</h2>
        <ActionForm action=registrar attr:class="formulario formulario--en-linea" attr:data-testid="registrar" attr:novalidate=true>
            <Seleccion nombre="anio" etiqueta="Año" errores opciones=anios valor=v.anio.to_string() />
            <Seleccion nombre="periodo" etiqueta="Periodo" errores opciones=periodos valor=v.periodo.to_string() />
            <fieldset class="campo">
                <legend>"Tipo"</legend>
                // No type is pre-selected: choosing "Sin información" by accident would file a
                // return that says there were no contracts.
                <label class="campo--en-linea">
                    <input type="radio" name="tipo" value=TipoInformativa::Normal.as_str() />
                    "Normal (hubo contratos en el periodo)"
                </label>
                <label class="campo--en-linea">
                    <input type="radio" name="tipo" value=TipoInformativa::SinInformacion.as_str() />
                    "Sin información (no hubo contratos)"
                </label>
                {move || errores.with(|e| e.iter().find(|e| e.campo == "tipo").map(|e| view! { <p class="campo__error" role="alert">{e.mensaje.clone()}</p> }))}
            </fieldset>
            <p><button type="submit" class="boton">"Registrar informativa"</button></p>
        </ActionForm>
        <ResultadoAccion accion=registrar exito=|_| None />
        <ResultadoAccion accion=eliminar exito=|_| Some("Eliminaste la informativa.".to_string()) />
        <h2>"Mis informativas"</h2>
        {if v.informativas.is_empty() {
            view! { <p>"Aún no registras informativas."</p> }.into_any()
        } else {
            view! {
                <ul class="tarjetas" data-testid="informativas">
                    {v.informativas.into_iter().map(|i| view! { <Tarjeta i eliminar /> }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn Tarjeta(i: InformativaFila, eliminar: ServerAction<EliminarInformativa>) -> impl IntoView {
    let id = i.id;
    let nombre = nombre_periodo(&i);
    view! {
        <li class="tarjeta" data-id=id data-periodo=format!("{}-{}", i.anio, i.periodo)>
            <p class="tarjeta__titulo"><a href=format!("/informativas/{id}")>{nombre.clone()}</a></p>
            <p>{i.tipo.etiqueta()} " · " {etiqueta_estado(i.estado)}</p>
            <p>{format!("{} · {}", cuenta(i.contratos, "contrato", "contratos"), cuenta(i.trabajadores, "trabajador", "trabajadores"))}</p>
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
                <ActionForm action=eliminar>
                    <input type="hidden" name="id" value=id />
                    <Confirmar etiqueta="Eliminar" pregunta=format!("¿Eliminar la informativa del {} con sus contratos y trabajadores? No se puede deshacer.", nombre.to_lowercase()) />
                </ActionForm>
            })}
        </li>
    }
}
