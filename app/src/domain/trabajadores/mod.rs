//! The worker CSV (carga masiva de trabajadores, LSS art. 15-A): NSS, CURP and SBC per row,
//! validated in a stream with constant memory apart from the duplicate check. The same code runs in
//! the browser's Web Worker, in `icsoe validar-trabajadores` and in the server's upload.
//!
//! Two passes: [`Detector`] decides the encoding over the whole stream and sniffs the delimiter;
//! [`Validador`] reads the rows and reports every finding of every row to a [`Salida`].
//! `docs/CSV_TRABAJADORES.md` is the user-facing description of the format.

mod deteccion;
mod encabezado;
mod fila;
mod motor;
mod normalizar;
mod rechazados;
#[cfg(test)]
mod tests;

pub use deteccion::{Codificacion, Deteccion, Detector, Separador};
pub use encabezado::Mapa;
pub use motor::{validar_lector, Validador};
pub use normalizar::Normalizador;
pub use rechazados::{plantilla, EscritorRechazados, NOMBRE_PLANTILLA};

pub(crate) use crate::domain::dinero::miles;
use crate::domain::dinero::{LimitesSbc, Sbc};
use crate::domain::error::{DomainError, ErrorCode};
use crate::domain::ids::{Curp, Nss};
use serde::{Deserialize, Serialize};

/// A column of the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
pub enum Columna {
    /// Número de Seguridad Social.
    #[serde(rename = "NSS")]
    Nss,
    /// CURP.
    #[serde(rename = "CURP")]
    Curp,
    /// Salario Base de Cotización.
    #[serde(rename = "SBC")]
    Sbc,
}

impl Columna {
    /// The column's name as IMSS writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Columna::Nss => "NSS",
            Columna::Curp => "CURP",
            Columna::Sbc => "SBC",
        }
    }
}

/// Whether a finding refuses the row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severidad {
    /// The row is refused.
    Error,
    /// The row is accepted; the user should double-check it.
    Aviso,
}

/// One finding on one row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct HallazgoFila {
    /// The row number as Excel shows it (the header, if any, is row 1).
    pub fila: u64,
    /// The column, or `None` for the whole row.
    pub columna: Option<Columna>,
    /// Stable code.
    pub codigo: ErrorCode,
    /// Error or warning.
    pub severidad: Severidad,
    /// Spanish message: what is wrong and how to fix it.
    pub mensaje: String,
}

impl HallazgoFila {
    pub(crate) fn de(
        fila: u64,
        columna: Option<Columna>,
        severidad: Severidad,
        e: &impl DomainError,
    ) -> Self {
        HallazgoFila {
            fila,
            columna,
            codigo: e.code(),
            severidad,
            mensaje: e.to_string(),
        }
    }
}

/// A row that passed: the values the informativa stores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trabajador {
    /// NSS.
    pub nss: Nss,
    /// CURP.
    pub curp: Curp,
    /// Daily salary.
    pub sbc: Sbc,
}

/// One data row after its checks.
#[derive(Debug)]
pub struct FilaRevisada<'a> {
    /// Row number as Excel shows it.
    pub fila: u64,
    /// The cells as read (decoded to UTF-8, quotes removed).
    pub celdas: &'a [&'a str],
    /// Every finding of the row, errors and warnings.
    pub hallazgos: &'a [HallazgoFila],
    /// The worker, when the row has no errors.
    pub trabajador: Option<Trabajador>,
}

impl FilaRevisada<'_> {
    /// The row has at least one error.
    pub fn tiene_errores(&self) -> bool {
        self.hallazgos
            .iter()
            .any(|h| h.severidad == Severidad::Error)
    }
}

/// Receives the rows as they are checked.
pub trait Salida {
    /// What the first pass decided (called by [`validar_lector`] before any row; a driver that
    /// runs the passes itself already holds the [`Deteccion`]).
    fn deteccion(&mut self, _deteccion: &Deteccion) {}
    /// The header row, when the file has one (called before any row).
    fn encabezado(&mut self, _celdas: &[&str]) {}
    /// A data row with its findings.
    fn fila(&mut self, fila: &FilaRevisada<'_>);
}

/// A sink that keeps nothing (counting is done by the validator).
impl Salida for () {
    fn fila(&mut self, _fila: &FilaRevisada<'_>) {}
}

/// Size limits per file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LimitesArchivo {
    /// Most data rows.
    pub max_filas: u64,
    /// Most bytes.
    pub max_bytes: u64,
}

impl LimitesArchivo {
    /// 1,000,000 rows.
    pub const MAX_FILAS: u64 = 1_000_000;
    /// 100 MB.
    pub const MAX_BYTES: u64 = 100 * 1024 * 1024;
}

impl Default for LimitesArchivo {
    fn default() -> Self {
        LimitesArchivo {
            max_filas: Self::MAX_FILAS,
            max_bytes: Self::MAX_BYTES,
        }
    }
}

/// Everything a validation needs besides the bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConfigValidacion {
    /// File limits.
    pub limites: LimitesArchivo,
    /// SBC bounds of the period.
    pub sbc: LimitesSbc,
}

