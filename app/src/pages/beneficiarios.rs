//! Beneficiario access (issue 18; Lineamientos 7):
//! - `/autorizaciones`: the contratista authorises a client by RFC to see the contracts it
//!   reported with that client and their workers, revokes it, and reads every access.
//! - `/mis-proveedores`: the client, logged in with its own e.firma, reads what each provider
//!   that authorised it reported with it; the acuse, the verification link and an XLSX with every
//!   worker.
//!
//! Both are server-rendered; the forms are `ActionForm`s over server functions (plain POSTs with
//! a redirect before the WebAssembly).

use crate::api::beneficiarios::{
    vista_autorizaciones, vista_mis_proveedores, Autorizaciones, AutorizarBeneficiario,
    InformativaCliente, Proveedor, RevocarBeneficiario,
};
use crate::components::aviso::ResultadoAccion;
use crate::pages::fuera_de_sesion;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/autorizaciones`
#[component]
pub fn AutorizacionesPagina() -> impl IntoView {
    let autorizar = ServerAction::<AutorizarBeneficiario>::new();
    let revocar = ServerAction::<RevocarBeneficiario>::new();
    let datos = Resource::new(
        move || (autorizar.version().get(), revocar.version().get()),
        |_| vista_autorizaciones(),
    );
    let hecho = use_query_map().with_untracked(|q| q.get("hecho"));
    view! {
        <Title text="Clientes autorizados" />
        <section class="contenedor pagina autorizaciones">
            <h1>"Clientes autorizados"</h1>
            <p class="entrada">
                "Tus clientes responden solidariamente por tus trabajadores (LSS art. 15-A). "
                "Autoriza a un cliente con su RFC para que, al ingresar con su e.firma, vea en «Mis proveedores» "
                "los contratos que informaste con él, sus trabajadores (NSS, CURP y salario) y tus acuses. "
                "No ve nada de tus otros clientes. Puedes retirar la autorización cuando quieras y aquí ves cada consulta."
            </p>
            {hecho.map(|h| {
                let m = if h == "revocado" { "Retiraste la autorización." } else { "Cliente autorizado." };
                view! { <div class="aviso aviso--exito" role="status" data-testid="resultado"><p>{m}</p></div> }
            })}
            <ActionForm action=autorizar attr:class="formulario">
                <div class="campo">
                    <label for="rfc-cliente">"RFC del cliente"</label>
                    <input id="rfc-cliente" name="rfc" maxlength="13" autocomplete="off" required=true />
                </div>
                <p><button type="submit" class="boton">"Autorizar"</button></p>
            </ActionForm>
            <ResultadoAccion accion=autorizar exito=|_| Some("Cliente autorizado.".to_string()) />
            <ResultadoAccion accion=revocar exito=|_| Some("Retiraste la autorización.".to_string()) />
            <Transition fallback=|| view! { <p class="cargando">"Cargando…"</p> }>
                {move || Suspend::new(async move {
                    match datos.await {
                        Ok(a) => view! { <ListaAutorizados a revocar /> }.into_any(),
                        Err(e) => fuera_de_sesion(e).into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn ListaAutorizados(
    a: Autorizaciones,
    revocar: ServerAction<RevocarBeneficiario>,
) -> impl IntoView {
    view! {
        <h2>"Autorizados"</h2>
        {if a.autorizados.is_empty() {
            view! { <p>"Aún no autorizas a ningún cliente."</p> }.into_any()
        } else {
            view! {
                <ul class="tarjetas" data-testid="autorizados">
                    {a.autorizados.into_iter().map(|c| { let rfc = c.rfc.clone(); view! {
                        <li class="tarjeta" data-rfc=c.rfc.clone()>
                            <p class="tarjeta__titulo">{c.rfc.clone()}</p>
                            <p class="texto-suave">{format!("Desde el {}", c.desde)}</p>
                            <ActionForm action=revocar>
                                <input type="hidden" name="rfc" value=rfc />
                                <button type="submit" class="boton boton--secundario">"Retirar autorización"</button>
                            </ActionForm>
                        </li>
                    }}).collect_view()}
                </ul>
            }.into_any()
        }}
        <h2>"Consultas de tus clientes"</h2>
        {if a.accesos.is_empty() {
            view! { <p>"Ningún cliente ha consultado tus contratos."</p> }.into_any()
        } else {
            view! {
                <ul class="autorizaciones__accesos" data-testid="accesos">
                    {a.accesos.into_iter().map(|x| view! {
                        <li>{x.cuando} " · " <strong>{x.rfc}</strong> " · " {x.que}</li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

/// `/mis-proveedores`
#[component]
pub fn MisProveedores() -> impl IntoView {
    let datos = Resource::new(|| (), |_| vista_mis_proveedores());
    view! {
        <Title text="Mis proveedores" />
        <section class="contenedor pagina proveedores">
            <h1>"Mis proveedores"</h1>
            <p class="entrada">
                "Lo que informaron al IMSS los proveedores de servicios especializados que te autorizaron: "
                "los contratos contigo, los trabajadores asignados y sus acuses. Cada consulta queda registrada y el proveedor la ve."
            </p>
            <Suspense fallback=|| view! { <p class="cargando">"Cargando…"</p> }>
                {move || Suspend::new(async move {
                    match datos.await {
                        Ok(p) if p.is_empty() => view! {
                            <p data-testid="sin-proveedores">
                                "Ningún proveedor te ha autorizado todavía. Pide a tu proveedor que te autorice con tu RFC en «Clientes autorizados» de su panel."
                            </p>
                        }.into_any(),
                        Ok(p) => p.into_iter().map(|p| view! { <TarjetaProveedor p /> }).collect_view().into_any(),
                        Err(e) => fuera_de_sesion(e).into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn TarjetaProveedor(p: Proveedor) -> impl IntoView {
    let rfc = p.rfc.clone();
    view! {
        <article class="proveedor" data-testid="proveedor" data-rfc=p.rfc.clone()>
            <h2>{p.nombre.clone()}</h2>
            <p class="texto-suave">{format!("RFC {} · te autorizó el {}", p.rfc, p.desde)}</p>
            <p><a href=format!("/mis-proveedores/{}.xlsx", p.rfc) download=format!("contratos-{}.xlsx", p.rfc)>"Descargar contratos y trabajadores (Excel)"</a></p>
            {if p.informativas.is_empty() {
                view! { <p>"No ha presentado informativas con contratos contigo."</p> }.into_any()
            } else {
                p.informativas.into_iter().map(|i| view! { <Informativa i rfc=rfc.clone() /> }).collect_view().into_any()
            }}
        </article>
    }
}

#[component]
fn Informativa(i: InformativaCliente, rfc: String) -> impl IntoView {
    view! {
        <section class="tarjeta proveedor__informativa" data-testid="informativa-cliente">
            <p class="tarjeta__titulo">{format!("{} · folio {}", i.tipo, i.folio)}</p>
            <p>{format!("{} · presentada el {} · {}", i.periodo, i.presentada, i.estado)}</p>
            <p>
                <a href=format!("/mis-proveedores/{rfc}/{}/acuse.pdf", i.id)>"Acuse (PDF)"</a>
                " · "
                <a href=i.verificacion.clone()>"Verificar el acuse"</a>
            </p>
            {i.contratos.into_iter().map(|c| view! {
                <div class="proveedor__contrato">
                    <p><strong>"Servicio: "</strong>{c.servicio}</p>
                    {(!c.objeto.is_empty()).then(|| view! { <p><strong>"Objeto: "</strong>{c.objeto.clone()}</p> })}
                    <p>{format!("Del {}{} · {} trabajadores", c.inicio, if c.termino.is_empty() { String::new() } else { format!(" al {}", c.termino) }, c.trabajadores)}</p>
                    {(!c.muestra.is_empty()).then(|| view! {
                        <ul class="proveedor__trabajadores">
                            {c.muestra.into_iter().map(|t| view! {
                                <li>{format!("NSS {} · {} · SBC {}", t.nss, t.curp, t.sbc)}</li>
                            }).collect_view()}
                        </ul>
                    })}
                    {(c.trabajadores > 20).then(|| view! { <p class="texto-suave">"Los demás están en el archivo de Excel."</p> })}
                </div>
            }).collect_view()}
        </section>
    }
}
