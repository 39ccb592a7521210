//! Recognising an identifier by its shape and validating it: the core of `icsoe validar-id` and,
//! later, of the capture forms.

use super::{normalizar, Curp, Nss, Rfc, TipoRfc};
use crate::domain::error::{DomainError, ErrorCode};
use serde::{Deserialize, Serialize};

/// A finding about a value: an error (the value is refused) or a warning (it is accepted).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Hallazgo {
    /// Stable code.
    pub codigo: ErrorCode,
    /// Spanish message.
    pub mensaje: String,
}

impl Hallazgo {
    fn de(error: &impl DomainError) -> Self {
        Hallazgo {
            codigo: error.code(),
            mensaje: error.to_string(),
        }
    }
}

/// What an identifier was taken to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TipoId {
    /// CURP.
    Curp,
    /// RFC of a persona física.
    RfcFisica,
    /// RFC of a persona moral.
    RfcMoral,
    /// `XAXX010101000` / `XEXX010101000`.
    RfcGenerico,
    /// NSS.
    Nss,
    /// Nothing recognisable.
    Desconocido,
}

/// A type the caller insists on (`--tipo`), instead of guessing by shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TipoForzado {
    /// Validate as a CURP.
    Curp,
    /// Validate as an RFC.
    Rfc,
    /// Validate as an NSS.
    Nss,
}

/// The verdict on one value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Identificacion {
    /// The value as given.
    pub valor: String,
    /// What it was validated as.
    pub tipo: TipoId,
    /// No errors (warnings allowed).
    pub valido: bool,
    /// Why it is refused.
    pub errores: Vec<Hallazgo>,
    /// What to double-check although it is accepted.
    pub avisos: Vec<Hallazgo>,
}

/// Guesses the type from the shape: 18 characters → CURP; 12–13 with letters first → RFC; digits
/// (10–11, with separators, or in scientific notation) → NSS.
fn adivinar(valor: &str) -> Option<TipoForzado> {
    let v = normalizar(valor);
    let sin_sep: String = v.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    let n = sin_sep.chars().count();
    let digitos = sin_sep.chars().all(|c| c.is_ascii_digit());
    let cientifica = v.contains('E')
        && v.chars().any(|c| c.is_ascii_digit())
        && v.chars().all(|c| c.is_ascii_digit() || ".,E+".contains(c));
    if (digitos && (9..=12).contains(&n)) || cientifica {
        Some(TipoForzado::Nss)
    } else if n == 18 {
        Some(TipoForzado::Curp)
    } else if (12..=13).contains(&n)
        && sin_sep
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '&')
    {
        Some(TipoForzado::Rfc)
    } else {
        None
    }
}

/// Validates `valor` as `forzado`, or as whatever its shape says.
pub fn identificar(valor: &str, forzado: Option<TipoForzado>) -> Identificacion {
    let (tipo, resultado): (TipoId, Result<Vec<Hallazgo>, Hallazgo>) = match forzado.or_else(|| adivinar(valor)) {
        Some(TipoForzado::Curp) => (TipoId::Curp, Curp::parse(valor).map(|_| Vec::new()).map_err(|e| Hallazgo::de(&e))),
        Some(TipoForzado::Nss) => (TipoId::Nss, Nss::parse(valor).map(|_| Vec::new()).map_err(|e| Hallazgo::de(&e))),
        Some(TipoForzado::Rfc) => match Rfc::parse(valor) {
            Ok(rfc) => {
                let tipo = match rfc.tipo() {
                    TipoRfc::Fisica => TipoId::RfcFisica,
                    TipoRfc::Moral => TipoId::RfcMoral,
                    TipoRfc::Generico => TipoId::RfcGenerico,
                };
                (tipo, Ok(rfc.avisos()))
            }
            Err(e) => {
                // Report the kind the length suggests, so the user knows how it was read.
                let tipo = if normalizar(valor).chars().count() == 12 { TipoId::RfcMoral } else { TipoId::RfcFisica };
                (tipo, Err(Hallazgo::de(&e)))
            }
        },
        None => (
            TipoId::Desconocido,
            Err(Hallazgo {
                codigo: ErrorCode::IdUnknown,
                mensaje: format!(
                    "No se reconoce «{}» como CURP (18 caracteres), RFC (12 o 13) ni NSS (11 dígitos).",
                    super::muestra(valor.trim())
                ),
            }),
        ),
    };
    let (errores, avisos) = match resultado {
        Ok(avisos) => (Vec::new(), avisos),
        Err(error) => (vec![error], Vec::new()),
    };
    Identificacion {
        valor: valor.to_string(),
        tipo,
        valido: errores.is_empty(),
        errores,
        avisos,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_is_guessed_from_the_shape() {
        assert_eq!(identificar("HEGG560427MVZRRL04", None).tipo, TipoId::Curp);
        assert_eq!(identificar("GODE561231GR8", None).tipo, TipoId::RfcFisica);
        assert_eq!(identificar("EKU9003173C9", None).tipo, TipoId::RfcMoral);
        assert_eq!(identificar("XAXX010101000", None).tipo, TipoId::RfcGenerico);
        assert_eq!(identificar("92919084431", None).tipo, TipoId::Nss);
        assert_eq!(identificar("1108512342", None).tipo, TipoId::Nss);
        assert_eq!(identificar("9.29E+10", None).tipo, TipoId::Nss);
        let x = identificar("hola", None);
        assert_eq!((x.tipo, x.valido), (TipoId::Desconocido, false));
        assert_eq!(x.errores[0].codigo, ErrorCode::IdUnknown);
    }

    #[test]
    fn warnings_do_not_make_a_value_invalid() {
        let x = identificar("VACE460910SX6", None);
        assert!(x.valido);
        assert_eq!(x.avisos[0].codigo, ErrorCode::RfcCheckDigit);
    }

    #[test]
    fn a_forced_type_is_used_as_is() {
        let x = identificar("92919084431", Some(TipoForzado::Curp));
        assert_eq!((x.tipo, x.valido), (TipoId::Curp, false));
        assert_eq!(x.errores[0].codigo, ErrorCode::CurpFormat);
    }

    #[test]
    fn the_json_shape_is_stable() {
        let json = serde_json::to_value(identificar("12345678901", None)).unwrap();
        assert_eq!(json["valor"], "12345678901");
        assert_eq!(json["tipo"], "nss");
        assert_eq!(json["valido"], false);
        assert_eq!(json["errores"][0]["codigo"], "nss_check_digit");
        assert!(json["avisos"].as_array().unwrap().is_empty());
    }
}
