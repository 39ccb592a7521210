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

/// Paths that never use a session (the WASM bundle, styles, public files, probes, metrics, the
/// seal's certificate): a cookie on them is not even looked up, so they cost no database query.
fn sin_sesion(ruta: &str) -> bool {
    ruta.starts_with("/pkg/")
        || ruta.starts_with("/sello/")
        || matches!(
            ruta,
            // `/metrics` has its own bearer token (`ICSOE_METRICAS_TOKEN`), not an API token.
            "/healthz" | "/readyz" | "/metrics" | "/favicon.svg" | "/robots.txt"
        )
        || ruta == app::browser::RUTA_WORKER
}

/// The middleware.
pub async fn sesion(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    if sin_sesion(req.uri().path()) {
        return next.run(req).await;
    }
    if let Some(secreto) = bearer(req.headers()) {
        return con_token(&state, req, next, secreto).await;
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
    atender(&state, req, next, con_sesion).await
}

/// Runs the request, then what every request with or without a session needs afterwards.
async fn atender(state: &AppState, req: Request, next: Next, con_sesion: bool) -> Response {
    let cambia = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let mut respuesta = next.run(req).await;
    if cambia {
        // Logout, password changes, deactivations, terms, the contratista picked, a token
        // revoked: whatever a write did to sessions is seen by the next request here
        // (`auth::cache`).
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

/// The secret of an `Authorization: Bearer …` header, if any.
fn bearer(headers: &HeaderMap) -> Option<String> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (esquema, secreto) = v.trim().split_once(' ')?;
    esquema
        .eq_ignore_ascii_case("bearer")
        .then(|| secreto.trim().to_string())
}

/// A request with an API token (issue 19): only the capture scope (`auth::alcance`), counted per
/// token, acting as the contratista with `rol = api`. The cookie, if any, is ignored, and so is the
/// origin check: a bearer header is never sent by a browser on its own, so a cross-site form
/// cannot ride on it.
async fn con_token(state: &AppState, mut req: Request, next: Next, secreto: String) -> Response {
    let ip = ip_cliente(&req, &state.proxies);
    req.extensions_mut().insert(IpCliente(ip));
    if !crate::auth::alcance::permitida(req.method(), req.uri().path()) {
        return ApiError(AppError::new(
            ErrorCode::ApiTokenScope,
            "Un token de API solo sirve para capturar: informativas, contratos, trabajadores, cargas masivas, su estado y los acuses. Firmar, enviar a firma, los datos generales y los capturistas se hacen en ICSOE con la e.firma.",
        ))
        .into_response();
    }
    let huella = crate::auth::servicio::hash_token(&secreto);
    if !state.tokens_api.permitir(&huella) {
        let mut r = ApiError(AppError::new(
            ErrorCode::RateLimited,
            "Demasiadas peticiones con este token en un minuto. Espera un minuto; para muchos trabajadores usa la carga masiva, que es una sola petición.",
        ))
        .into_response();
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        return r;
    }
    let clave = format!("api:{huella}");
    let actual = match state.sesiones.leer(&clave) {
        Some((actual, _)) => actual,
        None => {
            let generacion = state.sesiones.generacion();
            match state.tokens_api.resolver(&secreto).await {
                Ok(actual) => {
                    state
                        .sesiones
                        .guardar(generacion, &clave, &(actual.clone(), None));
                    actual
                }
                Err(e) => return ApiError(e).into_response(),
            }
        }
    };
    let Some(actual) = actual else {
        return ApiError(AppError::new(
            ErrorCode::ApiTokenInvalid,
            "El token de API no existe o fue revocado. El contratista puede crear uno nuevo en «Tokens de API» de su panel.",
        ))
        .into_response();
    };
    req.extensions_mut().insert::<SesionActual>(actual);
    atender(state, req, next, true).await
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
