//! `icsoe validar-trabajadores`: the worker CSV check for payroll and accounting scripts. Same
//! engine as the browser and the server upload; output is one JSON document on stdout.
//!
//! Findings are spilled to a temporary file while the rows stream by, so a million rows with
//! errors cost disk, not memory; the document is assembled at the end with the summary first.

use app::domain::calendar::{Anio, Cuatrimestre, Periodo};
use app::domain::dinero::TablaSalarios;
use app::domain::error::DomainError;
use app::domain::trabajadores::{
    validar_lector, ConfigValidacion, Deteccion, ErrorArchivo, EscritorRechazados, FilaRevisada,
    LimitesArchivo, Salida,
};
use std::fs::File;
use std::io::{BufWriter, Read, Seek, Write};
use std::path::Path;
use std::process::ExitCode;

/// Exit code when no row has errors.
const SIN_ERRORES: u8 = 0;
/// Exit code when some row has errors.
const CON_ERRORES: u8 = 1;
/// Exit code when the file (or the arguments) cannot be used at all.
const INUTILIZABLE: u8 = 2;

/// Prints `{"codigo","mensaje"}` and returns exit code 2.
pub fn fatal(salida: &mut impl Write, codigo: &str, mensaje: &str) -> ExitCode {
    let json = serde_json::json!({"codigo": codigo, "mensaje": mensaje});
    let _ = writeln!(salida, "{json}");
    ExitCode::from(INUTILIZABLE)
}

/// The findings go to a temporary file as JSON, comma-separated; rejected rows to their file.
struct SalidaCli {
    hallazgos: BufWriter<File>,
    primero: bool,
    /// The rejected rows' file, opened up front; its writer needs the delimiter, known after
    /// the first pass.
    destino_rechazados: Option<BufWriter<File>>,
    rechazados: Option<EscritorRechazados<BufWriter<File>>>,
    error_io: Option<std::io::Error>,
}

impl SalidaCli {
    fn anotar(&mut self, r: std::io::Result<()>) {
        if let (Err(e), None) = (r, &self.error_io) {
            self.error_io = Some(e);
        }
    }
}

impl Salida for SalidaCli {
    fn deteccion(&mut self, deteccion: &Deteccion) {
        if let Some(destino) = self.destino_rechazados.take() {
            match EscritorRechazados::new(destino, deteccion.separador) {
                Ok(w) => self.rechazados = Some(w),
                Err(e) => self.anotar(Err(e)),
            }
        }
    }

    fn encabezado(&mut self, celdas: &[&str]) {
        if let Some(r) = self.rechazados.as_mut().map(|w| w.encabezado(celdas)) {
            self.anotar(r);
        }
    }

    fn fila(&mut self, fila: &FilaRevisada<'_>) {
        for h in fila.hallazgos {
            let coma = if std::mem::replace(&mut self.primero, false) {
                ""
            } else {
                ","
            };
            let r = write!(self.hallazgos, "{coma}").and_then(|()| {
                serde_json::to_writer(&mut self.hallazgos, h).map_err(std::io::Error::other)
            });
            self.anotar(r);
        }
        if let Some(r) = self.rechazados.as_mut().map(|w| w.fila(fila)) {
            self.anotar(r);
        }
    }
}

/// Runs the validation and prints the document; the exit code follows the contract above.
pub fn trabajadores(
    archivo: &Path,
    anio: &str,
    periodo: &str,
    rechazados: Option<&Path>,
    limites: LimitesArchivo,
    salarios: &TablaSalarios,
    salida: &mut impl Write,
) -> ExitCode {
    let anio = match Anio::parse(anio) {
        Ok(a) => a,
        Err(e) => return fatal(salida, e.code().as_str(), &e.to_string()),
    };
    let cuatrimestre = match Cuatrimestre::parse(periodo) {
        Ok(c) => c,
        Err(e) => return fatal(salida, e.code().as_str(), &e.to_string()),
    };
    let sbc = match salarios.limites(Periodo::new(anio, cuatrimestre)) {
        Ok(l) => l,
        Err(e) => return fatal(salida, e.code().as_str(), &e.to_string()),
    };
    match ejecutar(
        archivo,
        ConfigValidacion { limites, sbc },
        rechazados,
        salida,
    ) {
        Ok(con_errores) => ExitCode::from(if con_errores {
            CON_ERRORES
        } else {
            SIN_ERRORES
        }),
        Err(Fallo::Archivo(e)) => fatal(salida, e.code().as_str(), &e.to_string()),
        Err(Fallo::Io(contexto, e)) => {
            fatal(salida, "file_unreadable", &format!("{contexto}: {e}."))
        }
    }
}

enum Fallo {
    Archivo(ErrorArchivo),
    Io(String, std::io::Error),
}

fn ejecutar(
    archivo: &Path,
    config: ConfigValidacion,
    rechazados: Option<&Path>,
    salida: &mut impl Write,
) -> Result<bool, Fallo> {
    let io = |contexto: &str| {
        let contexto = contexto.to_string();
        move |e| Fallo::Io(contexto, e)
    };
    let temporal = tempfile::tempfile().map_err(io("No se pudo crear un archivo temporal"))?;
    let destino_rechazados = match rechazados {
        Some(ruta) => Some(BufWriter::new(
            File::create(ruta).map_err(io(&format!("No se pudo crear {}", ruta.display())))?,
        )),
        None => None,
    };
    let mut sink = SalidaCli {
        hallazgos: BufWriter::new(temporal),
        primero: true,
        destino_rechazados,
        rechazados: None,
        error_io: None,
    };
    let aviso = config.sbc.aviso();
    let resumen =
        validar_lector(|| File::open(archivo), config, &mut sink).map_err(Fallo::Archivo)?;
    if let Some(e) = sink.error_io.take() {
        return Err(Fallo::Io("No se pudo escribir el resultado".into(), e));
    }
    if let Some(r) = sink.rechazados.take() {
        r.terminar()
            .and_then(|mut w| w.flush())
            .map_err(io("No se pudo escribir los rechazados"))?;
    }
    let mut temporal = sink
        .hallazgos
        .into_inner()
        .map_err(|e| Fallo::Io("No se pudo escribir el resultado".into(), e.into_error()))?;
    temporal
        .rewind()
        .map_err(io("No se pudo releer el resultado"))?;

    let cabecera = serde_json::to_string(&resumen).map_err(|e| {
        Fallo::Io(
            "No se pudo escribir el resultado".into(),
            std::io::Error::other(e),
        )
    })?;
    // `{"filas":…,"separador":","` + `,"aviso":"…"` (figures not yet published) +
    // `,"hallazgos":[` + spilled findings + `]}`
    let sin_cierre = cabecera.strip_suffix('}').unwrap_or(&cabecera);
    let aviso = aviso
        .map(|a| format!(",\"aviso\":{}", serde_json::Value::String(a)))
        .unwrap_or_default();
    let mut escribir = || -> std::io::Result<()> {
        let mut out = BufWriter::new(&mut *salida);
        write!(out, "{sin_cierre}{aviso},\"hallazgos\":[")?;
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = temporal.read(&mut buf)?;
            if n == 0 {
                break;
            }
            out.write_all(buf.get(..n).unwrap_or_default())?;
        }
        writeln!(out, "]}}")?;
        out.flush()
    };
    escribir().map_err(io("No se pudo escribir en la salida estándar"))?;
    Ok(resumen.con_errores > 0)
}