/// The counts of a validated file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Resumen {
    /// Data rows (blank rows and the header are not counted).
    pub filas: u64,
    /// Rows without errors (they may have warnings).
    pub validas: u64,
    /// Rows with at least one error.
    pub con_errores: u64,
    /// Valid rows with at least one warning.
    pub con_avisos: u64,
    /// The encoding detected.
    pub codificacion: Codificacion,
    /// The delimiter detected.
    pub separador: Separador,
    /// Whether the first row was a header.
    pub encabezado: bool,
}

/// A problem with the file as a whole: nothing of it can be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ErrorArchivo {
    /// Over the byte limit.
    #[error("El archivo pesa {mb} MB y el máximo es {max_mb} MB. Divídelo en varios archivos.")]
    DemasiadoGrande {
        /// Size, MB (one decimal).
        mb: String,
        /// Limit, MB.
        max_mb: u64,
    },
    /// Over the row limit.
    #[error("El archivo tiene más de {max} renglones de trabajadores, el máximo por archivo. Divídelo en varios archivos.")]
    DemasiadasFilas {
        /// Limit.
        max: String,
    },
    /// No rows at all.
    #[error("El archivo está vacío. Cada renglón lleva NSS, CURP y SBC separados por coma; descarga la plantilla para ver un ejemplo.")]
    Vacio,
    /// Only the header.
    #[error("El archivo solo tiene el encabezado. Agrega debajo un renglón por trabajador con su NSS, CURP y SBC.")]
    SoloEncabezado,
    /// A header that cannot be mapped.
    #[error("El renglón {fila} parece un encabezado, pero {detalle} Corrígelo o bórralo: el encabezado es opcional.")]
    Encabezado {
        /// Row number.
        fila: u64,
        /// What is wrong.
        detalle: String,
    },
    /// A row that never ends (an unclosed quote).
    #[error("El renglón {fila} no termina: pasa de 1 MB. Probablemente tiene una comilla (\") sin cerrar; ábrelo en un editor de texto y revísalo.")]
    FilaInterminable {
        /// Row number where it starts.
        fila: u64,
    },
    /// The bytes could not be read.
    #[error("No se pudo leer el archivo: {detalle}. Vuelve a elegirlo; si el problema sigue, guárdalo de nuevo desde Excel como CSV.")]
    Ilegible {
        /// The system's reason.
        detalle: String,
    },
}

impl DomainError for ErrorArchivo {
    fn code(&self) -> ErrorCode {
        match self {
            ErrorArchivo::DemasiadoGrande { .. } | ErrorArchivo::DemasiadasFilas { .. } => {
                ErrorCode::FileTooLarge
            }
            ErrorArchivo::Vacio | ErrorArchivo::SoloEncabezado => ErrorCode::FileEmpty,
            ErrorArchivo::Encabezado { .. } => ErrorCode::FileHeader,
            ErrorArchivo::FilaInterminable { .. } | ErrorArchivo::Ilegible { .. } => {
                ErrorCode::FileUnreadable
            }
        }
    }
}

/// Cells up to the last non-blank one: Excel leaves trailing empty cells (`a,b,c,,`) that count
/// for nothing.
pub(crate) fn celdas_usadas(celdas: &[&str]) -> usize {
    celdas
        .iter()
        .rposition(|c| !c.trim().is_empty())
        .map_or(0, |i| i + 1)
}

impl ErrorArchivo {
    /// The byte-limit error for a file of `bytes`.
    pub fn demasiado_grande(bytes: u64, max: u64) -> Self {
        ErrorArchivo::DemasiadoGrande {
            mb: format!("{:.1}", bytes as f64 / 1_048_576.0),
            max_mb: max / 1_048_576,
        }
    }
}
