//! What every server benchmark starts from (see [`preparar`]), and the process's peak memory.
#![allow(dead_code, reason = "each benchmark uses part of it")]

use app::api::informativas::NuevaInformativa;
use app::domain::cuenta::{DatosGeneralesEntrada, RepseEntrada, ServicioRepse};
use app::domain::informativas::ContratoEntrada;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, Database};
use server::config::Settings;
use server::informativas::Actor;
use server::persistence::entities::contratista;
use server::state::AppState;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// The prepared state; see [`preparar`].
pub struct Entorno {
    pub state: AppState,
    pub actor: Actor,
    pub rfc: String,
    /// The informativa.
    pub id: i64,
    /// Its contract.
    pub cid: i64,
    esquema_pg: Option<(String, String)>,
    _dir: tempfile::TempDir,
}

impl Entorno {
    /// "PostgreSQL" or "SQLite".
    pub fn backend(&self) -> &'static str {
        if self.esquema_pg.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    }

    /// The e.firma of the bench's contratista (the SAT's public test FIEL).
    pub fn efirma() -> (Vec<u8>, app::efirma::LlavePrivada) {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../fixtures/sat-test-certs/EKU9003173C9_FIEL");
        let cer = std::fs::read(dir.join("certificate.cer")).unwrap();
        let llave = app::efirma::LlavePrivada::descifrar(
            &std::fs::read(dir.join("private_key.key")).unwrap(),
            zeroize::Zeroizing::new(std::fs::read_to_string(dir.join("password.txt")).unwrap()),
        )
        .unwrap();
        (cer, llave)
    }

    /// Logs in as the contratista the way the browser does (challenge signed with the e.firma)
    /// and accepts the terms; the session cookie.
    pub async fn sesion(&self) -> String {
        use base64ct::Encoding;
        let (cer, llave) = Self::efirma();
        let (reto, _) = self.state.auth.reto(&self.rfc, "127.0.0.1").await.unwrap();
        let firma = llave.firmar(reto.as_bytes());
        let (token, _) = self
            .state
            .auth
            .ingresar(
                &reto,
                &base64ct::Base64::encode_string(&cer),
                &base64ct::Base64::encode_string(&firma),
                "127.0.0.1",
            )
            .await
            .unwrap();
        self.state.auth.aceptar_terminos(&self.rfc).await.unwrap();
        format!("{}={token}", app::api::sesion::COOKIE_SESION)
    }

    /// Server time of `GET ruta` through the whole router (session middleware, SSR of the page
    /// with its data), best of `n`, in ms; panics unless the answer is 200.
    pub async fn pagina(&self, cookie: &str, ruta: &str, n: usize) -> f64 {
        use tower::ServiceExt;
        let router = server::routes::build_router(self.state.clone());
        let mut mejor = f64::MAX;
        for _ in 0..n {
            let req = axum::http::Request::get(ruta)
                .header("cookie", cookie)
                .body(axum::body::Body::empty())
                .unwrap();
            let t = Instant::now();
            let res = router.clone().oneshot(req).await.unwrap();
            let estado = res.status();
            let cuerpo = http_body_util::BodyExt::collect(res.into_body())
                .await
                .unwrap()
                .to_bytes();
            let ms = t.elapsed().as_secs_f64() * 1e3;
            assert_eq!(estado, 200, "{ruta}: {}", String::from_utf8_lossy(&cuerpo));
            mejor = mejor.min(ms);
        }
        mejor
    }

    /// Drops the PostgreSQL schema, so runs do not pile up in the database.
    pub async fn cerrar(self) {
        if let Some((url, esquema)) = &self.esquema_pg {
            let admin = Database::connect(url).await.unwrap();
            admin
                .execute_unprepared(&format!("DROP SCHEMA IF EXISTS \"{esquema}\" CASCADE"))
                .await
                .unwrap();
        }
    }
}

