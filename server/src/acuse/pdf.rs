//! A minimal PDF 1.4 writer: one page, the three standard fonts every reader has (Helvetica,
//! Helvetica-Bold, Courier; no embedding), text and filled rectangles. Enough for an acuse, and
//! deterministic: no creation date or random `/ID`, so the same data always gives the same bytes.

use std::fmt::Write;

/// The fonts the page uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fuente {
    /// Helvetica.
    Normal,
    /// Helvetica-Bold.
    Negrita,
    /// Courier (fixed width: long codes wrap at a known column).
    Fija,
}

impl Fuente {
    fn nombre(self) -> &'static str {
        match self {
            Fuente::Normal => "/F1",
            Fuente::Negrita => "/F2",
            Fuente::Fija => "/F3",
        }
    }
}

/// Letter size, in points.
pub const ANCHO: f32 = 612.0;
/// Letter size, in points.
pub const ALTO: f32 = 792.0;

/// One page being drawn.
#[derive(Debug, Default)]
pub struct Pagina {
    ops: String,
}

/// Text as WinAnsi (cp1252) bytes inside a PDF string literal.
fn literal(texto: &str) -> Vec<u8> {
    let mut v = Vec::with_capacity(texto.len() + 2);
    v.push(b'(');
    for c in texto.chars() {
        let b = match c {
            '(' | ')' | '\\' => {
                v.push(b'\\');
                c as u8
            }
            '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{ff}' => c as u32 as u8,
            '€' => 0x80,
            '…' => 0x85,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            _ => b'?',
        };
        v.push(b);
    }
    v.push(b')');
    v
}

impl Pagina {
    /// A blank page.
    pub fn new() -> Self {
        Pagina::default()
    }

    /// Text with its baseline starting at (`x`, `y`) from the bottom-left corner.
    pub fn texto(&mut self, fuente: Fuente, tam: f32, x: f32, y: f32, texto: &str) {
        let _ = write!(
            self.ops,
            "BT {} {tam:.1} Tf {x:.2} {y:.2} Td ",
            fuente.nombre()
        );
        // Non-ASCII bytes go in as octal escapes so the stream stays ASCII.
        for b in literal(texto) {
            if b.is_ascii() && b >= 0x20 {
                self.ops.push(char::from(b));
            } else {
                let _ = write!(self.ops, "\\{b:03o}");
            }
        }
        self.ops.push_str(" Tj ET\n");
    }

    /// Gray level for what follows (0 black, 1 white).
    pub fn gris(&mut self, g: f32) {
        let _ = writeln!(self.ops, "{g:.2} g");
    }

    /// A filled rectangle.
    pub fn rectangulo(&mut self, x: f32, y: f32, ancho: f32, alto: f32) {
        let _ = writeln!(self.ops, "{x:.2} {y:.2} {ancho:.2} {alto:.2} re f");
    }

    /// A horizontal rule.
    pub fn linea(&mut self, x1: f32, x2: f32, y: f32) {
        let _ = writeln!(self.ops, "0.5 w {x1:.2} {y:.2} m {x2:.2} {y:.2} l S");
    }

