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
            "m20261123_000006_crear_presentaciones",
            "m20261124_000007_indice_curp",
            "m20261202_000008_crear_parametros",
            "m20261202_000009_historial_repse",
            "m20261202_000010_crear_limite",
            "m20261202_000011_carga_en_curso",
            "m20261203_000012_crear_avisos",
            "m20261203_000013_crear_listado",
            "m20261203_000014_crear_beneficiarios",
            "m20261203_000015_crear_tokens_api"
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

/// Workers stored before `m20261124_000007` get their row in `trabajador_curp` (V08's CURP
/// half), and the migration goes down and up again on both backends.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_curp_table_migration_keeps_the_workers_already_stored() {
    use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};
    use sea_orm_migration::MigratorTrait;
    use server::persistence::entities::trabajador_curp;
    let app = TestApp::new().await;
    // Down past the API tokens (15), the beneficiarios (14), the listado (13), the notices (12), the upload state (11), the limits (10), the REPSE history (9), the parametros
    // migration (8) and the CURP table (7).
    persistence::migration::Migrator::down(&app.db, Some(9))
        .await
        .unwrap();
    app.db
        .execute_unprepared(
            "INSERT INTO trabajador (contrato_id, nss, curp, sbc, carga_id) VALUES \
             (7, '01108512342', 'PELJ850101HDFRPN06', 31504, NULL), \
             (7, '00000000018', 'AXAA850101HDFAAA09', 40000, NULL)",
        )
        .await
        .unwrap();
    persistence::migrate(&app.db).await.unwrap();
    let filas = trabajador_curp::Entity::find().all(&app.db).await.unwrap();
    let mut pares: Vec<(String, String)> = filas.into_iter().map(|f| (f.curp, f.nss)).collect();
    pares.sort();
    assert_eq!(
        pares,
        [
            ("AXAA850101HDFAAA09".to_string(), "00000000018".to_string()),
            ("PELJ850101HDFRPN06".to_string(), "01108512342".to_string())
        ]
    );
    assert_eq!(
        trabajador_curp::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        2
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

/// Issue 19: `icsoe respaldo` copies the SQLite database and the stored files while the app is
/// running; `icsoe restaurar` puts them into an empty data directory, refuses to overwrite one,
/// and the restored copy verifies the acuse (seal and signature) and serves the REPSE acuse file.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_running_restores_and_verifies_its_acuse() {
    if std::env::var("ICSOE_TEST_BACKEND").as_deref() == Ok("postgres") {
        return; // PostgreSQL is backed up with pg_dump (docs/OPERACION.md).
    }
    use crate::helpers::TestApp;
    let mut app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let i = app.en_firma(&c, 2).await;
    let folio = app.firmar(&c, i).await;
    let codigo = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        server::persistence::entities::presentacion::Entity::find()
            .filter(server::persistence::entities::presentacion::Column::Folio.eq(folio.clone()))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .codigo
    };
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("respaldo.zip");
    let correr = |args: &[&str], url: &str, almacen: &std::path::Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_icsoe"))
            .args(args)
            .env_remove("ICSOE_CONFIG")
            .env("ICSOE_DATABASE_URL", url)
            .env("ICSOE_ALMACEN_DIR", almacen)
            .env("ICSOE_LOG_LEVEL", "error")
            .output()
            .expect("ejecutar icsoe")
    };
    // Taken while this app keeps its connections open.
    let s = correr(
        &["respaldo", zip.to_str().unwrap()],
        &app.settings.database_url,
        &app.settings.almacen_dir_efectivo(),
    );
    assert!(s.status.success(), "{}", String::from_utf8_lossy(&s.stderr));
    assert!(String::from_utf8_lossy(&s.stdout).contains("Respaldo listo"));

    let nuevo = dir.path().join("nuevo");
    let url = format!("sqlite://{}?mode=rwc", nuevo.join("icsoe.sqlite").display());
    let almacen = nuevo.join("archivos");
    let s = correr(&["restaurar", zip.to_str().unwrap()], &url, &almacen);
    assert!(s.status.success(), "{}", String::from_utf8_lossy(&s.stderr));
    // Never over existing data.
    let s = correr(&["restaurar", zip.to_str().unwrap()], &url, &almacen);
    assert!(!s.status.success());
    assert!(String::from_utf8_lossy(&s.stderr).contains("restaurar nunca sobrescribe"));

    // The app over the restored copy.
    app.db = server::persistence::connect(&url).await.unwrap();
    app.settings.database_url = url;
    app.settings.almacen_dir = Some(almacen);
    app.reiniciar("2026-11-21T12:30:00-06:00");
    let v = app
        .get(&format!("/api/v1/acuses/{folio}?codigo={codigo}"))
        .await;
    assert_eq!(v.status, axum::http::StatusCode::OK, "{}", v.text());
    assert_eq!(v.json()["sello_valido"], true, "{}", v.text());
    assert_eq!(v.json()["firma_valida"], true);
    let r = app.get_con("/api/v1/repse/acuse", &c).await;
    assert_eq!(r.status, axum::http::StatusCode::OK, "{}", r.text());
    assert!(r.body.starts_with(b"%PDF"));
}
