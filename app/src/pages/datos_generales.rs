//! `/datos-generales`: the contratista's contact data, domicilio social (personas morales) and
//! convencional, REPSE registration with its authorised services, and the REPSE acuse (PDF).
//! "Guardar" sends everything at once; field errors come back next to their fields and nothing
//! typed is lost. Only the contratista edits; a capturista is told so.

use crate::api::cuenta::funciones::{
    vista_datos_generales, EliminarAcuseRepse, GuardarDatosGenerales,
};
use crate::api::cuenta::{ArchivoGuardado, RespuestaDatosGenerales, RUTA_ACUSE_REPSE};
use crate::components::aviso::{Aviso, TipoAviso};
use crate::components::confirmar::Confirmar;
use crate::components::domicilio::{CapturaDomicilio, EstadoDomicilio};
use crate::components::formulario::{error_en, nombre_de, Campo, PrefijoFormulario};
use crate::domain::cuenta::{DatosGeneralesEntrada, RepseEntrada, ServicioRepse};
use crate::domain::error::ErrorCampo;
use crate::efirma::TipoPersona;
use crate::pages::fuera_de_sesion;
use leptos::prelude::*;
use leptos_meta::Title;

#[derive(Clone, Copy)]
struct Formulario {
    persona: RwSignal<Option<TipoPersona>>,
    correo: RwSignal<String>,
    celular: RwSignal<String>,
    fijo: RwSignal<String>,
    igual_fiscal: RwSignal<Option<bool>>,
    social: EstadoDomicilio,
    con_convencional: RwSignal<bool>,
    convencional: EstadoDomicilio,
    repse_numero: RwSignal<String>,
    repse_fecha: RwSignal<String>,
    servicios: RwSignal<Vec<(RwSignal<String>, RwSignal<String>)>>,
    acuse: RwSignal<Option<ArchivoGuardado>>,
    pendientes: RwSignal<Vec<String>>,
    avisos: RwSignal<Vec<ErrorCampo>>,
    errores: RwSignal<Vec<ErrorCampo>>,
    mensaje: RwSignal<Option<(bool, String)>>,
}

impl Formulario {
    fn new() -> Self {
        Formulario {
            persona: RwSignal::new(None),
            correo: RwSignal::new(String::new()),
            celular: RwSignal::new(String::new()),
            fijo: RwSignal::new(String::new()),
            igual_fiscal: RwSignal::new(None),
            social: EstadoDomicilio::new(),
            con_convencional: RwSignal::new(false),
            convencional: EstadoDomicilio::new(),
            repse_numero: RwSignal::new(String::new()),
            repse_fecha: RwSignal::new(String::new()),
            servicios: RwSignal::new(vec![(
                RwSignal::new(String::new()),
                RwSignal::new(String::new()),
            )]),
            acuse: RwSignal::new(None),
            pendientes: RwSignal::new(Vec::new()),
            avisos: RwSignal::new(Vec::new()),
            errores: RwSignal::new(Vec::new()),
            mensaje: RwSignal::new(None),
        }
    }

    fn cargar(&self, r: RespuestaDatosGenerales) {
        self.persona.set(Some(r.persona));
        self.acuse.set(r.acuse_repse);
        self.pendientes.set(r.pendientes);
        self.avisos.set(r.avisos);
        if let Some(d) = r.datos {
            self.correo.set(d.correo);
            self.celular.set(d.celular);
            self.fijo.set(d.fijo.unwrap_or_default());
            self.igual_fiscal.set(d.domicilio_social_igual_fiscal);
            match d.domicilio_social {
                Some(s) => self.social.cargar(&s),
                None => self.social.limpiar(),
            }
            self.con_convencional
                .set(d.domicilio_convencional.is_some());
            match d.domicilio_convencional {
                Some(c) => self.convencional.cargar(&c),
                None => self.convencional.limpiar(),
            }
            if let Some(r) = d.repse {
                self.repse_numero.set(r.numero);
                self.repse_fecha
                    .set(r.fecha_registro.format("%Y-%m-%d").to_string());
                self.servicios.set(
                    r.servicios
                        .into_iter()
                        .map(|s| (RwSignal::new(s.folio), RwSignal::new(s.descripcion)))
                        .collect(),
                );
            }
        }
    }

