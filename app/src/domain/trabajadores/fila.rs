//! The checks of one data row: column count, NSS, CURP, SBC against the period's limits, and
//! duplicates against the rows before it. A row gets **all** its findings, not just the first.

use super::{celdas_usadas, miles, Columna, HallazgoFila, Mapa, Separador, Severidad, Trabajador};
use crate::domain::dinero::{LimitesSbc, Sbc};
use crate::domain::error::ErrorCode;
use crate::domain::ids::{Curp, Nss};
use std::collections::HashMap;

/// First row of each NSS and CURP seen so far. Keys are the identifiers packed into 8 bytes
/// ([`Nss::clave`], [`Curp::clave`]).
#[derive(Debug, Default)]
pub(crate) struct Duplicados {
    nss: HashMap<u64, u64, Semilla>,
    curp: HashMap<u64, u64, Semilla>,
}

/// A per-table random seed for [`Mezcla`]: without it, anyone could craft a file of valid NSS
/// that all land in the same bucket and make one upload take hours.
#[derive(Clone, Debug)]
pub(crate) struct Semilla(u64);

impl Default for Semilla {
    fn default() -> Self {
        use std::hash::BuildHasher;
        Semilla(std::collections::hash_map::RandomState::new().hash_one(0x1C50E_u64))
    }
}

impl std::hash::BuildHasher for Semilla {
    type Hasher = Mezcla;
    fn build_hasher(&self) -> Mezcla {
        Mezcla(self.0)
    }
}

/// A keyed multiply–xorshift of one `u64`: a tenth of SipHash's cost for these integer keys.
#[derive(Debug)]
pub(crate) struct Mezcla(u64);

impl std::hash::Hasher for Mezcla {
    fn finish(&self) -> u64 {
        let mut h = self.0.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        h ^= h >> 29;
        h.wrapping_mul(0xBF58_476D_1CE4_E5B9) ^ (h >> 32)
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n)
            .wrapping_mul(0x94D0_49BB_1331_11EB)
            .rotate_left(31);
    }
}

impl Duplicados {
    /// Room for about `filas` rows, so a large file does not pay for rehashing.
    pub(crate) fn con_capacidad(filas: usize) -> Self {
        Duplicados {
            nss: HashMap::with_capacity_and_hasher(filas, Semilla::default()),
            curp: HashMap::with_capacity_and_hasher(filas, Semilla::default()),
        }
    }
}

/// Excel keeps a number typed as `="0110…"` as text; the saved CSV may carry the formula.
fn sin_formula(celda: &str) -> &str {
    let t = celda.trim();
    t.strip_prefix("=\"")
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(t)
}

fn hallazgo(
    fila: u64,
    columna: Option<Columna>,
    codigo: ErrorCode,
    mensaje: String,
) -> HallazgoFila {
    HallazgoFila {
        fila,
        columna,
        codigo,
        severidad: Severidad::Error,
        mensaje,
    }
}

/// The context every row is checked in.
pub(crate) struct Contexto<'a> {
    pub mapa: &'a Mapa,
    pub separador: Separador,
    pub limites: &'a LimitesSbc,
}

/// Whether a row is blank: Excel writes `,,` for rows whose cells were touched and emptied.
pub(crate) fn en_blanco(celdas: &[&str]) -> bool {
    celdas.iter().all(|c| c.trim().is_empty())
}

