//! `/verificar` and `/verificar/{folio}`: anyone holding an acuse (a bank, a client auditing its
//! provider, the IMSS) types its folio and the contratista's RFC or the verification code, or
//! scans its QR, and sees what was presented, whether it is still the filing in force (or which
//! folio replaced or annulled it), and whether the seal and the contratista's signature check
//! out. Public, built for a phone: the QR opens `/verificar/{folio}?codigo=…` already filled in.

use crate::api::presentacion::VerificacionAcuse;
use crate::domain::dinero::miles;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/verificar`
#[component]
pub fn Verificar() -> impl IntoView {
    let folio = RwSignal::new(String::new());
    // The contratista's RFC or the code under the QR: the server tells them apart.
    let clave = RwSignal::new(String::new());
    let resultado = RwSignal::new(None::<VerificacionAcuse>);
    let error = RwSignal::new(None::<String>);
    let ocupado = RwSignal::new(false);
    let consultar = move || {
        error.set(None);
        resultado.set(None);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let (f, c) = (folio.get_untracked(), clave.get_untracked());
            if f.trim().is_empty() || c.trim().is_empty() {
                error.set(Some("Escribe el folio del acuse y el RFC del contratista o el código de verificación (debajo del código QR).".into()));
                return;
            }
            ocupado.set(true);
            let ruta = format!(
                "/api/v1/acuses/{}?rfc={}",
                String::from(js_sys::encode_uri_component(f.trim())),
                String::from(js_sys::encode_uri_component(c.trim()))
            );
            let r = crate::browser::http::get::<VerificacionAcuse>(&ruta).await;
            ocupado.set(false);
            match r {
                Ok(v) => resultado.set(v),
                Err(e) => error.set(Some(e.mensaje)),
            }
        });
    };
    // The QR opens `/verificar/{folio}?codigo=…` (older acuses: `/verificar?folio=…&codigo=…`):
    // fill in and verify at once.
    let consulta = leptos_router::hooks::use_query_map();
    let parametros = leptos_router::hooks::use_params_map();
    Effect::new(move |_| {
        let f = parametros
            .with(|p| p.get("folio"))
            .or_else(|| consulta.with(|q| q.get("folio")));
        let c = consulta.with(|q| q.get("codigo").or_else(|| q.get("rfc")));
        if let Some(f) = f {
            folio.set(f.to_uppercase());
            if let Some(c) = c {
                clave.set(c.to_uppercase());
                consultar();
            }
        }
    });
    view! {
        <Title text="Verificar acuse" />
        <section class="contenedor pagina verificar">
            <h1>"Verificar un acuse de presentación"</h1>
            <p class="entrada">"Escribe el folio del acuse y el RFC del contratista que lo presentó (o el código de verificación impreso debajo del código QR), o escanea el código QR."</p>
            <form class="ingresar__formulario" on:submit=move |ev| { ev.prevent_default(); consultar(); }>
                <div class="campo">
                    <label for="folio">"Folio"</label>
                    <input id="folio" autocapitalize="characters" spellcheck="false" maxlength="20"
                        prop:value=move || folio.get()
                        on:input=move |ev| folio.set(event_target_value(&ev).to_uppercase()) />
                </div>
                <div class="campo">
                    <label for="clave">"RFC del contratista o código de verificación"</label>
                    <input id="clave" autocapitalize="characters" spellcheck="false" maxlength="24"
                        prop:value=move || clave.get()
                        on:input=move |ev| clave.set(event_target_value(&ev).to_uppercase()) />
                </div>
                <p><button type="submit" class="boton" disabled=move || ocupado.get()>"Verificar"</button></p>
            </form>
            {move || error.get().map(|m| view! { <div class="aviso aviso--error" role="alert"><p>{m}</p></div> })}
            {move || resultado.get().map(|v| view! { <Resultado v=v /> }.into_any())}
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
