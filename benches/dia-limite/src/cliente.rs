//! The HTTP client of the virtual users, and the record of every request it makes: operation,
//! start, duration, status. Each virtual user carries its own address in `X-Forwarded-For`, as a
//! load balancer would write it (the server under test trusts 127.0.0.1 as its proxy), so the
//! per-address limits see many clients, as in production.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::Request;
use hyper_util::client::legacy::{connect::HttpConnector, Client};
use hyper_util::rt::TokioExecutor;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One request as measured.
#[derive(Clone, Copy, Debug)]
pub struct Muestra {
    pub operacion: &'static str,
    /// Start, in ms since the run began.
    pub inicio_ms: u32,
    pub duracion_us: u32,
    /// HTTP status; 0 when the request failed without an answer (connection refused, reset,
    /// timed out).
    pub estado: u16,
    /// Whether the request is part of the big upload (kept out of "everyone else").
    pub grande: bool,
    /// `GET` (a read) or not.
    pub lectura: bool,
}

/// An unexpected answer: operation, status, the start of the body.
pub type Sorpresa = (&'static str, u16, String);

/// Every request of the run.
#[derive(Clone)]
pub struct Registro {
    pub inicio: Instant,
    muestras: Arc<Mutex<Vec<Muestra>>>,
    /// Unexpected answers, for the report: operation, status, body (first 300 bytes).
    pub sorpresas: Arc<Mutex<Vec<Sorpresa>>>,
}

impl Registro {
    pub fn nuevo() -> Self {
        Registro {
            inicio: Instant::now(),
            muestras: Arc::new(Mutex::new(Vec::with_capacity(1 << 20))),
            sorpresas: Arc::default(),
        }
    }

    fn anotar(&self, m: Muestra) {
        if let Ok(mut v) = self.muestras.lock() {
            v.push(m);
        }
    }

    pub fn muestras(&self) -> Vec<Muestra> {
        self.muestras.lock().map(|v| v.clone()).unwrap_or_default()
    }

    /// Forgets what was measured so far (the setup is not part of the run).
    pub fn reiniciar(&mut self) {
        if let Ok(mut v) = self.muestras.lock() {
            v.clear();
        }
        if let Ok(mut v) = self.sorpresas.lock() {
            v.clear();
        }
        self.inicio = Instant::now();
    }
}

/// An answer.
pub struct Respuesta {
    pub estado: u16,
    pub cookie: Option<String>,
    pub cuerpo: Bytes,
}

impl Respuesta {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.cuerpo).unwrap_or(serde_json::Value::Null)
    }
}

/// What a step of a journey returns when the answer was not the expected one.
#[derive(Debug)]
pub struct Fallo;

/// A virtual user's client: the shared connection pool, its address and its session cookie.
#[derive(Clone)]
pub struct Usuario {
    http: Client<HttpConnector, Full<Bytes>>,
    base: Arc<str>,
    ip: Arc<str>,
    pub cookie: Option<String>,
    registro: Registro,
    pub grande: bool,
}

/// The connection pool all virtual users share (keep-alive, as browsers behind a balancer).
/// Idle connections are dropped after 5 s, before the server's 10 s wait for the next request's
/// headers closes them: reusing a connection the server is closing at that instant fails with
/// no answer, which a browser retries on its own and this client would count as a server error.
pub fn pool(usuarios: usize) -> Client<HttpConnector, Full<Bytes>> {
    let mut conector = HttpConnector::new();
    conector.set_nodelay(true);
    Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(usuarios + 16)
        .pool_idle_timeout(Duration::from_secs(5))
        .build(conector)
}

impl Usuario {
    pub fn new(
        http: Client<HttpConnector, Full<Bytes>>,
        base: &str,
        n: usize,
        registro: Registro,
    ) -> Self {
        Usuario {
            http,
            base: base.into(),
            ip: format!("10.{}.{}.{}", (n >> 16) & 255, (n >> 8) & 255, n & 255).into(),
            cookie: None,
            registro,
            grande: false,
        }
    }

    /// Sends one request and records it under `operacion`; an answer whose status is not
    /// `esperado` is recorded as a surprise and returned as [`Fallo`].
    pub async fn pedir(
        &mut self,
        operacion: &'static str,
        metodo: &str,
        ruta: &str,
        cabeceras: &[(&str, &str)],
        cuerpo: Bytes,
        esperado: u16,
    ) -> Result<Respuesta, Fallo> {
        let mut req = Request::builder()
            .method(metodo)
            .uri(format!("{}{ruta}", self.base))
            .header("x-forwarded-for", &*self.ip);
        if let Some(c) = &self.cookie {
            req = req.header("cookie", c);
        }
        for (k, v) in cabeceras {
            req = req.header(*k, *v);
        }
        let req = req.body(Full::new(cuerpo)).map_err(|_| Fallo)?;
        let t = Instant::now();
        let inicio_ms = self.registro.inicio.elapsed().as_millis() as u32;
        let resultado = tokio::time::timeout(Duration::from_secs(120), async {
            let res = self.http.request(req).await.map_err(|e| e.to_string())?;
            let estado = res.status().as_u16();
            let cookie = res
                .headers()
                .get("set-cookie")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(';').next())
                .map(str::to_string);
            let cuerpo = res
                .into_body()
                .collect()
                .await
                .map_err(|e| e.to_string())?
                .to_bytes();
            Ok::<_, String>(Respuesta {
                estado,
                cookie,
                cuerpo,
            })
        })
        .await
        .unwrap_or_else(|_| Err("sin respuesta en 120 s".into()));
        let duracion_us = t.elapsed().as_micros().min(u128::from(u32::MAX)) as u32;
        let estado = resultado.as_ref().map_or(0, |r| r.estado);
        self.registro.anotar(Muestra {
            operacion,
            inicio_ms,
            duracion_us,
            estado,
            grande: self.grande,
            lectura: metodo == "GET",
        });
        match resultado {
            Ok(r) if r.estado == esperado => Ok(r),
            Ok(r) => {
                self.sorprendido(operacion, r.estado, &r.cuerpo);
                Err(Fallo)
            }
            Err(e) => {
                self.sorprendido(operacion, 0, e.as_bytes());
                Err(Fallo)
            }
        }
    }

    fn sorprendido(&self, operacion: &'static str, estado: u16, cuerpo: &[u8]) {
        let texto = String::from_utf8_lossy(&cuerpo[..cuerpo.len().min(300)]).into_owned();
        if let Ok(mut v) = self.registro.sorpresas.lock() {
            v.push((operacion, estado, texto));
        }
    }

    /// `GET` expecting 200.
    pub async fn get(&mut self, operacion: &'static str, ruta: &str) -> Result<Respuesta, Fallo> {
        self.pedir(operacion, "GET", ruta, &[], Bytes::new(), 200)
            .await
    }

    /// A JSON request.
    pub async fn json(
        &mut self,
        operacion: &'static str,
        metodo: &str,
        ruta: &str,
        cuerpo: serde_json::Value,
        esperado: u16,
    ) -> Result<Respuesta, Fallo> {
        self.pedir(
            operacion,
            metodo,
            ruta,
            &[("content-type", "application/json")],
            Bytes::from(cuerpo.to_string()),
            esperado,
        )
        .await
    }
}