/// Checks one row; pushes its findings to `hallazgos` and returns the worker when it has no errors.
pub(crate) fn revisar(
    ctx: &Contexto<'_>,
    fila: u64,
    celdas: &[&str],
    duplicados: &mut Duplicados,
    hallazgos: &mut Vec<HallazgoFila>,
) -> Option<Trabajador> {
    let usadas = celdas_usadas(celdas);
    if usadas < ctx.mapa.minimo || usadas > ctx.mapa.columnas {
        hallazgos.push(hallazgo(
            fila,
            None,
            ErrorCode::RowColumns,
            mensaje_columnas(ctx, usadas, celdas),
        ));
        return None;
    }
    let celda = |i: usize| sin_formula(celdas.get(i).copied().unwrap_or(""));
    let inicio = hallazgos.len();

    let nss = match Nss::parse(celda(ctx.mapa.nss)) {
        Ok(nss) => {
            if let Some(primera) = primera_vez(&mut duplicados.nss, nss.clave(), fila) {
                hallazgos.push(hallazgo(
                    fila,
                    Some(Columna::Nss),
                    ErrorCode::DuplicateNss,
                    format!("El NSS {nss} ya aparece en el renglón {primera}. Cada trabajador va una sola vez por contrato; borra uno de los dos renglones."),
                ));
            }
            Some(nss)
        }
        Err(e) => {
            hallazgos.push(HallazgoFila::de(
                fila,
                Some(Columna::Nss),
                Severidad::Error,
                &e,
            ));
            None
        }
    };
    let curp = match Curp::parse(celda(ctx.mapa.curp)) {
        Ok(curp) => {
            if let Some(primera) = primera_vez(&mut duplicados.curp, curp.clave(), fila) {
                hallazgos.push(hallazgo(
                    fila,
                    Some(Columna::Curp),
                    ErrorCode::DuplicateCurp,
                    format!("La CURP {curp} ya aparece en el renglón {primera}. Cada trabajador va una sola vez por contrato; borra uno de los dos renglones."),
                ));
            }
            Some(curp)
        }
        Err(e) => {
            hallazgos.push(HallazgoFila::de(
                fila,
                Some(Columna::Curp),
                Severidad::Error,
                &e,
            ));
            None
        }
    };
    let sbc = match Sbc::parse(celda(ctx.mapa.sbc))
        .and_then(|s| s.revisar(ctx.limites).map(|aviso| (s, aviso)))
    {
        Ok((sbc, aviso)) => {
            if let Some(aviso) = aviso {
                hallazgos.push(HallazgoFila::de(
                    fila,
                    Some(Columna::Sbc),
                    Severidad::Aviso,
                    &aviso,
                ));
            }
            Some(sbc)
        }
        Err(e) => {
            hallazgos.push(HallazgoFila::de(
                fila,
                Some(Columna::Sbc),
                Severidad::Error,
                &e,
            ));
            None
        }
    };
    let sin_errores = hallazgos
        .get(inicio..)
        .unwrap_or_default()
        .iter()
        .all(|h| h.severidad == Severidad::Aviso);
    match (nss, curp, sbc) {
        (Some(nss), Some(curp), Some(sbc)) if sin_errores => Some(Trabajador { nss, curp, sbc }),
        _ => None,
    }
}

/// Records `clave` at `fila`; returns the earlier row if it was already there.
fn primera_vez(mapa: &mut HashMap<u64, u64, Semilla>, clave: u64, fila: u64) -> Option<u64> {
    match mapa.entry(clave) {
        std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
        std::collections::hash_map::Entry::Vacant(e) => {
            e.insert(fila);
            None
        }
    }
}

