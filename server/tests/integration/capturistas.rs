//! Capturistas: registration and invitations, login with CURP + password, the choice of
//! contratista, tokens (wrong, expired, reused), lockout, password reset ending sessions, and
//! every row of issue 5's role table, including guessed ids across contratistas.

use crate::cuenta::{datos_moral, pdf, FISICA, MORAL};
use crate::helpers::{TestApp, AHORA};
use axum::http::StatusCode;
use serde_json::json;

pub(crate) const ANA: &str = "GAMA900215MJCRRN05";
const LUIS: &str = "PELJ850101HDFRPN06";
pub(crate) const CLAVE: &str = "cuatro palabras largas";

fn token_de(texto: &str) -> String {
    let i = texto
        .find("token=")
        .expect("el correo trae un enlace con token")
        + 6;
    texto[i..]
        .chars()
        .take_while(|c| c.is_ascii_hexdigit())
        .collect()
}

impl TestApp {
    pub(crate) async fn alta(
        &self,
        cookie: &str,
        curp: &str,
        nombre: &str,
    ) -> crate::helpers::Respuesta {
        self.post_json(
            "/api/v1/capturistas",
            json!({"curp": curp, "nombre": nombre, "correo": "ana.muñoz@despacho.mx"}),
            Some(cookie),
        )
        .await
    }

    pub(crate) async fn ultimo_token(&self) -> String {
        let m = self.correos().await;
        token_de(&m.last().expect("se envió un correo").texto)
    }

    pub(crate) async fn contrasena(&self, token: &str, clave: &str) -> crate::helpers::Respuesta {
        self.post_json(
            "/api/v1/auth/capturista/contrasena",
            json!({"token": token, "contrasena": clave}),
            None,
        )
        .await
    }

    async fn entra_capturista(&self, curp: &str, clave: &str) -> crate::helpers::Respuesta {
        self.post_json(
            "/api/v1/auth/capturista",
            json!({"curp": curp, "contrasena": clave}),
            None,
        )
        .await
    }

    /// Registers ANA for the contratista behind `cookie`, sets her password, logs her in and
    /// picks that contratista; returns her cookie.
    pub(crate) async fn ana_trabajando_para(&self, cookie: &str, rfc: &str) -> String {
        let r = self.alta(cookie, ANA, "Ana Muñoz Gámez").await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let r = self.contrasena(&self.ultimo_token().await, CLAVE).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let r = self.entra_capturista(ANA, CLAVE).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let c = r
            .header("set-cookie")
            .split(';')
            .next()
            .unwrap()
            .to_string();
        let r = self
            .post_json(
                "/api/v1/auth/capturista/contratista",
                json!({"rfc": rfc}),
                Some(&c),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        c
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_registered_capturista_gets_an_invitation_sets_a_password_and_picks_the_contratista() {
    let app = TestApp::new().await;
    let kemper = app.titular(MORAL).await;
    let r = app
        .alta(&kemper, "gama900215mjcrrn05", "Ana Muñoz Gámez")
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.json()["curp"], ANA);
    assert_eq!(r.json()["invitacion_pendiente"], true);

    let correos = app.correos().await;
    assert_eq!(correos.len(), 1);
    let m = &correos[0];
    assert_eq!(m.para_nombre, "Ana Muñoz Gámez");
    assert_eq!(m.para_correo, "ana.muñoz@despacho.mx");
    assert!(m.asunto.contains("ESCUELA KEMPER URGATE"), "{}", m.asunto);
    assert!(
        m.texto.contains("https://icsoe.test/contrasena?token="),
        "{}",
        m.texto
    );
    assert!(m.texto.contains("48 horas"));

    // Before the password exists nobody gets in, and the message does not say why.
    let r = app.entra_capturista(ANA, CLAVE).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.json()["codigo"], "auth_credentials");

    let token = token_de(&m.texto);
    let r = app.contrasena(&token, "corta").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["codigo"], "password_policy");
    let r = app.contrasena(&token, CLAVE).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let r = app.contrasena(&token, "otra frase bastante larga").await;
    assert_eq!(r.json()["codigo"], "token_used");

