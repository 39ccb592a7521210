//! `/ingresar`: log in with the e.firma, as the IMSS guide describes it — RFC, certificate,
//! private key and its password; "Validar" checks everything **in the browser** (the key and the
//! password never leave it); "Ingresar" signs the server's challenge and opens the session.
//! Below, "Ingresar como capturista" (CURP + password).

#[cfg(feature = "hydrate")]
mod accion;
pub mod capturista;

use leptos::prelude::*;
use leptos_meta::Title;

/// Which field an error belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Campo {
    /// RFC.
    Rfc,
    /// `.cer`.
    Certificado,
    /// `.key`.
    Llave,
    /// Password.
    Contrasena,
    /// Not a field: the server or the network.
    General,
}

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
    /// Password typed.
    pub contrasena: RwSignal<String>,
    /// Step.
    pub paso: RwSignal<Paso>,
    /// The error and its field.
    pub error: RwSignal<Option<(Campo, String, &'static str)>>,
    /// Milliseconds to add to the device clock to get the server's (certificate validity is
    /// judged by the server's clock).
    pub desfase_ms: RwSignal<i64>,
    #[cfg(feature = "hydrate")]
    pub(crate) navegador: StoredValue<accion::Navegador, LocalStorage>,
}

fn error_de(estado: Estado, campo: Campo) -> impl IntoView {
    move || {
        estado
            .error
            .get()
            .filter(|(c, _, _)| *c == campo)
            .map(|(_, mensaje, codigo)| {
                view! { <p class="campo__error" role="alert" data-codigo=codigo>{mensaje}</p> }
            })
    }
}

/// `/ingresar`
#[component]
pub fn Ingresar() -> impl IntoView {
    let estado = Estado {
        rfc: RwSignal::new(String::new()),
        contrasena: RwSignal::new(String::new()),
        paso: RwSignal::new(Paso::Captura),
        error: RwSignal::new(None),
        desfase_ms: RwSignal::new(0),
        #[cfg(feature = "hydrate")]
        navegador: StoredValue::new_local(accion::Navegador::default()),
    };
    let elegir = move |_campo: Campo, _ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        accion::elegir(estado, _campo, &_ev);
    };
    let validar = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(accion::validar(estado));
    };
    let ingresar = move |_| {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(accion::ingresar(estado));
    };
    let hora = Resource::new(|| (), |_| crate::api::sesion::hora_servidor());
    Effect::new(move |_| {
        if let Some(Ok(_servidor)) = hora.get() {
            #[cfg(feature = "hydrate")]
            estado
                .desfase_ms
                .set(_servidor.timestamp_millis() - js_sys::Date::now() as i64);
        }
    });
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
                        prop:value=move || estado.rfc.get()
                        on:input=move |ev| {
                            estado.rfc.set(event_target_value(&ev).to_uppercase());
                            estado.paso.set(Paso::Captura);
                        }
                    />
                    {error_de(estado, Campo::Rfc)}
                </div>
                <div class="campo">
                    <label for="certificado">"Certificado (.cer)"</label>
                    <input id="certificado" type="file" accept=".cer,.crt,.pem" on:change=move |ev| elegir(Campo::Certificado, ev) />
                    {error_de(estado, Campo::Certificado)}
                </div>
                <div class="campo">
                    <label for="llave">"Clave privada (.key)"</label>
                    <input id="llave" type="file" accept=".key" on:change=move |ev| elegir(Campo::Llave, ev) />
                    {error_de(estado, Campo::Llave)}
                </div>
                <div class="campo">
                    <label for="contrasena">"Contraseña de la clave privada"</label>
                    <input
                        id="contrasena"
                        type="password"
                        autocomplete="current-password"
                        prop:value=move || estado.contrasena.get()
                        on:input=move |ev| {
                            estado.contrasena.set(event_target_value(&ev));
                            estado.paso.set(Paso::Captura);
                        }
                    />
                    {error_de(estado, Campo::Contrasena)}
                </div>
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
            {error_de(estado, Campo::General)}
            <capturista::IngresoCapturista />
        </section>
    }
}
