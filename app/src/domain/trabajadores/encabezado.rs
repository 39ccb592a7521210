//! The optional header row: recognised by its column names in short or long form (case, accents,
//! spaces and punctuation ignored), in any order.

use super::{celdas_usadas, Columna};

/// Names each column is known by, already simplified (see [`simplificar`]).
const NOMBRES: &[(Columna, &[&str])] = &[
    (
        Columna::Nss,
        &[
            "nss",
            "numerodeseguridadsocial",
            "numeroseguridadsocial",
            "nodeseguridadsocial",
            "numdeseguridadsocial",
            "seguridadsocial",
        ],
    ),
    (
        Columna::Curp,
        &[
            "curp",
            "claveunicaderegistrodepoblacion",
            "claveunicaderegistropoblacion",
        ],
    ),
    (
        Columna::Sbc,
        &[
            "sbc",
            "salariobasedecotizacion",
            "salariobasecotizacion",
            "salariobase",
            "salariodiariobasedecotizacion",
        ],
    ),
];

/// Lower case, without accents, spaces or punctuation: `"Número de Seguridad Social"` →
/// `"numerodeseguridadsocial"`, `"N.S.S."` → `"nss"`.
pub(crate) fn simplificar(texto: &str) -> String {
    texto
        .chars()
        .filter_map(|c| {
            let c = match c.to_lowercase().next().unwrap_or(c) {
                'á' | 'à' | 'ä' | 'â' => 'a',
                'é' | 'è' | 'ë' | 'ê' => 'e',
                'í' | 'ì' | 'ï' | 'î' => 'i',
                'ó' | 'ò' | 'ö' | 'ô' => 'o',
                'ú' | 'ù' | 'ü' | 'û' => 'u',
                'ñ' => 'n',
                otro => otro,
            };
            c.is_ascii_alphanumeric().then_some(c)
        })
        .collect()
}

/// The column a header cell names, if any.
pub(crate) fn columna_de(celda: &str) -> Option<Columna> {
    let s = simplificar(celda);
    NOMBRES
        .iter()
        .find(|(_, nombres)| nombres.contains(&s.as_str()))
        .map(|(c, _)| *c)
}

/// What the first row turned out to be.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum PrimeraFila {
    /// Data: the columns are NSS, CURP, SBC in that order.
    Datos,
    /// A valid header: where each column is (indexes into the row).
    Encabezado(Mapa),
    /// A header with a problem, described for the user.
    EncabezadoInvalido(String),
}

/// Where NSS, CURP and SBC are in each row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mapa {
    /// Index of the NSS.
    pub nss: usize,
    /// Index of the CURP.
    pub curp: usize,
    /// Index of the SBC.
    pub sbc: usize,
    /// Fewest cells a row must have (up to the last of the three).
    pub minimo: usize,
    /// Most cells a row may have (the header's width; trailing empty cells do not count).
    pub columnas: usize,
}

impl Default for Mapa {
    fn default() -> Self {
        Mapa {
            nss: 0,
            curp: 1,
            sbc: 2,
            minimo: 3,
            columnas: 3,
        }
    }
}

/// A row is a header when any of its cells names a known column. Then NSS, CURP and SBC must each
/// appear exactly once; other columns (a name, an employee number) are allowed and ignored, and
/// trailing empty cells, which Excel leaves, do not count.
pub(crate) fn examinar(celdas: &[&str]) -> PrimeraFila {
    let columnas: Vec<Option<Columna>> = celdas.iter().map(|c| columna_de(c)).collect();
    if columnas.iter().all(Option::is_none) {
        return PrimeraFila::Datos;
    }
    let usadas = celdas_usadas(celdas);
    let desconocidas: Vec<String> = celdas
        .iter()
        .zip(&columnas)
        .take(usadas)
        .filter(|(c, col)| col.is_none() && !c.trim().is_empty())
        .map(|(c, _)| format!("«{}»", c.trim()))
        .collect();
    let posicion = |buscada: Columna| -> Result<usize, String> {
        let mut indices = columnas
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == Some(buscada))
            .map(|(i, _)| i);
        match (indices.next(), indices.next()) {
            (Some(i), None) => Ok(i),
            (None, _) if desconocidas.is_empty() => Err(format!(
                "al encabezado le falta la columna {}.",
                buscada.as_str()
            )),
            (None, _) => Err(format!(
                "al encabezado le falta la columna {} (no se reconocen {}).",
                buscada.as_str(),
                desconocidas.join(", ")
            )),
            (Some(_), Some(_)) => Err(format!(
                "la columna {} aparece dos veces en el encabezado.",
                buscada.as_str()
            )),
        }
    };
    match (
        posicion(Columna::Nss),
        posicion(Columna::Curp),
        posicion(Columna::Sbc),
    ) {
        (Ok(nss), Ok(curp), Ok(sbc)) => PrimeraFila::Encabezado(Mapa {
            nss,
            curp,
            sbc,
            minimo: nss.max(curp).max(sbc) + 1,
            columnas: usadas,
        }),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => PrimeraFila::EncabezadoInvalido(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_names_in_any_case_with_accents_are_recognised() {
        assert_eq!(
            examinar(&[
                "Número de Seguridad Social",
                " curp ",
                "Salario Base de Cotización"
            ]),
            PrimeraFila::Encabezado(Mapa::default())
        );
        assert_eq!(
            examinar(&["SBC", "N.S.S.", "CURP"]),
            PrimeraFila::Encabezado(Mapa {
                nss: 1,
                curp: 2,
                sbc: 0,
                minimo: 3,
                columnas: 3
            })
        );
    }

    #[test]
    fn data_is_not_a_header() {
        assert_eq!(
            examinar(&["01108512342", "PELJ850101HDFRPN06", "315.04"]),
            PrimeraFila::Datos
        );
    }

    #[test]
    fn other_named_columns_are_allowed_and_ignored() {
        assert_eq!(
            examinar(&["Nombre", "NSS", "CURP", "SBC", "Puesto"]),
            PrimeraFila::Encabezado(Mapa {
                nss: 1,
                curp: 2,
                sbc: 3,
                minimo: 4,
                columnas: 5
            })
        );
    }

    #[test]
    fn trailing_empty_cells_are_ignored() {
        assert_eq!(
            examinar(&["NSS", "CURP", "SBC", "", " "]),
            PrimeraFila::Encabezado(Mapa::default())
        );
    }

    #[test]
    fn a_broken_header_says_what_is_wrong() {
        let falta = examinar(&["NSS", "CURP"]);
        assert!(
            matches!(&falta, PrimeraFila::EncabezadoInvalido(m) if m.contains("falta la columna SBC")),
            "{falta:?}"
        );
        let typo = examinar(&["NSSS", "CURP", "SBC"]);
        assert!(
            matches!(&typo, PrimeraFila::EncabezadoInvalido(m) if m.contains("falta la columna NSS") && m.contains("«NSSS»")),
            "{typo:?}"
        );
        let doble = examinar(&["NSS", "CURP", "NSS"]);
        assert!(
            matches!(&doble, PrimeraFila::EncabezadoInvalido(m) if m.contains("dos veces")),
            "{doble:?}"
        );
    }
}
