//! `/informativas/{id}`: one informativa — its header, every open finding (V02–V07 and datos
//! generales, listed now so nobody learns of them from IMSS months later), its contracts (view,
//! edit, copy, delete), "Agregar contrato", "Importar contratos" and the state actions: "Enviar a
//! firma", "Regresar a captura" (the contratista only) and "Eliminar" for a draft.

use super::acuse::PresentacionVista;
use super::firmar::FirmarPresentar;
use super::importar::ImportarContratosVista;
use super::{etiqueta_estado, nombre_periodo, ConSesion};
use crate::api::informativas::{ruta, InformativaDetalle};
use crate::domain::dinero::miles;
use crate::domain::informativas::EstadoInformativa;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

pub(crate) fn parametro(nombre: &'static str) -> impl Fn() -> i64 + Copy {
    let params = use_params_map();
    move || {
        params
            .read_untracked()
            .get(nombre)
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
    }
}

/// `/informativas/{id}`
#[component]
pub fn InformativaPagina() -> impl IntoView {
    let id = parametro("id");
    view! {
        <Title text="Informativa" />
        <section class="contenedor pagina informativa">
            <p class="migas"><a href="/informativas">"← Informativas"</a></p>
            <ConSesion contenido=move |s| view! { <Detalle id=id() titular=s.es_titular() /> } />
        </section>
    }
}

