//! The messages between the `/validar` page and its Web Worker, as JSON. The file itself travels
//! beside the JSON as a `File` object (structured clone, no copy of its bytes).

use crate::domain::dinero::TablaSalarios;
use crate::domain::error::ErrorCode;
use crate::domain::trabajadores::{HallazgoFila, LimitesArchivo, Resumen};
use serde::{Deserialize, Serialize};

/// Start a validation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeticionValidar {
    /// Year of the informativa.
    pub anio: String,
    /// Period 1, 2 or 3.
    pub periodo: String,
    /// File limits (from the server's settings).
    pub limites: LimitesArchivo,
    /// Keep the valid rows (`NSS,CURP,SBC`, UTF-8) for an upload ("Carga masiva").
    #[serde(default)]
    pub conservar_validos: bool,
    /// The UMA and minimum-wage figures (from the server's table).
    pub salarios: TablaSalarios,
}

/// One page of findings, optionally only one code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeticionPagina {
    /// 0-based page.
    pub pagina: usize,
    /// Findings per page.
    pub por_pagina: usize,
    /// Only this code, when set.
    pub codigo: Option<ErrorCode>,
}

/// How far the validation is.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progreso {
    /// 0.0–1.0 of the whole work (both passes).
    pub fraccion: f64,
    /// Bytes of the file.
    pub bytes: u64,
    /// Data rows checked so far.
    pub filas: u64,
}

/// How many findings of one code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConteoCodigo {
    /// The code.
    pub codigo: ErrorCode,
    /// How many findings have it.
    pub total: u64,
}

/// The outcome of a validation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resultado {
    /// The counts (identical to `icsoe validar-trabajadores` for the same file).
    pub resumen: Resumen,
    /// Findings per code, most frequent first.
    pub por_codigo: Vec<ConteoCodigo>,
    /// All findings.
    pub total_hallazgos: u64,
    /// Findings kept for browsing (the first ones, up to a limit).
    pub guardados: u64,
    /// Milliseconds the validation took.
    pub milisegundos: u64,
    /// Which figures are provisional for the period (e.g. the UMA of the year is not published
    /// yet and the latest one was used).
    #[serde(default)]
    pub aviso: Option<String>,
}

/// A page of findings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pagina {
    /// The page asked for.
    pub pagina: usize,
    /// Findings matching the filter (among those kept).
    pub total: u64,
    /// The findings of this page.
    pub hallazgos: Vec<HallazgoFila>,
}

/// A failure that ends the validation: the file cannot be used, or the browser cannot read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fallo {
    /// Stable code.
    pub codigo: ErrorCode,
    /// Spanish message.
    pub mensaje: String,
}

/// What the worker sends back (`tipo` + JSON; the rejected CSV comes as a `Blob` beside it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "tipo", rename_all = "snake_case")]
pub enum Evento {
    /// The worker has loaded its WebAssembly and takes requests.
    Listo,
    /// Validation in progress.
    Progreso(Progreso),
    /// Validation finished.
    Resultado(Resultado),
    /// Validation failed as a whole.
    Fallo(Fallo),
    /// A page of findings.
    Pagina(Pagina),
    /// The rejected rows, as a `Blob` beside the JSON (absent when there are none).
    Rechazados,
    /// The valid rows as `NSS,CURP,SBC` lines, as a `Blob` beside the JSON.
    Validos,
}
