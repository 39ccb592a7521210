//! One way to send a file: its type, and a `Content-Disposition` that survives any name (an RFC
//! with `&` or `Ñ`, an accented original file name): an ASCII `filename` for old clients and the
//! exact name as `filename*=UTF-8''…` (RFC 6266 / RFC 8187) for the rest.

use axum::body::Body;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Whether the browser should show the file or save it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modo {
    /// Shown in the browser ("Ver archivo").
    EnLinea,
    /// Saved ("Descargar").
    Descarga,
}

/// RFC 8187 `attr-char`s stay; everything else is percent-encoded.
const ATTR: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'!')
    .remove(b'#')
    .remove(b'$')
    .remove(b'+')
    .remove(b'-')
    .remove(b'.')
    .remove(b'^')
    .remove(b'_')
    .remove(b'`')
    .remove(b'|')
    .remove(b'~');

/// The `Content-Disposition` value for `nombre`.
pub fn disposicion(modo: Modo, nombre: &str) -> HeaderValue {
    let tipo = match modo {
        Modo::EnLinea => "inline",
        Modo::Descarga => "attachment",
    };
    let ascii: String = nombre
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let exacto = utf8_percent_encode(nombre, ATTR);
    HeaderValue::from_str(&format!(
        "{tipo}; filename=\"{ascii}\"; filename*=UTF-8''{exacto}"
    ))
    .unwrap_or(HeaderValue::from_static("attachment"))
}

/// A file response: `tipo` (a MIME type), the disposition and the body.
pub fn adjunto(tipo: &'static str, modo: Modo, nombre: &str, cuerpo: impl Into<Body>) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(tipo)),
            (header::CONTENT_DISPOSITION, disposicion(modo, nombre)),
        ],
        cuerpo.into(),
    )
        .into_response()
}

/// A CSV offered as a download.
pub fn csv_adjunto(nombre: &str, cuerpo: impl Into<Body>) -> Response {
    adjunto("text/csv; charset=utf-8", Modo::Descarga, nombre, cuerpo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_ampersand_and_enye_keep_an_exact_utf8_form_and_an_ascii_fallback() {
        let v = disposicion(Modo::Descarga, "acuse-IAÑL750210963 & H&E.pdf");
        let t = v.to_str().unwrap();
        assert!(
            t.starts_with("attachment; filename=\"acuse-IA_L750210963___H_E.pdf\""),
            "{t}"
        );
        assert!(
            t.ends_with("filename*=UTF-8''acuse-IA%C3%91L750210963%20%26%20H%26E.pdf"),
            "{t}"
        );
    }

    #[test]
    fn quotes_and_line_breaks_cannot_break_the_header() {
        let v = disposicion(Modo::EnLinea, "a\"b\r\nc.pdf");
        assert!(v
            .to_str()
            .unwrap()
            .starts_with("inline; filename=\"a_b__c.pdf\""));
    }
}
