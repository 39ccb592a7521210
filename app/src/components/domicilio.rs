//! The address capture of datos generales (and, later, of the contratante): "Código postal" →
//! "Ubicar" lists the colonias of the SAT catalog → choosing one shows municipio/alcaldía and
//! estado → calle, número exterior, número interior, entre calles → "Aceptar". Once accepted:
//! "Ver datos" and "Eliminar". The server checks it again on "Guardar".

use crate::components::formulario::{describe_error, error_en, nombre_de, Campo};
use crate::domain::cuenta::{Domicilio, DomicilioEntrada, UbicacionPostal};
use crate::domain::error::{ErrorCampo, ErrorCode};
use leptos::prelude::*;

/// The signals of one address.
#[derive(Clone, Copy)]
pub struct EstadoDomicilio {
    /// Código postal.
    pub codigo_postal: RwSignal<String>,
    /// Colonia key (or name, when the catalog lists none).
    pub colonia: RwSignal<String>,
    /// Calle.
    pub calle: RwSignal<String>,
    /// Número exterior.
    pub numero_exterior: RwSignal<String>,
    /// Número interior.
    pub numero_interior: RwSignal<String>,
    /// Entre calles.
    pub entre_calles: RwSignal<String>,
    /// What "Ubicar" found.
    pub ubicacion: RwSignal<Option<UbicacionPostal>>,
    /// "Aceptar" was pressed (the address is registered in the form).
    pub aceptado: RwSignal<bool>,
    /// "Ver datos" is open.
    pub viendo: RwSignal<bool>,
}

impl EstadoDomicilio {
    /// Empty.
    pub fn new() -> Self {
        EstadoDomicilio {
            codigo_postal: RwSignal::new(String::new()),
            colonia: RwSignal::new(String::new()),
            calle: RwSignal::new(String::new()),
            numero_exterior: RwSignal::new(String::new()),
            numero_interior: RwSignal::new(String::new()),
            entre_calles: RwSignal::new(String::new()),
            ubicacion: RwSignal::new(None),
            aceptado: RwSignal::new(false),
            viendo: RwSignal::new(false),
        }
    }

    /// Fills the form from a saved address (accepted, with its catalog names).
    pub fn cargar(&self, d: &Domicilio) {
        let e = d.entrada();
        self.codigo_postal.set(e.codigo_postal);
        self.colonia.set(e.colonia);
        self.calle.set(e.calle);
        self.numero_exterior.set(e.numero_exterior);
        self.numero_interior.set(e.numero_interior);
        self.entre_calles.set(e.entre_calles);
        self.ubicacion.set(Some(UbicacionPostal {
            codigo_postal: d.codigo_postal.clone(),
            estado: crate::domain::cuenta::ClaveNombre {
                clave: String::new(),
                nombre: d.estado.clone(),
            },
            municipio: Some(crate::domain::cuenta::ClaveNombre {
                clave: String::new(),
                nombre: d.municipio.clone(),
            }),
            colonias: d
                .colonia_clave
                .clone()
                .map(|clave| {
                    vec![crate::domain::cuenta::ClaveNombre {
                        clave,
                        nombre: d.colonia.clone(),
                    }]
                })
                .unwrap_or_default(),
        }));
        self.aceptado.set(true);
    }

    /// Clears everything ("Eliminar").
    pub fn limpiar(&self) {
        for s in [
            self.codigo_postal,
            self.colonia,
            self.calle,
            self.numero_exterior,
            self.numero_interior,
            self.entre_calles,
        ] {
            s.set(String::new());
        }
        self.ubicacion.set(None);
        self.aceptado.set(false);
        self.viendo.set(false);
    }

    /// Whether anything was typed.
    pub fn capturado(&self) -> bool {
        !self.codigo_postal.get_untracked().trim().is_empty()
            || !self.calle.get_untracked().trim().is_empty()
    }