fn mensaje_columnas(ctx: &Contexto<'_>, usadas: usize, celdas: &[&str]) -> String {
    let esperadas = if usadas > ctx.mapa.columnas {
        ctx.mapa.columnas
    } else {
        ctx.mapa.minimo
    };
    let mut m = format!(
        "El renglón tiene {} {} y se esperan {esperadas} (con NSS, CURP y SBC) separadas por {}.",
        miles(usadas as u64),
        if usadas == 1 { "columna" } else { "columnas" },
        ctx.separador.nombre()
    );
    // A single cell holding another delimiter: the file mixes separators.
    if usadas == 1 {
        if let Some(otro) = Separador::TODOS.iter().find(|s| {
            **s != ctx.separador && celdas.first().is_some_and(|c| c.contains(s.as_str()))
        }) {
            m.push_str(&format!(
                " Este renglón usa {}; usa el mismo separador en todo el archivo.",
                otro.nombre()
            ));
        }
    } else if usadas > esperadas {
        m.push_str(" Revisa que ningún valor lleve el separador (por ejemplo comas de miles en el SBC) y quita las columnas de más.");
    } else {
        m.push_str(" Completa los datos que faltan.");
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn limites() -> LimitesSbc {
        crate::domain::dinero::tabla_publicada()
            .limites_en(NaiveDate::from_ymd_opt(2026, 8, 31).unwrap())
            .unwrap()
    }

    fn revisar_filas(filas: &[&[&str]]) -> (Vec<HallazgoFila>, usize) {
        let mapa = Mapa::default();
        let l = limites();
        let ctx = Contexto {
            mapa: &mapa,
            separador: Separador::Coma,
            limites: &l,
        };
        let mut dup = Duplicados::default();
        let mut hallazgos = Vec::new();
        let mut validas = 0;
        for (i, celdas) in filas.iter().enumerate() {
            if revisar(&ctx, i as u64 + 1, celdas, &mut dup, &mut hallazgos).is_some() {
                validas += 1;
            }
        }
        (hallazgos, validas)
    }

    #[test]
    fn the_spec_example_rows_are_valid() {
        let (h, validas) = revisar_filas(&[
            &["01108512342", "PELJ850101HDFRPN06", "315.04"],
            &["43159067891", "GAMA900215MJCRRN05", "1250.50"],
            &["92919084431", "LOHM010203HNLPRRA4", "2932.75"],
            &["56028700559", "ROSE750630MVZDNL02", "480.00"],
        ]);
        assert_eq!(h, vec![]);
        assert_eq!(validas, 4);
    }

    #[test]
    fn a_row_gets_every_finding_not_only_the_first() {
        let (h, validas) = revisar_filas(&[&["12345678901", "PELJ850101HDFRPN07", "$315"]]);
        let codigos: Vec<_> = h.iter().map(|h| (h.columna, h.codigo)).collect();
        assert_eq!(
            codigos,
            vec![
                (Some(Columna::Nss), ErrorCode::NssCheckDigit),
                (Some(Columna::Curp), ErrorCode::CurpCheckDigit),
                (Some(Columna::Sbc), ErrorCode::SbcFormat),
            ]
        );
        assert_eq!(validas, 0);
    }

    #[test]
    fn duplicates_are_reported_on_the_later_row_naming_the_first() {
        let (h, validas) = revisar_filas(&[
            &["01108512342", "PELJ850101HDFRPN06", "315.04"],
            &["43159067891", "GAMA900215MJCRRN05", "500"],
            &["01108512342", "GAMA900215MJCRRN05", "500"],
        ]);
        assert_eq!(h.len(), 2);
        assert!(h.iter().all(|h| h.fila == 3));
        assert_eq!(h[0].codigo, ErrorCode::DuplicateNss);
        assert!(h[0].mensaje.contains("renglón 1"), "{}", h[0].mensaje);
        assert_eq!(h[1].codigo, ErrorCode::DuplicateCurp);
        assert!(h[1].mensaje.contains("renglón 2"), "{}", h[1].mensaje);
        assert_eq!(validas, 2);
    }

    #[test]
    fn below_minimum_is_a_warning_and_the_row_stays_valid() {
        let (h, validas) = revisar_filas(&[&["01108512342", "PELJ850101HDFRPN06", "200.00"]]);
        assert_eq!(h.len(), 1);
        assert_eq!(
            (h[0].codigo, h[0].severidad),
            (ErrorCode::SbcBelowMinimum, Severidad::Aviso)
        );
        assert_eq!(validas, 1);
    }

    #[test]
    fn wrong_column_counts_explain_themselves() {
        let (h, _) = revisar_filas(&[
            &["01108512342;PELJ850101HDFRPN06;315.04"],
            &["01108512342", "PELJ850101HDFRPN06", "1", "250.50"],
            &["01108512342", "PELJ850101HDFRPN06"],
            &["01108512342", "PELJ850101HDFRPN06", "315.04", "", " "],
        ]);
        assert_eq!(h.len(), 3, "{h:?}");
        assert!(h
            .iter()
            .all(|h| h.codigo == ErrorCode::RowColumns && h.columna.is_none()));
        assert!(h[0].mensaje.contains("punto y coma"), "{}", h[0].mensaje);
        assert!(h[1].mensaje.contains("4 columnas"), "{}", h[1].mensaje);
        assert!(h[2].mensaje.contains("faltan"), "{}", h[2].mensaje);
    }

    #[test]
    fn excel_text_formulas_and_spaces_are_forgiven() {
        let (h, validas) =
            revisar_filas(&[&["=\"01108512342\"", " pelj850101hdfrpn06 ", " 315.04 "]]);
        assert_eq!(h, vec![]);
        assert_eq!(validas, 1);
    }
}
