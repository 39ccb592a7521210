//! `/informativas/{id}/contratos/{cid}`: one contract — its data, its workers (one by one with
//! instant checks; listed 50 at a time in NSS order with search by NSS or CURP; deletable after
//! confirming) and the "Carga masiva" of a worker CSV. The server renders the contract with its
//! page of workers; paging and search are links (`?despues=…&buscar=…&pagina=…`), adding and
//! deleting are real forms.

use super::carga::CargaMasiva;
use super::detalle::parametro;
use super::{cuenta, etiqueta_estado, fuera_de_sesion, nombre_periodo};
use crate::api::informativas::funciones::{
    datos_carga, vista_contrato, AgregarTrabajador, DatosContrato, EliminarTrabajador,
};
use crate::api::informativas::POR_PAGINA;
use crate::components::aviso::{Aviso, AvisoError, ResultadoAccion, TipoAviso};
use crate::components::confirmar::Confirmar;
use crate::components::formulario::{errores_de, Campo};
use crate::domain::dinero::{miles, Sbc};
use crate::domain::error::ErrorCampo;
use crate::domain::ids::{Curp, Nss};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/informativas/{id}/contratos/{cid}`
#[component]
pub fn ContratoPagina() -> impl IntoView {
    let id = parametro("id");
    let cid = parametro("cid");
    let consulta = use_query_map();
    let despues = move || consulta.with(|q| q.get("despues"));
    let buscar = move || {
        consulta
            .with(|q| q.get("buscar"))
            .filter(|b| !b.trim().is_empty())
    };
    let agregar = ServerAction::<AgregarTrabajador>::new();
    let eliminar = ServerAction::<EliminarTrabajador>::new();
    // Bumped by the bulk upload when it stored rows.
    let cargados = RwSignal::new(0u32);
    let vista = Resource::new(
        move || {
            (
                id(),
                cid(),
                despues(),
                buscar(),
                agregar.version().get(),
                eliminar.version().get(),
                cargados.get(),
            )
        },
        |(id, cid, despues, buscar, ..)| vista_contrato(id, cid, despues, buscar),
    );
    let carga = Resource::new(move || (id(), cid()), |(id, cid)| datos_carga(id, cid));
    view! {
        <Title text="Contrato" />
        <section class="contenedor pagina contrato">
            <p class="migas"><a href=move || format!("/informativas/{}", id())>"← Informativa"</a></p>
            <Transition fallback=|| view! { <p class="cargando">"Cargando…"</p> }>
                {move || Suspend::new(async move {
                    match vista.await {
                        Ok(v) => view! { <Detalle v agregar eliminar /> }.into_any(),
                        Err(e) => fuera_de_sesion(e).into_any(),
                    }
                })}
            </Transition>
            // Its own resource: re-reading the workers after an upload must not reset the upload's
            // state (its result and the rejected rows).
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    carga.await.ok().filter(|(_, _, editable)| *editable).map(|(anio, periodo, _)| view! {
                        <CargaMasiva id=id() cid=cid() anio periodo al_cargar=move || cargados.update(|n| *n += 1) />
                    })
                })}
            </Suspense>
            <Trabajadores vista eliminar />
        </section>
    }
}

/// A search text as a URL query value.
fn codificar(texto: &str) -> String {
    texto
        .trim()
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Instant checks with the domain code as the user types.
fn revisar_nss(v: &str) -> Option<ErrorCampo> {
    (!v.trim().is_empty())
        .then(|| Nss::parse(v).err().map(|e| ErrorCampo::de("nss", &e)))
        .flatten()
}
fn revisar_curp(v: &str) -> Option<ErrorCampo> {
    (!v.trim().is_empty())
        .then(|| Curp::parse(v).err().map(|e| ErrorCampo::de("curp", &e)))
        .flatten()
}
fn revisar_sbc(v: &str) -> Option<ErrorCampo> {
    (!v.trim().is_empty())
        .then(|| Sbc::parse(v).err().map(|e| ErrorCampo::de("sbc", &e)))
        .flatten()
}

#[component]
fn Detalle(
    v: DatosContrato,
    agregar: ServerAction<AgregarTrabajador>,
    eliminar: ServerAction<EliminarTrabajador>,
) -> impl IntoView {
    let d = v.contrato;
    let c = d.contrato.clone();
    let i = d.informativa.clone();
    let (id, cid) = (i.id, d.id);
    let captura = i.estado.editable();
    let errores = errores_de(agregar);
    // A fresh, empty form after each worker added (its values stay after an error).
    let agregados = Memo::new(move |antes: Option<&usize>| {
        match agregar.value().with(|v| matches!(v, Some(Ok(_)))) {
            true => agregar.version().get(),
            false => antes.copied().unwrap_or(0),
        }
    });
    view! {
        <h1>{c.nombre_contratante.clone()}</h1>
        <p class="entrada">{nombre_periodo(&i)} " · " {etiqueta_estado(i.estado)}</p>
        <dl class="resumen__datos" data-testid="contrato-datos">
            <div class="resumen__dato"><dt>"RFC"</dt><dd>{c.rfc_contratante.clone()}</dd></div>
            <div class="resumen__dato"><dt>"Servicio"</dt><dd>{format!("{} — {}", c.servicio.folio, c.servicio.descripcion)}</dd></div>
            <div class="resumen__dato"><dt>"Inicio"</dt><dd>{c.fecha_inicio.format("%d/%m/%Y").to_string()}</dd></div>
            <div class="resumen__dato"><dt>"Término"</dt><dd>{c.fecha_termino.map_or_else(|| "Sin fecha".to_string(), |f| f.format("%d/%m/%Y").to_string())}</dd></div>
            <div class="resumen__dato"><dt>"Trabajadores"</dt><dd data-campo="trabajadores">{miles(d.trabajadores)}</dd></div>
        </dl>
        <p class="contrato__objeto">{c.objeto.clone()}</p>
        <ResultadoAccion accion=agregar exito=|t| {
            // V11: an SBC below the minimum wage is accepted with a warning, shown with the
            // confirmation (so are figures not yet published).
            let mut texto = format!("Agregaste al trabajador con NSS {}.", t.nss);
            for a in &t.avisos {
                texto.push_str(" Aviso: ");
                texto.push_str(a);
            }
            Some(texto)
        } />
        <ResultadoAccion accion=eliminar exito=|nss| Some(format!("Eliminaste al trabajador con NSS {nss}.")) />
        {captura.then(|| view! {
            <p><a class="boton boton--secundario" href=format!("/informativas/{id}/contratos/{cid}/editar")>"Editar contrato"</a></p>
            <h2>"Agregar trabajador"</h2>
            {move || {
                let _ = agregados.get();
                view! {
                    <ActionForm action=agregar attr:class="formulario formulario--en-linea" attr:novalidate=true attr:data-testid="agregar-trabajador">
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="cid" value=cid />
                        <Campo nombre="nss" etiqueta="NSS" errores modo="numeric" maximo=11 revision=revisar_nss />
                        <Campo nombre="curp" etiqueta="CURP" errores maximo=18 revision=revisar_curp />
                        <Campo nombre="sbc" etiqueta="SBC diario" errores modo="decimal" revision=revisar_sbc />
                        <p><button type="submit" class="boton">"Agregar trabajador"</button></p>
                    </ActionForm>
                }
            }}
        })}
    }
}

/// The workers: a search form and pages of 50 as plain links, so the list works (and can be
/// shared or reloaded) without WebAssembly.
#[component]
fn Trabajadores(
    vista: Resource<Result<DatosContrato, crate::api::AppError>>,
    eliminar: ServerAction<EliminarTrabajador>,
) -> impl IntoView {
    let consulta = use_query_map();
    let buscar = move || consulta.with(|q| q.get("buscar")).unwrap_or_default();
    let pagina = move || {
        consulta
            .with(|q| q.get("pagina"))
            .and_then(|p| p.parse::<u64>().ok())
            .unwrap_or(1)
            .max(1)
    };
    view! {
        <h2>"Trabajadores"</h2>
        <leptos_router::components::Form method="GET" action="" attr:class="formulario formulario--en-linea" attr:role="search">
            <div class="campo">
                <label for="buscar">"Buscar por NSS o CURP"</label>
                <input id="buscar" name="buscar" type="search" value=buscar() />
            </div>
            <p><button type="submit" class="boton boton--secundario">"Buscar"</button></p>
        </leptos_router::components::Form>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let v = match vista.await {
                    Ok(v) => v,
                    Err(e) => return view! { <AvisoError error=e /> }.into_any(),
                };
                let editable = v.contrato.informativa.estado.editable();
                let (id, cid) = (v.contrato.informativa.id, v.contrato.id);
                let p = v.trabajadores;
                let paginas = p.total.div_ceil(POR_PAGINA).max(1);
                let b = codificar(&buscar());
                let n = pagina();
                let siguiente = p.siguiente.clone().map(|s| {
                    format!("?despues={s}&pagina={}{}", n + 1, if b.is_empty() { String::new() } else { format!("&buscar={b}") })
                });
                view! {
                    <p data-testid="total-trabajadores">{format!("{} en el contrato.", cuenta(p.total, "trabajador", "trabajadores"))}</p>
                    {if p.trabajadores.is_empty() {
                        view! { <p>"No hay trabajadores que mostrar."</p> }.into_any()
                    } else {
                        view! {
                            <div class="tabla-contenedor">
                            <table class="tabla tabla--tarjetas" data-testid="trabajadores">
                                <thead><tr><th>"NSS"</th><th>"CURP"</th><th>"SBC"</th><th><span class="visualmente-oculto">"Acciones"</span></th></tr></thead>
                                <tbody>
                                    {p.trabajadores.into_iter().map(|t| {
                                        let pregunta = format!("¿Eliminar al trabajador con NSS {} y CURP {} de este contrato?", t.nss, t.curp);
                                        let nss = t.nss.clone();
                                        view! {
                                        <tr data-nss=t.nss.clone()>
                                            <td data-titulo="NSS">{t.nss.clone()}</td>
                                            <td data-titulo="CURP">{t.curp.clone()}</td>
                                            <td data-titulo="SBC">{t.sbc.clone()}</td>
                                            <td>{editable.then(|| view! {
                                                <ActionForm action=eliminar>
                                                    <input type="hidden" name="id" value=id />
                                                    <input type="hidden" name="cid" value=cid />
                                                    <input type="hidden" name="nss" value=nss />
                                                    <Confirmar etiqueta="Eliminar" pregunta=pregunta />
                                                </ActionForm>
                                            })}</td>
                                        </tr>
                                    }}).collect_view()}
                                </tbody>
                            </table>
                            </div>
                        }.into_any()
                    }}
                    <nav class="paginacion" aria-label="Páginas de trabajadores">
                        {(n > 1).then(|| view! { <a class="boton boton--secundario" href=if b.is_empty() { "?".to_string() } else { format!("?buscar={b}") }>"Primera página"</a> })}
                        {(b.is_empty()).then(|| view! { <span data-testid="pagina">{format!("Página {} de {}", miles(n.min(paginas)), miles(paginas))}</span> })}
                        {siguiente.map(|s| view! { <a class="boton boton--secundario" href=s>"Siguiente"</a> })}
                    </nav>
                    {(!b.is_empty() && p.total > 0).then(|| view! {
                        <Aviso tipo=TipoAviso::Info mensaje="Se muestran solo los trabajadores que coinciden con la búsqueda. Borra el texto y pulsa «Buscar» para ver todos." />
                    })}
                }.into_any()
            })}
        </Transition>
    }
}
