//! The first pass over a worker CSV: which encoding (decided over the whole stream, so one decoder
//! serves every row) and which delimiter (sniffed from the first lines).

use serde::{Deserialize, Serialize};

/// How the file's bytes are to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
pub enum Codificacion {
    /// UTF-8 without a byte-order mark (plain ASCII is reported as this).
    #[serde(rename = "utf-8")]
    Utf8,
    /// UTF-8 with the byte-order mark Excel writes for "CSV UTF-8".
    #[serde(rename = "utf-8-bom")]
    Utf8Bom,
    /// Excel's "CSV (delimitado por comas)" on Spanish Windows: Windows-1252.
    #[serde(rename = "windows-1252")]
    Windows1252,
}

impl Codificacion {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Codificacion::Utf8 => "utf-8",
            Codificacion::Utf8Bom => "utf-8-bom",
            Codificacion::Windows1252 => "windows-1252",
        }
    }

    /// How a person would call it.
    pub fn nombre(self) -> &'static str {
        match self {
            Codificacion::Utf8 => "UTF-8",
            Codificacion::Utf8Bom => "UTF-8 con BOM",
            Codificacion::Windows1252 => "Windows-1252 (ANSI)",
        }
    }
}

/// The field delimiter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
pub enum Separador {
    /// `,` — what IMSS asks for.
    #[serde(rename = ",")]
    Coma,
    /// `;` — Excel with a comma as decimal separator.
    #[serde(rename = ";")]
    PuntoYComa,
    /// Tab — copied from a spreadsheet, or "Texto (delimitado por tabulaciones)".
    #[serde(rename = "\t")]
    Tabulador,
    /// `|` — exported by payroll systems.
    #[serde(rename = "|")]
    Barra,
}

impl Separador {
    /// In the order that breaks ties when sniffing.
    pub const TODOS: [Separador; 4] = [
        Separador::Coma,
        Separador::PuntoYComa,
        Separador::Tabulador,
        Separador::Barra,
    ];

    /// The byte.
    pub fn byte(self) -> u8 {
        match self {
            Separador::Coma => b',',
            Separador::PuntoYComa => b';',
            Separador::Tabulador => b'\t',
            Separador::Barra => b'|',
        }
    }

    /// The wire form (the character itself).
    pub fn as_str(self) -> &'static str {
        match self {
            Separador::Coma => ",",
            Separador::PuntoYComa => ";",
            Separador::Tabulador => "\t",
            Separador::Barra => "|",
        }
    }

    /// How a person would call it.
    pub fn nombre(self) -> &'static str {
        match self {
            Separador::Coma => "coma (,)",
            Separador::PuntoYComa => "punto y coma (;)",
            Separador::Tabulador => "tabulador",
            Separador::Barra => "barra vertical (|)",
        }
    }
}

/// What the first pass found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deteccion {
    /// The encoding.
    pub codificacion: Codificacion,
    /// The delimiter.
    pub separador: Separador,
    /// The file's size in bytes.
    pub bytes: u64,
}

/// Lines looked at to sniff the delimiter.
const LINEAS_MUESTRA: usize = 200;
/// Bytes looked at to sniff the delimiter.
const BYTES_MUESTRA: usize = 64 * 1024;

/// The first pass, fed in chunks of any size.
#[derive(Debug)]
pub struct Detector {
    bytes: u64,
    bom: bool,
    inicio: Vec<u8>,
    utf8_valido: bool,
    /// The incomplete UTF-8 sequence at the end of the previous chunk.
    pendiente: Vec<u8>,
    muestra: Vec<u8>,
}

impl Default for Detector {
    fn default() -> Self {
        Self::new()
    }
}

impl Detector {
    /// A detector that has seen nothing.
    pub fn new() -> Self {
        Detector {
            bytes: 0,
            bom: false,
            inicio: Vec::with_capacity(3),
            utf8_valido: true,
            pendiente: Vec::new(),
            muestra: Vec::new(),
        }
    }

    /// Bytes seen so far.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Looks at the next chunk.
    pub fn alimentar(&mut self, mut trozo: &[u8]) {
        self.bytes += trozo.len() as u64;
        // The BOM may straddle the first chunks.
        while self.inicio.len() < 3 {
            let Some((b, resto)) = trozo.split_first() else {
                break;
            };
            self.inicio.push(*b);
            trozo = resto;
            if self.inicio.len() == 3 {
                self.bom = self.inicio == [0xEF, 0xBB, 0xBF];
                let inicio = std::mem::take(&mut self.inicio);
                let sin_bom: &[u8] = if self.bom { &[] } else { &inicio };
                self.revisar(sin_bom);
                self.inicio = inicio;
            }
        }
        self.revisar(trozo);
    }

    fn revisar(&mut self, trozo: &[u8]) {
        if self.muestra.len() < BYTES_MUESTRA {
            let falta = BYTES_MUESTRA - self.muestra.len();
            self.muestra
                .extend_from_slice(trozo.get(..trozo.len().min(falta)).unwrap_or(trozo));
        }
        if !self.utf8_valido || trozo.is_empty() {
            return;
        }
        if self.pendiente.is_empty() {
            self.validar_utf8(trozo);
        } else {
            let mut unido = std::mem::take(&mut self.pendiente);
            unido.extend_from_slice(trozo);
            self.validar_utf8(&unido);
        }
    }

    fn validar_utf8(&mut self, bytes: &[u8]) {
        match std::str::from_utf8(bytes) {
            Ok(_) => {}
            // An incomplete sequence at the very end: wait for the next chunk.
            Err(e) if e.error_len().is_none() => {
                self.pendiente = bytes.get(e.valid_up_to()..).unwrap_or_default().to_vec();
            }
            Err(_) => self.utf8_valido = false,
        }
    }

