//! Migrations as the `icsoe migrate` subcommand runs them.

use crate::helpers::TestApp;
use server::persistence;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrations_are_recorded_and_running_them_again_changes_nothing() {
    let app = TestApp::new().await;
    let antes = persistence::applied_migrations(&app.db).await.unwrap();
    assert_eq!(
        antes,
        [
            "m20261121_000001_crear_dia_inhabil",
            "m20261121_000002_crear_autenticacion",
            "m20261121_000003_crear_cuenta",
            "m20261122_000004_crear_informativas",
            "m20261123_000005_trabajador_compacto",
            "m20261123_000006_crear_presentaciones"
        ]
    );
    persistence::migrate(&app.db).await.unwrap();
    assert_eq!(
        persistence::applied_migrations(&app.db).await.unwrap(),
        antes
    );
    assert_eq!(
        app.dias_inhabiles().listar().await.unwrap().len(),
        2,
        "la semilla no se duplica"
    );
}

/// Runs the real `icsoe` binary.
fn icsoe(args: &[&str]) -> (i32, Vec<serde_json::Value>) {
    let salida = std::process::Command::new(env!("CARGO_BIN_EXE_icsoe"))
        .args(args)
        .env_remove("ICSOE_CONFIG")
        .output()
        .expect("ejecutar icsoe");
    let lineas = String::from_utf8(salida.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("no es JSON ({e}): {l}")))
        .collect();
    (salida.status.code().unwrap_or(-1), lineas)
}

#[test]
fn validar_id_prints_one_json_verdict_per_value_and_exits_1_on_any_error() {
    let (codigo, lineas) = icsoe(&[
        "validar-id",
        "HEGG560427MVZRRL04",
        "EKU9003173C9",
        "12345678901",
    ]);
    assert_eq!(codigo, 1);
    let tipos: Vec<&str> = lineas.iter().map(|l| l["tipo"].as_str().unwrap()).collect();
    assert_eq!(tipos, ["curp", "rfc_moral", "nss"]);
    assert_eq!(lineas[2]["errores"][0]["codigo"], "nss_check_digit");
    assert!(lineas[2]["errores"][0]["mensaje"]
        .as_str()
        .unwrap()
        .contains("debería ser 3"));
}

#[test]
fn validar_id_exits_0_when_only_warnings_remain() {
    let (codigo, lineas) = icsoe(&["validar-id", "VACE460910SX6", "XAXX010101000"]);
    assert_eq!(codigo, 0);
    assert_eq!(lineas[0]["valido"], true);
    assert_eq!(lineas[0]["avisos"][0]["codigo"], "rfc_check_digit");
    assert_eq!(lineas[1]["tipo"], "rfc_generico");
}

#[test]
fn validar_id_with_a_forced_type_does_not_guess() {
    let (codigo, lineas) = icsoe(&["validar-id", "--tipo", "rfc", "92919084431"]);
    assert_eq!(codigo, 1);
    assert_eq!(lineas[0]["errores"][0]["codigo"], "rfc_format");
}
