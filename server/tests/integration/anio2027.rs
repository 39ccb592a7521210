//! Issue 14: the app keeps working in 2027 and 2028. The yearly figures are data (a 2027 period
//! uses the 2026 UMA with a warning until the 2027 one is added), the fine of an acuse is the one
//! stored at presentation, the CLI validates 2027 and 2028 files, and the public figures page
//! and API list the table.

use crate::helpers::TestApp;
use crate::informativas::{archivo, fila, id};
use app::domain::dinero::{Concepto, Parametro};
use axum::http::StatusCode;
use chrono::NaiveDate;
use serde_json::{json, Value};
use server::persistence::parametros::SeaOrmParametros;

const ENERO_2027: &str = "2027-01-10T10:00:00-06:00";
const JUNIO_2028: &str = "2028-06-01T10:00:00-06:00";

impl TestApp {
    async fn agregar_a_mano(&self, c: &str, i: i64, cid: i64, n: usize, sbc: &str) -> Value {
        let f = fila(n);
        let partes: Vec<&str> = f.trim().split(',').collect();
        let r = self
            .post_json(
                &format!("/api/v1/informativas/{i}/contratos/{cid}/trabajadores"),
                json!({"nss": partes[0], "curp": partes[1], "sbc": sbc}),
                Some(c),
            )
            .await;
        assert!(r.status.is_success(), "{}", r.text());
        r.json()
    }
}

