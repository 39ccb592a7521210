//! "Firmar y presentar" (the contratista only, an informativa `en_firma`): the summary and the
//! cadena original the server prepared, then the e.firma — `.cer`, `.key` and password — read
//! and used **in this browser**: WASM decrypts the key, checks it belongs to the certificate and
//! signs the cadena (RSA-SHA256); only the certificate and the signature travel. One
//! idempotency key per page, so a double click or a retry presents once.

// Browser-only: `File.arrayBuffer` for the .cer/.key and the e.firma decrypted and used in WebAssembly. The server renders its form with the buttons disabled ("Cargando…")
// and the handlers exist only in the hydrated bundle.
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
use crate::domain::dinero::miles;
use leptos::prelude::*;

/// The signing panel.
#[component]
pub fn FirmarPresentar(id: i64, al_presentar: Callback<Presentacion>) -> impl IntoView {
    let datos = RwSignal::new(None::<PorFirmar>);
    let error = RwSignal::new(None::<(String, String)>);
    let contrasena = RwSignal::new(String::new());
    let ocupado = RwSignal::new(false);
    let listo = crate::components::formulario::hidratado();
    #[cfg(feature = "hydrate")]
    let archivos = StoredValue::new_local((None::<web_sys::File>, None::<web_sys::File>));
    #[cfg(feature = "hydrate")]
    let clave = StoredValue::new(crate::browser::http::clave_nueva());
    let preparar = move |_| {
        error.set(None);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            match crate::browser::http::get::<PorFirmar>(&format!("{}/firma", ruta(id))).await {
                Ok(d) => datos.set(d),
                Err(e) => error.set(Some((e.codigo.as_str().to_string(), e.mensaje))),
            }
        });
    };
    let elegir = move |_cual: u8, _ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            let f = crate::browser::http::archivo_elegido(&_ev);
            archivos.update_value(|a| if _cual == 0 { a.0 = f } else { a.1 = f });
        }
    };
    let firmar = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            use crate::domain::error::DomainError;
            use crate::efirma::{Certificado, LlavePrivada};
            use base64ct::Encoding;
            let Some(d) = datos.get_untracked() else {
                return;
            };
            let (cer, key) = archivos.get_value();
            let (Some(cer), Some(key)) = (cer, key) else {
                error.set(Some(("efirma_not_certificate".into(), "Elige el certificado (.cer) y la clave privada (.key) de la e.firma del contratista.".into())));
                return;
            };
            ocupado.set(true);
            crate::browser::http::pausa(30).await;
            let (Some(cer_b), Some(key_b)) = (
                crate::browser::http::leer_archivo(&cer).await,
                crate::browser::http::leer_archivo(&key).await,
            ) else {
                ocupado.set(false);
                error.set(Some((
                    "file_unreadable".into(),
                    "El navegador no pudo leer los archivos. Elígelos de nuevo.".into(),
                )));
                return;
            };
            let pass = zeroize::Zeroizing::new(contrasena.get_untracked());
            let firmado = Certificado::parse(&cer_b).and_then(|c| {
                c.exigir_fiel()?;
                let llave = LlavePrivada::descifrar(&key_b, pass)?;
                llave.exigir_par(&c)?;
                Ok((c, llave))
            });
            let (c, llave) = match firmado {
                Ok(x) => x,
                Err(e) => {
                    ocupado.set(false);
                    error.set(Some((e.code().as_str().to_string(), e.to_string())));
                    return;
                }
            };
            let peticion = crate::api::presentacion::Presentar {
                certificado: base64ct::Base64::encode_string(c.der()),
                firma: base64ct::Base64::encode_string(&llave.firmar(d.cadena.as_bytes())),
                cadena: d.cadena.clone(),
            };
            drop(llave);
            contrasena.set(String::new());
            let r = crate::browser::http::post_con_clave::<_, Presentacion>(
                &format!("{}/presentar", ruta(id)),
                &peticion,
                &clave.get_value(),
            )
            .await;
            ocupado.set(false);
            match r {
                Ok(Some(p)) => al_presentar.run(p),
                Ok(None) => error.set(Some(("internal".into(), "El servidor no confirmó la presentación. Recarga la página: si se presentó, verás el folio.".into()))),
                Err(e) => error.set(Some((e.codigo.as_str().to_string(), e.mensaje))),
            }
        });
    };
    view! {
        <section class="firma" data-testid="firmar" aria-labelledby="firmar-titulo">
            <h2 id="firmar-titulo">"Firmar y presentar"</h2>
            {move || error.get().map(|(codigo, m)| view! {
                <div class="aviso aviso--error" role="alert" data-codigo=codigo><p>{m}</p></div>
            })}
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
                        <div class="campo">
                            <label for="firma-cer">"Certificado (.cer)"</label>
                            <input id="firma-cer" type="file" accept=".cer,.crt,.pem" on:change=move |ev| elegir(0, ev) />
                        </div>
                        <div class="campo">
                            <label for="firma-key">"Clave privada (.key)"</label>
                            <input id="firma-key" type="file" accept=".key" on:change=move |ev| elegir(1, ev) />
                        </div>
                        <div class="campo">
                            <label for="firma-contrasena">"Contraseña de la clave privada"</label>
                            <input id="firma-contrasena" type="password" autocomplete="off"
                                prop:value=move || contrasena.get()
                                on:input=move |ev| contrasena.set(event_target_value(&ev)) />
                        </div>
                        <p><button type="submit" class="boton" disabled=move || ocupado.get()>
                            {move || if ocupado.get() { "Firmando…" } else { "Firmar y presentar" }}
                        </button></p>
                    </form>
                }.into_any(),
            }}
        </section>
    }
}
