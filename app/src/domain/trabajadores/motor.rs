//! The second pass: reads normalised bytes with `csv_core` (the `csv` crate's push parser, so the
//! browser can feed it file slices as they arrive), numbers the rows as Excel does, finds the
//! header, applies the limits and hands each row with its findings to a [`Salida`].

use super::encabezado::{examinar, PrimeraFila};
use super::fila::{en_blanco, revisar, Contexto, Duplicados};
use super::{
    miles, ConfigValidacion, Deteccion, Detector, ErrorArchivo, FilaRevisada, HallazgoFila, Mapa,
    Normalizador, Resumen, Salida, Severidad,
};
use csv_core::{ReadRecordResult, ReaderBuilder, Terminator};
use std::io::Read;

/// A record longer than this is an unclosed quote, not a worker.
const MAX_REGISTRO: usize = 1024 * 1024;

/// Bytes a worker row takes, roughly (`01108512342,PELJ850101HDFRPN06,315.04\n`): sizes the
/// duplicate tables up front.
const BYTES_POR_FILA: u64 = 38;

/// The streaming validator. Feed it the file's bytes in chunks of any size with
/// [`Validador::alimentar`], then call [`Validador::terminar`].
pub struct Validador {
    config: ConfigValidacion,
    deteccion: Deteccion,
    normalizador: Normalizador,
    lector: csv_core::Reader,
    entrada: Vec<u8>,
    registro: Vec<u8>,
    fines: Vec<usize>,
    nout: usize,
    nfin: usize,
    /// `None` until the first non-blank row decides whether there is a header.
    mapa: Option<Mapa>,
    duplicados: Duplicados,
    hallazgos: Vec<HallazgoFila>,
    /// Line ends inside quoted cells so far: Excel shows such a record as one row.
    saltos_embebidos: u64,
    resumen: Resumen,
}

impl Validador {
    /// A validator for a file the first pass described.
    pub fn new(config: ConfigValidacion, deteccion: Deteccion) -> Result<Self, ErrorArchivo> {
        if deteccion.bytes > config.limites.max_bytes {
            return Err(ErrorArchivo::demasiado_grande(
                deteccion.bytes,
                config.limites.max_bytes,
            ));
        }
        let filas_estimadas = (deteccion.bytes / BYTES_POR_FILA).min(config.limites.max_filas);
        Ok(Validador {
            config,
            deteccion,
            normalizador: Normalizador::new(deteccion.codificacion),
            lector: ReaderBuilder::new()
                .delimiter(deteccion.separador.byte())
                .terminator(Terminator::Any(b'\n'))
                .build(),
            entrada: Vec::new(),
            registro: vec![0; 1024],
            fines: vec![0; 16],
            nout: 0,
            nfin: 0,
            mapa: None,
            duplicados: Duplicados::con_capacidad(usize::try_from(filas_estimadas).unwrap_or(0)),
            hallazgos: Vec::new(),
            saltos_embebidos: 0,
            resumen: Resumen {
                filas: 0,
                validas: 0,
                con_errores: 0,
                con_avisos: 0,
                codificacion: deteccion.codificacion,
                separador: deteccion.separador,
                encabezado: false,
            },
        })
    }

    /// The counts so far (for progress reports).
    pub fn resumen(&self) -> &Resumen {
        &self.resumen
    }

    /// Checks the rows completed by the next chunk of the file.
    pub fn alimentar(
        &mut self,
        trozo: &[u8],
        salida: &mut impl Salida,
    ) -> Result<(), ErrorArchivo> {
        let mut entrada = std::mem::take(&mut self.entrada);
        entrada.clear();
        self.normalizador.normalizar(trozo, &mut entrada);
        // csv_core reads an empty input as the end of the file: never hand it one before then
        // (a chunk holding only the LF of a CRLF normalises to nothing).
        if entrada.is_empty() {
            self.entrada = entrada;
            return Ok(());
        }
        let r = self.leer(&entrada, false, salida);
        self.entrada = entrada;
        r
    }

    /// Checks the last row and returns the counts.
    pub fn terminar(mut self, salida: &mut impl Salida) -> Result<Resumen, ErrorArchivo> {
        self.leer(&[], true, salida)?;
        match self.mapa {
            None => Err(ErrorArchivo::Vacio),
            Some(_) if self.resumen.filas == 0 && self.resumen.encabezado => {
                Err(ErrorArchivo::SoloEncabezado)
            }
            Some(_) => Ok(self.resumen),
        }
    }

