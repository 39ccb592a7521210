//! The worker CSV surfaces on the server: `icsoe validar-trabajadores` (the real binary), the
//! `/validar` page, the worker's bootstrap script and the template download.

use crate::helpers::TestApp;
use axum::http::StatusCode;
use std::path::PathBuf;

fn fixture(nombre: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../app/tests/fixtures/trabajadores")
        .join(nombre)
        .display()
        .to_string()
}

/// A fresh SQLite database for one CLI run (kept until the test process ends).
fn bd_temporal() -> String {
    let dir = tempfile::tempdir().unwrap().keep();
    format!("sqlite://{}?mode=rwc", dir.join("icsoe.sqlite").display())
}

/// Runs `icsoe validar-trabajadores`; returns the exit code and the single JSON document.
fn validar(args: &[&str]) -> (i32, serde_json::Value) {
    let salida = std::process::Command::new(env!("CARGO_BIN_EXE_icsoe"))
        .arg("validar-trabajadores")
        .args(args)
        .env_remove("ICSOE_CONFIG")
        // The figures come from a database: a fresh SQLite file per run.
        .env("ICSOE_DATABASE_URL", bd_temporal())
        .output()
        .expect("ejecutar icsoe");
    let texto = String::from_utf8(salida.stdout).unwrap();
    assert_eq!(texto.lines().count(), 1, "un solo documento: {texto}");
    let json = serde_json::from_str(&texto).unwrap_or_else(|e| panic!("no es JSON ({e}): {texto}"));
    (salida.status.code().unwrap_or(-1), json)
}

#[test]
fn a_clean_file_exits_0_with_the_documented_summary() {
    let (codigo, json) = validar(&[
        &fixture("bom_encabezado.csv"),
        "--anio",
        "2026",
        "--periodo",
        "2",
    ]);
    assert_eq!(codigo, 0);
    assert_eq!(json["filas"], 4);
    assert_eq!(json["validas"], 4);
    assert_eq!(json["con_errores"], 0);
    assert_eq!(json["con_avisos"], 0);
    assert_eq!(json["codificacion"], "utf-8-bom");
    assert_eq!(json["separador"], ",");
    assert_eq!(json["hallazgos"], serde_json::json!([]));
}

#[test]
fn rows_with_errors_exit_1_and_the_rejected_file_keeps_the_original_columns() {
    let dir = tempfile::tempdir().unwrap();
    let rechazados = dir.path().join("rechazados.csv");
    let (codigo, json) = validar(&[
        &fixture("windows1252.csv"),
        "--anio",
        "2026",
        "--periodo",
        "3",
        "--rechazados",
        rechazados.to_str().unwrap(),
    ]);
    assert_eq!(codigo, 1);
    assert_eq!(json["codificacion"], "windows-1252");
    assert_eq!(json["separador"], ";");
    let h = &json["hallazgos"][0];
    assert_eq!(
        (h["fila"].as_u64(), h["columna"].as_str()),
        (Some(3), Some("SBC"))
    );
    assert_eq!(
        (h["codigo"].as_str(), h["severidad"].as_str()),
        (Some("sbc_format"), Some("error"))
    );
    let bytes = std::fs::read(&rechazados).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 con BOM");
    let texto = String::from_utf8(bytes).unwrap();
    assert!(
        texto.contains("Salario Base de Cotización;MOTIVO"),
        "{texto}"
    );
    assert!(texto.contains("MARÍA IBÁÑEZ;43159067891"), "{texto}");
    assert_eq!(texto.lines().count(), 2);
}

#[test]
fn warnings_alone_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    let ruta = dir.path().join("aviso.csv");
    std::fs::write(&ruta, "01108512342,PELJ850101HDFRPN06,100.00\n").unwrap();
    let (codigo, json) = validar(&[ruta.to_str().unwrap(), "--anio", "2026", "--periodo", "1"]);
    assert_eq!(codigo, 0);
    assert_eq!(json["con_avisos"], 1);
    assert_eq!(json["hallazgos"][0]["codigo"], "sbc_below_minimum");
    assert_eq!(json["hallazgos"][0]["severidad"], "aviso");
}

#[test]
fn a_file_that_cannot_be_used_exits_2_with_a_coded_spanish_error() {
    for (archivo, esperado) in [
        (fixture("vacio.csv"), "file_empty"),
        (fixture("solo_encabezado.csv"), "file_empty"),
        ("/no/existe.csv".to_string(), "file_unreadable"),
    ] {
        let (codigo, json) = validar(&[&archivo, "--anio", "2026", "--periodo", "2"]);
        assert_eq!(codigo, 2, "{archivo}");
        assert_eq!(json["codigo"], esperado, "{archivo}: {json}");
        assert!(!json["mensaje"].as_str().unwrap().is_empty());
    }
}

#[test]
fn a_period_without_published_figures_is_validated_with_a_warning_and_a_bad_period_exits_2() {
    let (codigo, json) = validar(&[&fixture("valido.csv"), "--anio", "2027", "--periodo", "1"]);
    assert_eq!(codigo, 0, "{json}");
    assert!(
        json["aviso"].as_str().unwrap().contains("UMA 2026"),
        "{json}"
    );
    let (codigo, json) = validar(&[&fixture("valido.csv"), "--anio", "2026", "--periodo", "4"]);
    assert_eq!(
        (codigo, json["codigo"].as_str()),
        (2, Some("periodo_format"))
    );
}

#[test]
fn the_row_limit_comes_from_the_settings() {
    let salida = std::process::Command::new(env!("CARGO_BIN_EXE_icsoe"))
        .args([
            "validar-trabajadores",
            &fixture("valido.csv"),
            "--anio",
            "2026",
            "--periodo",
            "2",
        ])
        .env_remove("ICSOE_CONFIG")
        .env("ICSOE_CSV_MAX_FILAS", "3")
        .output()
        .unwrap();
    assert_eq!(salida.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&salida.stdout).unwrap();
    assert_eq!(json["codigo"], "file_too_large");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_validar_page_renders_the_form_with_the_suggested_period() {
    let app = TestApp::new().await;
    let res = app.get("/validar").await;
    assert_eq!(res.status, StatusCode::OK);
    let html = res.text();
    assert!(html.contains("Validar archivo de trabajadores"));
    assert!(html.contains("Archivo CSV de trabajadores"));
    // 21 Nov 2026: the informativa being prepared is 2026's third period.
    assert!(html.contains(r#"<option value="2026" selected"#), "{html}");
    assert!(html.contains(r#"<option value="3" selected"#), "{html}");
    assert!(html.contains("Hasta 1,000,000 renglones y 100 MB por archivo."));
    assert!(html.contains("/descargas/plantilla_trabajadores.csv"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_worker_script_has_its_own_policy_allowing_webassembly() {
    let app = TestApp::new().await;
    let res = app.get("/validar-worker.js").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.header("content-type").starts_with("text/javascript"));
    let csp = res.header("content-security-policy");
    assert!(
        csp.contains("'wasm-unsafe-eval'") && csp.contains("script-src 'self'"),
        "{csp}"
    );
    assert!(res.text().contains("/pkg/icsoe.wasm"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_template_downloads_as_utf8_csv_with_bom() {
    let app = TestApp::new().await;
    let res = app.get("/descargas/plantilla_trabajadores.csv").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res
        .header("content-disposition")
        .contains("plantilla_trabajadores.csv"));
    let texto = res.text();
    assert!(texto.starts_with("\u{feff}NSS,CURP,SBC\r\n"), "{texto}");
    assert_eq!(texto.lines().count(), 3, "encabezado y dos ejemplos");
}
