//! The contract CSV ("Importar contratos"): one row per contract, a header naming the columns
//! (any order, accents and case forgiven), read with the worker CSV's encoding and delimiter
//! detection so a file saved by Excel in any Windows locale reads right. The real ICSOE makes users
//! type contracts one by one; `docs/CSV_CONTRATOS.md` documents this template.

use super::contrato::{ContextoContrato, Contrato, ContratoEntrada};
use crate::domain::error::ErrorCampo;
use crate::domain::trabajadores::{Detector, ErrorArchivo, Normalizador};
use serde::{Deserialize, Serialize};

/// Most contracts per file.
pub const MAX_FILAS: u64 = 5_000;
/// Most bytes per file.
pub const MAX_BYTES: u64 = 5 * 1024 * 1024;
/// File name offered for the template.
pub const NOMBRE_PLANTILLA: &str = "plantilla_contratos.csv";

/// Column names of the template, in order.
pub const COLUMNAS: [&str; 12] = [
    "rfc_contratante",
    "nombre_contratante",
    "correo",
    "celular",
    "telefono_fijo",
    "objeto",
    "servicio",
    "fecha_inicio",
    "fecha_termino",
    "numero_contrato",
    "monto",
    "trabajadores_estimados",
];

const OBLIGATORIAS: [&str; 7] = [
    "rfc_contratante",
    "nombre_contratante",
    "correo",
    "celular",
    "objeto",
    "servicio",
    "fecha_inicio",
];

/// The template: UTF-8 with BOM (Excel), header and one example row.
pub fn plantilla() -> Vec<u8> {
    let mut v = b"\xEF\xBB\xBF".to_vec();
    v.extend_from_slice(COLUMNAS.join(",").as_bytes());
    v.extend_from_slice(b"\r\nAAA010101AAA,Cliente Ejemplo SA de CV,compras@cliente.mx,5512345678,,Mantenimiento preventivo de elevadores,AR12345/2021,15/09/2026,,C-2026-001,150000.00,12\r\n");
    v
}

/// A column name as people write it, reduced to the template's name.
fn canonica(nombre: &str) -> Option<&'static str> {
    let n: String = nombre
        .trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'á' => 'a',
            'é' => 'e',
            'í' => 'i',
            'ó' => 'o',
            'ú' | 'ü' => 'u',
            'ñ' => 'n',
            c if c.is_ascii_alphanumeric() => c,
            _ => '_',
        })
        .collect::<String>()
        .split('_')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    Some(match n.as_str() {
        "rfc_contratante" | "rfc" | "rfc_cliente" | "rfc_del_contratante" => "rfc_contratante",
        "nombre_contratante"
        | "nombre"
        | "razon_social"
        | "nombre_o_razon_social"
        | "nombre_del_contratante"
        | "cliente" => "nombre_contratante",
        "correo" | "correo_electronico" | "email" | "e_mail" => "correo",
        "celular" | "telefono_celular" => "celular",
        "telefono_fijo" | "fijo" | "telefono" => "telefono_fijo",
        "objeto" | "objeto_del_contrato" | "objeto_contrato" => "objeto",
        "servicio"
        | "servicio_repse"
        | "folio_servicio"
        | "folio_repse"
        | "servicio_u_obra_especializado" => "servicio",
        "fecha_inicio" | "fecha_de_inicio" | "inicio" => "fecha_inicio",
        "fecha_termino" | "fecha_de_termino" | "termino" | "fecha_fin" => "fecha_termino",
        "numero_contrato" | "numero_de_contrato" | "no_contrato" | "contrato" => "numero_contrato",
        "monto" | "monto_del_contrato" | "importe" => "monto",
        "trabajadores_estimados" | "numero_estimado_de_trabajadores" | "trabajadores" => {
            "trabajadores_estimados"
        }
        _ => return None,
    })
}

/// One data row, as read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FilaContrato {
    /// The row as Excel numbers it (the header is row 1).
    pub fila: u64,
    /// The values.
    pub entrada: ContratoEntrada,
}

