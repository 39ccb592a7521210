//! What an API token may reach (issue 19): the **capture scope**, as an allow-list of method and
//! `/api/v1` route. Anything not listed — signing and presenting, sending to signature or back to
//! capture, datos generales, capturistas, the terms, deleting an informativa, every page and
//! server function — answers `403 api_token_scope`, whatever the handler would do. A list rather
//! than a check in each handler, so a route added later is closed to tokens until someone opens
//! it here on purpose.

use axum::http::Method;

/// `(method, pattern)`: a pattern's `*` matches one path segment.
const PERMITIDAS: &[(&str, &str)] = &[
    ("GET", "/api/v1/auth/sesion"),
    ("GET", "/api/v1/calendario/*"),
    ("GET", "/api/v1/parametros"),
    ("GET", "/api/v1/informativas"),
    ("POST", "/api/v1/informativas"),
    ("GET", "/api/v1/informativas/*"),
    ("GET", "/api/v1/informativas/*/contratos"),
    ("POST", "/api/v1/informativas/*/contratos"),
    ("POST", "/api/v1/informativas/*/contratos/importar"),
    ("GET", "/api/v1/informativas/*/contratos/*"),
    ("PUT", "/api/v1/informativas/*/contratos/*"),
    ("DELETE", "/api/v1/informativas/*/contratos/*"),
    ("POST", "/api/v1/informativas/*/contratos/*/copiar"),
    ("GET", "/api/v1/informativas/*/contratos/*/trabajadores"),
    ("POST", "/api/v1/informativas/*/contratos/*/trabajadores"),
    (
        "DELETE",
        "/api/v1/informativas/*/contratos/*/trabajadores/*",
    ),
    (
        "PUT",
        "/api/v1/informativas/*/contratos/*/trabajadores/carga",
    ),
    ("GET", "/api/v1/informativas/*/cargas/*/rechazados"),
    ("GET", "/api/v1/informativas/*/cargas/*/rechazados.xlsx"),
    ("GET", "/api/v1/informativas/*/acuse.pdf"),
    ("GET", "/api/v1/informativas/*/presentada.csv"),
    ("GET", "/api/v1/informativas/*/presentada.xlsx"),
];

fn coincide(patron: &str, ruta: &str) -> bool {
    let mut p = patron.split('/');
    let mut r = ruta.split('/');
    loop {
        match (p.next(), r.next()) {
            (None, None) => return true,
            (Some("*"), Some(s)) if !s.is_empty() => {}
            (Some(a), Some(b)) if a == b => {}
            _ => return false,
        }
    }
}

/// Whether a token may make this request.
pub fn permitida(metodo: &Method, ruta: &str) -> bool {
    let metodo = if metodo == Method::HEAD {
        "GET"
    } else {
        metodo.as_str()
    };
    let ruta = ruta.strip_suffix('/').unwrap_or(ruta);
    PERMITIDAS
        .iter()
        .any(|(m, p)| *m == metodo && coincide(p, ruta))
}

#[cfg(test)]
mod tests {
    use super::permitida;
    use axum::http::Method;

    #[test]
    fn capture_is_open_to_a_token() {
        for (m, r) in [
            (Method::GET, "/api/v1/informativas"),
            (Method::POST, "/api/v1/informativas"),
            (Method::GET, "/api/v1/informativas/7"),
            (Method::POST, "/api/v1/informativas/7/contratos"),
            (Method::PUT, "/api/v1/informativas/7/contratos/3"),
            (
                Method::POST,
                "/api/v1/informativas/7/contratos/3/trabajadores",
            ),
            (
                Method::DELETE,
                "/api/v1/informativas/7/contratos/3/trabajadores/12345678901",
            ),
            (
                Method::PUT,
                "/api/v1/informativas/7/contratos/3/trabajadores/carga",
            ),
            (Method::GET, "/api/v1/informativas/7/acuse.pdf"),
            (Method::HEAD, "/api/v1/informativas/7/acuse.pdf"),
        ] {
            assert!(permitida(&m, r), "{m} {r}");
        }
    }

    #[test]
    fn signing_the_account_and_pages_are_closed_to_a_token() {
        for (m, r) in [
            (Method::POST, "/api/v1/informativas/7/enviar-firma"),
            (Method::POST, "/api/v1/informativas/7/regresar-captura"),
            (Method::GET, "/api/v1/informativas/7/firma"),
            (Method::POST, "/api/v1/informativas/7/presentar"),
            (Method::POST, "/api/v1/informativas/7/complementarias"),
            (Method::DELETE, "/api/v1/informativas/7"),
            (Method::PUT, "/api/v1/datos-generales"),
            (Method::GET, "/api/v1/datos-generales"),
            (Method::POST, "/api/v1/capturistas"),
            (Method::POST, "/api/v1/auth/terminos"),
            (Method::POST, "/api/v1/auth/salir"),
            (Method::GET, "/panel"),
            (Method::POST, "/api/fn/tokens-api/nuevo"),
            (Method::GET, "/api/v1/informativas//contratos"),
            (
                Method::PUT,
                "/api/v1/informativas/7/contratos/3/trabajadores/carga/x",
            ),
        ] {
            assert!(!permitida(&m, r), "{m} {r}");
        }
    }
}