    /// What goes to the server.
    pub fn entrada(&self) -> DomicilioEntrada {
        DomicilioEntrada {
            codigo_postal: self.codigo_postal.get_untracked(),
            colonia: self.colonia.get_untracked(),
            calle: self.calle.get_untracked(),
            numero_exterior: self.numero_exterior.get_untracked(),
            numero_interior: self.numero_interior.get_untracked(),
            entre_calles: self.entre_calles.get_untracked(),
        }
    }

    fn resumen(&self) -> String {
        let u = self.ubicacion.get();
        let colonia = u
            .as_ref()
            .and_then(|u| {
                u.colonias
                    .iter()
                    .find(|c| c.clave == self.colonia.get())
                    .map(|c| c.nombre.clone())
            })
            .unwrap_or_else(|| self.colonia.get());
        let interior = match self.numero_interior.get() {
            i if i.trim().is_empty() => String::new(),
            i => format!(" int. {i}"),
        };
        format!(
            "{} {}{}, col. {}, {}, {}, C.P. {}",
            self.calle.get(),
            self.numero_exterior.get(),
            interior,
            colonia,
            u.as_ref()
                .and_then(|u| u.municipio.as_ref().map(|m| m.nombre.clone()))
                .unwrap_or_default(),
            u.as_ref()
                .map(|u| u.estado.nombre.clone())
                .unwrap_or_default(),
            self.codigo_postal.get()
        )
    }
}

impl Default for EstadoDomicilio {
    fn default() -> Self {
        Self::new()
    }
}

fn local(
    errores: RwSignal<Vec<ErrorCampo>>,
    prefijo: &str,
    campo: &str,
    mensaje: String,
    codigo: ErrorCode,
) {
    let ruta = format!("{prefijo}.{campo}");
    errores.update(|e| {
        e.retain(|x| x.campo != ruta);
        e.push(ErrorCampo::nuevo(ruta, codigo, mensaje));
    });
}

/// A field's error goes away as soon as the user edits that field.
fn quitar_error(errores: RwSignal<Vec<ErrorCampo>>, prefijo: &str, campo: &str) {
    let ruta = format!("{prefijo}.{campo}");
    errores.update(|e| e.retain(|x| x.campo != ruta));
}

fn limpiar_errores(errores: RwSignal<Vec<ErrorCampo>>, prefijo: &str) {
    let p = format!("{prefijo}.");
    errores.update(|e| e.retain(|x| !x.campo.starts_with(&p)));
}

