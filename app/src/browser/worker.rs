//! The Web Worker side: reads the chosen `File` in 1 MiB slices, runs both passes of the worker
//! CSV engine on them, reports progress at most every 100 ms, keeps the findings and the rejected
//! rows, and answers page and download requests. The page's main thread never parses a byte.

use super::protocolo::{
    ConteoCodigo, Evento, Fallo, Pagina, PeticionPagina, PeticionValidar, Progreso, Resultado,
};
use crate::domain::calendar::{Anio, Cuatrimestre, Periodo};
use crate::domain::error::{DomainError, ErrorCode};
use crate::domain::trabajadores::{
    ConfigValidacion, Detector, ErrorArchivo, EscritorRechazados, FilaRevisada, HallazgoFila,
    Salida, Validador,
};
use js_sys::{Object, Reflect, Uint8Array};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, DedicatedWorkerGlobalScope, File};

/// Bytes read per slice.
const TROZO: f64 = 1024.0 * 1024.0;
/// Findings kept for browsing; the counts and the rejected CSV always cover all of them.
pub const MAX_GUARDADOS: usize = 200_000;
/// Share of the progress bar the first pass (encoding and delimiter) takes: it only scans bytes.
const PESO_DETECCION: f64 = 0.15;
/// Milliseconds between progress messages (the bar moves at least 4 times a second).
const CADA_MS: f64 = 100.0;

#[derive(Default)]
struct Estado {
    /// Bumped by every new validation or cancel: a running loop stops when it changes.
    generacion: u64,
    hallazgos: Vec<HallazgoFila>,
    rechazados: Option<Vec<u8>>,
    validos: Option<Vec<u8>>,
}

thread_local! {
    static ESTADO: RefCell<Estado> = RefCell::new(Estado::default());
}

fn alcance() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn ahora_ms() -> f64 {
    alcance().performance().map_or(0.0, |p| p.now())
}

/// Posts `{json, blob?}` to the page.
fn enviar(evento: &Evento, blob: Option<&Blob>) {
    let Ok(json) = serde_json::to_string(evento) else {
        return;
    };
    let obj = Object::new();
    let _ = Reflect::set(&obj, &"json".into(), &json.into());
    if let Some(b) = blob {
        let _ = Reflect::set(&obj, &"blob".into(), b);
    }
    let _ = alcance().post_message(&obj);
}

fn fallo(codigo: ErrorCode, mensaje: impl Into<String>) {
    enviar(
        &Evento::Fallo(Fallo {
            codigo,
            mensaje: mensaje.into(),
        }),
        None,
    );
}

/// Tells the page the worker is ready (called once the WebAssembly is instantiated).
pub fn anunciar_listo() {
    enviar(&Evento::Listo, None);
}

fn texto(datos: &JsValue, clave: &str) -> Option<String> {
    Reflect::get(datos, &clave.into()).ok()?.as_string()
}

/// Handles one message from the page: `{tipo, json?, archivo?}`.
pub async fn manejar(datos: JsValue) {
    match texto(&datos, "tipo").as_deref() {
        Some("validar") => {
            let peticion = texto(&datos, "json")
                .and_then(|j| serde_json::from_str::<PeticionValidar>(&j).ok());
            let archivo = Reflect::get(&datos, &"archivo".into())
                .ok()
                .and_then(|a| a.dyn_into::<File>().ok());
            match (peticion, archivo) {
                (Some(p), Some(a)) => validar(p, a).await,
                _ => fallo(
                    ErrorCode::Internal,
                    "La página envió una petición incompleta. Recarga la página.",
                ),
            }
        }
        Some("pagina") => {
            if let Some(p) =
                texto(&datos, "json").and_then(|j| serde_json::from_str::<PeticionPagina>(&j).ok())
            {
                enviar(&Evento::Pagina(pagina(&p)), None);
            }
        }
        Some("rechazados") => enviar_rechazados(),
        Some("validos") => enviar_validos(),
        Some("cancelar") => {
            ESTADO.with_borrow_mut(|e| e.generacion += 1);
        }
        _ => {}
    }
}

