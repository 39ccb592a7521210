//! `/informativas/{id}`: one informativa — its header, every open finding (V02–V07 and datos
//! generales, listed now so nobody learns of them from IMSS months later), its contracts (view,
//! edit, copy, delete), "Agregar contrato", "Importar contratos" and the state actions: "Enviar a
//! firma", "Regresar a captura" (the contratista only) and "Eliminar" for a draft.

use super::acuse::PresentacionVista;
use super::firmar::FirmarPresentar;
use super::importar::ImportarContratosVista;
use super::{cuenta, etiqueta_estado, fuera_de_sesion, nombre_periodo};
use crate::api::informativas::funciones::{
    mas_contratos, vista_informativa, CopiarContrato, DatosInformativa, EliminarContrato,
    EliminarInformativa, EnviarAFirma, RegresarACaptura,
};
use crate::api::informativas::ContratoFila;
use crate::components::aviso::{Aviso, ResultadoAccion, TipoAviso};
use crate::components::confirmar::Confirmar;
use crate::domain::dinero::miles;
use crate::domain::informativas::EstadoInformativa;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The numeric route parameter `nombre` (0 when absent or not a number: the server answers
/// "not found").
pub(crate) fn parametro(nombre: &'static str) -> impl Fn() -> i64 + Copy {
    let params = use_params_map();
    move || {
        params
            .read()
            .get(nombre)
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    }
}

/// What the informativa page's forms can do; the page re-reads after any of them.
#[derive(Clone, Copy)]
struct Acciones {
    enviar: ServerAction<EnviarAFirma>,
    regresar: ServerAction<RegresarACaptura>,
    eliminar: ServerAction<EliminarInformativa>,
    copiar: ServerAction<CopiarContrato>,
    borrar_contrato: ServerAction<EliminarContrato>,
    /// Bumped by the browser-only parts (signing, the contracts CSV) when they change something.
    otra: RwSignal<u32>,
    /// The form used last (0 enviar, 1 regresar, 3 borrar contrato): only its answer shows, so
    /// the page never says two things at once.
    ultima: RwSignal<u8>,
}

impl Acciones {
    fn version(&self) -> (usize, usize, usize, usize, u32) {
        (
            self.enviar.version().get(),
            self.regresar.version().get(),
            self.copiar.version().get(),
            self.borrar_contrato.version().get(),
            self.otra.get(),
        )
    }
}

/// `/informativas/{id}`: rendered by the server with its header, findings and first page of
/// contracts; every state change is a real form.
#[component]
pub fn InformativaPagina() -> impl IntoView {
    let id = parametro("id");
    let acciones = Acciones {
        enviar: ServerAction::new(),
        regresar: ServerAction::new(),
        eliminar: ServerAction::new(),
        copiar: ServerAction::new(),
        borrar_contrato: ServerAction::new(),
        otra: RwSignal::new(0),
        ultima: RwSignal::new(0),
    };
    let vista = Resource::new(
        move || (id(), acciones.version()),
        |(id, _)| vista_informativa(id),
    );
    view! {
        <Title text="Informativa" />
        <section class="contenedor pagina informativa">
            <p class="migas"><a href="/informativas">"← Informativas"</a></p>
            <Transition fallback=|| view! { <p class="cargando">"Cargando…"</p> }>
                {move || Suspend::new(async move {
                    match vista.await {
                        Ok(v) => view! { <Detalle v acciones /> }.into_any(),
                        Err(e) => fuera_de_sesion(e).into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Detalle(v: DatosInformativa, acciones: Acciones) -> impl IntoView {
    let titular = v.sesion.es_titular();
    let d = v.detalle;
    let i = d.informativa.clone();
    let id = i.id;
    let captura = i.estado == EstadoInformativa::Captura;
    let en_firma = i.estado == EstadoInformativa::EnFirma;
    let abierta = captura || en_firma;
    let vigente = i.estado == EstadoInformativa::Presentada;
    let hallazgos_vacios = d.hallazgos.is_empty();
    let eliminado = use_query_map().with_untracked(|q| q.get("contrato_eliminado").is_some());
    let otra = acciones.otra;
    view! {
        <h1>{nombre_periodo(&i)}</h1>
        <dl class="resumen__datos" data-testid="cabecera">
            <div class="resumen__dato"><dt>"Tipo"</dt><dd>{i.tipo.etiqueta()}</dd></div>
            <div class="resumen__dato"><dt>"Estado"</dt><dd>{etiqueta_estado(i.estado)}</dd></div>
            <div class="resumen__dato"><dt>"Contratos"</dt><dd data-campo="contratos">{miles(i.contratos)}</dd></div>
            <div class="resumen__dato"><dt>"Trabajadores"</dt><dd data-campo="trabajadores">{miles(i.trabajadores)}</dd></div>
            <div class="resumen__dato"><dt>"Vence"</dt><dd>{if i.tipo.es_complementaria() {
                // Lineamientos 5.9: corrección and sin efectos can be filed any time.
                "Sin plazo: una complementaria se presenta en cualquier momento".to_string()
            } else {
                format!("{}{}", i.vence, if i.a_tiempo { " (a tiempo)" } else { " (fuera de plazo)" })
            }}</dd></div>
        </dl>
        <Show when=move || acciones.ultima.get() == 0>
            <ResultadoAccion accion=acciones.enviar exito=|_| Some("Enviaste la informativa a firma. El contratista la firmará con su e.firma.".to_string()) />
        </Show>
        <Show when=move || acciones.ultima.get() == 1>
            <ResultadoAccion accion=acciones.regresar exito=|_| Some("La informativa regresó a captura.".to_string()) />
        </Show>
        <ResultadoAccion accion=acciones.eliminar exito=|_| None />
        <ResultadoAccion accion=acciones.copiar exito=|_| None />
        <Show when=move || acciones.ultima.get() == 3>
            <ResultadoAccion accion=acciones.borrar_contrato exito=|_| Some("Eliminaste el contrato con sus trabajadores.".to_string()) />
        </Show>
        {eliminado.then(|| view! { <Aviso tipo=TipoAviso::Exito mensaje="Eliminaste el contrato con sus trabajadores." /> })}
        {d.presentacion.clone().map(|p| view! { <PresentacionVista id=id p=p vigente=vigente /> })}
        {d.afectada_por.clone().map(|a| {
            let que = if i.estado == EstadoInformativa::Sustituida { "la sustituyó" } else { "la dejó sin efectos" };
            view! {
                <div class="aviso aviso--advertencia" role="status" data-testid="afectada-por">
                    <p>"Esta informativa ya no es la vigente: la complementaria con folio "
                        <a href=format!("/informativas/{}", a.id)>{a.folio.clone()}</a>
                        " " {que} "."</p>
                </div>
            }
        })}
        {abierta.then(|| view! { <Hallazgos hallazgos=d.hallazgos.clone() total=d.hallazgos_total /> })}
        <div class="domicilio__acciones">
            {captura.then(|| view! {
                <ActionForm action=acciones.enviar>
                    <input type="hidden" name="id" value=id />
                    <button type="submit" class="boton" on:click=move |_| acciones.ultima.set(0)>"Enviar a firma"</button>
                </ActionForm>
                <ActionForm action=acciones.eliminar>
                    <input type="hidden" name="id" value=id />
                    <Confirmar etiqueta="Eliminar informativa" pregunta="¿Eliminar esta informativa en captura con sus contratos y trabajadores? No se puede deshacer." />
                </ActionForm>
            })}
            {(en_firma && titular).then(|| view! {
                <ActionForm action=acciones.regresar>
                    <input type="hidden" name="id" value=id />
                    <button type="submit" class="boton boton--secundario" on:click=move |_| acciones.ultima.set(1)>"Regresar a captura"</button>
                </ActionForm>
            })}
        </div>
        {en_firma.then(|| view! {
            <p class="aviso aviso--info">"En firma: no se puede modificar. El contratista la firma y presenta con su e.firma, o la regresa a captura."</p>
        })}
        {(en_firma && titular && hallazgos_vacios).then(|| view! {
            <FirmarPresentar id=id al_presentar=Callback::new(move |_| otra.update(|n| *n += 1)) />
        })}
        {i.tipo.lleva_contratos().then(|| view! {
            <h2>"Contratos"</h2>
            {captura.then(|| view! {
                <p><a class="boton" href=format!("/informativas/{id}/contratos/nuevo")>"Agregar contrato"</a></p>
            })}
            <Contratos id captura primeros=d.contratos.clone() siguiente=d.contratos_siguiente total=i.contratos acciones />
            {captura.then(|| view! {
                <ImportarContratosVista id=id informativa=i.clone() servicios=d.servicios.clone() rfc=d.rfc.clone() al_importar=move |_| otra.update(|n| *n += 1) />
            })}
        })}
    }
}

/// Open findings, in plain words (the rule stays in `data-regla` for support and tests).
#[component]
fn Hallazgos(hallazgos: Vec<crate::domain::informativas::Hallazgo>, total: u64) -> impl IntoView {
    if hallazgos.is_empty() {
        return view! { <div class="aviso aviso--exito" data-testid="sin-hallazgos"><p>"Sin pendientes: la informativa está lista para enviarse a firma."</p></div> }.into_any();
    }
    let total = total.max(hallazgos.len() as u64);
    view! {
        <section class="aviso aviso--advertencia" data-testid="hallazgos" aria-labelledby="hallazgos-titulo">
            <h2 id="hallazgos-titulo">{format!("Antes de enviar a firma corrige {}", cuenta(total, "pendiente", "pendientes"))}</h2>
            <ul>
                {hallazgos.into_iter().map(|h| view! { <li data-regla=h.regla.clone()>{h.mensaje.clone()}</li> }).collect_view()}
            </ul>
        </section>
    }.into_any()
}

/// The contract cards: the first page from the server, more appended on request.
#[component]
fn Contratos(
    id: i64,
    captura: bool,
    primeros: Vec<ContratoFila>,
    siguiente: Option<i64>,
    total: u64,
    acciones: Acciones,
) -> impl IntoView {
    if primeros.is_empty() {
        return view! { <p>"Aún no hay contratos."</p> }.into_any();
    }
    let lista = RwSignal::new(primeros);
    let siguiente = RwSignal::new(siguiente);
    let error = RwSignal::new(None::<crate::api::AppError>);
    let mas = Action::new(move |despues: &i64| {
        let despues = *despues;
        async move {
            match mas_contratos(id, despues).await {
                Ok(p) => {
                    lista.update(|l| l.extend(p.contratos));
                    siguiente.set(p.siguiente);
                }
                Err(e) => error.set(Some(e)),
            }
        }
    });
    view! {
        <ul class="tarjetas" data-testid="contratos">
            <For each=move || lista.get() key=|c| c.id let:c>
                <TarjetaContrato id c captura acciones />
            </For>
        </ul>
        {move || error.get().map(|e| view! { <crate::components::aviso::AvisoError error=e /> })}
        // Long informativas come in pages of 200 contracts.
        {move || siguiente.get().map(|despues| view! {
            <p><button type="button" class="boton boton--secundario" data-testid="mas-contratos" on:click=move |_| { mas.dispatch(despues); }>
                {format!("Ver más contratos (se muestran {} de {})", miles(lista.with(|l| l.len()) as u64), miles(total))}
            </button></p>
        })}
    }.into_any()
}

#[component]
fn TarjetaContrato(id: i64, c: ContratoFila, captura: bool, acciones: Acciones) -> impl IntoView {
    let cid = c.id;
    let pregunta = format!(
        "¿Eliminar el contrato con {} ({}) y sus {}? No se puede deshacer.",
        c.nombre_contratante,
        c.rfc_contratante,
        cuenta(c.trabajadores, "trabajador", "trabajadores")
    );
    view! {
        <li class="tarjeta" data-id=cid data-rfc=c.rfc_contratante.clone()>
            <p class="tarjeta__titulo"><a href=format!("/informativas/{id}/contratos/{cid}")>{c.nombre_contratante.clone()}</a></p>
            <p>{format!("RFC {} · servicio {} · inicio {}", c.rfc_contratante, c.servicio, c.fecha_inicio)}</p>
            <p data-campo="trabajadores">{cuenta(c.trabajadores, "trabajador", "trabajadores")}</p>
            {captura.then(|| view! {
                <div class="domicilio__acciones">
                    <a class="boton boton--secundario" href=format!("/informativas/{id}/contratos/{cid}/editar")>"Editar"</a>
                    <ActionForm action=acciones.copiar>
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="cid" value=cid />
                        <button type="submit" class="boton boton--secundario">"Copiar"</button>
                    </ActionForm>
                    // The click bubbles here from "Sí, eliminar": its answer is the one to show.
                    <div on:click=move |_| acciones.ultima.set(3)>
                        <ActionForm action=acciones.borrar_contrato>
                            <input type="hidden" name="id" value=id />
                            <input type="hidden" name="cid" value=cid />
                            <Confirmar etiqueta="Eliminar" pregunta=pregunta />
                        </ActionForm>
                    </div>
                </div>
            })}
        </li>
    }
}
