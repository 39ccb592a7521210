//! What the user downloads: the rejected rows (their original cells plus `MOTIVO`, so they can be
//! fixed and uploaded again) and the template. Both are UTF-8 with a byte-order mark, the only way
//! Excel opens accents right on every Windows locale.

use super::{celdas_usadas, FilaRevisada, Mapa, Separador, Severidad};
use crate::domain::csv_seguro::celda;
use std::io::Write;

/// The UTF-8 byte-order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// File name offered for the template.
pub const NOMBRE_PLANTILLA: &str = "plantilla_trabajadores.csv";

/// The template: header and two example rows (synthetic values whose check digits are valid). The
/// NSS goes as `="…"`, which Excel opens as text, so the leading zero survives editing.
pub fn plantilla() -> Vec<u8> {
    let mut v = BOM.to_vec();
    v.extend_from_slice(
        b"NSS,CURP,SBC\r\n=\"01108512342\",PELJ850101HDFRPN06,315.04\r\n=\"43159067891\",GAMA900215MJCRRN05,1250.50\r\n",
    );
    v
}

/// Writes the rejected rows as they are checked.
pub struct EscritorRechazados<W: Write> {
    csv: csv::Writer<W>,
    encabezado_escrito: bool,
    columnas: usize,
    filas: u64,
    registro: Vec<String>,
}

impl<W: Write> EscritorRechazados<W> {
    /// A writer with the file's delimiter, so the rejected rows open the way the original did.
    pub fn new(mut destino: W, separador: Separador) -> std::io::Result<Self> {
        destino.write_all(BOM)?;
        Ok(EscritorRechazados {
            csv: csv::WriterBuilder::new()
                .delimiter(separador.byte())
                .terminator(csv::Terminator::CRLF)
                .flexible(true)
                .from_writer(destino),
            encabezado_escrito: false,
            columnas: Mapa::default().columnas,
            filas: 0,
            registro: Vec::new(),
        })
    }

    /// The original header plus `MOTIVO`.
    pub fn encabezado(&mut self, celdas: &[&str]) -> std::io::Result<()> {
        let usadas = celdas_usadas(celdas);
        self.columnas = usadas;
        let mut registro: Vec<std::borrow::Cow<'_, str>> = celdas
            .iter()
            .take(usadas)
            .map(|c| celda(c.trim()))
            .collect();
        registro.push("MOTIVO".into());
        self.csv
            .write_record(registro.iter().map(|c| c.as_bytes()))?;
        self.encabezado_escrito = true;
        Ok(())
    }

    /// Writes the row if it has errors; the reasons go in `MOTIVO`, each prefixed by its column.
    pub fn fila(&mut self, fila: &FilaRevisada<'_>) -> std::io::Result<()> {
        if !fila.tiene_errores() {
            return Ok(());
        }
        if !self.encabezado_escrito {
            self.csv.write_record(["NSS", "CURP", "SBC", "MOTIVO"])?;
            self.encabezado_escrito = true;
        }
        self.registro.clear();
        self.registro
            .extend(fila.celdas.iter().map(|c| celda(c).into_owned()));
        while self.registro.len() < self.columnas {
            self.registro.push(String::new());
        }
        let motivo: Vec<String> = fila
            .hallazgos
            .iter()
            .filter(|h| h.severidad == Severidad::Error)
            .map(|h| match h.columna {
                Some(c) => format!("{}: {}", c.as_str(), h.mensaje),
                None => h.mensaje.clone(),
            })
            .collect();
        // The reasons quote the cells, but always after "Renglón n.", so never as a formula.
        self.registro
            .push(format!("Renglón {}. {}", fila.fila, motivo.join(" | ")));
        self.csv.write_record(&self.registro)?;
        self.filas += 1;
        Ok(())
    }

    /// Rows written.
    pub fn filas(&self) -> u64 {
        self.filas
    }

    /// Flushes and returns the destination.
    pub fn terminar(self) -> std::io::Result<W> {
        self.csv.into_inner().map_err(|e| e.into_error())
    }
}