fn pagina(p: &PeticionPagina) -> Pagina {
    ESTADO.with_borrow(|e| {
        let coincide = |h: &&HallazgoFila| p.codigo.is_none_or(|c| h.codigo == c);
        let total = e.hallazgos.iter().filter(coincide).count() as u64;
        let hallazgos = e
            .hallazgos
            .iter()
            .filter(coincide)
            .skip(p.pagina.saturating_mul(p.por_pagina))
            .take(p.por_pagina)
            .cloned()
            .collect();
        Pagina {
            pagina: p.pagina,
            total,
            hallazgos,
        }
    })
}

/// A CSV `Blob` of `bytes`.
fn blob_csv(bytes: &[u8]) -> Option<Blob> {
    let partes = js_sys::Array::of1(&Uint8Array::from(bytes));
    let tipo = BlobPropertyBag::new();
    tipo.set_type("text/csv;charset=utf-8");
    Blob::new_with_u8_array_sequence_and_options(&partes, &tipo).ok()
}

fn enviar_rechazados() {
    let blob = ESTADO.with_borrow(|e| blob_csv(e.rechazados.as_deref()?));
    enviar(&Evento::Rechazados, blob.as_ref());
}

fn enviar_validos() {
    let blob = ESTADO.with_borrow(|e| blob_csv(e.validos.as_deref()?));
    enviar(&Evento::Validos, blob.as_ref());
}

/// Reads `[desde, desde + TROZO)` of the file.
async fn leer(archivo: &File, desde: f64, buf: &mut Vec<u8>) -> Result<(), JsValue> {
    let hasta = (desde + TROZO).min(archivo.size());
    let trozo = archivo.slice_with_f64_and_f64(desde, hasta)?;
    let contenido = JsFuture::from(trozo.array_buffer()).await?;
    let arreglo = Uint8Array::new(&contenido);
    buf.resize(arreglo.length() as usize, 0);
    arreglo.copy_to(buf);
    Ok(())
}

/// Collects findings, per-code counts and the rejected rows.
struct SalidaNavegador {
    hallazgos: Vec<HallazgoFila>,
    total: u64,
    por_codigo: HashMap<ErrorCode, u64>,
    rechazados: Option<EscritorRechazados<Vec<u8>>>,
    /// The valid rows, normalised (`NSS,CURP,SBC\n`), when an upload follows.
    validos: Option<Vec<u8>>,
}

impl Salida for SalidaNavegador {
    fn encabezado(&mut self, celdas: &[&str]) {
        if let Some(r) = &mut self.rechazados {
            let _ = r.encabezado(celdas);
        }
    }

    fn fila(&mut self, fila: &FilaRevisada<'_>) {
        for h in fila.hallazgos {
            self.total += 1;
            *self.por_codigo.entry(h.codigo).or_default() += 1;
            if self.hallazgos.len() < MAX_GUARDADOS {
                self.hallazgos.push(h.clone());
            }
        }
        if let Some(r) = &mut self.rechazados {
            let _ = r.fila(fila);
        }
        if let (Some(v), Some(t)) = (&mut self.validos, &fila.trabajador) {
            use std::io::Write;
            let _ = writeln!(v, "{},{},{}", t.nss, t.curp, t.sbc);
        }
    }
}

fn vigente(generacion: u64) -> bool {
    ESTADO.with_borrow(|e| e.generacion == generacion)
}

/// Reads the whole file slice by slice, handing each slice and the fraction read so far to
/// `trozo`. `false` when it stopped early: cancelled by a newer request, or failed (the failure
/// is already reported to the page).
async fn pasada(
    archivo: &File,
    generacion: u64,
    buf: &mut Vec<u8>,
    mut trozo: impl FnMut(&[u8], f64) -> Result<(), ErrorArchivo>,
) -> bool {
    let total = archivo.size();
    let mut pos = 0.0;
    while pos < total {
        if let Err(e) = leer(archivo, pos, buf).await {
            let detalle = e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_else(|| "el navegador no pudo leerlo".into());
            let e = ErrorArchivo::Ilegible { detalle };
            fallo(e.code(), e.to_string());
            return false;
        }
        if !vigente(generacion) {
            return false;
        }
        if buf.is_empty() {
            break;
        }
        pos += buf.len() as f64;
        if let Err(e) = trozo(buf, pos / total) {
            fallo(e.code(), e.to_string());
            return false;
        }
    }
    true
}