#[component]
fn Detalle(id: i64, titular: bool) -> impl IntoView {
    let detalle = RwSignal::new(None::<InformativaDetalle>);
    let mensaje = RwSignal::new(None::<(bool, String)>);
    let recargar = move || {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            match crate::browser::http::get::<InformativaDetalle>(&ruta(id)).await {
                Ok(d) => detalle.set(d),
                Err(e) => mensaje.set(Some((false, e.mensaje))),
            }
        });
    };
    recargar();
    let accion = move |_que: &'static str, _exito: &'static str| {
        mensaje.set(None);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let r = crate::browser::http::post::<_, serde_json::Value>(
                &format!("{}/{_que}", ruta(id)),
                &(),
            )
            .await;
            match r {
                Ok(_) => {
                    mensaje.set(Some((true, _exito.to_string())));
                    recargar();
                }
                Err(e) => mensaje.set(Some((false, e.mensaje))),
            }
        });
    };
    // The next page of contracts, appended to the list.
    let mas_contratos = move |_despues: i64| {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let r = crate::browser::http::get::<crate::api::informativas::PaginaContratos>(
                &format!("{}/contratos?despues={_despues}", ruta(id)),
            )
            .await;
            match r {
                Ok(Some(p)) => detalle.update(|d| {
                    if let Some(d) = d {
                        d.contratos.extend(p.contratos);
                        d.contratos_siguiente = p.siguiente;
                    }
                }),
                Ok(None) => {}
                Err(e) => mensaje.set(Some((false, e.mensaje))),
            }
        });
    };
    let borrar_contrato = move |_cid: i64| {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let si = web_sys::window()
                .and_then(|w| {
                    w.confirm_with_message("¿Eliminar este contrato con todos sus trabajadores?")
                        .ok()
                })
                .unwrap_or(false);
            if !si {
                return;
            }
            match crate::browser::http::delete(&format!("{}/contratos/{_cid}", ruta(id))).await {
                Ok(()) => {
                    mensaje.set(Some((true, "Eliminaste el contrato.".into())));
                    recargar();
                }
                Err(e) => mensaje.set(Some((false, e.mensaje))),
            }
        });
    };
    let copiar = move |_cid: i64| {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            match crate::browser::http::post::<_, crate::api::informativas::ContratoDetalle>(
                &format!("{}/contratos/{_cid}/copiar", ruta(id)),
                &(),
            )
            .await
            {
                Ok(Some(c)) => crate::browser::http::ir_a(&format!(
                    "/informativas/{id}/contratos/{}/editar",
                    c.id
                )),
                Ok(None) => recargar(),
                Err(e) => mensaje.set(Some((false, e.mensaje))),
            }
        });
    };
    let eliminar = move |_| {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let si = web_sys::window()
                .and_then(|w| w.confirm_with_message("¿Eliminar esta informativa en captura con sus contratos y trabajadores? No se puede deshacer.").ok())
                .unwrap_or(false);
            if !si {
                return;
            }
            match crate::browser::http::delete(&ruta(id)).await {
                Ok(()) => crate::browser::http::ir_a("/informativas"),
                Err(e) => mensaje.set(Some((false, e.mensaje))),
            }
        });
    };
    view! {
        {move || mensaje.get().map(|(ok, m)| view! {
            <div class=if ok { "aviso aviso--exito" } else { "aviso aviso--error" } role="status" data-testid="resultado"><p>{m}</p></div>
        })}
        {move || detalle.get().map(|d| {
            let i = d.informativa.clone();
            let captura = i.estado == EstadoInformativa::Captura;
            let normal = i.tipo.lleva_contratos();
            let abierta = matches!(i.estado, EstadoInformativa::Captura | EstadoInformativa::EnFirma);
            let presentacion = d.presentacion.clone();
            let vigente = i.estado == EstadoInformativa::Presentada;
            let en_firma = i.estado == EstadoInformativa::EnFirma;
            let hallazgos = d.hallazgos.clone();
            let hallazgos_vacios = hallazgos.is_empty();
            let servicios = d.servicios.clone();
            let rfc = d.rfc.clone();
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
                {presentacion.map(|p| view! { <PresentacionVista id=id p=p vigente=vigente /> })}
                {if !abierta {
                    ().into_any()
                } else if hallazgos.is_empty() {
                    view! { <div class="aviso aviso--exito" data-testid="sin-hallazgos"><p>"Sin pendientes: la informativa cumple las reglas V01–V08."</p></div> }.into_any()
                } else {
                    view! {
                        <section class="aviso aviso--advertencia" data-testid="hallazgos" aria-labelledby="hallazgos-titulo">
                            <h2 id="hallazgos-titulo">{format!("Pendientes antes de enviar a firma ({})", miles(d.hallazgos_total.max(hallazgos.len() as u64)))}</h2>
                            <ul>
                                {hallazgos.into_iter().map(|h| view! {
                                    <li data-regla=h.regla.clone()><strong>{h.regla.clone()}</strong> " " {h.mensaje.clone()}</li>
                                }).collect_view()}
                            </ul>
                        </section>
                    }.into_any()
                }}
                <p class="domicilio__acciones">
                    {captura.then(|| view! {
                        <button type="button" class="boton" on:click=move |_| accion("enviar-firma", "Enviaste la informativa a firma. El contratista la firmará con su e.firma.")>"Enviar a firma"</button>
                        <button type="button" class="boton boton--secundario" on:click=eliminar>"Eliminar informativa"</button>
                    })}
                    {(i.estado == EstadoInformativa::EnFirma && titular).then(|| view! {
                        <button type="button" class="boton boton--secundario" on:click=move |_| accion("regresar-captura", "La informativa regresó a captura.")>"Regresar a captura"</button>
                    })}
                </p>
                {en_firma.then(|| view! {
                    <p class="aviso aviso--info">"En firma: no se puede modificar. El contratista la firma y presenta con su e.firma, o la regresa a captura."</p>
                })}
                {(en_firma && titular && hallazgos_vacios).then(|| view! {
                    <FirmarPresentar id=id al_presentar=Callback::new(move |p: crate::api::presentacion::Presentacion| {
                        mensaje.set(Some((true, format!("Presentaste la informativa. Folio {}.", p.folio))));
                        recargar();
                    }) />
                })}
                {normal.then(|| view! {
                    <h2>"Contratos"</h2>
                    {captura.then(|| view! {
                        <p><a class="boton" href=format!("/informativas/{id}/contratos/nuevo")>"Agregar contrato"</a></p>
                    })}
                    {if d.contratos.is_empty() {
                        view! { <p>"Aún no hay contratos."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="tarjetas" data-testid="contratos">
                                {d.contratos.iter().map(|c| {
                                    let cid = c.id;
                                    view! {
                                        <li class="tarjeta" data-id=cid data-rfc=c.rfc_contratante.clone()>
                                            <p class="tarjeta__titulo"><a href=format!("/informativas/{id}/contratos/{cid}")>{c.nombre_contratante.clone()}</a></p>
                                            <p>{format!("RFC {} · servicio {} · inicio {}", c.rfc_contratante, c.servicio, c.fecha_inicio)}</p>
                                            <p data-campo="trabajadores">{format!("{} trabajadores", miles(c.trabajadores))}</p>
                                            {captura.then(|| view! {
                                                <p class="domicilio__acciones">
                                                    <a class="boton boton--secundario" href=format!("/informativas/{id}/contratos/{cid}/editar")>"Editar"</a>
                                                    <button type="button" class="boton boton--secundario" on:click=move |_| copiar(cid)>"Copiar"</button>
                                                    <button type="button" class="boton boton--secundario" on:click=move |_| borrar_contrato(cid)>"Eliminar"</button>
                                                </p>
                                            })}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            // Long informativas come in pages of 200 contracts.
                            {d.contratos_siguiente.map(|despues| view! {
                                <p><button type="button" class="boton boton--secundario" data-testid="mas-contratos" on:click=move |_| mas_contratos(despues)>
                                    {format!("Ver más contratos (se muestran {} de {})", miles(d.contratos.len() as u64), miles(i.contratos))}
                                </button></p>
                            })}
                        }.into_any()
                    }}
                    {captura.then(|| view! {
                        <ImportarContratosVista id=id informativa=i.clone() servicios=servicios.clone() rfc=rfc.clone() al_importar=move |n| { mensaje.set(Some((true, format!("Se importaron {n} contratos.")))); recargar(); } />
                    })}
                })}
            }
        })}
    }
}
