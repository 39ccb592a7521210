//! Every SAT test credential in `fixtures/sat-test-certs` (public test data, see its README),
//! checked at a fixed instant inside the 2023 set's validity.

use super::*;
use chrono::{DateTime, TimeZone, Utc};
use zeroize::Zeroizing;

fn fixture(ruta: &str) -> Vec<u8> {
    let base = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/sat-test-certs/");
    std::fs::read(format!("{base}{ruta}")).unwrap_or_else(|e| panic!("{ruta}: {e}"))
}

fn contrasena(carpeta: &str) -> Zeroizing<String> {
    Zeroizing::new(String::from_utf8(fixture(&format!("{carpeta}/password.txt"))).unwrap())
}

fn ahora() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 18, 0, 0).unwrap()
}

fn almacen() -> AlmacenConfianza {
    AlmacenConfianza::new(
        [
            "AC_UAT_2022.cer",
            "ARC_UAT_2022.cer",
            "AC_4096_2018.cer",
            "arcbeta_crt_raiz.cer",
            "ac2_4096_DER.cer",
            "ARC_UAT.cer",
        ]
        .iter()
        .map(|n| fixture(&format!("sat-test-ca/{n}")))
        .collect(),
    )
}

#[test]
fn the_persona_moral_fiel_reads_rfc_representative_and_number() {
    let c = Certificado::parse(&fixture("EKU9003173C9_FIEL/certificate.cer")).unwrap();
    assert_eq!(c.rfc, "EKU9003173C9");
    assert_eq!(c.rfc_representante.as_deref(), Some("VADA800927DJ3"));
    assert_eq!(c.curp.as_deref(), Some("VADA800927HSRSRL05"));
    assert_eq!(c.nombre, "ESCUELA KEMPER URGATE SA DE CV");
    assert_eq!(c.persona, TipoPersona::Moral);
    assert_eq!(c.tipo, TipoCertificado::Fiel);
    assert_eq!(c.numero, "30001000000500003415");
    assert_eq!(c.emisor, "AC UAT");
    assert_eq!(c.valido_hasta.date_naive().to_string(), "2027-05-17");
    c.exigir_fiel().unwrap();
    c.exigir_vigencia(ahora()).unwrap();
    almacen().exigir_emisor(&c).unwrap();
}

#[test]
fn the_persona_fisica_fiel_reads_its_curp() {
    let c = Certificado::parse(&fixture("CACX7605101P8_FIEL/certificate.cer")).unwrap();
    assert_eq!(c.rfc, "CACX7605101P8");
    assert_eq!(c.rfc_representante, None);
    assert_eq!(c.curp.as_deref(), Some("CACX760510MGTSHC04"));
    assert_eq!(c.nombre, "XOCHILT CASAS CHAVEZ");
    assert_eq!(c.persona, TipoPersona::Fisica);
    assert_eq!(c.numero, "30001000000500003282");
}

#[test]
fn a_csd_is_recognised_and_refused() {
    let c = Certificado::parse(&fixture("EKU9003173C9_CSD/certificate.cer")).unwrap();
    assert_eq!(c.tipo, TipoCertificado::Csd);
    assert_eq!(c.exigir_fiel(), Err(EfirmaError::EsCsd));
}

#[test]
fn t61_names_are_latin1_and_the_ampersand_survives() {
    let c = Certificado::parse(&fixture("H_AMP_E951128469_FIEL/certificate.cer")).unwrap();
    assert_eq!(c.rfc, "H&E951128469");
    assert_eq!(c.nombre, "HERRERIA & ELECTRICOS S DE CV");
    assert!(matches!(
        c.exigir_vigencia(ahora()),
        Err(EfirmaError::Vencido { .. })
    ));
}

#[test]
fn an_expired_certificate_says_when_it_expired() {
    let c = Certificado::parse(&fixture("AAA010101AAA_FIEL/certificate.cer")).unwrap();
    let e = c.exigir_vigencia(ahora()).unwrap_err();
    assert_eq!(
        e,
        EfirmaError::Vencido {
            fecha: "15/05/2021".into()
        }
    );
    assert!(e.to_string().contains("15/05/2021"));
    let antes = Utc.with_ymd_and_hms(2017, 1, 1, 0, 0, 0).unwrap();
    assert!(matches!(
        c.exigir_vigencia(antes),
        Err(EfirmaError::AunNoVigente { .. })
    ));
}

