//! "Firmar y presentar" (the contratista only, an informativa `en_firma`): the summary and the
//! cadena original the server prepared, then the e.firma — `.cer`, `.key` and password — read
//! and used **in this browser**: WASM decrypts the key, checks it belongs to the certificate and
//! signs the cadena (RSA-SHA256); only the certificate and the signature travel. One
//! idempotency key per page, so a double click or a retry presents once.

// Browser-only: the e.firma is opened by the shared selector in WebAssembly. The server renders
// the panel with its button disabled ("Cargando…") and the handlers exist only in the hydrated
// bundle.
#![cfg_attr(
    not(feature = "hydrate"),
    allow(
        unused_variables,
        unused_imports,
        dead_code,
        reason = "handlers are browser-only"
    )
)]

use crate::api::informativas::ruta;
use crate::api::presentacion::{PorFirmar, Presentacion};
use crate::components::efirma::{CampoEfirma, CamposEfirma, Efirma};
use crate::domain::dinero::miles;
use leptos::prelude::*;

/// The signing panel.
#[component]
pub fn FirmarPresentar(id: i64, al_presentar: Callback<Presentacion>) -> impl IntoView {
    let datos = RwSignal::new(None::<PorFirmar>);
    let efirma = Efirma::nueva();
    let ocupado = RwSignal::new(false);
    let listo = crate::components::formulario::hidratado();
    #[cfg(feature = "hydrate")]
    let clave = StoredValue::new(crate::browser::http::clave_nueva());
    let preparar = move |_| {
        efirma.error.set(None);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            match crate::browser::http::get::<PorFirmar>(&format!("{}/firma", ruta(id))).await {
                Ok(d) => datos.set(d),
                Err(e) => efirma.fallar(CampoEfirma::General, e.mensaje, e.codigo.as_str()),
            }
        });
    };
    let firmar = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let Some(d) = datos.get_untracked() else {
                return;
            };
            ocupado.set(true);
            // The server checks that the certificate is the contratista's (its RFC) when it
            // verifies the signature; here, everything else.
            let Some(abierta) = efirma.abrir(None).await else {
                ocupado.set(false);
                return;
            };
            let peticion = crate::api::presentacion::Presentar {
                certificado: abierta.certificado_base64(),
                firma: abierta.firmar_base64(d.cadena.as_bytes()),
                cadena: d.cadena.clone(),
            };
            drop(abierta);
            let r = crate::browser::http::post_con_clave::<_, Presentacion>(
                &format!("{}/presentar", ruta(id)),
                &peticion,
                &clave.get_value(),
            )
            .await;
            ocupado.set(false);
            match r {
                Ok(Some(p)) => al_presentar.run(p),
                Ok(None) => efirma.fallar(CampoEfirma::General, "El servidor no confirmó la presentación. Recarga la página: si se presentó, verás el folio.", "internal"),
                Err(e) => efirma.fallar(CampoEfirma::General, e.mensaje, e.codigo.as_str()),
            }
        });
    };
    view! {
        <section class="firma" data-testid="firmar" aria-labelledby="firmar-titulo">
            <h2 id="firmar-titulo">"Firmar y presentar"</h2>
            {efirma.error_de(CampoEfirma::General)}
            {move || match datos.get() {
                None => view! {
                    <p>"Revisa la informativa. Al firmar, la presentas ante el IMSS con tu e.firma: ya no podrás modificarla (solo con una complementaria)."</p>
                    <p><button type="button" class="boton" on:click=preparar disabled=move || !listo.get()>
                        {move || if listo.get() { "Preparar firma" } else { "Cargando…" }}
                    </button></p>
                }.into_any(),
                Some(d) => view! {
                    <dl class="resumen__datos" data-testid="por-firmar">
                        <div class="resumen__dato"><dt>"Contratos"</dt><dd>{miles(d.contratos)}</dd></div>
                        <div class="resumen__dato"><dt>"Trabajadores"</dt><dd>{miles(d.trabajadores)}</dd></div>
                        <div class="resumen__dato"><dt>"Vence"</dt><dd>{d.vence.clone()}</dd></div>
                    </dl>
                    {d.extemporanea.clone().map(|m| view! {
                        <div class="aviso aviso--advertencia" data-testid="extemporanea"><p>
                            {format!("El plazo venció el {}: la presentación será extemporánea. La multa va de 500 a 2,000 UMA (UMA diaria {}): de {} a {}. Presentarla cuanto antes sigue siendo lo mejor.", m.vence, m.uma, m.minima, m.maxima)}
                        </p></div>
                    })}
                    <details>
                        <summary>"Cadena original que vas a firmar"</summary>
                        <pre class="cadena" data-testid="cadena">{d.cadena.clone()}</pre>
                    </details>
                    <form class="ingresar__formulario" method="post" on:submit=firmar>
                        <p class="entrada">"Tu clave privada y su contraseña se usan en este navegador y nunca se envían: solo viajan el certificado y la firma."</p>
                        <CamposEfirma efirma=efirma autocompletar="off" />
                        <p><button type="submit" class="boton" disabled=move || ocupado.get()>
                            {move || if ocupado.get() { "Firmando…" } else { "Firmar y presentar" }}
                        </button></p>
                    </form>
                }.into_any(),
            }}
        </section>
    }
}
