//! Cells the app writes to any CSV (rejected rows, the presented informativa) are neutralised
//! against spreadsheet formula injection, as OWASP recommends ("CSV Injection"): a cell that
//! starts with `=`, `+`, `-`, `@`, a tab or a carriage return would run as a formula in Excel or
//! LibreOffice (`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`), so it gets a leading apostrophe, which
//! spreadsheets show as text and people still read.

use std::borrow::Cow;

/// The characters that make a spreadsheet read a cell as a formula.
const DISPARADORES: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `texto` safe to open in a spreadsheet: unchanged unless it starts with a formula trigger,
/// then prefixed with `'`.
pub fn celda(texto: &str) -> Cow<'_, str> {
    if texto.starts_with(DISPARADORES) {
        Cow::Owned(format!("'{texto}"))
    } else {
        Cow::Borrowed(texto)
    }
}

#[cfg(test)]
mod tests {
    use super::celda;

    #[test]
    fn formula_triggers_get_an_apostrophe_and_stay_readable() {
        for peligrosa in [
            "=HYPERLINK(\"http://x\",\"clic\")",
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1:A2)",
            "\t=1",
            "\r=1",
        ] {
            let c = celda(peligrosa);
            assert!(c.starts_with('\''), "{c}");
            assert_eq!(&c[1..], peligrosa);
        }
    }

    #[test]
    fn ordinary_values_are_untouched() {
        for normal in [
            "01108512342",
            "PELJ850101HDFRPN06",
            "315.04",
            "Limpieza",
            "",
        ] {
            assert_eq!(celda(normal), normal);
        }
    }
}
