//! `TestApp`: the router over a fresh database with a fixed clock, plus request helpers.

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use chrono::{DateTime, Utc};
use http_body_util::BodyExt;
use leptos_axum::AxumRouteListing;
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection};
use server::config::{ClockSetting, LogFormat, Profile, Settings};
use server::infra::correo::CarteroMemoria;
use server::persistence::{self, dias_inhabiles::SeaOrmDiasInhabiles};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::sync::LazyLock;
use tower::ServiceExt;

/// The page routes, generated once per process as the real server does at start-up.
/// `generate_route_list` renders the app with a process-global "suppress resource loading" flag
/// set (leptos_server's `SuppressResourceLoad`), so generating it in one test while another test
/// renders a page left that page's resources unloaded and its request hanging (about 1 run in 10).
static RUTAS: LazyLock<Vec<AxumRouteListing>> = LazyLock::new(server::routes::page_routes);

/// The instant the suite's clock is stopped at: Saturday 21 November 2026, noon in Mexico City.
/// The repository's root (tests run in `server/`).
pub fn raiz() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

pub const AHORA: &str = "2026-11-21T12:00:00-06:00";

static SIGUIENTE: AtomicU32 = AtomicU32::new(0);

/// Which database the suite runs on.
fn backend_postgres() -> Option<String> {
    match std::env::var("ICSOE_TEST_BACKEND").as_deref() {
        Ok("postgres") => Some(std::env::var("ICSOE_TEST_POSTGRES_URL").expect(
            "ICSOE_TEST_BACKEND=postgres necesita ICSOE_TEST_POSTGRES_URL (p. ej. postgres://postgres@127.0.0.1:5432/test)",
        )),
        _ => None,
    }
}

/// A unique name for this test's database objects.
fn nombre_unico() -> String {
    let nanos = Utc::now().timestamp_subsec_nanos();
    format!(
        "t_{}_{}_{}",
        std::process::id(),
        SIGUIENTE.fetch_add(1, Ordering::SeqCst),
        nanos
    )
}

/// Where a test's data lives, removed when the test ends.
enum Aislamiento {
    Sqlite(tempfile::TempDir),
    Postgres {
        url: String,
        esquema: String,
        archivos: tempfile::TempDir,
    },
}

impl Aislamiento {
    /// The test's own file-storage directory.
    fn archivos(&self) -> PathBuf {
        match self {
            Aislamiento::Sqlite(dir) => dir.path().join("archivos"),
            Aislamiento::Postgres { archivos, .. } => archivos.path().to_path_buf(),
        }
    }
}

impl Aislamiento {
    /// The database URL a separate server process uses to reach this test's database (on
    /// PostgreSQL, its schema through the connection's `search_path`).
    fn url_proceso(&self, url: &str) -> String {
        match self {
            Aislamiento::Sqlite(_) => url.to_string(),
            Aislamiento::Postgres { esquema, .. } => {
                let sep = if url.contains('?') { '&' } else { '?' };
                format!("{url}{sep}options%5Bsearch_path%5D={esquema}")
            }
        }
    }
}

impl Drop for Aislamiento {
    fn drop(&mut self) {
        if let Aislamiento::Postgres { url, esquema, .. } = self {
            let (url, esquema) = (url.clone(), esquema.clone());
            // Drop runs inside the test's runtime; use a thread with its own.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .ok()?;
                rt.block_on(async {
                    let db = Database::connect(url).await.ok()?;
                    db.execute_unprepared(&format!("DROP SCHEMA IF EXISTS \"{esquema}\" CASCADE"))
                        .await
                        .ok()
                })
            })
            .join();
        }
    }
}

/// The application under test.
pub struct TestApp {
    pub router: Router,
    pub db: DatabaseConnection,
    pub settings: Settings,
    /// Every e-mail the app sent (read through [`TestApp::correos`], which delivers the outbox).
    pub correo: CarteroMemoria,
    /// The notice service (its outbox worker is driven by the tests, not spawned).
    pub avisos: Arc<server::avisos::Avisos>,
    /// Open data (its monthly task is driven by the tests, not spawned).
    pub listado: Arc<server::listado::Listado>,
    _aislamiento: Aislamiento,
}

/// A response, fully read.
pub struct Respuesta {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Respuesta {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("no es JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, nombre: &str) -> &str {
        self.headers
            .get(nombre)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }
}

impl TestApp {
    /// A fresh app with the clock at [`AHORA`].
    pub async fn new() -> Self {
        Self::with_clock(AHORA).await
    }

    /// A fresh app with the clock at `ahora` (RFC 3339).
    pub async fn with_clock(ahora: &str) -> Self {
        Self::configurado(ahora, |_| {}).await
    }

