//! `/informativas/{id}/contratos/{cid}`: one contract — its data, its workers (one by one with
//! instant checks, listed 50 at a time in NSS order with search by NSS or CURP, deletable) and the
//! "Carga masiva" of a worker CSV.

use super::carga::CargaMasiva;
use super::detalle::parametro;
use super::{etiqueta_estado, nombre_periodo, ConSesion};
use crate::api::informativas::{
    ruta_contrato, AltaTrabajador, ContratoDetalle, PaginaTrabajadores, TrabajadorFila,
};
use crate::components::formulario::error_en;
use crate::domain::dinero::{miles, Sbc};
use crate::domain::error::{ErrorCampo, ErrorCode};
use crate::domain::ids::{Curp, Nss};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/informativas/{id}/contratos/{cid}`
#[component]
pub fn ContratoPagina() -> impl IntoView {
    let id = parametro("id");
    let cid = parametro("cid");
    view! {
        <Title text="Contrato" />
        <section class="contenedor pagina contrato">
            <p class="migas"><a href=move || format!("/informativas/{}", id())>"← Informativa"</a></p>
            <ConSesion contenido=move |_| view! { <Detalle id=id() cid=cid() /> } />
        </section>
    }
}

/// Instant check of one field with the domain code: the message, or nothing.
fn revisar(campo: &str, valor: &str) -> Option<ErrorCampo> {
    if valor.trim().is_empty() {
        return None;
    }
    match campo {
        "nss" => Nss::parse(valor).err().map(|e| ErrorCampo::de("nss", &e)),
        "curp" => Curp::parse(valor).err().map(|e| ErrorCampo::de("curp", &e)),
        _ => Sbc::parse(valor).err().map(|e| ErrorCampo::de("sbc", &e)),
    }
}

#[component]
fn Detalle(id: i64, cid: i64) -> impl IntoView {
    let detalle = RwSignal::new(None::<ContratoDetalle>);
    let pagina = RwSignal::new(None::<PaginaTrabajadores>);
    let cursores = RwSignal::new(vec![None::<String>]);
    let buscar = RwSignal::new(String::new());
    let mensaje = RwSignal::new(None::<(bool, String)>);
    let nss = RwSignal::new(String::new());
    let curp = RwSignal::new(String::new());
    let sbc = RwSignal::new(String::new());
    let errores = RwSignal::new(Vec::<ErrorCampo>::new());
    let cargar_detalle = move || {
        #[cfg(feature = "hydrate")]
        {
            let base = ruta_contrato(id, cid);
            leptos::task::spawn_local(async move {
                match crate::browser::http::get::<ContratoDetalle>(&base).await {
                    Ok(d) => detalle.set(d),
                    Err(e) => mensaje.set(Some((false, e.mensaje))),
                }
            });
        }
    };
    let cargar_pagina = move || {
        #[cfg(feature = "hydrate")]
        {
            let mut ruta = format!("{}/trabajadores?", ruta_contrato(id, cid));
            if let Some(Some(c)) = cursores.get_untracked().last() {
                ruta.push_str(&format!("despues={c}&"));
            }
            let b = buscar.get_untracked();
            if !b.trim().is_empty() {
                ruta.push_str(&format!(
                    "buscar={}",
                    String::from(js_sys::encode_uri_component(b.trim()))
                ));
            }
            leptos::task::spawn_local(async move {
                match crate::browser::http::get::<PaginaTrabajadores>(&ruta).await {
                    Ok(p) => pagina.set(p),
                    Err(e) => mensaje.set(Some((false, e.mensaje))),
                }
            });
        }
    };
    let recargar = move || {
        cargar_detalle();
        cargar_pagina();
    };
    recargar();
    let al_escribir = move |campo: &'static str, senal: RwSignal<String>| {
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            senal.set(v.clone());
            errores.update(|e| {
                e.retain(|x| x.campo != campo);
                if let Some(err) = revisar(campo, &v) {
                    e.push(err);
                }
            });
        }
    };
    let agregar = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        mensaje.set(None);
        let alta = AltaTrabajador {
            nss: nss.get_untracked(),
            curp: curp.get_untracked(),
            sbc: sbc.get_untracked(),
        };
        let mut es = Vec::new();
        for (campo, v) in [("nss", &alta.nss), ("curp", &alta.curp), ("sbc", &alta.sbc)] {
            if v.trim().is_empty() {
                es.push(ErrorCampo::nuevo(
                    campo,
                    ErrorCode::FieldRequired,
                    "Este dato es obligatorio.",
                ));
            } else if let Some(e) = revisar(campo, v) {
                es.push(e);
            }
        }
        if !es.is_empty() {
            errores.set(es);
        } else {
            #[cfg(feature = "hydrate")]
            let base = ruta_contrato(id, cid);
            #[cfg(feature = "hydrate")]
            leptos::task::spawn_local(async move {
                match crate::browser::http::post::<_, TrabajadorFila>(
                    &format!("{base}/trabajadores"),
                    &alta,
                )
                .await
                {
                    Ok(t) => {
                        // V11: an SBC below the minimum wage is accepted with a warning, shown
                        // with the confirmation (so are figures not yet published).
                        let avisos = t.map(|t| t.avisos).unwrap_or_default();
                        let mut texto =
                            format!("Agregaste al trabajador con NSS {}.", alta.nss.trim());
                        for a in &avisos {
                            texto.push_str(" Aviso: ");
                            texto.push_str(a);
                        }
                        mensaje.set(Some((true, texto)));
                        nss.set(String::new());
                        curp.set(String::new());
                        sbc.set(String::new());
                        errores.set(Vec::new());
                        recargar();
                    }
                    Err(e) => {
                        errores.set(e.campos.clone());
                        mensaje.set(Some((false, e.mensaje)));
                    }
                }
            });
        }
    };
    let borrar = move |_nss: String| {
        #[cfg(feature = "hydrate")]
        {
            let base = ruta_contrato(id, cid);
            leptos::task::spawn_local(async move {
                match crate::browser::http::delete(&format!("{base}/trabajadores/{_nss}")).await {
                    Ok(()) => recargar(),
                    Err(e) => mensaje.set(Some((false, e.mensaje))),
                }
            });
        }
    };
    let buscar_ahora = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        cursores.set(vec![None]);
        cargar_pagina();
    };
    let siguiente = move |_| {
        if let Some(s) = pagina.get_untracked().and_then(|p| p.siguiente) {
            cursores.update(|c| c.push(Some(s)));
            cargar_pagina();
        }
    };
    let anterior = move |_| {
        cursores.update(|c| {
            if c.len() > 1 {
                c.pop();
            }
        });
        cargar_pagina();
    };
    let al_cargar = move || {
        cursores.set(vec![None]);
        recargar();
    };
    let info = Memo::new(move |_| {
        detalle.with(|d| {
            d.as_ref().map(|d| {
                (
                    d.informativa.anio,
                    d.informativa.periodo,
                    d.informativa.estado.editable(),
                )
            })
        })
    });
    let editable = move || info.get().is_some_and(|x| x.2);
    view! {
        {move || mensaje.get().map(|(ok, m)| view! {
            <div class=if ok { "aviso aviso--exito" } else { "aviso aviso--error" } role="status" data-testid="resultado"><p>{m}</p></div>
        })}
        {move || detalle.get().map(|d| {
            let c = d.contrato.clone();
            let i = d.informativa.clone();
            let captura = i.estado.editable();
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
                <p>{c.objeto.clone()}</p>
                {captura.then(|| view! {
                    <p><a class="boton boton--secundario" href=format!("/informativas/{id}/contratos/{cid}/editar")>"Editar contrato"</a></p>
                    <h2>"Agregar trabajador"</h2>
                    <form class="formulario formulario--en-linea" on:submit=agregar novalidate=true data-testid="agregar-trabajador">
                        <div class="campo">
                            <label for="nss">"NSS"</label>
                            <input id="nss" inputmode="numeric" autocomplete="off" prop:value=move || nss.get() on:input=al_escribir("nss", nss) />
                            {error_en(errores, "nss".into())}
                        </div>
                        <div class="campo">
                            <label for="curp">"CURP"</label>
                            <input id="curp" autocomplete="off" prop:value=move || curp.get() on:input=al_escribir("curp", curp) />
                            {error_en(errores, "curp".into())}
                        </div>
                        <div class="campo">
                            <label for="sbc">"SBC diario"</label>
                            <input id="sbc" inputmode="decimal" autocomplete="off" prop:value=move || sbc.get() on:input=al_escribir("sbc", sbc) />
                            {error_en(errores, "sbc".into())}
                        </div>
                        <p><button type="submit" class="boton">"Agregar trabajador"</button></p>
                    </form>
                })}
            }
        })}
        // Outside the closure above: reloading the contract after an upload must not reset the
        // upload's own state (its result and the rejected rows).
        {move || info.get().filter(|x| x.2).map(|(anio, periodo, _)| view! {
            <CargaMasiva id=id cid=cid anio=anio periodo=periodo al_cargar=al_cargar />
        })}
                <h2>"Trabajadores"</h2>
                <form class="formulario formulario--en-linea" on:submit=buscar_ahora role="search">
                    <div class="campo">
                        <label for="buscar">"Buscar por NSS o CURP"</label>
                        <input id="buscar" type="search" prop:value=move || buscar.get() on:input=move |ev| buscar.set(event_target_value(&ev)) />
                    </div>
                    <p><button type="submit" class="boton boton--secundario">"Buscar"</button></p>
                </form>
                {move || pagina.get().map(|p| {
                                            let hay_siguiente = p.siguiente.is_some();
                    view! {
                        <p data-testid="total-trabajadores">{format!("{} trabajadores en el contrato.", miles(p.total))}</p>
                        {if p.trabajadores.is_empty() {
                            view! { <p>"No hay trabajadores que mostrar."</p> }.into_any()
                        } else {
                            view! {
                                <div class="tabla-contenedor">
                                <table class="tabla" data-testid="trabajadores">
                                    <thead><tr><th>"NSS"</th><th>"CURP"</th><th>"SBC"</th><th></th></tr></thead>
                                    <tbody>
                                        {p.trabajadores.into_iter().map(|t| {
                                            let n = t.nss.clone();
                                                                            view! {
                                                <tr data-nss=t.nss.clone()>
                                                    <td>{t.nss.clone()}</td><td>{t.curp.clone()}</td><td>{t.sbc.clone()}</td>
                                                    <td>{editable().then(|| view! {
                                                        <button type="button" class="boton boton--secundario" on:click=move |_| borrar(n.clone())>"Eliminar"</button>
                                                    })}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                </div>
                            }.into_any()
                        }}
                        <p class="paginacion">
                            <button type="button" class="boton boton--secundario" disabled=move || cursores.get().len() <= 1 on:click=anterior>"Anterior"</button>
                            <button type="button" class="boton boton--secundario" disabled=!hay_siguiente on:click=siguiente>"Siguiente"</button>
                        </p>
                    }
                })}
    }
}
