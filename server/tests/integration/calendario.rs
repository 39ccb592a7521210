//! `GET /api/v1/calendario/…` and the calendar server function.

use crate::helpers::TestApp;
use app::domain::calendar::DiaInhabilDeclarado;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::NaiveDate;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_2026_calendar_has_the_shifted_due_dates() {
    let app = TestApp::new().await;
    let res = app.get("/api/v1/calendario/2026").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.header("content-type").starts_with("application/json"));
    let json = res.json();
    assert_eq!(json["anio"], 2026);
    let periodos = json["periodos"].as_array().unwrap();
    assert_eq!(periodos.len(), 3);
    let esperado = [
        (1, "enero-abril", "2026-01-01", "2026-04-30", "2026-05-18"),
        (2, "mayo-agosto", "2026-05-01", "2026-08-31", "2026-09-17"),
        (
            3,
            "septiembre-diciembre",
            "2026-09-01",
            "2026-12-31",
            "2027-01-18",
        ),
    ];
    for (p, (n, meses, inicio, fin, vence)) in periodos.iter().zip(esperado) {
        assert_eq!(p["periodo"], n);
        assert_eq!(p["meses"], meses);
        assert_eq!(p["inicio_periodo"], inicio);
        assert_eq!(p["fin_periodo"], fin);
        assert_eq!(p["vence"], vence);
    }
    assert_eq!(periodos[0]["dias_recorridos"][0]["motivo"], "domingo");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_year_that_is_not_a_number_is_a_400_with_a_spanish_message() {
    let app = TestApp::new().await;
    for uri in [
        "/api/v1/calendario/abc",
        "/api/v1/calendario/20x6",
        "/api/v1/calendario/2026.5",
    ] {
        let res = app.get(uri).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{uri}");
        let json = res.json();
        assert_eq!(json["codigo"], "anio_format", "{uri}");
        assert!(
            json["mensaje"].as_str().unwrap().contains("cuatro cifras"),
            "{uri}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_year_outside_the_calendar_is_a_400_naming_the_range() {
    let app = TestApp::new().await;
    for anio in ["2020", "1999", "2101", "0"] {
        let res = app.get(&format!("/api/v1/calendario/{anio}")).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{anio}");
        let json = res.json();
        assert_eq!(json["codigo"], "anio_out_of_range");
        assert!(json["mensaje"]
            .as_str()
            .unwrap()
            .contains("entre 2021 y 2100"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_api_route_is_a_json_404() {
    let app = TestApp::new().await;
    let res = app.get("/api/v1/no-existe").await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(res.json()["codigo"], "not_found");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_migration_seeds_the_known_imss_declarations() {
    let app = TestApp::new().await;
    let dias = app.dias_inhabiles().listar().await.unwrap();
    let fechas: Vec<String> = dias.iter().map(|d| d.fecha.to_string()).collect();
    assert_eq!(fechas, ["2017-09-19", "2017-09-20"]);
    assert!(dias.iter().all(|d| d.fuente.starts_with("https://")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_declared_dia_inhabil_moves_the_due_date_in_the_api() {
    let app = TestApp::new().await;
    let repo = app.dias_inhabiles();
    let dia = DiaInhabilDeclarado {
        fecha: NaiveDate::from_ymd_opt(2026, 9, 17).unwrap(),
        descripcion: "Declaratoria de prueba".into(),
        fuente: "DOF de prueba".into(),
    };
    assert!(repo.agregar(&dia).await.unwrap());
    assert!(
        !repo.agregar(&dia).await.unwrap(),
        "declarar dos veces no duplica"
    );
    let json = app.get("/api/v1/calendario/2026").await.json();
    assert_eq!(json["periodos"][1]["vence"], "2026-09-18");
    assert_eq!(
        json["periodos"][1]["dias_recorridos"][0]["motivo"],
        "día inhábil declarado: Declaratoria de prueba"
    );
    assert!(repo.eliminar(dia.fecha).await.unwrap());
    let json = app.get("/api/v1/calendario/2026").await.json();
    assert_eq!(json["periodos"][1]["vence"], "2026-09-17");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hoy_uses_the_injected_clock() {
    let app = TestApp::new().await;
    let json = app.get("/api/v1/calendario/hoy").await.json();
    assert_eq!(json["ahora"], "2026-11-21T12:00:00-06:00");
    assert_eq!(json["hoy"], "2026-11-21");
    assert_eq!(json["en_curso"]["periodo"], 3);
    assert_eq!(json["proximo"]["vence"], "2027-01-18");

    let app = TestApp::with_clock("2026-05-18T20:00:00-06:00").await;
    let json = app.get("/api/v1/calendario/hoy").await.json();
    assert_eq!(json["proximo"]["anio"], 2026);
    assert_eq!(json["proximo"]["periodo"], 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_calendar_server_function_answers_json_and_domain_errors() {
    let app = TestApp::new().await;
    let post = |cuerpo: &'static str| {
        Request::post("/api/fn/calendario")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .body(Body::from(cuerpo))
            .unwrap()
    };
    let res = app.send(post("anio=2027")).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let json = res.json();
    assert_eq!(json["calendario"]["periodos"][0]["vence"], "2027-05-17");
    assert_eq!(json["situacion"]["hoy"], "2026-11-21");

    let res = app.send(post("")).await;
    assert_eq!(
        res.json()["calendario"]["anio"],
        2026,
        "sin año: el año en curso"
    );

    let res = app.send(post("anio=abc")).await;
    assert!(!res.status.is_success());
    assert_eq!(res.json()["codigo"], "anio_format");
}
