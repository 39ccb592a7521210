//! Certificate parsing (`.cer` as DER, PEM or base64; the SAT's subject fields): never a panic,
//! and a certificate that parses is re-read from its own DER identically.
#![no_main]

use app::efirma::{der_de_certificado, Certificado};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = der_de_certificado(bytes);
    if let Ok(c) = Certificado::parse(bytes) {
        let otra = Certificado::parse(c.der()).map(|o| (o.rfc, o.numero));
        assert_eq!(otra, Ok((c.rfc.clone(), c.numero.clone())));
        let _ = c.exigir_fiel();
        let _ = c.exigir_vigencia(chrono::DateTime::UNIX_EPOCH);
    }
});