/// One row after the contract checks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RevisionFila {
    /// Row number.
    pub fila: u64,
    /// The values.
    pub entrada: ContratoEntrada,
    /// Errors: the row will not be imported.
    pub errores: Vec<ErrorCampo>,
    /// Warnings: imported, to double-check.
    pub avisos: Vec<ErrorCampo>,
}

fn encabezado_invalido(detalle: String) -> ErrorArchivo {
    ErrorArchivo::Encabezado { fila: 1, detalle }
}

/// Reads the whole file (it is small: at most [`MAX_BYTES`]).
pub fn leer(bytes: &[u8]) -> Result<Vec<FilaContrato>, ErrorArchivo> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(ErrorArchivo::demasiado_grande(
            bytes.len() as u64,
            MAX_BYTES,
        ));
    }
    let mut detector = Detector::new();
    detector.alimentar(bytes);
    let deteccion = detector.terminar();
    let mut texto = Vec::with_capacity(bytes.len());
    Normalizador::new(deteccion.codificacion).normalizar(bytes, &mut texto);
    let mut lector = csv::ReaderBuilder::new()
        .delimiter(deteccion.separador.byte())
        .flexible(true)
        .has_headers(false)
        .from_reader(texto.as_slice());
    let mut registros = lector.records();
    let encabezado = loop {
        match registros.next() {
            None => return Err(ErrorArchivo::Vacio),
            Some(Err(e)) => {
                return Err(ErrorArchivo::Ilegible {
                    detalle: e.to_string(),
                })
            }
            Some(Ok(r)) if r.iter().all(|c| c.trim().is_empty()) => continue,
            Some(Ok(r)) => break r,
        }
    };
    let mut mapa: Vec<Option<&'static str>> = Vec::new();
    for celda in encabezado.iter() {
        if celda.trim().is_empty() {
            mapa.push(None);
            continue;
        }
        match canonica(celda) {
            Some(c) if mapa.contains(&Some(c)) => {
                return Err(encabezado_invalido(format!(
                    "la columna «{}» está repetida.",
                    celda.trim()
                )))
            }
            Some(c) => mapa.push(Some(c)),
            None => {
                return Err(encabezado_invalido(format!(
                    "la columna «{}» no se reconoce. Las columnas son: {}.",
                    celda.trim(),
                    COLUMNAS.join(", ")
                )))
            }
        }
    }
    let faltan: Vec<&str> = OBLIGATORIAS
        .iter()
        .filter(|o| !mapa.contains(&Some(**o)))
        .copied()
        .collect();
    if !faltan.is_empty() {
        return Err(encabezado_invalido(format!(
            "faltan las columnas obligatorias: {}. Descarga la plantilla para ver el formato.",
            faltan.join(", ")
        )));
    }
    let mut filas = Vec::new();
    let (mut linea, mut contado) = (1u64, 0usize);
    for r in registros {
        let r = r.map_err(|e| ErrorArchivo::Ilegible {
            detalle: e.to_string(),
        })?;
        if r.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if filas.len() as u64 >= MAX_FILAS {
            return Err(ErrorArchivo::DemasiadasFilas {
                max: crate::domain::dinero::miles(MAX_FILAS),
            });
        }
        let mut e = ContratoEntrada::default();
        for (celda, columna) in r.iter().zip(mapa.iter()) {
            let v = celda.trim().to_string();
            match columna {
                Some("rfc_contratante") => e.rfc_contratante = v,
                Some("nombre_contratante") => e.nombre_contratante = v,
                Some("correo") => e.correo = v,
                Some("celular") => e.celular = v,
                Some("telefono_fijo") => e.fijo = v,
                Some("objeto") => e.objeto = v,
                Some("servicio") => e.servicio = v,
                Some("fecha_inicio") => e.fecha_inicio = v,
                Some("fecha_termino") => e.fecha_termino = v,
                Some("numero_contrato") => e.numero_contrato = v,
                Some("monto") => e.monto = v,
                Some("trabajadores_estimados") => e.trabajadores_estimados = v,
                _ => {}
            }
        }
        // The row as Excel numbers it: 1 + the line ends before the record starts (blank rows
        // count, as in Excel).
        let inicio = r.position().map_or(0, |p| p.byte());
        let mut inicio = usize::try_from(inicio)
            .unwrap_or(usize::MAX)
            .min(texto.len());
        // csv reports where it started reading, before the blank lines it skipped.
        while texto.get(inicio) == Some(&b'\n') {
            inicio += 1;
        }
        linea += texto
            .get(contado..inicio)
            .unwrap_or_default()
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        contado = inicio;
        let fila = linea;
        filas.push(FilaContrato { fila, entrada: e });
    }
    if filas.is_empty() {
        return Err(ErrorArchivo::SoloEncabezado);
    }
    Ok(filas)
}

