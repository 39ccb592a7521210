//! Private key reading (`.key`: encrypted PKCS#8, PBES2 with PBKDF2 and 3DES/AES): never a
//! panic, whatever the bytes; a wrong file is an `EfirmaError`.
#![no_main]

use app::efirma::LlavePrivada;
use libfuzzer_sys::fuzz_target;
use zeroize::Zeroizing;

fuzz_target!(|bytes: &[u8]| {
    let _ = LlavePrivada::descifrar(bytes, Zeroizing::new("12345678a".to_string()));
});