#[test]
fn the_key_decrypts_signs_and_the_certificate_verifies() {
    let cer = Certificado::parse(&fixture("EKU9003173C9_FIEL/certificate.cer")).unwrap();
    let key = LlavePrivada::descifrar(
        &fixture("EKU9003173C9_FIEL/private_key.key"),
        contrasena("EKU9003173C9_FIEL"),
    )
    .unwrap();
    key.exigir_par(&cer).unwrap();
    let reto = "ICSOE|EKU9003173C9|2026-11-21T18:00:00Z|abc";
    let firma = key.firmar(reto.as_bytes());
    assert_eq!(firma.len(), 256, "RSA 2048");
    cer.verificar(reto.as_bytes(), &firma).unwrap();
    assert_eq!(
        cer.verificar(b"otro texto", &firma),
        Err(EfirmaError::FirmaInvalida)
    );
    let mut alterada = firma.clone();
    alterada[10] ^= 1;
    assert_eq!(
        cer.verificar(reto.as_bytes(), &alterada),
        Err(EfirmaError::FirmaInvalida)
    );
}

#[test]
fn every_credential_decrypts_with_its_password() {
    for carpeta in [
        "EKU9003173C9_FIEL",
        "CACX7605101P8_FIEL",
        "EKU9003173C9_CSD",
        "AAA010101AAA_FIEL",
        "H_AMP_E951128469_FIEL",
    ] {
        let cer = Certificado::parse(&fixture(&format!("{carpeta}/certificate.cer"))).unwrap();
        let key = LlavePrivada::descifrar(
            &fixture(&format!("{carpeta}/private_key.key")),
            contrasena(carpeta),
        )
        .unwrap();
        key.exigir_par(&cer)
            .unwrap_or_else(|e| panic!("{carpeta}: {e}"));
        almacen()
            .exigir_emisor(&cer)
            .unwrap_or_else(|e| panic!("{carpeta}: {e}"));
    }
}

#[test]
fn a_wrong_password_is_its_own_error() {
    let e = LlavePrivada::descifrar(
        &fixture("EKU9003173C9_FIEL/private_key.key"),
        Zeroizing::new("12345678b".into()),
    )
    .unwrap_err();
    assert_eq!(e, EfirmaError::ContrasenaIncorrecta);
    assert_eq!(
        crate::domain::error::DomainError::code(&e).as_str(),
        "efirma_password"
    );
}

#[test]
fn another_holders_key_does_not_match_the_certificate() {
    let cer = Certificado::parse(&fixture("EKU9003173C9_FIEL/certificate.cer")).unwrap();
    let key = LlavePrivada::descifrar(
        &fixture("CACX7605101P8_FIEL/private_key.key"),
        contrasena("CACX7605101P8_FIEL"),
    )
    .unwrap();
    assert_eq!(key.exigir_par(&cer), Err(EfirmaError::LlaveNoCorresponde));
}

#[test]
fn swapped_or_foreign_files_are_told_apart() {
    assert_eq!(
        Certificado::parse(&fixture("EKU9003173C9_FIEL/private_key.key")).unwrap_err(),
        EfirmaError::NoEsCertificado
    );
    assert_eq!(
        Certificado::parse(b"hola").unwrap_err(),
        EfirmaError::NoEsCertificado
    );
    assert_eq!(
        LlavePrivada::descifrar(
            &fixture("EKU9003173C9_FIEL/certificate.cer"),
            Zeroizing::new("x".into())
        )
        .unwrap_err(),
        EfirmaError::NoEsLlave
    );
}

#[test]
fn pem_certificates_are_accepted_too() {
    use base64ct::Encoding;
    let der = fixture("CACX7605101P8_FIEL/certificate.cer");
    let pem = format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        base64ct::Base64::encode_string(&der)
    );
    assert_eq!(
        Certificado::parse(pem.as_bytes()).unwrap().rfc,
        "CACX7605101P8"
    );
}

#[test]
fn the_typed_rfc_must_be_the_certificates() {
    let c = Certificado::parse(&fixture("EKU9003173C9_FIEL/certificate.cer")).unwrap();
    c.exigir_rfc(" eku9003173c9 ").unwrap();
    assert!(matches!(
        c.exigir_rfc("CACX7605101P8"),
        Err(EfirmaError::RfcNoCoincide { .. })
    ));
}

#[test]
fn a_store_without_the_issuer_refuses_and_a_tampered_certificate_fails_the_chain() {
    let der = fixture("EKU9003173C9_FIEL/certificate.cer");
    let c = Certificado::parse(&der).unwrap();
    let ajeno = AlmacenConfianza::new(vec![fixture("sat-test-ca/ac2_4096_DER.cer")]);
    assert_eq!(ajeno.exigir_emisor(&c), Err(EfirmaError::NoConfiable));
    // Change one byte of the holder's name: the CA's signature no longer matches.
    let mut alterado = der.clone();
    let pos = alterado.windows(6).position(|w| w == b"KEMPER").unwrap();
    alterado[pos] = b'L';
    let c2 = Certificado::parse(&alterado).unwrap();
    assert_eq!(almacen().exigir_emisor(&c2), Err(EfirmaError::NoConfiable));
}
