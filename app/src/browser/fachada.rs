//! The main-thread side: starts the Web Worker, sends it requests and turns its messages into
//! [`Evento`]s for the page. Parsing never happens here, so the page stays responsive.

use super::protocolo::{Evento, PeticionPagina, PeticionValidar};
use super::RUTA_WORKER;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, ErrorEvent, File, MessageEvent, Worker, WorkerOptions, WorkerType};

/// A running worker and the callbacks that keep it talking to the page.
pub struct Fachada {
    worker: Worker,
    _al_mensaje: Closure<dyn FnMut(MessageEvent)>,
    _al_error: Closure<dyn FnMut(ErrorEvent)>,
}

impl Drop for Fachada {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

impl Fachada {
    /// Starts the worker; `al_evento` receives every message, with the `Blob` when one comes.
    pub fn nueva(
        al_evento: impl Fn(Evento, Option<Blob>) + Clone + 'static,
    ) -> Result<Self, JsValue> {
        let opciones = WorkerOptions::new();
        opciones.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(RUTA_WORKER, &opciones)?;
        let al_evento_error = al_evento.clone();
        let al_mensaje = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let datos = ev.data();
            let json = Reflect::get(&datos, &"json".into())
                .ok()
                .and_then(|j| j.as_string());
            let blob = Reflect::get(&datos, &"blob".into())
                .ok()
                .and_then(|b| b.dyn_into::<Blob>().ok());
            if let Some(evento) = json.and_then(|j| serde_json::from_str::<Evento>(&j).ok()) {
                al_evento(evento, blob);
            }
        });
        let al_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |ev: ErrorEvent| {
            ev.prevent_default();
            al_evento_error(
                Evento::Fallo(super::protocolo::Fallo {
                    codigo: crate::domain::error::ErrorCode::Internal,
                    mensaje: "No se pudo iniciar la validación en este navegador. Actualiza el navegador o recarga la página."
                        .into(),
                }),
                None,
            );
        });
        worker.set_onmessage(Some(al_mensaje.as_ref().unchecked_ref()));
        worker.set_onerror(Some(al_error.as_ref().unchecked_ref()));
        Ok(Fachada {
            worker,
            _al_mensaje: al_mensaje,
            _al_error: al_error,
        })
    }

    fn enviar(&self, tipo: &str, json: Option<String>, archivo: Option<&File>) {
        let obj = Object::new();
        let _ = Reflect::set(&obj, &"tipo".into(), &tipo.into());
        if let Some(j) = json {
            let _ = Reflect::set(&obj, &"json".into(), &j.into());
        }
        if let Some(a) = archivo {
            let _ = Reflect::set(&obj, &"archivo".into(), a);
        }
        let _ = self.worker.post_message(&obj);
    }

    /// Validates `archivo` (a new request cancels the one running).
    pub fn validar(&self, archivo: &File, peticion: &PeticionValidar) {
        self.enviar(
            "validar",
            serde_json::to_string(peticion).ok(),
            Some(archivo),
        );
    }

    /// Asks for a page of findings.
    pub fn pagina(&self, peticion: &PeticionPagina) {
        self.enviar("pagina", serde_json::to_string(peticion).ok(), None);
    }

    /// Asks for the rejected rows (answered with [`Evento::Rechazados`] and a `Blob`).
    pub fn rechazados(&self) {
        self.enviar("rechazados", None, None);
    }

    /// Asks for the valid rows (answered with [`Evento::Validos`] and a `Blob`).
    pub fn validos(&self) {
        self.enviar("validos", None, None);
    }

    /// Stops the validation in progress.
    pub fn cancelar(&self) {
        self.enviar("cancelar", None, None);
    }
}

/// Offers `blob` as a download named `nombre`.
pub fn descargar(blob: &Blob, nombre: &str) -> Result<(), JsValue> {
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let documento = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("sin documento"))?;
    let enlace: web_sys::HtmlAnchorElement = documento.create_element("a")?.unchecked_into();
    enlace.set_href(&url);
    enlace.set_download(nombre);
    enlace.click();
    // Revoke on the next turn: the download has started by then.
    let _ = gloo::timers::callback::Timeout::new(0, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}
