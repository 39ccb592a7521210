//! XLSX files (issue 18: "Excel where users expect Excel"), written with `rust_xlsxwriter` in its
//! constant-memory mode: each row goes to a temporary file as it is written, so a 500,000-row
//! listado costs the same memory as a 50-row one. One sheet, a bold frozen header with a filter,
//! and cells typed on purpose: identifiers (NSS, CURP, RFC, folios) are **text**, so Excel never
//! drops an NSS's leading zero or turns a long folio into `1.2E+10`; counts are numbers.
//!
//! Text needs no formula neutralisation here (unlike CSV, `domain::csv_seguro`): a string cell is
//! stored as a string and Excel never evaluates it.

use anyhow::Context;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use std::path::Path;

/// One cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Celda {
    /// Stored as text whatever it looks like.
    Texto(String),
    /// A number.
    Numero(f64),
    /// Nothing.
    Vacia,
}

impl From<String> for Celda {
    fn from(s: String) -> Self {
        Celda::Texto(s)
    }
}

impl From<&str> for Celda {
    fn from(s: &str) -> Self {
        Celda::Texto(s.to_string())
    }
}

/// A one-sheet workbook being written row by row.
pub struct Hoja {
    libro: Workbook,
    fila: u32,
    columnas: u16,
}

/// Excel's last row (1,048,576 rows, the header included).
pub const FILAS_MAXIMAS: u32 = 1_048_576;

impl Hoja {
    /// A sheet named `nombre` (≤ 31 characters) with these headers; its temporary files go to
    /// `temporal` (the data directory, not a small `/tmp`).
    pub fn nueva(nombre: &str, encabezados: &[&str], temporal: &Path) -> anyhow::Result<Self> {
        let mut libro = Workbook::new();
        libro.set_tempdir(temporal).map_err(xlsx)?;
        let negrita = Format::new().set_bold();
        let hoja = libro.add_worksheet_with_constant_memory().map_err(xlsx)?;
        hoja.set_name(nombre).map_err(xlsx)?;
        let columnas = u16::try_from(encabezados.len()).context("demasiadas columnas")?;
        for (i, e) in encabezados.iter().enumerate() {
            let c = u16::try_from(i).unwrap_or(u16::MAX);
            hoja.write_string_with_format(0, c, *e, &negrita)
                .map_err(xlsx)?;
            hoja.set_column_width(c, (e.chars().count() as f64 + 4.0).clamp(10.0, 45.0))
                .map_err(xlsx)?;
        }
        hoja.set_freeze_panes(1, 0).map_err(xlsx)?;
        Ok(Hoja {
            libro,
            fila: 0,
            columnas,
        })
    }

    /// Appends a row. Past Excel's last row it fails (the caller offers the CSV instead).
    pub fn fila(&mut self, celdas: impl IntoIterator<Item = Celda>) -> anyhow::Result<()> {
        if self.fila + 1 >= FILAS_MAXIMAS {
            anyhow::bail!("el archivo excede las {FILAS_MAXIMAS} filas de Excel");
        }
        self.fila += 1;
        let hoja = self.libro.worksheet_from_index(0).map_err(xlsx)?;
        for (i, celda) in celdas.into_iter().enumerate() {
            let c = u16::try_from(i).unwrap_or(u16::MAX);
            match celda {
                Celda::Texto(t) if !t.is_empty() => {
                    hoja.write_string(self.fila, c, t).map_err(xlsx)?;
                }
                Celda::Numero(n) => {
                    hoja.write_number(self.fila, c, n).map_err(xlsx)?;
                }
                Celda::Texto(_) | Celda::Vacia => {}
            }
        }
        Ok(())
    }

    /// Rows written, without the header.
    pub fn filas(&self) -> u32 {
        self.fila
    }

    /// Adds the header's filter and writes the file (CPU-bound: call it off the async threads).
    pub fn guardar(mut self, ruta: &Path) -> anyhow::Result<()> {
        let ultima = self.columnas.saturating_sub(1);
        let filas = self.fila;
        let hoja = self.libro.worksheet_from_index(0).map_err(xlsx)?;
        hoja.autofilter(0, 0, filas, ultima).map_err(xlsx)?;
        self.libro.save(ruta).map_err(xlsx)
    }