async fn validar(peticion: PeticionValidar, archivo: File) {
    let generacion = ESTADO.with_borrow_mut(|e| {
        e.generacion += 1;
        e.hallazgos = Vec::new();
        e.rechazados = None;
        e.validos = None;
        e.generacion
    });
    let inicio = ahora_ms();
    let periodo = match (
        Anio::parse(&peticion.anio),
        Cuatrimestre::parse(&peticion.periodo),
    ) {
        (Ok(a), Ok(c)) => Periodo::new(a, c),
        (Err(e), _) => return fallo(e.code(), e.to_string()),
        (_, Err(e)) => return fallo(e.code(), e.to_string()),
    };
    let sbc = match peticion.salarios.limites(periodo) {
        Ok(l) => l,
        Err(e) => return fallo(e.code(), e.to_string()),
    };
    let config = ConfigValidacion {
        limites: peticion.limites,
        sbc,
    };
    let total = archivo.size();
    if total > config.limites.max_bytes as f64 {
        let e = ErrorArchivo::demasiado_grande(total as u64, config.limites.max_bytes);
        return fallo(e.code(), e.to_string());
    }
    let mut ultimo_aviso = ahora_ms();
    let mut progreso = |fraccion: f64, filas: u64, forzar: bool| {
        let t = ahora_ms();
        if forzar || t - ultimo_aviso >= CADA_MS {
            ultimo_aviso = t;
            enviar(
                &Evento::Progreso(Progreso {
                    fraccion,
                    bytes: total as u64,
                    filas,
                }),
                None,
            );
        }
    };
    progreso(0.0, 0, true);

    let mut buf = Vec::new();
    let mut detector = Detector::new();
    let completa = pasada(&archivo, generacion, &mut buf, |trozo, hecho| {
        detector.alimentar(trozo);
        progreso(PESO_DETECCION * hecho, 0, false);
        Ok(())
    })
    .await;
    if !completa {
        return;
    }
    let deteccion = detector.terminar();
    let mut validador = match Validador::new(config, deteccion) {
        Ok(v) => v,
        Err(e) => return fallo(e.code(), e.to_string()),
    };
    let mut salida = SalidaNavegador {
        hallazgos: Vec::new(),
        total: 0,
        por_codigo: HashMap::new(),
        rechazados: EscritorRechazados::new(Vec::new(), deteccion.separador).ok(),
        validos: peticion.conservar_validos.then(Vec::new),
    };
    let completa = pasada(&archivo, generacion, &mut buf, |trozo, hecho| {
        validador.alimentar(trozo, &mut salida)?;
        let filas = validador.resumen().filas;
        progreso(
            PESO_DETECCION + (1.0 - PESO_DETECCION) * hecho,
            filas,
            false,
        );
        Ok(())
    })
    .await;
    if !completa {
        return;
    }
    let resumen = match validador.terminar(&mut salida) {
        Ok(r) => r,
        Err(e) => return fallo(e.code(), e.to_string()),
    };
    progreso(1.0, resumen.filas, true);
    let mut por_codigo: Vec<ConteoCodigo> = salida
        .por_codigo
        .iter()
        .map(|(codigo, total)| ConteoCodigo {
            codigo: *codigo,
            total: *total,
        })
        .collect();
    por_codigo.sort_by(|a, b| {
        b.total
            .cmp(&a.total)
            .then(a.codigo.as_str().cmp(b.codigo.as_str()))
    });
    let resultado = Resultado {
        resumen,
        por_codigo,
        total_hallazgos: salida.total,
        guardados: salida.hallazgos.len() as u64,
        milisegundos: (ahora_ms() - inicio).max(0.0) as u64,
        aviso: sbc.aviso(),
    };
    let rechazados = salida.rechazados.and_then(|r| r.terminar().ok());
    ESTADO.with_borrow_mut(|e| {
        e.hallazgos = salida.hallazgos;
        e.rechazados = rechazados;
        e.validos = salida.validos;
    });
    enviar(&Evento::Resultado(resultado), None);
}