    /// The finished file.
    pub fn documento(self, titulo: &str) -> Vec<u8> {
        let mut objetos: Vec<Vec<u8>> = Vec::new();
        objetos.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
        objetos.push(b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec());
        objetos.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {ANCHO} {ALTO}] \
                 /Resources << /Font << /F1 4 0 R /F2 5 0 R /F3 6 0 R >> >> /Contents 7 0 R >>"
            )
            .into_bytes(),
        );
        for base in ["Helvetica", "Helvetica-Bold", "Courier"] {
            objetos.push(
                format!(
                    "<< /Type /Font /Subtype /Type1 /BaseFont /{base} /Encoding /WinAnsiEncoding >>"
                )
                .into_bytes(),
            );
        }
        let mut contenido = format!("<< /Length {} >>\nstream\n", self.ops.len()).into_bytes();
        contenido.extend_from_slice(self.ops.as_bytes());
        contenido.extend_from_slice(b"\nendstream");
        objetos.push(contenido);
        let mut info = b"<< /Title ".to_vec();
        info.extend(literal(titulo));
        info.extend_from_slice(b" /Producer (ICSOE) >>");
        objetos.push(info);

        let mut pdf = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
        let mut posiciones = Vec::with_capacity(objetos.len());
        for (i, o) in objetos.iter().enumerate() {
            posiciones.push(pdf.len());
            pdf.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            pdf.extend_from_slice(o);
            pdf.extend_from_slice(b"\nendobj\n");
        }
        let xref = pdf.len();
        let mut tabla = format!("xref\n0 {}\n0000000000 65535 f \n", objetos.len() + 1);
        for p in posiciones {
            let _ = writeln!(tabla, "{p:010} 00000 n ");
        }
        let _ = write!(
            tabla,
            "trailer\n<< /Size {} /Root 1 0 R /Info {} 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objetos.len() + 1,
            objetos.len()
        );
        pdf.extend_from_slice(tabla.as_bytes());
        pdf
    }
}

/// Splits `texto` into lines of at most `columnas` characters (for Courier).
pub fn partir(texto: &str, columnas: usize) -> Vec<String> {
    let chars: Vec<char> = texto.chars().collect();
    chars
        .chunks(columnas.max(1))
        .map(|c| c.iter().collect())
        .collect()
}

/// Splits `texto` at spaces into lines that fit `ancho` points in Helvetica of size `tam`
/// (an average glyph of 0.52 em: close enough for Spanish text, never wider than the page).
pub fn partir_palabras(texto: &str, tam: f32, ancho: f32) -> Vec<String> {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a small positive column count"
    )]
    let columnas = (ancho / (tam * 0.52)).max(10.0) as usize;
    let mut lineas = Vec::new();
    let mut actual = String::new();
    for palabra in texto.split_whitespace() {
        if !actual.is_empty() && actual.chars().count() + 1 + palabra.chars().count() > columnas {
            lineas.push(std::mem::take(&mut actual));
        }
        if !actual.is_empty() {
            actual.push(' ');
        }
        actual.push_str(palabra);
    }
    if !actual.is_empty() {
        lineas.push(actual);
    }
    lineas
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_a_well_formed_pdf_with_a_correct_xref() {
        let mut p = Pagina::new();
        p.texto(
            Fuente::Negrita,
            12.0,
            50.0,
            700.0,
            "Acuse de presentación (año)",
        );
        p.rectangulo(10.0, 10.0, 5.0, 5.0);
        let pdf = p.documento("Acuse");
        assert!(pdf.starts_with(b"%PDF-1.4"));
        assert!(pdf.ends_with(b"%%EOF\n"));
        let texto = String::from_utf8_lossy(&pdf);
        // "ó" is WinAnsi 0xF3, written as an octal escape; parentheses are escaped.
        assert!(texto.contains("presentaci\\363n \\(a\\361o\\)"), "{texto}");
        // Every xref offset points at its object.
        let xref = texto.rfind("startxref\n").unwrap();
        let inicio: usize = texto[xref + 10..].lines().next().unwrap().parse().unwrap();
        let tabla = String::from_utf8_lossy(&pdf[inicio..]).into_owned();
        for (i, l) in tabla.lines().skip(3).take(8).enumerate() {
            let pos: usize = l[..10].parse().unwrap();
            // Byte offsets: the binary comment on line 2 makes the lossy text longer.
            assert!(
                pdf[pos..].starts_with(format!("{} 0 obj", i + 1).as_bytes()),
                "objeto {}",
                i + 1
            );
        }
    }

    #[test]
    fn long_text_wraps() {
        assert_eq!(partir("abcdef", 4), ["abcd", "ef"]);
        let l = partir_palabras("uno dos tres cuatro cinco seis", 10.0, 60.0);
        assert!(
            l.len() > 1 && l.iter().all(|x| x.chars().count() <= 11),
            "{l:?}"
        );
    }
}