    let r = app.entra_capturista(ANA, CLAVE).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["contratistas"][0]["rfc"], "EKU9003173C9");
    assert!(r.json()["contratista"].is_null());
    let ana = r
        .header("set-cookie")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    assert!(r.header("set-cookie").contains("HttpOnly"));

    // Not yet working for anyone: capture routes want a contratista.
    let r = app.get_con("/api/v1/datos-generales", &ana).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);

    let r = app
        .post_json(
            "/api/v1/auth/capturista/contratista",
            json!({"rfc": "EKU9003173C9"}),
            Some(&ana),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["contratista"], "EKU9003173C9");
    let r = app.get_con("/api/v1/auth/sesion", &ana).await;
    assert_eq!(r.json()["rol"], "capturista");
    assert_eq!(r.json()["capturista"]["curp"], ANA);
    assert_eq!(r.json()["rfc"], "EKU9003173C9");

    // The contratista sees when she last entered.
    let r = app.get_con("/api/v1/capturistas", &kemper).await;
    let fila = &r.json()[0];
    assert_eq!(fila["invitacion_pendiente"], false);
    assert_eq!(fila["ultimo_ingreso"], "2026-11-21T18:00:00Z");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_role_table_holds_for_every_route() {
    let app = TestApp::new().await;
    let kemper = app.titular(MORAL).await;
    let ana = app.ana_trabajando_para(&kemper, "EKU9003173C9").await;

    // Capturista: may read the account it works for…
    let r = app.get_con("/api/v1/datos-generales", &ana).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["rfc"], "EKU9003173C9");
    // …but not change it, nor manage capturistas, nor accept terms.
    let prohibidas: Vec<(&str, &str, serde_json::Value)> = vec![
        ("PUT", "/api/v1/datos-generales", datos_moral()),
        ("DELETE", "/api/v1/repse/acuse", json!({})),
        ("GET", "/api/v1/capturistas", json!({})),
        (
            "POST",
            "/api/v1/capturistas",
            json!({"curp": LUIS, "nombre": "Luis", "correo": "l@x.mx"}),
        ),
        (
            "POST",
            "/api/v1/capturistas/GAMA900215MJCRRN05/desactivar",
            json!({}),
        ),
        (
            "POST",
            "/api/v1/capturistas/GAMA900215MJCRRN05/invitacion",
            json!({}),
        ),
        (
            "POST",
            "/api/v1/auth/terminos",
            json!({"version": app::api::sesion::VERSION_TERMINOS}),
        ),
    ];
    for (metodo, ruta, cuerpo) in prohibidas {
        let r = app.json_con(metodo, ruta, cuerpo, &ana).await;
        assert_eq!(
            r.status,
            StatusCode::FORBIDDEN,
            "{metodo} {ruta}: {}",
            r.text()
        );
        assert_eq!(r.json()["codigo"], "forbidden");
    }
    let r = app
        .bytes_con("PUT", "/api/v1/repse/acuse", pdf(), &[], &ana)
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // Contratista B cannot reach A's capturista by guessing her CURP, nor see A's data.
    let cacx = app.titular(FISICA).await;
    let r = app
        .post_json(
            &format!("/api/v1/capturistas/{ANA}/desactivar"),
            json!({}),
            Some(&cacx),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.text());
    let r = app.get_con("/api/v1/capturistas", &cacx).await;
    assert_eq!(r.json(), json!([]));
    let r = app.get_con("/api/v1/datos-generales", &cacx).await;
    assert_eq!(r.json()["rfc"], "CACX7605101P8");

    // A's capturista cannot pick B (not registered there).
    let r = app
        .post_json(
            "/api/v1/auth/capturista/contratista",
            json!({"rfc": "CACX7605101P8"}),
            Some(&ana),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // And she still works for A only.
    let r = app.get_con("/api/v1/datos-generales", &ana).await;
    assert_eq!(r.json()["rfc"], "EKU9003173C9");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_capturista_serves_two_contratistas_and_deactivation_takes_effect_at_once() {
    let app = TestApp::new().await;
    let kemper = app.titular(MORAL).await;
    let ana = app.ana_trabajando_para(&kemper, "EKU9003173C9").await;
    let cacx = app.titular(FISICA).await;
    // The second contratista registers the same CURP: she has a password already, so she gets a
    // notice, not an invitation.
    let r = app.alta(&cacx, ANA, "Ana Muñoz").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.json()["invitacion_pendiente"], false);
    let aviso = app.correos().await.pop().unwrap();
    assert!(!aviso.texto.contains("token="), "{}", aviso.texto);
    let r = app.alta(&cacx, ANA, "Ana Muñoz").await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.json()["codigo"], "capturista_exists");

    let r = app.get_con("/api/v1/auth/capturista", &ana).await;
    assert_eq!(r.json()["contratistas"].as_array().unwrap().len(), 2);
    // Switch.
    let r = app
        .post_json(
            "/api/v1/auth/capturista/contratista",
            json!({"rfc": "CACX7605101P8"}),
            Some(&ana),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        app.get_con("/api/v1/datos-generales", &ana).await.json()["rfc"],
        "CACX7605101P8"
    );

    // CACX deactivates her: her very next request no longer acts for CACX.
    let r = app
        .post_json(
            &format!("/api/v1/capturistas/{ANA}/desactivar"),
            json!({}),
            Some(&cacx),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["activo"], false);
    let r = app.get_con("/api/v1/datos-generales", &ana).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = app.get_con("/api/v1/auth/capturista", &ana).await;
    assert_eq!(r.json()["contratistas"].as_array().unwrap().len(), 1);
    let r = app
        .post_json(
            "/api/v1/auth/capturista/contratista",
            json!({"rfc": "CACX7605101P8"}),
            Some(&ana),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Reactivated, she may pick CACX again.
    let r = app
        .post_json(
            &format!("/api/v1/capturistas/{ANA}/reactivar"),
            json!({}),
            Some(&cacx),
        )
        .await;
    assert_eq!(r.json()["activo"], true);
    let r = app
        .post_json(
            "/api/v1/auth/capturista/contratista",
            json!({"rfc": "CACX7605101P8"}),
            Some(&ana),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_and_expired_tokens_are_refused_with_their_own_codes() {
    let mut app = TestApp::new().await;
    let kemper = app.titular(MORAL).await;
    app.alta(&kemper, ANA, "Ana").await;
    let token = app.ultimo_token().await;
    let r = app.contrasena("00ff", CLAVE).await;
    assert_eq!(r.json()["codigo"], "token_unknown");
    // 48 h and one minute later the invitation is dead; the contratista can resend it.
    app.reiniciar("2026-11-23T12:01:00-06:00");
    let r = app.contrasena(&token, CLAVE).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["codigo"], "token_expired");
    assert!(r.json()["mensaje"].as_str().unwrap().contains("48 horas"));
    let kemper = app.titular(MORAL).await;
    let r = app
        .post_json(
            &format!("/api/v1/capturistas/{ANA}/invitacion"),
            json!({}),
            Some(&kemper),
        )
        .await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.text());
    let r = app.contrasena(&app.ultimo_token().await, CLAVE).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_failures_lock_the_curp_without_revealing_whether_it_exists() {
    let app = TestApp::new().await;
    let kemper = app.titular(MORAL).await;
    app.ana_trabajando_para(&kemper, "EKU9003173C9").await;
    for curp in [ANA, LUIS] {
        for _ in 0..5 {
            let r = app.entra_capturista(curp, "no es la clave").await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{curp}");
            assert_eq!(
                r.json()["mensaje"],
                "La CURP o la contraseña no son correctas. Revísalas; si olvidaste tu contraseña, usa «¿Olvidaste tu contraseña?»."
            );
        }
        // Locked, even with the right password, and the same for a CURP that does not exist.
        let r = app.entra_capturista(curp, CLAVE).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{curp}");
        assert_eq!(r.json()["codigo"], "rate_limited");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_password_reset_is_single_use_expires_and_ends_every_session() {
    let mut app = TestApp::new().await;
    let kemper = app.titular(MORAL).await;
    let ana = app.ana_trabajando_para(&kemper, "EKU9003173C9").await;
    let enviados = app.correos().await.len();

    // Same answer for an existing CURP and an unknown one; mail only for the real one.
    let r1 = app
        .post_json(
            "/api/v1/auth/capturista/recuperar",
            json!({"curp": ANA}),
            None,
        )
        .await;
    let r2 = app
        .post_json(
            "/api/v1/auth/capturista/recuperar",
            json!({"curp": LUIS}),
            None,
        )
        .await;
    assert_eq!(r1.status, StatusCode::ACCEPTED);
    assert_eq!(r1.body, r2.body);
    assert_eq!(app.correos().await.len(), enviados + 1);
    let m = app.correos().await.pop().unwrap();
    assert!(m.texto.contains("30 minutos"));
    let token = token_de(&m.texto);
    // Only the hash is stored.
    use sea_orm::{EntityTrait, PaginatorTrait};
    let guardados = server::persistence::entities::token_capturista::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert!(guardados.iter().all(|t| t.id != token && t.id.len() == 64));
    assert_eq!(guardados.len(), 2);

    let r = app.contrasena(&token, "nueva frase secreta").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    // The old session is gone, the old password too.
    let r = app.get_con("/api/v1/auth/capturista", &ana).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.entra_capturista(ANA, CLAVE).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.entra_capturista(ANA, "nueva frase secreta")
            .await
            .status,
        StatusCode::OK
    );
    assert!(app
        .correos()
        .await
        .last()
        .unwrap()
        .asunto
        .contains("cambió"));
    let r = app.contrasena(&token, "tercera frase secreta").await;
    assert_eq!(r.json()["codigo"], "token_used");

    // A reset link lives 30 minutes.
    app.post_json(
        "/api/v1/auth/capturista/recuperar",
        json!({"curp": ANA}),
        None,
    )
    .await;
    let token = app.ultimo_token().await;
    app.reiniciar("2026-11-21T12:31:00-06:00");
    let r = app.contrasena(&token, "cuarta frase secreta").await;
    assert_eq!(r.json()["codigo"], "token_expired");
    let _ = AHORA;
    let n = server::persistence::entities::sesion_capturista::Entity::find()
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(n, 1);
}

/// Issue 15: the lockout holds under concurrency. Attempts are counted before the password is
/// checked, in one conditional statement, so of a burst of 20 wrong passwords exactly five are
/// checked, and the right password right after the burst is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_wrong_passwords_cannot_outrun_the_lockout() {
    let app = std::sync::Arc::new(TestApp::new().await);
    let kemper = app.titular(MORAL).await;
    app.ana_trabajando_para(&kemper, "EKU9003173C9").await;
    let mut tareas = Vec::new();
    for _ in 0..20 {
        let app = app.clone();
        tareas.push(tokio::spawn(async move {
            app.entra_capturista(ANA, "no es la clave").await.status
        }));
    }
    let mut revisadas = 0;
    for t in tareas {
        let status = t.await.unwrap();
        assert!(
            status == StatusCode::UNAUTHORIZED || status == StatusCode::TOO_MANY_REQUESTS,
            "{status}"
        );
        if status == StatusCode::UNAUTHORIZED {
            revisadas += 1;
        }
    }
    assert!(revisadas <= 5, "{revisadas} contraseñas revisadas");
    let r = app.entra_capturista(ANA, CLAVE).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.text());
}

/// Issue 15: mail ICSOE sends on request is limited per CURP (resets: 3 an hour, with the same
/// answer past it; invitations: 5 an hour, then a clear 429), counted in the database.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reset_and_invitation_mails_are_limited_per_curp() {
    let app = TestApp::new().await;
    let kemper = app.titular(MORAL).await;
    app.ana_trabajando_para(&kemper, "EKU9003173C9").await;
    let antes = app.correos().await.len();
    for _ in 0..6 {
        let r = app
            .post_json(
                "/api/v1/auth/capturista/recuperar",
                json!({"curp": ANA}),
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::ACCEPTED);
    }
    assert_eq!(app.correos().await.len(), antes + 3);

    // LUIS is invited once on registration; four resends go, the fifth is refused.
    let r = app.alta(&kemper, LUIS, "Luis Pérez").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let ruta = format!("/api/v1/capturistas/{LUIS}/invitacion");
    let reenviar = || app.post_json(&ruta, json!({}), Some(&kemper));
    for _ in 0..4 {
        assert_eq!(reenviar().await.status, StatusCode::ACCEPTED);
    }
    let r = reenviar().await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.text());
    assert!(r.json()["mensaje"]
        .as_str()
        .unwrap()
        .contains("última hora"));
}
