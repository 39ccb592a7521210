//! The trust store: the CA certificates (DER or PEM, `*.cer`, `*.crt`, `*.pem`) in the directory
//! the settings name. Development defaults to the SAT's **test** CAs shipped in
//! `fixtures/sat-test-certs/sat-test-ca` so a fresh clone can log in with the test e.firmas; the
//! production profile refuses to start if any of them is trusted.

use anyhow::Context;
use app::efirma::{der_de_certificado, AlmacenConfianza};
use std::path::Path;

/// The SAT's public test CAs (byte-identical to the fixtures): never trusted in production.
const CAS_DE_PRUEBA: &[&[u8]] = &[
    include_bytes!("../../../fixtures/sat-test-certs/sat-test-ca/AC_UAT_2022.cer"),
    include_bytes!("../../../fixtures/sat-test-certs/sat-test-ca/ARC_UAT_2022.cer"),
    include_bytes!("../../../fixtures/sat-test-certs/sat-test-ca/AC_4096_2018.cer"),
    include_bytes!("../../../fixtures/sat-test-certs/sat-test-ca/arcbeta_crt_raiz.cer"),
    include_bytes!("../../../fixtures/sat-test-certs/sat-test-ca/ARC_UAT.cer"),
    include_bytes!("../../../fixtures/sat-test-certs/sat-test-ca/ac2_4096_DER.cer"),
];

/// A loaded store, and whether it holds any test CA.
pub struct Confianza {
    /// The CAs.
    pub almacen: AlmacenConfianza,
    /// At least one of them is a SAT test CA.
    pub tiene_cas_de_prueba: bool,
}

/// Loads every certificate in `dir`.
pub fn cargar(dir: &Path) -> anyhow::Result<Confianza> {
    let mut cas = Vec::new();
    let entradas = std::fs::read_dir(dir)
        .with_context(|| format!("no se pudo leer el almacén de confianza {}", dir.display()))?;
    for entrada in entradas {
        let ruta = entrada?.path();
        let extension = ruta
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if !matches!(extension.as_deref(), Some("cer" | "crt" | "pem" | "der")) {
            continue;
        }
        let bytes =
            std::fs::read(&ruta).with_context(|| format!("no se pudo leer {}", ruta.display()))?;
        let der = der_de_certificado(&bytes)
            .ok_or_else(|| anyhow::anyhow!("{} no es un certificado X.509", ruta.display()))?;
        cas.push(der);
    }
    anyhow::ensure!(
        !cas.is_empty(),
        "el almacén de confianza {} no tiene certificados (.cer, .crt, .pem)",
        dir.display()
    );
    let tiene_cas_de_prueba = cas.iter().any(|ca| CAS_DE_PRUEBA.contains(&ca.as_slice()));
    Ok(Confianza {
        almacen: AlmacenConfianza::new(cas),
        tiene_cas_de_prueba,
    })
}