/// The process's peak resident memory (VmHWM), in MB.
pub fn pico_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// A contratista ready to file (datos generales, REPSE, acuse), a Normal 2026-3 informativa and
/// one contract, on SQLite in a temporary directory or, with `ICSOE_BENCH_PG`, in a fresh schema
/// of that PostgreSQL database (dropped at the end by [`Entorno::cerrar`]).
pub async fn preparar() -> Entorno {
    let dir = tempfile::tempdir().unwrap();
    let mut esquema_pg = None;
    let (db, url) = match std::env::var("ICSOE_BENCH_PG") {
        Ok(base) => {
            let esquema = format!("bench_{}", std::process::id());
            esquema_pg = Some((base.clone(), esquema.clone()));
            let admin = Database::connect(&base).await.unwrap();
            admin
                .execute_unprepared(&format!(
                    "DROP SCHEMA IF EXISTS \"{esquema}\" CASCADE; CREATE SCHEMA \"{esquema}\""
                ))
                .await
                .unwrap();
            let mut o = sea_orm::ConnectOptions::new(base.clone());
            o.set_schema_search_path(esquema)
                .sqlx_logging(false)
                .max_connections(4);
            (Database::connect(o).await.unwrap(), base)
        }
        Err(_) => {
            let url = format!(
                "sqlite://{}?mode=rwc",
                dir.path().join("b.sqlite").display()
            );
            (server::persistence::connect(&url).await.unwrap(), url)
        }
    };
    server::persistence::migrate(&db).await.unwrap();
    let ahora: DateTime<Utc> = DateTime::parse_from_rfc3339("2026-11-21T12:00:00-06:00")
        .unwrap()
        .to_utc();
    // The settings as the server loads them, from variables a deployment would set.
    let almacen = dir.path().join("archivos");
    let confianza =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/sat-test-certs/sat-test-ca");
    let variables = [
        ("ICSOE_DATABASE_URL", url),
        ("ICSOE_DATA_DIR", dir.path().display().to_string()),
        ("ICSOE_ALMACEN_DIR", almacen.display().to_string()),
        ("ICSOE_CONFIANZA_DIR", confianza.display().to_string()),
        ("ICSOE_CLOCK", "2026-11-21T12:00:00-06:00".to_string()),
        ("ICSOE_LOG_LEVEL", "warn".to_string()),
        ("ICSOE_URL_PUBLICA", "https://icsoe.test".to_string()),
    ];
    let settings = Settings::load_from(None, |k| {
        variables
            .iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| v.clone())
    })
    .unwrap();
    let state = server::startup::app_state_con(
        &settings,
        db.clone(),
        Arc::new(server::infra::correo::CarteroMemoria::default()),
    )
    .expect("state");
    let rfc = "EKU9003173C9";
    contratista::ActiveModel {
        rfc: Set(rfc.into()),
        nombre: Set("ESCUELA KEMPER URGATE SA DE CV".into()),
        persona: Set("moral".into()),
        curp: Set(None),
        rfc_representante: Set(None),
        creado: Set(ahora),
    }
    .insert(&db)
    .await
    .unwrap();
    state
        .cuenta
        .guardar(
            rfc,
            &DatosGeneralesEntrada {
                correo: "a@b.mx".into(),
                celular: "5512345678".into(),
                domicilio_social_igual_fiscal: Some(true),
                repse: RepseEntrada {
                    numero: "AR12345/2024".into(),
                    fecha_registro: "2024-03-15".into(),
                    servicios: vec![ServicioRepse {
                        folio: "F-1".into(),
                        descripcion: "Limpieza".into(),
                    }],
                },
                ..Default::default()
            },
        )
        .await
        .expect("datos");
    state
        .cuenta
        .subir_acuse(rfc, "a.pdf", b"%PDF-1.4\n%%EOF\n")
        .await
        .expect("acuse");
    let actor = Actor {
        rfc: rfc.into(),
        por: rfc.into(),
    };
    let i = state
        .informativas
        .crear(
            &actor,
            &NuevaInformativa {
                anio: "2026".into(),
                periodo: "3".into(),
                tipo: "normal".into(),
            },
        )
        .await
        .expect("informativa");
    let c = state
        .informativas
        .agregar_contrato(
            &actor,
            i.id,
            &ContratoEntrada {
                rfc_contratante: "AAA010101AAA".into(),
                nombre_contratante: "Cliente".into(),
                correo: "c@d.mx".into(),
                celular: "5511112222".into(),
                objeto: "Limpieza".into(),
                servicio: "F-1".into(),
                fecha_inicio: "2026-09-15".into(),
                ..Default::default()
            },
        )
        .await
        .expect("contrato");
    Entorno {
        state,
        actor,
        rfc: rfc.to_string(),
        id: i.id,
        cid: c.id,
        esquema_pg,
        _dir: dir,
    }
}