    /// An app whose settings `ajustar` changes before it is built.
    pub async fn configurado(ahora: &str, ajustar: impl FnOnce(&mut Settings)) -> Self {
        let instante: DateTime<Utc> = DateTime::parse_from_rfc3339(ahora).unwrap().to_utc();
        let (db, url, aislamiento) = match backend_postgres() {
            Some(base) => {
                let esquema = nombre_unico();
                let admin = Database::connect(&base)
                    .await
                    .expect("conectar a PostgreSQL");
                admin
                    .execute_unprepared(&format!("CREATE SCHEMA \"{esquema}\""))
                    .await
                    .unwrap();
                admin.close().await.unwrap();
                let mut opciones = ConnectOptions::new(base.clone());
                opciones
                    .set_schema_search_path(esquema.clone())
                    .sqlx_logging(false)
                    .max_connections(4);
                let db = Database::connect(opciones).await.unwrap();
                (
                    db,
                    base.clone(),
                    Aislamiento::Postgres {
                        url: base,
                        esquema,
                        archivos: tempfile::tempdir().unwrap(),
                    },
                )
            }
            None => {
                let dir = tempfile::tempdir().unwrap();
                let url = format!(
                    "sqlite://{}?mode=rwc",
                    dir.path().join("icsoe.sqlite").display()
                );
                let db = persistence::connect(&url).await.unwrap();
                (db, url, Aislamiento::Sqlite(dir))
            }
        };
        persistence::migrate(&db).await.unwrap();
        let settings = Settings {
            profile: Profile::Development,
            bind: "127.0.0.1:0".parse().unwrap(),
            data_dir: aislamiento.archivos().join("datos"),
            database_url: url,
            log_format: LogFormat::Text,
            log_level: "warn".into(),
            site_root: PathBuf::from("target/site"),
            clock: ClockSetting::Fixed(instante),
            limites_csv: Default::default(),
            confianza_dir: raiz().join("fixtures/sat-test-certs/sat-test-ca"),
            sesion_minutos: 30,
            correo: server::config::ModoCorreo::Directorio,
            correo_dir: None,
            correo_remitente: "ICSOE <no-responder@localhost>".into(),
            smtp: server::infra::correo::ConfigSmtp {
                host: String::new(),
                puerto: 587,
                seguridad: server::infra::correo::SeguridadSmtp::Starttls,
                credenciales: None,
            },
            url_publica: Some("https://icsoe.test".into()),
            almacen_dir: Some(aislamiento.archivos()),
            s3_bucket: None,
            sello_dir: None,
            metricas_token: None,
            ocsp_url: None,
            ocsp_falla: server::auth::revocacion::FallaOcsp::Abierta,
            proxies_confiables: Vec::new(),
            retencion_rechazados_dias: 30,
        };
        let mut settings = settings;
        ajustar(&mut settings);
        let correo = CarteroMemoria::default();
        let state = server::startup::app_state_con(&settings, db.clone(), Arc::new(correo.clone()))
            .unwrap();
        let avisos = state.avisos.clone();
        let listado = state.listado.clone();
        let router = server::routes::build_router_with(state, RUTAS.clone());
        TestApp {
            router,
            db,
            settings,
            correo,
            avisos,
            listado,
            _aislamiento: aislamiento,
        }
    }

    /// The database URL for an `icsoe serve` child process over this test's database.
    pub fn url_proceso(&self) -> String {
        self._aislamiento.url_proceso(&self.settings.database_url)
    }

    /// A new server process over the same database, possibly with another clock: what a restart
    /// (or a second replica) sees.
    pub fn reiniciar(&mut self, ahora: &str) {
        self.settings.clock =
            ClockSetting::Fixed(DateTime::parse_from_rfc3339(ahora).unwrap().to_utc());
        let state = server::startup::app_state_con(
            &self.settings,
            self.db.clone(),
            Arc::new(self.correo.clone()),
        )
        .unwrap();
        self.avisos = state.avisos.clone();
        self.listado = state.listado.clone();
        self.router = server::routes::build_router_with(state, RUTAS.clone());
    }

    /// Delivers everything due in the outbox (what the worker of a running server does at once),
    /// then every e-mail sent so far.
    pub async fn correos(&self) -> Vec<server::infra::correo::Mensaje> {
        self.avisos.repartidor.vaciar().await.unwrap();
        self.correo.mensajes()
    }

    /// `POST uri` with a JSON body and, optionally, a cookie header.
    pub async fn post_json(
        &self,
        uri: &str,
        cuerpo: serde_json::Value,
        cookie: Option<&str>,
    ) -> Respuesta {
        let mut req = Request::post(uri).header("content-type", "application/json");
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        self.send(req.body(Body::from(cuerpo.to_string())).unwrap())
            .await
    }

    /// `method uri` with a JSON body and a cookie header.
    pub async fn json_con(
        &self,
        method: &str,
        uri: &str,
        cuerpo: serde_json::Value,
        cookie: &str,
    ) -> Respuesta {
        self.send(
            Request::builder()
                .method(method)
                .uri(uri)
                .header("content-type", "application/json")
                .header("cookie", cookie)
                .body(Body::from(cuerpo.to_string()))
                .unwrap(),
        )
        .await
    }

    /// `method uri` with raw bytes, extra headers and a cookie header.
    pub async fn bytes_con(
        &self,
        method: &str,
        uri: &str,
        cuerpo: Vec<u8>,
        encabezados: &[(&str, &str)],
        cookie: &str,
    ) -> Respuesta {
        let mut req = Request::builder()
            .method(method)
            .uri(uri)
            .header("cookie", cookie);
        for (k, v) in encabezados {
            req = req.header(*k, *v);
        }
        self.send(req.body(Body::from(cuerpo)).unwrap()).await
    }

    /// `GET uri` with a cookie header.
    pub async fn get_con(&self, uri: &str, cookie: &str) -> Respuesta {
        self.send(
            Request::get(uri)
                .header("cookie", cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await
    }

    /// The días inhábiles repository over this test's database.
    pub fn dias_inhabiles(&self) -> SeaOrmDiasInhabiles {
        SeaOrmDiasInhabiles::new(self.db.clone())
    }

    /// Sends a request through the whole stack.
    pub async fn send(&self, req: Request<Body>) -> Respuesta {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let body = res.into_body().collect().await.unwrap().to_bytes().to_vec();
        Respuesta {
            status,
            headers,
            body,
        }
    }

    /// `GET uri`.
    pub async fn get(&self, uri: &str) -> Respuesta {
        self.send(Request::get(uri).body(Body::empty()).unwrap())
            .await
    }
}
