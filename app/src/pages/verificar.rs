//! `/verificar` and `/verificar/{folio}`: anyone holding an acuse (a bank, a client auditing its
//! provider, the IMSS) types its folio and the contratista's RFC or the verification code, or
//! scans its QR, and sees what was presented, whether it is still the filing in force (or which
//! folio replaced or annulled it), and whether the seal and the contratista's signature check
//! out. Public, built for a phone: the QR opens `/verificar/{folio}?codigo=…` already filled in.

use crate::api::presentacion::{verificar_acuse, VerificacionAcuse};
use crate::components::aviso::AvisoError;
use crate::domain::dinero::miles;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/verificar`, `/verificar/{folio}?codigo=…` (the QR), `?rfc=…` (a client checking its
/// provider). The verdict is rendered by the server from the URL, above the form, so a phone shows
/// it with the first bytes and without WebAssembly; the form is a plain `GET` (nothing in it is
/// secret: it is what the printed acuse shows) that the router takes over once hydrated.
#[component]
pub fn Verificar() -> impl IntoView {
    let consulta = use_query_map();
    let parametros = use_params_map();
    // Older acuses printed `/verificar?folio=…&codigo=…`.
    let folio = move || {
        parametros
            .with(|p| p.get("folio"))
            .or_else(|| consulta.with(|q| q.get("folio")))
            .map(|f| f.trim().to_uppercase())
            .filter(|f| !f.is_empty())
    };
    let clave = move || {
        consulta
            .with(|q| {
                q.get("codigo")
                    .or_else(|| q.get("rfc"))
                    .or_else(|| q.get("clave"))
            })
            .map(|c| c.trim().to_uppercase())
            .filter(|c| !c.is_empty())
    };
    let veredicto = Resource::new(
        move || (folio(), clave()),
        |(f, c)| async move {
            match (f, c) {
                (Some(f), Some(c)) => Some(verificar_acuse(f, c).await),
                (Some(_), None) | (None, Some(_)) => Some(Err(crate::api::AppError::new(
                    crate::domain::error::ErrorCode::FieldRequired,
                    "Escribe el folio del acuse y el RFC del contratista o el código de verificación (debajo del código QR).",
                ))),
                (None, None) => None,
            }
        },
    );
    view! {
        <Title text="Verificar acuse" />
        <section class="contenedor pagina verificar">
            <h1>"Verificar un acuse de presentación"</h1>
            <Suspense fallback=|| view! { <p class="cargando">"Verificando…"</p> }>
                {move || Suspend::new(async move {
                    match veredicto.await {
                        Some(Ok(v)) => view! { <Resultado v=v /> }.into_any(),
                        Some(Err(error)) => view! { <AvisoError error /> }.into_any(),
                        None => view! {
                            <p class="entrada">"Escribe el folio del acuse y el RFC del contratista que lo presentó (o el código de verificación impreso debajo del código QR), o escanea el código QR."</p>
                        }.into_any(),
                    }
                })}
            </Suspense>
            <Form method="GET" action="/verificar" attr:class="ingresar__formulario">
                <div class="campo">
                    <label for="folio">"Folio"</label>
                    <input id="folio" name="folio" autocapitalize="characters" spellcheck="false" maxlength="20"
                        required=true value=folio().unwrap_or_default() />
                </div>
                <div class="campo">
                    <label for="clave">"RFC del contratista o código de verificación"</label>
                    <input id="clave" name="clave" autocapitalize="characters" spellcheck="false" maxlength="24"
                        required=true value=clave().unwrap_or_default() />
                </div>
                <p><button type="submit" class="boton">"Verificar"</button></p>
            </Form>
        </section>
    }
}

/// What the server said about the acuse.
#[component]
fn Resultado(v: VerificacionAcuse) -> impl IntoView {
    let valido = v.autentico();
    let clase = if (valido || !v.con_codigo) && v.vigente {
        "aviso aviso--exito"
    } else {
        "aviso aviso--advertencia"
    };
    view! {
        <section class=clase data-testid="verificacion">
            <h2>{match (v.con_codigo, valido) {
                (false, _) => "Informativa presentada",
                (true, true) => "Acuse auténtico",
                (true, false) => "El acuse NO es auténtico",
            }}</h2>
            {(!v.con_codigo).then(|| view! {
                <p>"Con el RFC se muestran solo los datos que el IMSS publica en su listado público. Para comprobar que un acuse impreso es auténtico (sello digital y firma), escribe el código de verificación que aparece debajo de su código QR."</p>
            })}
            {(v.sello_desarrollo == Some(true)).then(|| view! {
                <p><strong>"Sello de desarrollo: este acuse se emitió en un servidor de prueba y no tiene validez."</strong></p>
            })}
            <dl class="resumen__datos">
                <div class="resumen__dato"><dt>"Folio"</dt><dd>{v.folio.clone()}</dd></div>
                <div class="resumen__dato"><dt>"Situación"</dt><dd data-campo="situacion">{v.situacion.clone()}</dd></div>
                <div class="resumen__dato"><dt>"Tipo"</dt><dd>{v.tipo.clone()}</dd></div>
                <div class="resumen__dato"><dt>"RFC"</dt><dd>{v.rfc.clone()}</dd></div>
                <div class="resumen__dato"><dt>"Nombre"</dt><dd>{v.nombre.clone()}</dd></div>
                <div class="resumen__dato"><dt>"Periodo"</dt><dd>{format!("{} de {}", v.periodo, v.anio)}</dd></div>
                <div class="resumen__dato"><dt>"Presentada"</dt><dd>{v.presentada.clone()}{if v.extemporanea { " (extemporánea)" } else { "" }}</dd></div>
                <div class="resumen__dato"><dt>"Contratos"</dt><dd>{miles(v.contratos)}</dd></div>
                <div class="resumen__dato"><dt>"Trabajadores"</dt><dd>{miles(v.trabajadores)}</dd></div>
                {v.folio_referencia.clone().map(|f| view! {
                    <div class="resumen__dato"><dt>"Folio que afecta"</dt><dd>{f}</dd></div>
                })}
                {v.afectada_por.clone().map(|f| view! {
                    <div class="resumen__dato"><dt>"Folio de la complementaria"</dt><dd><a href=format!("/verificar/{f}?rfc={}", v.rfc)>{f.clone()}</a></dd></div>
                })}
            </dl>
            {v.con_codigo.then(|| view! {
                <p>{if v.sello_valido == Some(true) { "Sello digital ICSOE: válido." } else { "Sello digital ICSOE: NO válido." }}
                   " "
                   {if v.firma_valida == Some(true) { "Firma del contratista: válida." } else { "Firma del contratista: NO válida." }}</p>
                <p><a href="/sello/certificado.cer">"Descargar el certificado del sello"</a></p>
            })}
        </section>
    }
}
