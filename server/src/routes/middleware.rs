//! Cross-cutting layers: request id, tracing, compression, security headers.

use axum::http::{header, HeaderName, HeaderValue, Request, StatusCode};
use axum::response::Response;
use axum::Router;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{
    MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// For responses that did not set their own policy (JSON, static files, errors): nothing may
/// load, nothing may frame. Pages set a nonce-based policy in `app::shell`.
const CSP_POR_DEFECTO: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// A protected page that redirects an anonymous visitor is rendered with a `Location` header; make
/// it a real `302 Found` whatever status the renderer left, so browsers, `curl` and crawlers all
/// follow it. Not a server function answering the hydrated page (`serverfnredirect`): that one
/// carries its data with a `200` and the page navigates itself; a `302` would make `fetch`
/// follow it and hand the next page's HTML to the JSON decoder.
async fn redireccion_real(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let funcion = req.uri().path().starts_with("/api/fn/");
    let mut r = next.run(req).await;
    if r.status() == StatusCode::OK
        && r.headers().contains_key(header::LOCATION)
        && !(funcion
            && r.headers()
                .contains_key(leptos::server_fn::redirect::REDIRECT_HEADER))
    {
        *r.status_mut() = StatusCode::FOUND;
    }
    r
}

/// The longest a request may take to get its answer's headers; past it the work is dropped
/// (an open transaction rolls back) and the client gets `503 timeout`. A response body that
/// streams (a CSV, a page) is not cut. The bulk worker upload is exempt: a million rows over a
/// phone connection take minutes, and its body has its own minimum-rate rule
/// (`informativas::carga::INACTIVIDAD_CUERPO`).
pub const TIEMPO_MAXIMO_PETICION: std::time::Duration = std::time::Duration::from_secs(60);

/// The bulk upload, exempt from [`TIEMPO_MAXIMO_PETICION`].
fn es_carga_masiva(req: &axum::extract::Request) -> bool {
    req.method() == axum::http::Method::PUT && req.uri().path().ends_with("/trabajadores/carga")
}

/// Answers `503 timeout` when a request takes longer than `limite` (see
/// [`TIEMPO_MAXIMO_PETICION`]), so no request holds a worker, a connection and a database
/// connection indefinitely.
pub async fn limite_de_tiempo(
    axum::extract::State(limite): axum::extract::State<std::time::Duration>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if es_carga_masiva(&req) {
        return next.run(req).await;
    }
    let ruta = req.uri().path().to_string();
    match tokio::time::timeout(limite, next.run(req)).await {
        Ok(r) => r,
        Err(_) => {
            tracing::warn!(
                ruta,
                limite_s = limite.as_secs(),
                "petición cortada por tiempo"
            );
            axum::response::IntoResponse::into_response(crate::error::ApiError(
                app::api::AppError::new(
                    app::domain::error::ErrorCode::Timeout,
                    "El servidor tardó demasiado en responder y canceló la operación; lo que no terminó no se guardó. Vuelve a intentarlo en unos minutos.",
                ),
            ))
        }
    }
}

/// Wraps the router in the layers every response goes through. `produccion` adds
/// `Strict-Transport-Security` (the production profile is served behind TLS only).
pub fn wrap(router: Router, produccion: bool) -> Router {
    let seguridad = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP_POR_DEFECTO),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ));
    let traza = TraceLayer::new_for_http().make_span_with(|req: &Request<_>| {
        let id = req
            .extensions()
            .get::<RequestId>()
            .and_then(|id| id.header_value().to_str().ok())
            .unwrap_or("-")
            .to_string();
        tracing::info_span!("http", request_id = %id, method = %req.method(), uri = %req.uri())
    });
    let router = router
        .layer(axum::middleware::from_fn(redireccion_real))
        .layer(axum::middleware::from_fn_with_state(
            TIEMPO_MAXIMO_PETICION,
            limite_de_tiempo,
        ));
    let router = if produccion {
        router.layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ))
    } else {
        router
    };
    router.layer(
        ServiceBuilder::new()
            .layer(SetRequestIdLayer::new(X_REQUEST_ID, MakeRequestUuid))
            .layer(traza)
            .layer(PropagateRequestIdLayer::new(X_REQUEST_ID))
            .layer(CompressionLayer::new())
            .layer(seguridad),
    )
}

#[cfg(test)]
mod tests {
    use super::wrap;
    use axum::body::Body;
    use axum::http::{header, Request, StatusCode};
    use axum::routing::get;
    use axum::Router;
    use tower::ServiceExt;

    async fn respuesta(produccion: bool, ruta: &str) -> axum::response::Response {
        let router = Router::new().route("/", get(|| async { "hola" })).route(
            "/redirige",
            get(|| async { ([(header::LOCATION, "/ingresar")], "<html></html>") }),
        );
        wrap(router, produccion)
            .oneshot(Request::get(ruta).body(Body::empty()).unwrap_or_default())
            .await
            .unwrap_or_default()
    }

    #[tokio::test]
    async fn production_adds_hsts_and_development_does_not() {
        let r = respuesta(true, "/").await;
        assert!(r.headers().contains_key(header::STRICT_TRANSPORT_SECURITY));
        let r = respuesta(false, "/").await;
        assert!(!r.headers().contains_key(header::STRICT_TRANSPORT_SECURITY));
    }

    #[tokio::test]
    async fn a_request_over_the_time_limit_gets_503_timeout_but_the_bulk_upload_does_not() {
        use std::time::Duration;
        let lento = || async {
            tokio::time::sleep(Duration::from_millis(300)).await;
            "tarde"
        };
        let router = Router::new()
            .route("/lenta", get(lento))
            .route("/x/trabajadores/carga", axum::routing::put(lento))
            .layer(axum::middleware::from_fn_with_state(
                Duration::from_millis(50),
                super::limite_de_tiempo,
            ));
        let r = router
            .clone()
            .oneshot(
                Request::get("/lenta")
                    .body(Body::empty())
                    .unwrap_or_default(),
            )
            .await
            .unwrap_or_default();
        assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
        let cuerpo = http_body_util::BodyExt::collect(r.into_body())
            .await
            .map(|c| c.to_bytes())
            .unwrap_or_default();
        assert!(String::from_utf8_lossy(&cuerpo).contains("\"codigo\":\"timeout\""));
        let r = router
            .oneshot(
                Request::put("/x/trabajadores/carga")
                    .body(Body::empty())
                    .unwrap_or_default(),
            )
            .await
            .unwrap_or_default();
        assert_eq!(r.status(), StatusCode::OK);
    }

    #[tokio::test]
    async fn a_page_with_a_location_header_is_a_real_302() {
        let r = respuesta(false, "/redirige").await;
        assert_eq!(r.status(), StatusCode::FOUND);
    }
}
