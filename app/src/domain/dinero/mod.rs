//! Money the informativa reports: the daily salary (`Sbc`) and the yearly figures that bound it
//! (UMA and minimum wage), kept as data with their dates of validity.
//!
//! Amounts are whole centavos (`u64`): no floating point ever touches a peso.

mod salarios;
mod sbc;

pub use salarios::{
    Concepto, LimitesSbc, Parametro, RangoMulta, SalariosError, TablaSalarios, VigenciaUma,
    Vigente, MULTA_MAXIMA_UMA, MULTA_MINIMA_UMA, TOPE_EN_UMA,
};
pub use sbc::{Sbc, SbcError};

/// The published figures as a table, for tests of code that checks salaries.
#[cfg(test)]
pub(crate) use salarios::tests::tabla_publicada;

/// A whole number with thousands separators as written in Mexico: `1,000,000`.
pub fn miles(n: u64) -> String {
    let digitos = n.to_string();
    let mut con_comas = String::with_capacity(digitos.len() + digitos.len() / 3);
    for (i, c) in digitos.chars().enumerate() {
        if i > 0 && (digitos.len() - i).is_multiple_of(3) {
            con_comas.push(',');
        }
        con_comas.push(c);
    }
    con_comas
}

/// Formats centavos as Mexican pesos: `$2,932.75`.
pub fn pesos(centavos: u64) -> String {
    format!("${}.{:02}", miles(centavos / 100), centavos % 100)
}

#[cfg(test)]
mod tests {
    use super::{miles, pesos};

    #[test]
    fn thousands_are_separated_by_commas() {
        assert_eq!(miles(0), "0");
        assert_eq!(miles(999), "999");
        assert_eq!(miles(1_000_000), "1,000,000");
    }

    #[test]
    fn pesos_have_thousands_separators_and_two_decimals() {
        assert_eq!(pesos(293_275), "$2,932.75");
        assert_eq!(pesos(31_504), "$315.04");
        assert_eq!(pesos(5), "$0.05");
        assert_eq!(pesos(12_345_678_900), "$123,456,789.00");
    }
}
