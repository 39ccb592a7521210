//! Issue 19, API tokens: the contratista creates a named token (its secret shown once, only its
//! hash stored), payroll software captures with `Authorization: Bearer …` — informativa,
//! contract, bulk upload with `Idempotency-Key`, status, acuse — and is refused everything else
//! (signing, sending to signature, the account, capturistas, pages); no origin check applies to
//! it; it is counted per token; revoking it stops it at once.

use crate::helpers::{Respuesta, TestApp};
use crate::informativas::{archivo, id};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::json;

impl TestApp {
    /// `method uri` with a bearer token and an optional JSON body; no cookie.
    async fn con_token(
        &self,
        method: &str,
        uri: &str,
        token: &str,
        cuerpo: Option<serde_json::Value>,
    ) -> Respuesta {
        let req = Request::builder()
            .method(method)
            .uri(uri)
            .header("authorization", format!("Bearer {token}"))
            .header("content-type", "application/json");
        self.send(
            req.body(cuerpo.map_or_else(Body::empty, |c| Body::from(c.to_string())))
                .unwrap(),
        )
        .await
    }

    /// Creates a token as the hydrated page does (the answer carries the secret).
    async fn crear_token(&self, cookie: &str, nombre: &str) -> Respuesta {
        self.send(
            Request::post("/api/fn/tokens-api/nuevo")
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "application/json")
                .header("cookie", cookie)
                .body(Body::from(format!("nombre={nombre}")))
                .unwrap(),
        )
        .await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_captures_and_can_never_sign_nor_touch_the_account() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let r = app.crear_token(&c, "N%C3%B3mina+CONTPAQi").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let creado = r.json();
    assert_eq!(creado["nombre"], "Nómina CONTPAQi");
    let token = creado["secreto"].as_str().unwrap().to_string();
    assert!(token.starts_with("icsoe_") && token.len() == 70, "{token}");

    // Only the hash is stored; the page lists the name and the prefix, never the secret.
    let guardado: Vec<String> =
        <server::persistence::entities::token_api::Entity as sea_orm::EntityTrait>::find()
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|t| t.huella)
            .collect();
    assert_eq!(guardado.len(), 1);
    assert_ne!(guardado[0], token);
    let pagina = app.get_con("/tokens-api", &c).await.text();
    assert!(
        pagina.contains("Nómina CONTPAQi") && pagina.contains(&token[..12]),
        "{pagina}"
    );
    assert!(
        !pagina.contains(&token),
        "the secret is shown once, at creation"
    );

    // Capture with the token alone (no cookie), even with a foreign Origin: no CSRF rule applies.
    let r = app
        .con_token(
            "POST",
            "/api/v1/informativas",
            &token,
            Some(json!({"anio": "2026", "periodo": "3", "tipo": "normal"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let i = id(&r);
    let r = app
        .send(
            Request::post(format!("/api/v1/informativas/{i}/contratos"))
                .header("authorization", format!("Bearer {token}"))
                .header("origin", "https://otro-sitio.example")
                .header("content-type", "application/json")
                .body(Body::from(
                    crate::informativas::contrato_valido().to_string(),
                ))
                .unwrap(),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::CREATED,
        "origin is not checked for a token: {}",
        r.text()
    );
    let cid = id(&r);
    for repetida in [false, true] {
        let r = app
            .send(
                Request::put(format!(
                    "/api/v1/informativas/{i}/contratos/{cid}/trabajadores/carga"
                ))
                .header("authorization", format!("Bearer {token}"))
                .header("content-type", "text/csv")
                .header("idempotency-key", "nomina-2026-09-0001")
                .body(Body::from(archivo(0, 3)))
                .unwrap(),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        assert_eq!(r.json()["agregados"], 3);
        assert_eq!(
            r.json()["repetida"],
            repetida,
            "a retry with the same key is not a second upload"
        );
    }
    let r = app
        .con_token("GET", &format!("/api/v1/informativas/{i}"), &token, None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let r = app
        .con_token("GET", "/api/v1/auth/sesion", &token, None)
        .await;
    assert_eq!(r.json()["rol"], "api", "{}", r.text());

    // Never: send to signature, present, the account, capturistas, terms, pages, server functions.
    for (m, uri, cuerpo) in [
        (
            "POST",
            format!("/api/v1/informativas/{i}/enviar-firma"),
            None,
        ),
        (
            "POST",
            format!("/api/v1/informativas/{i}/presentar"),
            Some(json!({})),
        ),
        ("DELETE", format!("/api/v1/informativas/{i}"), None),
        (
            "PUT",
            "/api/v1/datos-generales".to_string(),
            Some(crate::cuenta::datos_moral()),
        ),
        (
            "POST",
            "/api/v1/capturistas".to_string(),
            Some(json!({"curp": "PELJ850101HDFRPN06"})),
        ),
        ("GET", "/panel".to_string(), None),
        ("POST", "/api/fn/tokens-api/nuevo".to_string(), None),
    ] {
        let r = app.con_token(m, &uri, &token, cuerpo).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{m} {uri}: {}", r.text());
        assert_eq!(r.json()["codigo"], "api_token_scope");
    }
    assert_eq!(app.detalle(&c, i).await["informativa"]["estado"], "captura");

    // Last use is recorded; then revoking stops the token at once.
    let pagina = app.get_con("/tokens-api", &c).await.text();
    assert!(!pagina.contains("Último uso: Nunca"), "{pagina}");
    let fila = <server::persistence::entities::token_api::Entity as sea_orm::EntityTrait>::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let r = app
        .formulario(
            "/api/fn/tokens-api/revocar",
            &[("id", &fila.id.to_string())],
            "/tokens-api",
            Some(&c),
        )
        .await;
    assert!(r.status.is_redirection(), "{}", r.status);
    let r = app
        .con_token("GET", "/api/v1/informativas", &token, None)
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.json()["codigo"], "api_token_invalid");
    let r = app
        .con_token("GET", "/api/v1/informativas", "icsoe_inventado", None)
        .await;
    assert_eq!(r.json()["codigo"], "api_token_invalid");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_titular_makes_tokens_and_each_token_has_its_own_rate() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    // Server functions answer errors as their encoded `AppError` (the page shows the message).
    let r = app.crear_token(&c, "").await;
    assert_eq!(r.json()["codigo"], "field_required", "{}", r.text());
    let uno = app.crear_token(&c, "uno").await.json()["secreto"]
        .as_str()
        .unwrap()
        .to_string();
    let dos = app.crear_token(&c, "dos").await.json()["secreto"]
        .as_str()
        .unwrap()
        .to_string();
    let mut ultima = StatusCode::OK;
    for _ in 0..=server::tokens_api::PETICIONES_POR_MINUTO {
        ultima = app
            .con_token("GET", "/api/v1/auth/sesion", &uno, None)
            .await
            .status;
    }
    assert_eq!(
        ultima,
        StatusCode::TOO_MANY_REQUESTS,
        "one token past its rate"
    );
    let r = app
        .con_token("GET", "/api/v1/auth/sesion", &dos, None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "another token keeps its own");
    // A capturista acting for the contratista cannot create one.
    let cap = app.ana_trabajando_para(&c, crate::cuenta::MORAL.1).await;
    let r = app.crear_token(&cap, "mio").await;
    assert_eq!(r.json()["codigo"], "forbidden", "{}", r.text());
}