    /// The verdict, after the last chunk.
    pub fn terminar(mut self) -> Deteccion {
        if self.inicio.len() < 3 {
            // A file shorter than a BOM.
            let inicio = std::mem::take(&mut self.inicio);
            self.revisar(&inicio);
        }
        let utf8 = self.utf8_valido && self.pendiente.is_empty();
        let codificacion = match (utf8, self.bom) {
            (true, true) => Codificacion::Utf8Bom,
            (true, false) => Codificacion::Utf8,
            (false, _) => Codificacion::Windows1252,
        };
        Deteccion {
            codificacion,
            separador: olfatear(&self.muestra),
            bytes: self.bytes,
        }
    }
}

/// Picks the delimiter that splits the most sample lines into the same number of fields; ties go
/// to the order of [`Separador::TODOS`], and a file with none of them is read as comma-separated.
fn olfatear(muestra: &[u8]) -> Separador {
    let mut conteos: Vec<[usize; 4]> = Vec::new();
    let mut actual = [0usize; 4];
    let mut en_comillas = false;
    let mut vacia = true;
    for &b in muestra {
        match b {
            b'"' => {
                en_comillas = !en_comillas;
                vacia = false;
            }
            b'\n' | b'\r' if !en_comillas => {
                if !vacia {
                    conteos.push(actual);
                    if conteos.len() >= LINEAS_MUESTRA {
                        break;
                    }
                }
                actual = [0; 4];
                vacia = true;
            }
            _ if en_comillas => {}
            _ => {
                if let Some(i) = Separador::TODOS.iter().position(|s| s.byte() == b) {
                    actual[i] += 1;
                }
                if !b.is_ascii_whitespace() {
                    vacia = false;
                }
            }
        }
    }
    if !vacia && conteos.len() < LINEAS_MUESTRA {
        conteos.push(actual);
    }
    let mut mejor = (0usize, Separador::Coma);
    for (i, separador) in Separador::TODOS.iter().enumerate() {
        // The most frequent non-zero count of this delimiter per line, and how many lines have it.
        let mut frecuencias: Vec<(usize, usize)> = Vec::new();
        for c in conteos.iter().map(|c| c[i]).filter(|n| *n > 0) {
            match frecuencias.iter_mut().find(|(n, _)| *n == c) {
                Some((_, veces)) => *veces += 1,
                None => frecuencias.push((c, 1)),
            }
        }
        let puntaje = frecuencias.iter().map(|(_, v)| *v).max().unwrap_or(0);
        if puntaje > mejor.0 {
            mejor = (puntaje, *separador);
        }
    }
    mejor.1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detectar(bytes: &[u8], trozo: usize) -> Deteccion {
        let mut d = Detector::new();
        for t in bytes.chunks(trozo.max(1)) {
            d.alimentar(t);
        }
        d.terminar()
    }

    #[test]
    fn plain_ascii_is_utf8_with_comma() {
        let d = detectar(b"NSS,CURP,SBC\n01108512342,PELJ850101HDFRPN06,315.04\n", 7);
        assert_eq!(d.codificacion, Codificacion::Utf8);
        assert_eq!(d.separador, Separador::Coma);
        assert_eq!(d.bytes, 51);
    }

    #[test]
    fn the_bom_is_seen_even_split_across_chunks() {
        for trozo in 1..5 {
            let d = detectar(b"\xEF\xBB\xBFNSS;CURP;SBC\r\n1;2;3\r\n", trozo);
            assert_eq!(d.codificacion, Codificacion::Utf8Bom, "trozo {trozo}");
            assert_eq!(d.separador, Separador::PuntoYComa);
        }
    }

    #[test]
    fn a_latin1_enye_anywhere_makes_the_whole_file_windows_1252() {
        let mut bytes = b"NSS,CURP,SBC,NOMBRE\n".repeat(1000);
        bytes.extend_from_slice(b"1,2,3,PE\xD1A\n");
        assert_eq!(
            detectar(&bytes, 4096).codificacion,
            Codificacion::Windows1252
        );
    }

    #[test]
    fn utf8_split_inside_a_character_is_still_utf8() {
        let bytes = "a,b,Peña\nc,d,Ñandú\n".as_bytes();
        for trozo in 1..6 {
            assert_eq!(
                detectar(bytes, trozo).codificacion,
                Codificacion::Utf8,
                "{trozo}"
            );
        }
    }

    #[test]
    fn a_truncated_utf8_sequence_at_the_end_is_not_utf8() {
        assert_eq!(
            detectar(b"a,b\xC3", 10).codificacion,
            Codificacion::Windows1252
        );
    }

    #[test]
    fn the_consistent_delimiter_wins_over_thousands_commas() {
        let d = detectar(b"1;A;1,250.50\n2;B;315.04\n3;C;2,000.00\n", 100);
        assert_eq!(d.separador, Separador::PuntoYComa);
        assert_eq!(
            detectar(b"1\tA\t3\n2\tB\t4\n", 3).separador,
            Separador::Tabulador
        );
        assert_eq!(detectar(b"1|A|3\n2|B|4\n", 3).separador, Separador::Barra);
        assert_eq!(
            detectar(b"\"1,0\";A;3\n", 3).separador,
            Separador::PuntoYComa
        );
    }

    #[test]
    fn no_delimiter_at_all_means_comma() {
        assert_eq!(detectar(b"0110851234\n", 3).separador, Separador::Coma);
        assert_eq!(detectar(b"", 3).separador, Separador::Coma);
    }
}
