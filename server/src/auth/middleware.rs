//! Per-request session handling: refuse state-changing requests from other origins, and put the
//! logged-in contratista or capturista (if any) into the request's extensions, where `/api/v1` handlers and
//! server functions (through leptos' `Parts`) find it.

use crate::error::ApiError;
use crate::state::AppState;
use app::api::sesion::{PersonaCapturista, Rol, SesionActual, SesionCapturista, COOKIE_SESION};
use app::api::AppError;
use app::domain::error::ErrorCode;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;

/// The request extensions this middleware adds; their types live in `app` so server functions
/// read them too.
pub use app::api::sesion::{IpCliente, TokenSesion};

/// The session token in a request's cookies.
pub fn token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|par| par.trim().split_once('='))
        .find(|(nombre, _)| *nombre == COOKIE_SESION)
        .map(|(_, valor)| valor.to_string())
        .filter(|v| !v.is_empty() && v.len() <= 128)
}

/// The client's address: the TCP peer, or behind one of the operator's trusted proxies the
/// nearest untrusted `X-Forwarded-For` hop (`auth::proxies`).
pub fn ip_cliente(req: &Request, confiables: &[crate::auth::proxies::Red]) -> String {
    let Some(peer) = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
    else {
        return "desconocida".to_string();
    };
    let reenviado = req
        .headers()
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok());
    crate::auth::proxies::cliente(peer, reenviado, confiables).to_string()
}

/// A browser sends `Origin` on every cross-site POST; when it names another host than the one
/// asked, the request is refused (the `SameSite=Strict` cookie is the first line; this is the
/// second).
fn origen_ajeno(req: &Request) -> bool {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    let Some(origen) = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let anfitrion = req
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let sin_esquema = origen.split_once("://").map_or(origen, |(_, r)| r);
    origen == "null" || sin_esquema != anfitrion
}

/// Paths that never use a session (the WASM bundle, styles, public files, probes, the seal's
/// certificate): a cookie on them is not even looked up, so they cost no database query.
fn sin_sesion(ruta: &str) -> bool {
    ruta.starts_with("/pkg/")
        || ruta.starts_with("/sello/")
        || matches!(
            ruta,
            "/healthz" | "/readyz" | "/favicon.svg" | "/robots.txt"
        )
        || ruta == app::browser::RUTA_WORKER
}

/// The middleware.
pub async fn sesion(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    if sin_sesion(req.uri().path()) {
        return next.run(req).await;
    }
    if origen_ajeno(&req) {
        return ApiError(AppError::new(
            ErrorCode::OriginRefused,
            "La petición viene de otro sitio y fue rechazada. Entra directamente a ICSOE.",
        ))
        .into_response();
    }
    let ip = ip_cliente(&req, &state.proxies);
    req.extensions_mut().insert(IpCliente(ip));
    let mut con_sesion = false;
    let cambia = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if let Some(token) = token(req.headers()) {
        let resuelta = match state.sesiones.leer(&token) {
            Some(r) => Ok(r),
            None => {
                let generacion = state.sesiones.generacion();
                resolver(&state, &token).await.inspect(|r| {
                    state.sesiones.guardar(generacion, &token, r);
                })
            }
        };
        match resuelta {
            Ok((actual, capturista)) => {
                con_sesion = actual.is_some() || capturista.is_some();
                if let Some(a) = actual {
                    req.extensions_mut().insert::<SesionActual>(a);
                }
                if let Some(c) = capturista {
                    req.extensions_mut().insert::<SesionCapturista>(c);
                }
            }
            Err(e) => return ApiError(e).into_response(),
        }
        req.extensions_mut().insert(TokenSesion(token));
    }
    let mut respuesta = next.run(req).await;
    if cambia {
        // Logout, password changes, deactivations, terms, the contratista picked: whatever a
        // write did to sessions is seen by the next request here (`auth::cache`).
        state.sesiones.vaciar();
    }
    if con_sesion {
        // Logged-in pages and JSON carry NSS, CURP and salaries: no cache (browser, proxy or
        // back button) may keep them. A route that chose its own policy keeps it.
        respuesta
            .headers_mut()
            .entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static("no-store"));
    }
    respuesta
}

/// A token is a contratista's session or a capturista's. A capturista acts for a contratista
/// only once it picked one it is still active for; then it gets a [`SesionActual`] with
/// `rol = capturista`, which every protected route checks like a contratista's.
async fn resolver(
    state: &AppState,
    token: &str,
) -> Result<(Option<SesionActual>, Option<SesionCapturista>), AppError> {
    if let Some(actual) = state.auth.sesion(token).await? {
        return Ok((Some(actual), None));
    }
    let Some(c) = state.capturistas.sesion(token).await? else {
        return Ok((None, None));
    };
    let actual = match &c.contratista {
        Some(rfc) => state.auth.actuando_por(rfc).await?.map(|mut a| {
            a.rol = Rol::Capturista;
            a.capturista = Some(PersonaCapturista {
                curp: c.curp.clone(),
                nombre: c.nombre.clone(),
            });
            a
        }),
        None => None,
    };
    Ok((actual, Some(c)))
}
