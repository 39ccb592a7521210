//! e.firma login end to end, in-process: challenge, signature with the SAT test credentials,
//! every refusal with its own code, sessions in the database, logout, the terms gate and rate
//! limits.

use crate::helpers::{raiz, TestApp, AHORA};
use app::efirma::LlavePrivada;
use axum::http::StatusCode;
use base64ct::Encoding;
use serde_json::json;
use zeroize::Zeroizing;

pub(crate) struct Credencial {
    pub(crate) cer: Vec<u8>,
    pub(crate) llave: LlavePrivada,
}

pub(crate) fn credencial(carpeta: &str) -> Credencial {
    let dir = raiz().join("fixtures/sat-test-certs").join(carpeta);
    let contrasena = std::fs::read_to_string(dir.join("password.txt")).unwrap();
    Credencial {
        cer: std::fs::read(dir.join("certificate.cer")).unwrap(),
        llave: LlavePrivada::descifrar(
            &std::fs::read(dir.join("private_key.key")).unwrap(),
            Zeroizing::new(contrasena),
        )
        .unwrap(),
    }
}

pub(crate) fn b64(bytes: &[u8]) -> String {
    base64ct::Base64::encode_string(bytes)
}

impl TestApp {
    async fn reto(&self, rfc: &str) -> String {
        let r = self
            .post_json("/api/v1/auth/reto", json!({"rfc": rfc}), None)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        r.json()["reto"].as_str().unwrap().to_string()
    }

    async fn firmar_y_entrar(&self, reto: &str, c: &Credencial) -> crate::helpers::Respuesta {
        let firma = c.llave.firmar(reto.as_bytes());
        self.post_json(
            "/api/v1/auth/efirma",
            json!({"reto": reto, "certificado": b64(&c.cer), "firma": b64(&firma)}),
            None,
        )
        .await
    }