    fn entrada(&self) -> DatosGeneralesEntrada {
        let moral = self.persona.get_untracked() == Some(TipoPersona::Moral);
        let igual = self.igual_fiscal.get_untracked();
        DatosGeneralesEntrada {
            correo: self.correo.get_untracked(),
            celular: self.celular.get_untracked(),
            fijo: self.fijo.get_untracked(),
            domicilio_social_igual_fiscal: if moral { igual } else { None },
            domicilio_social: (moral && igual == Some(false) && self.social.capturado())
                .then(|| self.social.entrada()),
            domicilio_convencional: self
                .con_convencional
                .get_untracked()
                .then(|| self.convencional.entrada()),
            repse: RepseEntrada {
                numero: self.repse_numero.get_untracked(),
                fecha_registro: self.repse_fecha.get_untracked(),
                servicios: self
                    .servicios
                    .get_untracked()
                    .iter()
                    .map(|(f, d)| ServicioRepse {
                        folio: f.get_untracked(),
                        descripcion: d.get_untracked(),
                    })
                    .collect(),
            },
        }
    }
}

/// `/datos-generales`: rendered by the server with what is saved already in the fields (nothing
/// arrives later to overwrite what the user types).
#[component]
pub fn DatosGeneralesPagina() -> impl IntoView {
    let vista = Resource::new(|| (), |_| vista_datos_generales());
    view! {
        <Title text="Datos generales" />
        <section class="contenedor pagina datos-generales">
            <h1>"Datos generales"</h1>
            <Suspense fallback=|| view! { <p class="cargando">"Cargando…"</p> }>
                {move || Suspend::new(async move {
                    match vista.await {
                        Ok(v) => match v.datos {
                            None => view! {
                                <Aviso tipo=TipoAviso::Advertencia mensaje=format!("Solo el contratista, ingresando con su e.firma, puede registrar o cambiar los datos generales y el REPSE de {}.", v.sesion.nombre) />
                                <p><a href="/panel">"Volver al inicio"</a></p>
                            }.into_any(),
                            Some(d) => view! {
                                <p class="entrada">{v.sesion.nombre.clone()} " · RFC " {v.sesion.rfc.clone()}</p>
                                <Captura d />
                            }.into_any(),
                        },
                        Err(e) => fuera_de_sesion(e).into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Captura(d: RespuestaDatosGenerales) -> impl IntoView {
    let f = Formulario::new();
    f.cargar(d);
    let accion = ServerAction::<GuardarDatosGenerales>::new();
    // The answer of a save: the saved data (with what is still missing) or the field errors.
    Effect::new(move |_| match accion.value().get() {
        Some(Ok(r)) => {
            f.cargar(r);
            f.errores.set(Vec::new());
            f.mensaje.set(Some((true, "Datos guardados.".into())));
        }
        Some(Err(e)) => {
            f.errores.set(e.campos.clone());
            f.mensaje.set(Some((false, e.mensaje)));
        }
        None => {}
    });
    if let Some(Err(e)) = accion.value().get_untracked() {
        // A plain post that failed came back with its error in the URL.
        f.errores.set(e.campos.clone());
        f.mensaje.set(Some((false, e.mensaje)));
    }
    let guardar = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        f.errores.set(Vec::new());
        f.mensaje.set(None);
        let entrada = f.entrada();
        // Instant feedback with the same domain code the server runs (it checks everything again).
        let locales = crate::domain::cuenta::datos::errores_de_contacto(&entrada);
        if !locales.is_empty() {
            f.mensaje.set(Some((
                false,
                crate::api::AppError::formulario(locales.clone()).mensaje,
            )));
            f.errores.set(locales);
            return;
        }
        accion.dispatch(GuardarDatosGenerales { datos: entrada });
    };
    provide_context(PrefijoFormulario("datos"));
    let destino = <GuardarDatosGenerales as leptos::server_fn::ServerFn>::PATH;
    let agregar_servicio = move |_| {
        f.servicios
            .update(|s| s.push((RwSignal::new(String::new()), RwSignal::new(String::new()))));
    };
    // The form's sections are erased to `AnyView`: as one nested tuple the view type was deep
    // enough to overflow rustc's query depth in release builds, where views are not erased.
    let pendientes = view! {
        {move || (!f.pendientes.get().is_empty()).then(|| view! {
            <div class="aviso aviso--advertencia" data-testid="pendientes">
                <p class="aviso__titulo">"Para capturar informativas falta:"</p>
                <ul>{f.pendientes.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
            </div>
        })}
    }
    .into_any();
    let contacto = view! {
            <h2>"Contacto"</h2>
            <Campo nombre="correo" etiqueta="Correo electrónico" enlace=f.correo errores=f.errores tipo="email" autocomplete="email"
                ayuda="Aquí llegan los avisos de ICSOE: informativas listas para firmar, acuses y recordatorios de vencimiento." />
            <Campo nombre="celular" etiqueta="Teléfono celular" enlace=f.celular errores=f.errores tipo="tel" autocomplete="tel" modo="numeric"
                ayuda="10 dígitos." />
            <Campo nombre="fijo" etiqueta="Teléfono fijo (opcional)" enlace=f.fijo errores=f.errores tipo="tel" modo="numeric" />

    }
    .into_any();
    let domicilios = view! {
            {move || (f.persona.get() == Some(TipoPersona::Moral)).then(|| view! {
                <h2>"Domicilio social"</h2>
                <fieldset class="campo" data-testid="igual-fiscal">
                    <legend>"¿El domicilio social es igual al fiscal?"</legend>
                    <label class="campo--en-linea">
                        <input type="radio" name=nombre_de("domicilio_social_igual_fiscal") value="true" checked=f.igual_fiscal.get_untracked() == Some(true) prop:checked=move || f.igual_fiscal.get() == Some(true) on:change=move |_| f.igual_fiscal.set(Some(true)) />
                        "Sí"
                    </label>
                    <label class="campo--en-linea">
                        <input type="radio" name=nombre_de("domicilio_social_igual_fiscal") value="false" checked=f.igual_fiscal.get_untracked() == Some(false) prop:checked=move || f.igual_fiscal.get() == Some(false) on:change=move |_| f.igual_fiscal.set(Some(false)) />
                        "No"
                    </label>
                    {error_en(f.errores, "domicilio_social_igual_fiscal".into())}
                    {error_en(f.errores, "domicilio_social".into())}
                </fieldset>
                {move || (f.igual_fiscal.get() == Some(false)).then(|| view! {
                    <CapturaDomicilio titulo="Domicilio social" prefijo="domicilio_social" estado=f.social errores=f.errores />
                })}
            })}

            <h2>"Domicilio convencional"</h2>
            <label class="campo campo--en-linea">
                <input type="checkbox" checked=f.con_convencional.get_untracked() prop:checked=move || f.con_convencional.get() on:change=move |ev| f.con_convencional.set(event_target_checked(&ev)) />
                "Tengo un domicilio convencional distinto del fiscal"
            </label>
            {move || f.con_convencional.get().then(|| view! {
                <CapturaDomicilio titulo="Domicilio convencional" prefijo="domicilio_convencional" estado=f.convencional errores=f.errores />
            })}

    }
    .into_any();
    let repse = view! {
            <h2>"Registro REPSE"</h2>
            <Campo nombre="repse.numero" etiqueta="Número de registro REPSE" enlace=f.repse_numero errores=f.errores
                ayuda="Como aparece en el acuse de la STPS, por ejemplo AR12345/2021." />
            <Campo nombre="repse.fecha_registro" etiqueta="Fecha de registro" enlace=f.repse_fecha errores=f.errores tipo="date" />
            <fieldset class="servicios">
                <legend>"Servicios u obras especializados autorizados"</legend>
                {error_en(f.errores, "repse.servicios".into())}
                {move || f.servicios.get().into_iter().enumerate().map(|(i, (folio, descripcion))| view! {
                    <div class="servicio" data-testid=format!("servicio-{i}")>
                        <Campo nombre=format!("repse.servicios.{i}.folio") etiqueta="Folio" enlace=folio errores=f.errores />
                        <Campo nombre=format!("repse.servicios.{i}.descripcion") etiqueta="Descripción del servicio" enlace=descripcion errores=f.errores />
                        <button type="button" class="boton boton--secundario" on:click=move |_| f.servicios.update(|s| { if i < s.len() { s.remove(i); } })>"Quitar servicio"</button>
                    </div>
                }).collect_view()}
                <p><button type="button" class="boton boton--secundario" on:click=agregar_servicio>"Agregar servicio"</button></p>
            </fieldset>
            <AcuseRepse f=f />

    }
    .into_any();
    let pie = view! {
            {move || {
                let avisos = f.avisos.get();
                (!avisos.is_empty()).then(|| view! {
                    <div class="aviso aviso--advertencia" role="status">
                        {avisos.into_iter().map(|a| view! { <p>{a.mensaje}</p> }).collect_view()}
                    </div>
                })
            }}
            {move || f.mensaje.get().map(|(ok, m)| view! {
                <div class=if ok { "aviso aviso--exito" } else { "aviso aviso--error" } role="status" data-testid="resultado">
                    <p>{m}</p>
                </div>
            })}
    }
    .into_any();
    view! {
        {pendientes}
        // A real form: before the WebAssembly arrives it posts to the same server function.
        <form class="formulario" method="post" action=destino on:submit=guardar novalidate=true>
            {contacto}
            {domicilios}
            {repse}
            {pie}
            <p><button type="submit" class="boton" disabled=move || accion.pending().get()>"Guardar"</button></p>
        </form>
    }
}

#[component]
fn AcuseRepse(f: Formulario) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let subiendo = RwSignal::new(false);
    let elegir = move |_ev: leptos::ev::Event| {
        error.set(None);
        // Browser-only: `File.arrayBuffer` (the PDF is checked here before it is uploaded).
        #[cfg(feature = "hydrate")]
        {
            let Some(archivo) = crate::browser::http::archivo_elegido(&_ev) else {
                return;
            };
            subiendo.set(true);
            leptos::task::spawn_local(async move {
                let nombre = archivo.name();
                if archivo.size() > crate::api::cuenta::MAX_ACUSE_BYTES as f64 {
                    error.set(Some(format!(
                        "El archivo pesa {:.1} MB y el máximo es 10 MB.",
                        archivo.size() / 1_048_576.0
                    )));
                    subiendo.set(false);
                    return;
                }
                let Some(bytes) = crate::browser::http::leer_archivo(&archivo).await else {
                    error.set(Some(
                        "No se pudo leer el archivo. Vuelve a elegirlo.".into(),
                    ));
                    subiendo.set(false);
                    return;
                };
                // Checked here with the domain code (instant, nothing uploaded); the server
                // checks the bytes again.
                if let Err(e) = crate::domain::cuenta::pdf::exigir_pdf(&bytes) {
                    error.set(Some(e.to_string()));
                    subiendo.set(false);
                    return;
                }
                match crate::browser::http::subir::<ArchivoGuardado>(
                    RUTA_ACUSE_REPSE,
                    &bytes,
                    &nombre,
                    "application/pdf",
                )
                .await
                {
                    Ok(Some(a)) => {
                        f.acuse.set(Some(a));
                        f.pendientes.update(|p| p.retain(|x| !x.contains("acuse")));
                    }
                    Ok(None) => {}
                    Err(e) => error.set(Some(e.mensaje)),
                }
                subiendo.set(false);
            });
        }
    };
    let eliminar = ServerAction::<EliminarAcuseRepse>::new();
    const RUTA_ELIMINAR_ACUSE: &str = <EliminarAcuseRepse as leptos::server_fn::ServerFn>::PATH;
    Effect::new(move |_| match eliminar.value().get() {
        Some(Ok(())) => f.acuse.set(None),
        Some(Err(e)) => error.set(Some(e.mensaje)),
        None => {}
    });
    let listo = crate::components::formulario::hidratado();
    view! {
        <div class="campo" data-testid="acuse-repse">
            <label for="acuse-repse">"Acuse de registro en el padrón de la STPS"</label>
            <p class="campo__ayuda">"PDF de hasta 10 MB, tal como lo descargaste del portal del REPSE."</p>
            {move || f.acuse.get().map(|a| view! {
                <p class="acuse" data-testid="acuse-guardado">
                    <strong>{a.nombre.clone()}</strong>
                    {format!(" · {:.1} KB · SHA-256 {}…", a.tamano as f64 / 1024.0, &a.sha256[..12.min(a.sha256.len())])}
                </p>
                <p class="domicilio__acciones">
                    <a class="boton boton--secundario" href=RUTA_ACUSE_REPSE target="_blank" rel="noopener">"Ver archivo"</a>
                </p>
                // Inside the datos generales form, so not a form of its own.
                <Confirmar etiqueta="Eliminar el acuse" pregunta="¿Eliminar el acuse de registro guardado? Tendrás que subirlo de nuevo antes de capturar informativas."
                    destino=RUTA_ELIMINAR_ACUSE
                    al_confirmar=Callback::new(move |_| { eliminar.dispatch(EliminarAcuseRepse {}); }) />
            })}
            <input id="acuse-repse" type="file" accept="application/pdf,.pdf" on:change=elegir disabled=move || subiendo.get() || !listo.get() />
            {move || (!listo.get()).then(|| view! { <p class="cargando">"Cargando…"</p> })}
            {move || subiendo.get().then(|| view! { <p class="cargando" role="status">"Subiendo el acuse…"</p> })}
            {move || error.get().map(|m| view! { <p class="campo__error" role="alert">{m}</p> })}
        </div>
    }
}
