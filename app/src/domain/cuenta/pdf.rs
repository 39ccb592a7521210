//! "Is this a PDF?" by its bytes, not its name (a renamed `.exe` must not pass): the `%PDF-`
//! header within the first 1024 bytes (ISO 32000-1 §7.5.2 lets readers tolerate leading junk
//! there) and an `%%EOF` marker in the last 1024 bytes (§7.5.5), which a truncated upload lacks.

use crate::domain::error::{DomainError, ErrorCode};

fn contiene(pajar: &[u8], aguja: &[u8]) -> bool {
    pajar.windows(aguja.len()).any(|w| w == aguja)
}

/// Why a file is not accepted as a PDF.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// No `%PDF-` header: another kind of file.
    #[error("El archivo no es un PDF{0}. Sube el acuse de registro en el padrón tal como lo descargaste del portal de la STPS.")]
    NoEsPdf(&'static str),
    /// A header but no end marker: cut short.
    #[error("El PDF está incompleto o dañado (no tiene marca de fin). Descárgalo de nuevo y vuelve a subirlo.")]
    Incompleto,
}

impl DomainError for PdfError {
    fn code(&self) -> ErrorCode {
        ErrorCode::FileNotPdf
    }
}

/// Refuses anything that is not a complete PDF. The browser checks before uploading; the server
/// checks again.
pub fn exigir_pdf(bytes: &[u8]) -> Result<(), PdfError> {
    let inicio = &bytes[..bytes.len().min(1024)];
    if !contiene(inicio, b"%PDF-") {
        let tipo = if bytes.starts_with(b"MZ") {
            " (parece un programa de Windows)"
        } else if bytes.starts_with(b"PK") {
            " (parece un archivo ZIP o de Office)"
        } else if bytes.starts_with(&[0xFF, 0xD8]) || bytes.starts_with(b"\x89PNG") {
            " (parece una imagen)"
        } else {
            ""
        };
        return Err(PdfError::NoEsPdf(tipo));
    }
    let fin = &bytes[bytes.len().saturating_sub(1024)..];
    if !contiene(fin, b"%%EOF") {
        return Err(PdfError::Incompleto);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_passes_and_a_renamed_exe_does_not() {
        assert!(exigir_pdf(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n").is_ok());
        let e = exigir_pdf(b"MZ\x90\x00\x03\x00\x00\x00").unwrap_err();
        assert_eq!(e.code(), ErrorCode::FileNotPdf);
        assert!(e.to_string().contains("programa de Windows"));
    }

    #[test]
    fn a_truncated_pdf_and_an_empty_file_are_refused() {
        assert!(exigir_pdf(b"%PDF-1.4\n1 0 obj\n<<").is_err());
        assert!(exigir_pdf(b"").is_err());
    }
}
