//! `/terminos`: the terms of use and privacy notice, accepted once per version before anything
//! else (the acceptance is stored with its version and time).

use crate::api::acceso::AceptarTerminos;
use crate::api::sesion::{sesion_pagina, VERSION_TERMINOS};
use crate::components::aviso::ResultadoAccion;
use crate::components::formulario::errores_de;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

/// `/terminos`: a real form (it works before the WebAssembly arrives).
#[component]
pub fn Terminos() -> impl IntoView {
    let sesion = Resource::new(|| (), |_| sesion_pagina());
    let aceptar = ServerAction::<AceptarTerminos>::new();
    let errores = errores_de(aceptar);
    view! {
        <Title text="Términos y condiciones" />
        <section class="contenedor pagina terminos">
            <Suspense fallback=|| view! { <p class="cargando">"Cargando…"</p> }>
                {move || Suspend::new(async move {
                    match sesion.await {
                        Ok(Some(s)) if !s.terminos_pendientes => view! { <Redirect path="/panel" /> }.into_any(),
                        Ok(Some(s)) => view! {
                            <h1>"Términos y condiciones de uso"</h1>
                            <p class="entrada">{format!("{} · RFC {}", s.nombre, s.rfc)}</p>
                            <div class="terminos__texto" tabindex="0">
                                <h2>"Uso del sistema"</h2>
                                <p>"ICSOE sirve para preparar y presentar ante el IMSS la Informativa de Contratos de Servicios u Obras Especializados (artículo 15-A de la Ley del Seguro Social). La información que captures y firmes con tu e.firma es tu responsabilidad y tiene los efectos que le dan las leyes."</p>
                                <p>"Tu e.firma identifica al contratista. La clave privada y su contraseña se usan solo en tu navegador; este sistema nunca las recibe ni las guarda."</p>
                                <h2>"Aviso de privacidad"</h2>
                                <p>"Se tratan el RFC, el nombre o razón social, la CURP del certificado, los datos de contratos y de trabajadores (NSS, CURP, salario) y la bitácora de ingresos (fecha, certificado y dirección IP), con la única finalidad de integrar y presentar la informativa y de dar seguridad al acceso. No se transfieren a terceros salvo a las autoridades competentes."</p>
                                <p class="terminos__version">{format!("Versión {VERSION_TERMINOS}")}</p>
                            </div>
                            <ActionForm action=aceptar>
                                <input type="hidden" name="version" value=VERSION_TERMINOS />
                                <label class="campo campo--en-linea">
                                    <input type="checkbox" name="acepto" value="si" aria-describedby="acepto-error"
                                        on:change=move |_| errores.set(Vec::new()) />
                                    "Acepto los términos y condiciones"
                                </label>
                                <div id="acepto-error">
                                    {move || errores.with(|e| e.first().map(|e| view! { <p class="campo__error" role="alert">{e.mensaje.clone()}</p> }))}
                                </div>
                                <p><button type="submit" class="boton">"Ingresar"</button></p>
                            </ActionForm>
                            <ResultadoAccion accion=aceptar exito=|_| None />
                        }
                            .into_any(),
                        _ => view! { <Redirect path="/ingresar" /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