/// Checks every row against the informativa (the same checks as the form).
pub fn revisar(filas: Vec<FilaContrato>, ctx: &ContextoContrato<'_>) -> Vec<RevisionFila> {
    filas
        .into_iter()
        .map(|f| {
            let (errores, avisos) = match Contrato::validar(&f.entrada, ctx) {
                Ok((_, avisos)) => (Vec::new(), avisos),
                Err(errores) => (errores, Vec::new()),
            };
            RevisionFila {
                fila: f.fila,
                entrada: f.entrada,
                errores,
                avisos,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::contrato::tests::{ctx, servicios};
    use super::*;
    use crate::domain::error::{DomainError, ErrorCode};

    #[test]
    fn the_template_reads_and_passes() {
        let filas = leer(&plantilla()).unwrap();
        assert_eq!(filas.len(), 1);
        assert_eq!(filas[0].fila, 2);
        let s = servicios();
        let r = revisar(filas, &ctx(&s));
        assert!(r[0].errores.is_empty(), "{:?}", r[0].errores);
    }

    #[test]
    fn excel_latin1_semicolons_and_other_column_names() {
        // Windows-1252 "Razón social" and a semicolon, as Excel saves in a Spanish locale.
        let mut b = b"RFC;Raz\xf3n social;Correo electr\xf3nico;Celular;Objeto del contrato;Folio REPSE;Fecha de inicio\r\n".to_vec();
        b.extend_from_slice(b"AAA010101AAA;Compa\xf1\xeda;a@b.mx;5512345678;Limpieza;AR12345/2021;01/10/2026\r\n\r\n");
        b.extend_from_slice(
            b"EKU9003173C9;Yo mismo;a@b.mx;5512345678;Limpieza;AR12345/2021;01/10/2026\r\n",
        );
        let filas = leer(&b).unwrap();
        assert_eq!(filas.len(), 2);
        assert_eq!(filas[0].entrada.nombre_contratante, "Compañía");
        assert_eq!(filas[1].fila, 4);
        let s = servicios();
        let r = revisar(filas, &ctx(&s));
        assert!(r[0].errores.is_empty());
        assert_eq!(r[1].errores[0].codigo, ErrorCode::RfcContratista);
    }

    #[test]
    fn header_problems_are_explained() {
        let e = leer(b"rfc,nombre\nAAA010101AAA,X\n").unwrap_err();
        assert_eq!(e.code(), ErrorCode::FileHeader);
        assert!(
            e.to_string()
                .contains("correo, celular, objeto, servicio, fecha_inicio"),
            "{e}"
        );
        let e = leer(b"rfc,color\n").unwrap_err();
        assert!(e.to_string().contains("«color» no se reconoce"), "{e}");
        let e = leer(b"rfc,RFC\n").unwrap_err();
        assert!(e.to_string().contains("repetida"), "{e}");
        assert_eq!(leer(b"\r\n\r\n").unwrap_err(), ErrorArchivo::Vacio);
        assert_eq!(
            leer(COLUMNAS.join(",").as_bytes()).unwrap_err(),
            ErrorArchivo::SoloEncabezado
        );
    }
}