fn avisos(v: &Value) -> String {
    v["avisos"].to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_2027_normal_is_captured_signed_and_acknowledged_with_the_2026_uma_and_a_warning() {
    let app = TestApp::with_clock(ENERO_2027).await;
    let c = app.contratista_listo().await;
    let r = app.nueva(&c, "2027", "1", "normal").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let i = id(&r);
    let r = app
        .contrato(&c, i, json!({"fecha_inicio": "05/01/2027"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let cid = id(&r);

    // By hand, below the minimum wage: accepted, with V11's warning and the figures' warning.
    let t = app.agregar_a_mano(&c, i, cid, 0, "200.00").await;
    let a = avisos(&t);
    assert!(a.contains("mínimo"), "{a}");
    assert!(
        a.contains("Tope calculado con la UMA 2026 mientras se publica la de 2027"),
        "{a}"
    );

    // Bulk upload: never blocked, warned once.
    let r = app
        .cargar(&c, i, cid, "carga-2027-0001", archivo(1, 40))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["agregados"], 39);
    assert!(avisos(&r.json()).contains("UMA 2026"), "{}", r.text());

    // Above 25 UMA of 2026 is still refused.
    let f = fila(100);
    let p: Vec<&str> = f.trim().split(',').collect();
    let r = app
        .post_json(
            &format!("/api/v1/informativas/{i}/contratos/{cid}/trabajadores"),
            json!({"nss": p[0], "curp": p[1], "sbc": "2932.76"}),
            Some(&c),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
    assert_eq!(r.json()["campos"][0]["codigo"], "sbc_over_cap");

    // Sent to signature, signed with the contratista's e.firma (valid until May 2027), acuse.
    app.enviar(&c, i).await;
    let folio = app.firmar(&c, i).await;
    assert!(folio.starts_with("N271"), "{folio}");
    let r = app
        .get_con(&format!("/api/v1/informativas/{i}/acuse.pdf"), &c)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.starts_with(b"%PDF"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_late_filings_fine_is_the_one_stored_at_presentation() {
    let app = TestApp::with_clock(ENERO_2027).await;
    let c = app.contratista_listo().await;
    let r = app.nueva(&c, "2026", "2", "normal").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let i = id(&r);
    let r = app
        .contrato(&c, i, json!({"fecha_inicio": "15/06/2026"}))
        .await;
    let cid = id(&r);
    let r = app
        .cargar(&c, i, cid, "carga-tarde-0001", archivo(0, 3))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    app.enviar(&c, i).await;
    app.firmar(&c, i).await;
    let multa = |d: &Value| d["presentacion"]["extemporanea"].clone();
    let antes = multa(&app.detalle(&c, i).await);
    assert_eq!(antes["uma"], "$117.31", "{antes}");
    assert_eq!(antes["minima"], "$58,655.00");

    // The 2026 UMA is corrected in the table afterwards: the issued acuse does not change.
    SeaOrmParametros::new(app.db.clone())
        .agregar(&Parametro {
            concepto: Concepto::Uma,
            vigente_desde: NaiveDate::from_ymd_opt(2026, 2, 1).unwrap(),
            valor: 20_000,
            fuente: "prueba".into(),
        })
        .await
        .unwrap();
    assert_eq!(multa(&app.detalle(&c, i).await), antes);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_2028_capture_and_upload_work_with_the_latest_figures() {
    let mut app = TestApp::configurado(ENERO_2027, |s| s.sesion_minutos = 1_000_000).await;
    let c = app.contratista_listo().await;
    app.reiniciar(JUNIO_2028);
    let r = app.nueva(&c, "2028", "1", "normal").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let i = id(&r);
    let r = app
        .contrato(&c, i, json!({"fecha_inicio": "10/02/2028"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let cid = id(&r);
    let t = app.agregar_a_mano(&c, i, cid, 0, "400.00").await;
    assert!(
        avisos(&t).contains("UMA 2026 mientras se publica la de 2028"),
        "{t}"
    );
    let r = app
        .cargar(&c, i, cid, "carga-2028-0001", archivo(1, 10))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    // The years offered come from the calendar, not from the figures.
    let r = app
        .bytes_con(
            "POST",
            "/api/fn/datos-validacion",
            Vec::new(),
            &[("content-type", "application/x-www-form-urlencoded")],
            &c,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["anios"][0], 2028, "{}", r.text());
    assert_eq!(
        (r.json()["anio"].clone(), r.json()["periodo"].clone()),
        (json!(2028), json!(2))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_figures_are_public_as_a_page_and_in_the_api() {
    let app = TestApp::with_clock(ENERO_2027).await;
    let r = app.get("/api/v1/parametros").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let j = r.json();
    assert_eq!(j["parametros"].as_array().unwrap().len(), 18);
    let uma = j["hoy"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["concepto"] == "uma")
        .unwrap()
        .clone();
    assert_eq!(uma["vigente"]["anio"], 2026);
    assert_eq!(uma["vigente"]["diaria"], 11_731);
    let r = app.get("/cifras").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.text().contains("$117.31"), "{}", r.text());
    assert!(r.text().contains("INEGI, DOF 09/01/2026"));
}

/// Runs the real binary over this test's database.
fn icsoe(app: &TestApp, args: &[&str]) -> (i32, String) {
    let salida = std::process::Command::new(env!("CARGO_BIN_EXE_icsoe"))
        .args(args)
        .env_remove("ICSOE_CONFIG")
        .env("ICSOE_DATABASE_URL", app.url_proceso())
        .env("ICSOE_LOG_LEVEL", "error")
        .output()
        .expect("ejecutar icsoe");
    (
        salida.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&salida.stdout).into_owned(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cli_validates_2027_and_2028_files_and_manages_the_figures() {
    let app = TestApp::new().await;
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("t.csv");
    std::fs::write(&csv, archivo(0, 5)).unwrap();
    let ruta = csv.to_str().unwrap();
    for anio in ["2027", "2028"] {
        let (codigo, salida) = icsoe(
            &app,
            &[
                "validar-trabajadores",
                ruta,
                "--anio",
                anio,
                "--periodo",
                "1",
            ],
        );
        assert_eq!(codigo, 0, "{salida}");
        let j: Value = serde_json::from_str(&salida).unwrap();
        assert_eq!(j["validas"], 5);
        assert!(
            j["aviso"]
                .as_str()
                .unwrap()
                .contains(&format!("UMA 2026 mientras se publica la de {anio}")),
            "{salida}"
        );
    }
    let (codigo, salida) = icsoe(
        &app,
        &[
            "parametros",
            "agregar",
            "uma",
            "2027-02-01",
            "120.00",
            "--fuente",
            "DOF 09/01/2027",
        ],
    );
    assert_eq!(codigo, 0, "{salida}");
    let (_, salida) = icsoe(&app, &["parametros", "listar"]);
    assert!(
        salida.contains("2027-02-01") && salida.contains("$120.00"),
        "{salida}"
    );
    let (codigo, salida) = icsoe(
        &app,
        &[
            "validar-trabajadores",
            ruta,
            "--anio",
            "2027",
            "--periodo",
            "1",
        ],
    );
    assert_eq!(codigo, 0, "{salida}");
    let j: Value = serde_json::from_str(&salida).unwrap();
    let aviso = j["aviso"].as_str().unwrap_or("");
    assert!(!aviso.contains("UMA"), "{aviso}");
    assert!(aviso.contains("mínimo"), "{aviso}");
    let (codigo, _) = icsoe(&app, &["parametros", "eliminar", "uma", "2027-02-01"]);
    assert_eq!(codigo, 0);
    let (codigo, salida) = icsoe(
        &app,
        &[
            "parametros",
            "agregar",
            "otra",
            "2027-02-01",
            "1",
            "--fuente",
            "x",
        ],
    );
    assert_ne!(codigo, 0, "{salida}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_persona_moral_login_note_is_on_the_login_page() {
    let app = TestApp::new().await;
    let r = app.get("/ingresar").await;
    assert!(r.text().contains("e.firma de la empresa"), "{}", r.text());
}