    fn leer(
        &mut self,
        mut entrada: &[u8],
        fin: bool,
        salida: &mut impl Salida,
    ) -> Result<(), ErrorArchivo> {
        loop {
            let (resultado, nin, nout, nfin) = self.lector.read_record(
                entrada,
                self.registro.get_mut(self.nout..).unwrap_or_default(),
                self.fines.get_mut(self.nfin..).unwrap_or_default(),
            );
            entrada = entrada.get(nin..).unwrap_or_default();
            self.nout += nout;
            self.nfin += nfin;
            match resultado {
                ReadRecordResult::InputEmpty if fin => {}
                ReadRecordResult::InputEmpty | ReadRecordResult::End => return Ok(()),
                ReadRecordResult::OutputFull => {
                    if self.registro.len() >= MAX_REGISTRO {
                        return Err(ErrorArchivo::FilaInterminable {
                            fila: self.lector.line().saturating_sub(self.saltos_embebidos),
                        });
                    }
                    let n = self.registro.len() * 2;
                    self.registro.resize(n, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let n = self.fines.len() * 2;
                    self.fines.resize(n, 0);
                }
                ReadRecordResult::Record => {
                    // csv_core's line is 1 + the `\n` bytes it consumed, so after a record's own
                    // `\n` it points at the next line; a record cut by the end of the file has
                    // not consumed one.
                    let ultima_linea =
                        self.lector.line() - 1 + u64::from(fin && entrada.is_empty());
                    self.registro_completo(ultima_linea, salida)?;
                    self.nout = 0;
                    self.nfin = 0;
                }
            }
        }
    }

    fn registro_completo(
        &mut self,
        ultima_linea: u64,
        salida: &mut impl Salida,
    ) -> Result<(), ErrorArchivo> {
        let bytes = self.registro.get(..self.nout).unwrap_or_default();
        let fines = self.fines.get(..self.nfin).unwrap_or_default();
        let embebidos = bytes.iter().filter(|b| **b == b'\n').count() as u64;
        let fila = ultima_linea.saturating_sub(embebidos + self.saltos_embebidos);
        self.saltos_embebidos += embebidos;

        // Up to 8 cells live on the stack: no allocation for an ordinary row.
        let mut en_pila: [&str; 8] = [""; 8];
        let mut en_monton: Vec<&str> = Vec::new();
        let mut desde = 0;
        for (i, &hasta) in fines.iter().enumerate() {
            let campo = bytes.get(desde..hasta).unwrap_or_default();
            // The normaliser only emits UTF-8; a failure here would be a bug, shown as empty.
            let celda = std::str::from_utf8(campo).unwrap_or("");
            match en_pila.get_mut(i) {
                Some(slot) if fines.len() <= 8 => *slot = celda,
                _ => en_monton.push(celda),
            }
            desde = hasta;
        }
        let celdas: &[&str] = if fines.len() <= 8 {
            en_pila.get(..fines.len()).unwrap_or_default()
        } else {
            &en_monton
        };
        if en_blanco(celdas) {
            return Ok(());
        }
        let mapa = match self.mapa {
            Some(mapa) => mapa,
            None => match examinar(celdas) {
                PrimeraFila::Datos => *self.mapa.insert(Mapa::default()),
                PrimeraFila::Encabezado(mapa) => {
                    self.mapa = Some(mapa);
                    self.resumen.encabezado = true;
                    salida.encabezado(celdas);
                    return Ok(());
                }
                PrimeraFila::EncabezadoInvalido(detalle) => {
                    return Err(ErrorArchivo::Encabezado { fila, detalle })
                }
            },
        };
        if self.resumen.filas >= self.config.limites.max_filas {
            return Err(ErrorArchivo::DemasiadasFilas {
                max: miles(self.config.limites.max_filas),
            });
        }
        self.resumen.filas += 1;
        self.hallazgos.clear();
        let ctx = Contexto {
            mapa: &mapa,
            separador: self.deteccion.separador,
            limites: &self.config.sbc,
        };
        let trabajador = revisar(
            &ctx,
            fila,
            celdas,
            &mut self.duplicados,
            &mut self.hallazgos,
        );
        let revisada = FilaRevisada {
            fila,
            celdas,
            hallazgos: &self.hallazgos,
            trabajador,
        };
        if revisada.tiene_errores() {
            self.resumen.con_errores += 1;
        } else {
            self.resumen.validas += 1;
            if self
                .hallazgos
                .iter()
                .any(|h| h.severidad == Severidad::Aviso)
            {
                self.resumen.con_avisos += 1;
            }
        }
        salida.fila(&revisada);
        Ok(())
    }
}

/// Chunk size for readers: large enough to amortise calls, small enough for constant memory.
const TROZO: usize = 256 * 1024;

/// Validates a whole file from a reader opened twice (once per pass), as the command line and the
/// server do; the browser drives [`Detector`] and [`Validador`] itself over file slices.
pub fn validar_lector<R: Read>(
    mut abrir: impl FnMut() -> std::io::Result<R>,
    config: ConfigValidacion,
    salida: &mut impl Salida,
) -> Result<Resumen, ErrorArchivo> {
    let ilegible = |e: std::io::Error| ErrorArchivo::Ilegible {
        detalle: e.to_string(),
    };
    let mut buf = vec![0u8; TROZO];
    let mut detector = Detector::new();
    let mut lector = abrir().map_err(ilegible)?;
    loop {
        let n = leer_algo(&mut lector, &mut buf).map_err(ilegible)?;
        if n == 0 {
            break;
        }
        detector.alimentar(buf.get(..n).unwrap_or_default());
        if detector.bytes() > config.limites.max_bytes {
            break;
        }
    }
    let deteccion = detector.terminar();
    salida.deteccion(&deteccion);
    let mut validador = Validador::new(config, deteccion)?;
    let mut lector = abrir().map_err(ilegible)?;
    loop {
        let n = leer_algo(&mut lector, &mut buf).map_err(ilegible)?;
        if n == 0 {
            break;
        }
        validador.alimentar(buf.get(..n).unwrap_or_default(), salida)?;
    }
    validador.terminar(salida)
}

fn leer_algo(lector: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    loop {
        match lector.read(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            r => return r,
        }
    }
}