/// One address, captured the IMSS way.
#[component]
pub fn CapturaDomicilio(
    /// Heading, e.g. "Domicilio social".
    titulo: &'static str,
    /// JSON path prefix of its fields (`domicilio_social`).
    prefijo: &'static str,
    /// Its signals.
    estado: EstadoDomicilio,
    /// The form's field errors.
    errores: RwSignal<Vec<ErrorCampo>>,
) -> impl IntoView {
    let ubicando = RwSignal::new(false);
    let ubicar = move |_| {
        limpiar_errores(errores, prefijo);
        let cp =
            match crate::domain::ids::CodigoPostal::parse(&estado.codigo_postal.get_untracked()) {
                Ok(cp) => cp.as_str().to_string(),
                Err(e) => {
                    local(
                        errores,
                        prefijo,
                        "codigo_postal",
                        e.to_string(),
                        ErrorCode::CodigoPostalFormat,
                    );
                    return;
                }
            };
        ubicando.set(true);
        leptos::task::spawn_local(async move {
            match crate::api::cuenta::funciones::ubicar_codigo_postal(cp).await {
                Ok(u) => {
                    // A single colonia is chosen for the user.
                    if u.colonias.len() == 1 {
                        estado.colonia.set(u.colonias[0].clave.clone());
                    } else if !u
                        .colonias
                        .iter()
                        .any(|c| c.clave == estado.colonia.get_untracked())
                    {
                        estado.colonia.set(String::new());
                    }
                    estado.ubicacion.set(Some(u));
                }
                Err(e) => local(errores, prefijo, "codigo_postal", e.mensaje, e.codigo),
            }
            ubicando.set(false);
        });
    };
    let aceptar = move |_| {
        limpiar_errores(errores, prefijo);
        let mut ok = true;
        if estado.ubicacion.get_untracked().is_none() {
            local(
                errores,
                prefijo,
                "codigo_postal",
                "Escribe el código postal y pulsa «Ubicar».".into(),
                ErrorCode::FieldRequired,
            );
            ok = false;
        }
        if estado.colonia.get_untracked().trim().is_empty() {
            local(
                errores,
                prefijo,
                "colonia",
                "Elige la colonia.".into(),
                ErrorCode::FieldRequired,
            );
            ok = false;
        }
        if estado.calle.get_untracked().trim().is_empty() {
            local(
                errores,
                prefijo,
                "calle",
                "Escribe la calle: es obligatoria.".into(),
                ErrorCode::FieldRequired,
            );
            ok = false;
        }
        if estado.numero_exterior.get_untracked().trim().is_empty() {
            local(
                errores,
                prefijo,
                "numero_exterior",
                "Escribe el número exterior: es obligatorio (usa «S/N» si no tiene).".into(),
                ErrorCode::FieldRequired,
            );
            ok = false;
        }
        if ok {
            estado.aceptado.set(true);
            estado.viendo.set(false);
        }
    };
    let id_cp = format!("{prefijo}-codigo_postal");
    let id_colonia = format!("{prefijo}-colonia");
    view! {
        <fieldset class="domicilio" data-testid=prefijo>
            <legend>{titulo}</legend>
            {move || {
                let id_cp = id_cp.clone();
                let id_colonia = id_colonia.clone();
                if estado.aceptado.get() {
                    // The accepted address also travels as hidden fields, so the form posts it whole
                    // before the WebAssembly arrives.
                    let e = estado.entrada();
                    let oculto = move |campo: &str, valor: String| view! {
                        <input type="hidden" name=nombre_de(&format!("{prefijo}.{campo}")) value=valor />
                    };
                    view! {
                        {oculto("codigo_postal", e.codigo_postal)}
                        {oculto("colonia", e.colonia)}
                        {oculto("calle", e.calle)}
                        {oculto("numero_exterior", e.numero_exterior)}
                        {oculto("numero_interior", e.numero_interior)}
                        {oculto("entre_calles", e.entre_calles)}
                        <p class="domicilio__resumen">{estado.resumen()}</p>
                        <p class="domicilio__acciones">
                            <button type="button" class="boton boton--secundario" on:click=move |_| estado.viendo.update(|v| *v = !*v)>"Ver datos"</button>
                            <button type="button" class="boton boton--secundario" on:click=move |_| estado.limpiar()>"Eliminar"</button>
                        </p>
                        {move || estado.viendo.get().then(|| view! {
                            <dl class="domicilio__datos">
                                <dt>"Código postal"</dt><dd>{estado.codigo_postal.get()}</dd>
                                <dt>"Calle"</dt><dd>{estado.calle.get()}</dd>
                                <dt>"Número exterior"</dt><dd>{estado.numero_exterior.get()}</dd>
                                <dt>"Número interior"</dt><dd>{estado.numero_interior.get()}</dd>
                                <dt>"Entre calles"</dt><dd>{estado.entre_calles.get()}</dd>
                            </dl>
                            <p><button type="button" class="boton boton--secundario" on:click=move |_| estado.aceptado.set(false)>"Modificar"</button></p>
                        })}
                        {error_en(errores, format!("{prefijo}.codigo_postal"))}
                        {error_en(errores, format!("{prefijo}.colonia"))}
                        {error_en(errores, format!("{prefijo}.calle"))}
                        {error_en(errores, format!("{prefijo}.numero_exterior"))}
                    }
                        .into_any()
                } else {
                    view! {
                        <div class="campo">
                            <label for=id_cp.clone()>"Código postal"</label>
                            <div class="campo--en-linea">
                                <input
                                    id=id_cp.clone()
                                    inputmode="numeric"
                                    maxlength="8"
                                    autocomplete="postal-code"
                                    class="domicilio__cp"
                                    aria-describedby=describe_error(errores, format!("{prefijo}.codigo_postal"))
                                    name=nombre_de(&format!("{prefijo}.codigo_postal"))
                                    value=estado.codigo_postal.get_untracked()
                                    prop:value=move || estado.codigo_postal.get()
                                    on:input=move |ev| {
                                        estado.codigo_postal.set(event_target_value(&ev));
                                        estado.ubicacion.set(None);
                                        quitar_error(errores, prefijo, "codigo_postal");
                                    }
                                />
                                <button type="button" class="boton boton--secundario" on:click=ubicar disabled=move || ubicando.get()>"Ubicar"</button>
                            </div>
                            {error_en(errores, format!("{prefijo}.codigo_postal"))}
                        </div>
                        {move || estado.ubicacion.get().map(|u| {
                            let id_colonia = id_colonia.clone();
                            let sin_colonias = u.colonias.is_empty();
                            let municipio = u.municipio.clone().map(|m| m.nombre).unwrap_or_else(|| "—".into());
                            view! {
                                <div class="campo">
                                    <label for=id_colonia.clone()>"Colonia"</label>
                                    {if sin_colonias {
                                        view! {
                                            <input id=id_colonia.clone() aria-describedby=describe_error(errores, format!("{prefijo}.colonia")) name=nombre_de(&format!("{prefijo}.colonia")) value=estado.colonia.get_untracked() prop:value=move || estado.colonia.get() on:input=move |ev| { estado.colonia.set(event_target_value(&ev)); quitar_error(errores, prefijo, "colonia"); } />
                                            <p class="campo__ayuda">"El catálogo no tiene colonias para este código postal: escríbela."</p>
                                        }.into_any()
                                    } else {
                                        view! {
                                            <select id=id_colonia.clone() aria-describedby=describe_error(errores, format!("{prefijo}.colonia")) name=nombre_de(&format!("{prefijo}.colonia")) on:change=move |ev| { estado.colonia.set(event_target_value(&ev)); quitar_error(errores, prefijo, "colonia"); } prop:value=move || estado.colonia.get()>
                                                <option value="">"Elige la colonia"</option>
                                                {u.colonias.iter().map(|c| view! { <option value=c.clave.clone() selected=c.clave == estado.colonia.get_untracked()>{c.nombre.clone()}</option> }).collect_view()}
                                            </select>
                                        }.into_any()
                                    }}
                                    {error_en(errores, format!("{prefijo}.colonia"))}
                                </div>
                                <dl class="domicilio__datos">
                                    <dt>"Municipio o alcaldía"</dt><dd data-testid=format!("{prefijo}-municipio")>{municipio}</dd>
                                    <dt>"Estado"</dt><dd data-testid=format!("{prefijo}-estado")>{u.estado.nombre.clone()}</dd>
                                </dl>
                            }
                        })}
                        <Campo nombre=format!("{prefijo}.calle") etiqueta="Calle" enlace=estado.calle errores=errores />
                        <Campo nombre=format!("{prefijo}.numero_exterior") etiqueta="Número exterior" enlace=estado.numero_exterior errores=errores />
                        <Campo nombre=format!("{prefijo}.numero_interior") etiqueta="Número interior (opcional)" enlace=estado.numero_interior errores=errores />
                        <Campo nombre=format!("{prefijo}.entre_calles") etiqueta="Entre calles (opcional)" enlace=estado.entre_calles errores=errores />
                        <p><button type="button" class="boton boton--secundario" on:click=aceptar>"Aceptar"</button></p>
                    }
                        .into_any()
                }
            }}
        </fieldset>
    }
}
