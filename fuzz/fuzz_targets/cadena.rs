//! The cadena original's field escaping (`cadena::campo`): one-to-one (different values never give
//! the same field) and no bare separator survives, whatever text a contract carries.
#![no_main]

use app::domain::informativas::cadena::campo;
use libfuzzer_sys::fuzz_target;

fn sin_escapar(c: &str) -> String {
    let mut s = String::new();
    let mut it = c.chars();
    while let Some(ch) = it.next() {
        if ch == '\\' {
            match it.next() {
                Some('n') => s.push('\n'),
                Some('r') => s.push('\r'),
                Some(o) => s.push(o),
                None => panic!("a field ends in a lone backslash: {c:?}"),
            }
        } else {
            assert!(
                !matches!(ch, '|' | '/' | '\n' | '\r'),
                "bare separator in {c:?}"
            );
            s.push(ch);
        }
    }
    s
}

fuzz_target!(|datos: &[u8]| {
    let texto = String::from_utf8_lossy(datos);
    let c = campo(&texto);
    assert_eq!(sin_escapar(&c), texto, "the escaping must be reversible");
});