    /// The whole file in memory (small files: templates, one informativa).
    pub fn bytes(mut self) -> anyhow::Result<Vec<u8>> {
        let ultima = self.columnas.saturating_sub(1);
        let filas = self.fila;
        let hoja = self.libro.worksheet_from_index(0).map_err(xlsx)?;
        hoja.autofilter(0, 0, filas, ultima).map_err(xlsx)?;
        self.libro.save_to_buffer().map_err(xlsx)
    }
}

/// A CSV the app wrote (a template, refused rows) as a one-sheet XLSX, every cell as text: the
/// delimiter is read from the header (`;` or `,`), the BOM dropped, and the apostrophe that
/// `domain::csv_seguro` put before a formula-looking cell removed (a string cell needs none).
pub fn desde_csv(nombre: &str, csv: &[u8], temporal: &Path) -> anyhow::Result<Vec<u8>> {
    let csv = csv.strip_prefix("\u{feff}".as_bytes()).unwrap_or(csv);
    let primera = csv.split(|b| *b == b'\n').next().unwrap_or_default();
    let punto_y_coma = primera.iter().filter(|b| **b == b';').count();
    let comas = primera.iter().filter(|b| **b == b',').count();
    let mut lector = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(if punto_y_coma > comas { b';' } else { b',' })
        .from_reader(csv);
    let mut registros = lector.records();
    let encabezados: Vec<String> = match registros.next() {
        Some(r) => r?.iter().map(str::to_string).collect(),
        None => Vec::new(),
    };
    let refs: Vec<&str> = encabezados.iter().map(String::as_str).collect();
    let mut hoja = Hoja::nueva(nombre, &refs, temporal)?;
    for r in registros {
        let r = r?;
        hoja.fila(r.iter().map(|c| {
            let sin = c
                .strip_prefix('\'')
                .filter(|resto| resto.starts_with(['=', '+', '-', '@', '\t', '\r']))
                .unwrap_or(c);
            Celda::Texto(sin.to_string())
        }))?;
    }
    hoja.bytes()
}

fn xlsx(e: XlsxError) -> anyhow::Error {
    anyhow::anyhow!("xlsx: {e}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};

    #[test]
    fn a_csv_becomes_text_cells_with_its_delimiter_and_without_the_formula_apostrophe() {
        let dir = tempfile::tempdir().unwrap();
        let csv = "\u{feff}Nombre;NSS;MOTIVO\r\nAna;01234567890;'=HYPERLINK(x)\r\n";
        let bytes = desde_csv("Rechazados", csv.as_bytes(), dir.path()).unwrap();
        let mut libro = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let r = libro.worksheet_range("Rechazados").unwrap();
        let filas: Vec<Vec<Data>> = r.rows().map(|f| f.to_vec()).collect();
        assert_eq!(filas[0][1], Data::String("NSS".into()));
        assert_eq!(filas[1][1], Data::String("01234567890".into()));
        assert_eq!(filas[1][2], Data::String("=HYPERLINK(x)".into()));
    }

    #[test]
    fn text_keeps_leading_zeros_and_numbers_stay_numbers_read_back_by_calamine() {
        let dir = tempfile::tempdir().unwrap();
        let mut h = Hoja::nueva("Trabajadores", &["NSS", "CURP", "SBC"], dir.path()).unwrap();
        h.fila([
            Celda::from("01234567890"),
            Celda::from("PELJ850101HDFRRN09"),
            Celda::Numero(450.5),
        ])
        .unwrap();
        h.fila([Celda::from("=1+1"), Celda::Vacia, Celda::Numero(0.0)])
            .unwrap();
        assert_eq!(h.filas(), 2);
        let ruta = dir.path().join("t.xlsx");
        h.guardar(&ruta).unwrap();
        let mut libro: Xlsx<_> = calamine::open_workbook(&ruta).unwrap();
        assert_eq!(libro.sheet_names(), vec!["Trabajadores".to_string()]);
        let r = libro.worksheet_range("Trabajadores").unwrap();
        let filas: Vec<Vec<Data>> = r.rows().map(|f| f.to_vec()).collect();
        assert_eq!(filas[0][0], Data::String("NSS".into()));
        assert_eq!(filas[1][0], Data::String("01234567890".into()));
        assert_eq!(filas[1][2], Data::Float(450.5));
        // A formula-looking text is a string, never a formula.
        assert_eq!(filas[2][0], Data::String("=1+1".into()));
        assert!(
            libro
                .worksheet_formula("Trabajadores")
                .unwrap()
                .used_cells()
                .count()
                == 0
        );
    }
}
