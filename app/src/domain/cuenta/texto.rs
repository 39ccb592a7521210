//! Free-text fields of forms: trimmed, inner runs of whitespace collapsed, required or optional,
//! with a length limit (domain.md §3.2 lengths, PROP where the real limit is unknown).

use crate::domain::error::{ErrorCampo, ErrorCode};

/// Trims and collapses whitespace.
pub fn limpiar(valor: &str) -> String {
    valor.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A required text: empty → `field_required`, too long → `field_too_long`.
pub fn requerido(
    errores: &mut Vec<ErrorCampo>,
    campo: &str,
    etiqueta: &str,
    valor: &str,
    max: usize,
) -> String {
    let v = limpiar(valor);
    if v.is_empty() {
        errores.push(ErrorCampo::nuevo(
            campo,
            ErrorCode::FieldRequired,
            format!("Escribe {etiqueta}: es {}.", obligatorio(etiqueta)),
        ));
    } else {
        largo(errores, campo, etiqueta, &v, max);
    }
    v
}

/// "obligatoria" for a feminine label ("la calle", "la colonia"), "obligatorio" otherwise.
fn obligatorio(etiqueta: &str) -> &'static str {
    if etiqueta.starts_with("la ") || etiqueta.starts_with("las ") {
        "obligatoria"
    } else {
        "obligatorio"
    }
}

/// An optional text: empty is `None`.
pub fn opcional(
    errores: &mut Vec<ErrorCampo>,
    campo: &str,
    etiqueta: &str,
    valor: &str,
    max: usize,
) -> Option<String> {
    let v = limpiar(valor);
    if v.is_empty() {
        return None;
    }
    largo(errores, campo, etiqueta, &v, max);
    Some(v)
}

fn largo(errores: &mut Vec<ErrorCampo>, campo: &str, etiqueta: &str, v: &str, max: usize) {
    let n = v.chars().count();
    if n > max {
        errores.push(ErrorCampo::nuevo(
            campo,
            ErrorCode::FieldTooLong,
            format!(
                "{} admite hasta {max} caracteres y tiene {n}; abrévialo.",
                mayuscula(etiqueta)
            ),
        ));
    }
}

fn mayuscula(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|p| p.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_is_trimmed_collapsed_and_limited() {
        let mut e = Vec::new();
        assert_eq!(
            requerido(&mut e, "calle", "la calle", "  Av.   Juárez ", 100),
            "Av. Juárez"
        );
        assert!(e.is_empty());
        requerido(&mut e, "calle", "la calle", "   ", 100);
        assert_eq!(e[0].codigo, ErrorCode::FieldRequired);
        assert_eq!(e[0].mensaje, "Escribe la calle: es obligatoria.");
        requerido(&mut e, "calle", "la calle", &"x".repeat(101), 100);
        assert_eq!(e[1].codigo, ErrorCode::FieldTooLong);
        assert!(e[1].mensaje.starts_with("La calle admite hasta 100"));
    }

    #[test]
    fn the_required_message_agrees_with_the_label() {
        let mut e = Vec::new();
        requerido(&mut e, "o", "el objeto del contrato", "", 10);
        assert_eq!(
            e[0].mensaje,
            "Escribe el objeto del contrato: es obligatorio."
        );
    }

    #[test]
    fn optional_text_is_none_when_blank() {
        let mut e = Vec::new();
        assert_eq!(opcional(&mut e, "n", "el número interior", " ", 20), None);
        assert_eq!(
            opcional(&mut e, "n", "el número interior", "B-2", 20).as_deref(),
            Some("B-2")
        );
        assert!(e.is_empty());
    }
}
