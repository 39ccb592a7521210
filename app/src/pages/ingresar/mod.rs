//! `/ingresar`: log in with the e.firma, as the IMSS guide describes it — RFC, certificate,
//! private key and its password; "Validar" checks everything **in the browser** (the key and the
//! password never leave it); "Ingresar" signs the server's challenge and opens the session.
//! Below, "Ingresar como capturista" (CURP + password).

#[cfg(feature = "hydrate")]
mod accion;
pub mod capturista;

use crate::components::efirma::{descrito_por_rfc, CampoEfirma, CamposEfirma, Efirma};
use leptos::prelude::*;
use leptos_meta::Title;

/// What the page shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Paso {
    /// Filling in.
    Captura,
    /// Checking locally.
    Validando,
    /// Checked: the holder's name and RFC.
    Validado {
        /// Name in the certificate.
        nombre: String,
        /// RFC.
        rfc: String,
    },
    /// Signing and waiting for the server.
    Ingresando,
}

/// The page's signals.
#[derive(Clone, Copy)]
pub struct Estado {
    /// RFC typed.
    pub rfc: RwSignal<String>,
    /// Step.
    pub paso: RwSignal<Paso>,
    /// The shared e.firma selector (its fields, its errors — the RFC's and the server's too).
    pub efirma: Efirma,
    /// After "Validar": the opened e.firma, kept in this page's memory until "Ingresar".
    #[cfg(feature = "hydrate")]
    pub(crate) validada:
        StoredValue<Option<crate::components::efirma::EfirmaAbierta>, LocalStorage>,
}

/// `/ingresar`
#[component]
pub fn Ingresar() -> impl IntoView {
    let estado = Estado {
        rfc: RwSignal::new(String::new()),
        paso: RwSignal::new(Paso::Captura),
        efirma: Efirma::nueva(),
        #[cfg(feature = "hydrate")]
        validada: StoredValue::new_local(None),
    };
    // Any change after "Validar" (another file, the password) asks to validate again.
    Effect::new(move |_| {
        if estado.efirma.cambios.get() > 0 {
            estado.paso.set(Paso::Captura);
            #[cfg(feature = "hydrate")]
            estado.validada.update_value(|v| *v = None);
        }
    });
    let validar = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(accion::validar(estado));
    };
    let ingresar = move |_| {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(accion::ingresar(estado));
    };
    let listo = crate::components::formulario::hidratado();
    let ocupado =
        move || !listo.get() || matches!(estado.paso.get(), Paso::Validando | Paso::Ingresando);
    view! {
        <Title text="Ingresar con e.firma" />
        <section class="contenedor pagina ingresar">
            <h1>"Ingresar con e.firma"</h1>
            <p class="entrada">
                "Usa la e.firma (FIEL) vigente del contratista. Tu clave privada y su contraseña se revisan "
                "en este navegador y nunca se envían al servidor: solo viajan el certificado y una firma."
            </p>
            <p class="aviso aviso--info" data-testid="aviso-persona-moral">
                "Si el contratista es una empresa (persona moral), ingresa con la e.firma de la empresa, "
                "no con la del representante legal: así lo pide la guía del IMSS."
            </p>
            // Never GET (the RFC would land in the URL); it cannot be submitted at all until the
            // WebAssembly that reads the e.firma has loaded: its only button is disabled till then.
            <form class="ingresar__formulario" method="post" on:submit=validar>
                <div class="campo">
                    <label for="rfc">"RFC"</label>
                    <input
                        id="rfc"
                        name="rfc"
                        autocomplete="username"
                        autocapitalize="characters"
                        spellcheck="false"
                        maxlength="13"
                        aria-describedby=descrito_por_rfc(estado.efirma)
                        prop:value=move || estado.rfc.get()
                        on:input=move |ev| {
                            estado.rfc.set(event_target_value(&ev).to_uppercase());
                            estado.paso.set(Paso::Captura);
                            estado.efirma.error.set(None);
                        }
                    />
                    {estado.efirma.error_de(CampoEfirma::Rfc)}
                </div>
                <CamposEfirma efirma=estado.efirma autocompletar="current-password" />
                <p class="ingresar__acciones">
                    <button type="submit" class="boton boton--secundario" disabled=ocupado>
                        {move || if listo.get() { "Validar" } else { "Cargando…" }}
                    </button>
                </p>
            </form>
            {move || match estado.paso.get() {
                Paso::Validando => view! { <p class="cargando" role="status">"Validando la e.firma…"</p> }.into_any(),
                Paso::Validado { nombre, rfc } => view! {
                    <div class="aviso aviso--exito" role="status">
                        <p class="aviso__titulo">"La validación de la FIEL fue exitosa"</p>
                        <p>{nombre} " · RFC " {rfc}</p>
                    </div>
                    <p><button type="button" class="boton" on:click=ingresar>"Ingresar"</button></p>
                }
                    .into_any(),
                Paso::Ingresando => view! { <p class="cargando" role="status">"Ingresando…"</p> }.into_any(),
                Paso::Captura => ().into_any(),
            }}
            {estado.efirma.error_de(CampoEfirma::General)}
            <capturista::IngresoCapturista />
        </section>
    }
}
