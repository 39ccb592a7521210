//! The second pass's input stage: turns the file's bytes into UTF-8 with `\n` line ends, chunk by
//! chunk, so the CSV reader sees one encoding and one terminator and counts lines exactly.
//!
//! - the UTF-8 byte-order mark is dropped;
//! - Windows-1252 is transcoded to UTF-8 (decided once by the first pass, never per row);
//! - `\r\n` and a lone `\r` (old Mac Excel) become `\n`.

use super::Codificacion;

/// Windows-1252's 0x80–0x9F (the rest of the upper half is Latin-1); unassigned bytes map to the
/// C1 control of the same value, as the WHATWG encoding standard does.
const CP1252_ALTO: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}', '\u{178}',
];

/// A Windows-1252 byte as a character.
pub(crate) fn cp1252(b: u8) -> char {
    match b {
        0x80..=0x9F => CP1252_ALTO
            .get(usize::from(b - 0x80))
            .copied()
            .unwrap_or('\u{FFFD}'),
        _ => char::from(b),
    }
}

/// Streaming normaliser.
#[derive(Debug)]
pub struct Normalizador {
    codificacion: Codificacion,
    /// Bytes of the BOM still to skip.
    bom_pendiente: usize,
    /// The previous byte was a `\r` (already written as `\n`).
    tras_cr: bool,
}

impl Normalizador {
    /// A normaliser for a stream of the given encoding.
    pub fn new(codificacion: Codificacion) -> Self {
        Normalizador {
            codificacion,
            bom_pendiente: if codificacion == Codificacion::Utf8Bom {
                3
            } else {
                0
            },
            tras_cr: false,
        }
    }

    /// Appends the normalised form of `trozo` to `salida`.
    pub fn normalizar(&mut self, trozo: &[u8], salida: &mut Vec<u8>) {
        let saltar = self.bom_pendiente.min(trozo.len());
        self.bom_pendiente -= saltar;
        let trozo = trozo.get(saltar..).unwrap_or_default();
        salida.reserve(trozo.len() + trozo.len() / 8);
        let mut resto = trozo;
        let mut buf = [0u8; 4];
        let latin = self.codificacion == Codificacion::Windows1252;
        while !resto.is_empty() {
            // The LF of a CRLF was already written as the CR's `\n`.
            if std::mem::take(&mut self.tras_cr) {
                if let Some((b'\n', siguiente)) = resto.split_first() {
                    resto = siguiente;
                    continue;
                }
            }
            // Copy the run of bytes that need nothing in one go: most files are all run.
            let corrido = resto
                .iter()
                .position(|b| *b == b'\r' || (latin && *b >= 0x80))
                .unwrap_or(resto.len());
            salida.extend_from_slice(resto.get(..corrido).unwrap_or_default());
            let Some((&b, siguiente)) = resto.get(corrido..).and_then(<[u8]>::split_first) else {
                break;
            };
            resto = siguiente;
            if b == b'\r' {
                salida.push(b'\n');
                self.tras_cr = true;
            } else {
                salida.extend_from_slice(cp1252(b).encode_utf8(&mut buf).as_bytes());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalizar(codificacion: Codificacion, bytes: &[u8], trozo: usize) -> String {
        let mut n = Normalizador::new(codificacion);
        let mut salida = Vec::new();
        for t in bytes.chunks(trozo) {
            n.normalizar(t, &mut salida);
        }
        String::from_utf8(salida).unwrap()
    }

    #[test]
    fn every_line_end_becomes_lf_even_split_across_chunks() {
        for trozo in 1..4 {
            assert_eq!(
                normalizar(Codificacion::Utf8, b"a\r\nb\rc\nd\r\r\ne", trozo),
                "a\nb\nc\nd\n\ne"
            );
        }
    }

    #[test]
    fn the_bom_is_dropped_even_split_across_chunks() {
        for trozo in 1..5 {
            assert_eq!(
                normalizar(Codificacion::Utf8Bom, b"\xEF\xBB\xBFNSS", trozo),
                "NSS"
            );
        }
    }

    #[test]
    fn windows_1252_becomes_utf8() {
        assert_eq!(
            normalizar(
                Codificacion::Windows1252,
                b"PE\xD1A,N\xFAmero,\x80 5,\x93x\x94",
                2
            ),
            "PEÑA,Número,€ 5,\u{201C}x\u{201D}"
        );
    }
}
