//! Two real `icsoe serve` processes over one database (the same SQLite file, or one PostgreSQL
//! schema when the suite runs on PostgreSQL), the contratista signing on both at once: exactly one
//! presentation and one folio (issue 7: "also with two server replicas on one PostgreSQL").

use crate::helpers::{raiz, TestApp, AHORA};
use crate::presentacion::solicitud_presentar;
use axum::http::StatusCode;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A server process, killed when dropped.
struct Proceso {
    hijo: Child,
    puerto: u16,
    _datos: tempfile::TempDir,
}

impl Drop for Proceso {
    fn drop(&mut self) {
        let _ = self.hijo.kill();
        let _ = self.hijo.wait();
    }
}

fn puerto_libre() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One HTTP/1.1 request over a fresh connection: the status and the body.
fn http(
    puerto: u16,
    metodo: &str,
    ruta: &str,
    cabeceras: &[(&str, &str)],
    cuerpo: &str,
) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", puerto)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut req = format!(
        "{metodo} {ruta} HTTP/1.1\r\nHost: 127.0.0.1:{puerto}\r\nConnection: close\r\nContent-Length: {}\r\n",
        cuerpo.len()
    );
    for (k, v) in cabeceras {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(cuerpo);
    s.write_all(req.as_bytes()).unwrap();
    let mut resp = Vec::new();
    s.read_to_end(&mut resp).unwrap();
    let texto = String::from_utf8_lossy(&resp).into_owned();
    let estado = texto
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let cuerpo = texto
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (estado, cuerpo)
}

impl Proceso {
    fn iniciar(url: &str) -> Self {
        let datos = tempfile::tempdir().unwrap();
        let puerto = puerto_libre();
        let hijo = Command::new(env!("CARGO_BIN_EXE_icsoe"))
            .arg("serve")
            .current_dir(raiz())
            .env("ICSOE_DATABASE_URL", url)
            .env("ICSOE_CLOCK", AHORA)
            .env("ICSOE_DATA_DIR", datos.path())
            .env("ICSOE_LOG_LEVEL", "warn")
            .env("ICSOE_URL_PUBLICA", "https://icsoe.test")
            .env(
                "ICSOE_CONFIANZA_DIR",
                raiz().join("fixtures/sat-test-certs/sat-test-ca"),
            )
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{puerto}"))
            .env("LEPTOS_SITE_ROOT", raiz().join("target/site"))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("iniciar icsoe serve");
        let p = Proceso {
            hijo,
            puerto,
            _datos: datos,
        };
        let inicio = Instant::now();
        loop {
            if TcpStream::connect(("127.0.0.1", puerto)).is_ok()
                && http(puerto, "GET", "/healthz", &[], "").0 == 200
            {
                return p;
            }
            assert!(
                inicio.elapsed() < Duration::from_secs(60),
                "icsoe serve no respondió en 60 s"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_server_processes_signing_at_once_produce_one_folio() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let i = app.en_firma(&c, 5).await;
    let cadena = app.cadena(&c, i).await;
    let url = app.url_proceso();
    let (uno, dos) = (Proceso::iniciar(&url), Proceso::iniciar(&url));
    let peticiones: Vec<(u16, String, String)> = [uno.puerto, dos.puerto]
        .into_iter()
        .map(|puerto| {
            let (ruta, cuerpo) = solicitud_presentar(i, &cadena);
            (puerto, ruta, cuerpo)
        })
        .collect();
    let cookie = c.clone();
    let respuestas = tokio::task::spawn_blocking(move || {
        let hilos: Vec<_> = peticiones
            .into_iter()
            .enumerate()
            .map(|(n, (puerto, ruta, cuerpo))| {
                let cookie = cookie.clone();
                std::thread::spawn(move || {
                    let clave = format!("proceso-{n}-clave-0001");
                    http(
                        puerto,
                        "POST",
                        &ruta,
                        &[
                            ("content-type", "application/json"),
                            ("cookie", cookie.as_str()),
                            ("idempotency-key", clave.as_str()),
                        ],
                        &cuerpo,
                    )
                })
            })
            .collect();
        hilos
            .into_iter()
            .map(|h| h.join().unwrap())
            .collect::<Vec<_>>()
    })
    .await
    .unwrap();
    let folios: Vec<String> = respuestas
        .iter()
        .map(|(estado, cuerpo)| {
            assert_eq!(*estado, StatusCode::OK.as_u16(), "{cuerpo}");
            let v: serde_json::Value = serde_json::from_str(cuerpo).unwrap();
            v["folio"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(folios[0], folios[1], "dos folios para una informativa");
    use sea_orm::{EntityTrait, PaginatorTrait};
    use server::persistence::entities::{folio, presentacion};
    assert_eq!(
        presentacion::Entity::find().count(&app.db).await.unwrap(),
        1
    );
    assert_eq!(folio::Entity::find().count(&app.db).await.unwrap(), 1);
}

/// Issue 15: rate limits hold across replicas. Public verifications from one address are
/// limited to 30 a minute; asked alternately of two server processes, the 31st is refused
/// whichever process answers it (with counters in memory each process allowed 30).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_limits_are_shared_by_two_server_processes() {
    let app = TestApp::new().await;
    let url = app.url_proceso();
    let (uno, dos) = (Proceso::iniciar(&url), Proceso::iniciar(&url));
    let puertos = [uno.puerto, dos.puerto];
    let estados = tokio::task::spawn_blocking(move || {
        (0..31)
            .map(|n| {
                http(
                    puertos[n % 2],
                    "GET",
                    "/api/v1/verificar?folio=N263999999&rfc=EKU9003173C9",
                    &[],
                    "",
                )
                .0
            })
            .collect::<Vec<u16>>()
    })
    .await
    .unwrap();
    let limite = server::informativas::VERIFICACIONES_POR_MINUTO as usize;
    assert!(estados[..limite].iter().all(|e| *e == 404), "{estados:?}");
    assert_eq!(estados[limite], 429, "{estados:?}");
}