    /// Logs in with the persona moral test e.firma; returns the `Cookie` header value.
    pub(crate) async fn ingresar(&self, carpeta: &str, rfc: &str) -> String {
        let reto = self.reto(rfc).await;
        let r = self.firmar_y_entrar(&reto, &credencial(carpeta)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let cookie = r.header("set-cookie").to_string();
        cookie.split(';').next().unwrap().to_string()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_challenge_opens_a_session_creates_the_contratista_and_audits_it() {
    let app = TestApp::new().await;
    let r = app
        .post_json("/api/v1/auth/reto", json!({"rfc": "EKU9003173C9"}), None)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let reto = r.json()["reto"].as_str().unwrap().to_string();
    assert!(
        reto.starts_with("ICSOE|EKU9003173C9|2026-11-21T18:00:00Z|"),
        "{reto}"
    );
    assert_eq!(r.json()["expira"], "2026-11-21T18:05:00Z");

    let r = app
        .firmar_y_entrar(&reto, &credencial("EKU9003173C9_FIEL"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(
        r.json(),
        json!({"rfc": "EKU9003173C9", "nombre": "ESCUELA KEMPER URGATE SA DE CV", "persona": "moral", "terminos_pendientes": true, "rol": "contratista"})
    );
    let cookie = r.header("set-cookie");
    assert!(cookie.starts_with("icsoe_sesion="), "{cookie}");
    for atributo in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(atributo), "{cookie}");
    }
    assert!(!cookie.contains("Secure"), "development serves plain HTTP");

    use sea_orm::EntityTrait;
    use server::persistence::entities::{contratista, ingreso};
    let c = contratista::Entity::find_by_id("EKU9003173C9".to_string())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (c.persona.as_str(), c.curp.as_deref()),
        ("moral", Some("VADA800927HSRSRL05"))
    );
    let bitacora = ingreso::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(bitacora.len(), 1);
    assert_eq!(
        (
            bitacora[0].numero_certificado.as_str(),
            bitacora[0].resultado.as_str()
        ),
        ("30001000000500003415", "ok")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_refusal_has_its_own_code() {
    let app = TestApp::new().await;
    let fiel = credencial("EKU9003173C9_FIEL");

    // Replayed challenge.
    let reto = app.reto("EKU9003173C9").await;
    assert_eq!(
        app.firmar_y_entrar(&reto, &fiel).await.status,
        StatusCode::OK
    );
    let r = app.firmar_y_entrar(&reto, &fiel).await;
    assert_eq!(
        (r.status, r.json()["codigo"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("auth_challenge_used"))
    );

    // Unknown challenge.
    let r = app
        .firmar_y_entrar("ICSOE|EKU9003173C9|2026-11-21T18:00:00Z|inventado", &fiel)
        .await;
    assert_eq!(r.json()["codigo"], "auth_challenge_unknown");

    // A challenge for another RFC.
    let reto = app.reto("CACX7605101P8").await;
    let r = app.firmar_y_entrar(&reto, &fiel).await;
    assert_eq!(r.json()["codigo"], "auth_challenge_rfc");

    // Tampered signature.
    let reto = app.reto("EKU9003173C9").await;
    let mut firma = fiel.llave.firmar(reto.as_bytes());
    firma[7] ^= 0x40;
    let r = app
        .post_json(
            "/api/v1/auth/efirma",
            json!({"reto": reto, "certificado": b64(&fiel.cer), "firma": b64(&firma)}),
            None,
        )
        .await;
    assert_eq!(
        (r.status, r.json()["codigo"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("efirma_signature"))
    );

    // A CSD signs fine but is not an e.firma.
    let reto = app.reto("EKU9003173C9").await;
    let r = app
        .firmar_y_entrar(&reto, &credencial("EKU9003173C9_CSD"))
        .await;
    assert_eq!(r.json()["codigo"], "efirma_csd");

    // Expired certificate.
    let reto = app.reto("AAA010101AAA").await;
    let r = app
        .firmar_y_entrar(&reto, &credencial("AAA010101AAA_FIEL"))
        .await;
    assert_eq!(r.json()["codigo"], "efirma_expired");
    assert!(r.json()["mensaje"].as_str().unwrap().contains("15/05/2021"));

    // Nothing internal leaks: only the public error shape.
    let json = r.json();
    let claves: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert!(
        claves
            .iter()
            .all(|k| ["codigo", "mensaje", "campos"].contains(&k.as_str())),
        "{claves:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_challenge_is_refused() {
    let mut app = TestApp::new().await;
    let reto = app.reto("EKU9003173C9").await;
    app.reiniciar("2026-11-21T12:05:01-06:00");
    let r = app
        .firmar_y_entrar(&reto, &credencial("EKU9003173C9_FIEL"))
        .await;
    assert_eq!(r.json()["codigo"], "auth_challenge_expired");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_certificate_from_a_ca_outside_the_trust_store_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        raiz().join("fixtures/sat-test-certs/sat-test-ca/AC_4096_2018.cer"),
        dir.path().join("AC_4096_2018.cer"),
    )
    .unwrap();
    let ruta = dir.path().to_path_buf();
    let app = TestApp::configurado(AHORA, move |s| s.confianza_dir = ruta).await;
    let reto = app.reto("EKU9003173C9").await;
    let r = app
        .firmar_y_entrar(&reto, &credencial("EKU9003173C9_FIEL"))
        .await;
    assert_eq!(
        (r.status, r.json()["codigo"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("efirma_untrusted"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_survive_a_restart_expire_when_idle_and_end_on_logout() {
    let mut app = TestApp::new().await;
    let cookie = app.ingresar("CACX7605101P8_FIEL", "CACX7605101P8").await;
    let r = app.get_con("/api/v1/auth/sesion", &cookie).await;
    assert_eq!(r.json()["rfc"], "CACX7605101P8");
    assert_eq!(r.json()["persona"], "fisica");

    app.reiniciar("2026-11-21T12:20:00-06:00");
    assert_eq!(
        app.get_con("/api/v1/auth/sesion", &cookie).await.status,
        StatusCode::OK,
        "la sesión vive en la base de datos"
    );

    app.reiniciar("2026-11-21T12:51:00-06:00");
    let r = app.get_con("/api/v1/auth/sesion", &cookie).await;
    assert_eq!(
        (r.status, r.json()["codigo"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("auth_required")),
        "31 min sin uso"
    );

    let cookie = app.ingresar("CACX7605101P8_FIEL", "CACX7605101P8").await;
    let r = app
        .post_json("/api/v1/auth/salir", json!({}), Some(&cookie))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert!(r.header("set-cookie").contains("Max-Age=0"));
    assert_eq!(
        app.get_con("/api/v1/auth/sesion", &cookie).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn protected_routes_wait_for_the_terms_and_then_open() {
    let app = TestApp::new().await;
    assert_eq!(
        app.get("/api/v1/contratista").await.json()["codigo"],
        "auth_required"
    );
    let cookie = app.ingresar("EKU9003173C9_FIEL", "EKU9003173C9").await;
    let r = app.get_con("/api/v1/contratista", &cookie).await;
    assert_eq!(
        (r.status, r.json()["codigo"].as_str()),
        (StatusCode::FORBIDDEN, Some("terms_pending"))
    );

    let r = app
        .post_json(
            "/api/v1/auth/terminos",
            json!({"version": "2026-11"}),
            Some(&cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
    let r = app.get_con("/api/v1/contratista", &cookie).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["terminos_pendientes"], false);

    // The next login remembers the acceptance.
    let otra = app.ingresar("EKU9003173C9_FIEL", "EKU9003173C9").await;
    assert_eq!(
        app.get_con("/api/v1/contratista", &otra).await.status,
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn challenges_asked_for_an_rfc_never_lock_its_owner_out_and_one_address_is_limited() {
    let app = TestApp::new().await;
    // Someone asks challenges for the victim's RFC; the victim still logs in.
    for _ in 0..30 {
        app.reto("EKU9003173C9").await;
    }
    app.ingresar("EKU9003173C9_FIEL", "EKU9003173C9").await;
    // One address is limited (generously: an office files from behind one address).
    for _ in 0..89 {
        app.reto("CACX7605101P8").await;
    }
    let r = app
        .post_json("/api/v1/auth/reto", json!({"rfc": "EKU9003173C9"}), None)
        .await;
    assert_eq!(
        (r.status, r.json()["codigo"].as_str()),
        (StatusCode::TOO_MANY_REQUESTS, Some("rate_limited"))
    );
    assert!(r.json()["mensaje"]
        .as_str()
        .unwrap()
        .contains("Espera un minuto"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_from_another_origin_is_refused_and_a_bad_rfc_explains_itself() {
    let app = TestApp::new().await;
    let req = axum::http::Request::post("/api/v1/auth/reto")
        .header("content-type", "application/json")
        .header("host", "icsoe.example")
        .header("origin", "https://malicioso.example")
        .body(axum::body::Body::from(r#"{"rfc":"EKU9003173C9"}"#))
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(
        (r.status, r.json()["codigo"].as_str()),
        (StatusCode::FORBIDDEN, Some("origin_refused"))
    );
    let r = app
        .post_json("/api/v1/auth/reto", json!({"rfc": "NOESRFC"}), None)
        .await;
    assert_eq!(
        (r.status, r.json()["codigo"].as_str()),
        (StatusCode::BAD_REQUEST, Some("rfc_format"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn production_refuses_the_test_cas() {
    let dir = tempfile::tempdir().unwrap();
    let settings = {
        let app = TestApp::new().await;
        let mut s = app.settings.clone();
        s.profile = server::config::Profile::Production;
        s.clock = server::config::ClockSetting::System;
        s.database_url = format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("p.sqlite").display()
        );
        s
    };
    let db = server::persistence::connect(&settings.database_url)
        .await
        .unwrap();
    let err = server::startup::app_state(&settings, db).err().unwrap();
    assert!(err.to_string().contains("PRUEBA"), "{err}");
}

/// Issue 15: a logged-in read does not write the database; the last use is recorded at most
/// every two minutes (idle expiry is precise to that), and static files never look the cookie up.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_is_touched_at_most_every_two_minutes() {
    use sea_orm::EntityTrait;
    use server::persistence::entities::sesion;
    let mut app = TestApp::new().await;
    let cookie = app.ingresar("CACX7605101P8_FIEL", "CACX7605101P8").await;
    let uso = |app: &TestApp| {
        let db = app.db.clone();
        async move {
            sesion::Entity::find()
                .all(&db)
                .await
                .unwrap()
                .into_iter()
                .map(|s| s.ultimo_uso)
                .max()
                .unwrap()
        }
    };
    let inicial = uso(&app).await;
    app.reiniciar("2026-11-21T12:01:00-06:00");
    assert_eq!(
        app.get_con("/api/v1/auth/sesion", &cookie).await.status,
        StatusCode::OK
    );
    assert_eq!(uso(&app).await, inicial, "un minuto después no se escribe");
    app.reiniciar("2026-11-21T12:03:00-06:00");
    assert_eq!(
        app.get_con("/api/v1/auth/sesion", &cookie).await.status,
        StatusCode::OK
    );
    assert!(
        uso(&app).await > inicial,
        "tres minutos después se registra el uso"
    );
    assert_eq!(
        app.get_con("/healthz", &cookie).await.status,
        StatusCode::OK
    );
}
