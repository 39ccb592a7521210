//! Files served by code rather than from `public/`: the worker CSV Web Worker's bootstrap script
//! (it needs its own Content-Security-Policy) and the worker and contract templates, as CSV and
//! as Excel.

use super::adjunto::csv_adjunto;
use app::browser::{
    RUTA_PLANTILLA, RUTA_PLANTILLA_CONTRATOS, RUTA_PLANTILLA_CONTRATOS_XLSX, RUTA_PLANTILLA_XLSX,
    RUTA_WORKER,
};
use app::domain::trabajadores::{plantilla, NOMBRE_PLANTILLA};
use app::OUTPUT_NAME;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

/// Loads the site's WebAssembly inside the worker and hands it every message; messages that
/// arrive while it loads are queued, not lost.
fn script_worker() -> String {
    format!(
        r#"import init, {{ validador_mensaje, validador_listo }} from '/pkg/{OUTPUT_NAME}.js';
const cola = [];
let listo = false;
self.onmessage = (e) => {{ if (listo) {{ validador_mensaje(e.data); }} else {{ cola.push(e.data); }} }};
init({{ module_or_path: '/pkg/{OUTPUT_NAME}.wasm' }}).then(() => {{
  listo = true;
  validador_listo();
  for (const d of cola.splice(0)) validador_mensaje(d);
}}).catch((e) => {{
  self.postMessage({{ json: JSON.stringify({{ tipo: 'fallo', codigo: 'internal',
    mensaje: 'No se pudo cargar el validador en este navegador (' + e + '). Recarga la página.' }}) }});
}});
"#
    )
}

/// A worker gets its own policy from its script's response: it may import our module and compile
/// WebAssembly, and fetch the `.wasm` from this origin; nothing else.
const CSP_WORKER: &str =
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'";

async fn worker() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/javascript; charset=utf-8"),
            ),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(CSP_WORKER),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        script_worker(),
    )
        .into_response()
}

async fn plantilla_csv() -> Response {
    csv_adjunto(NOMBRE_PLANTILLA, plantilla())
}

async fn plantilla_contratos() -> Response {
    use app::domain::informativas::csv_contratos;
    csv_adjunto(csv_contratos::NOMBRE_PLANTILLA, csv_contratos::plantilla())
}

/// A CSV template as Excel (every cell text).
fn plantilla_xlsx(hoja: &str, nombre_csv: &str, csv: &[u8]) -> Response {
    match crate::infra::xlsx::desde_csv(hoja, csv, &std::env::temp_dir()) {
        Ok(bytes) => super::adjunto::adjunto(
            super::listado::XLSX,
            super::adjunto::Modo::Descarga,
            &nombre_csv.replace(".csv", ".xlsx"),
            bytes,
        ),
        Err(e) => {
            tracing::error!(error = ?e, "no se pudo escribir la plantilla XLSX");
            crate::error::ApiError(app::api::AppError::internal()).into_response()
        }
    }
}

async fn plantilla_trabajadores_xlsx() -> Response {
    plantilla_xlsx("Trabajadores", NOMBRE_PLANTILLA, &plantilla())
}

async fn plantilla_contratos_xlsx() -> Response {
    use app::domain::informativas::csv_contratos;
    plantilla_xlsx(
        "Contratos",
        csv_contratos::NOMBRE_PLANTILLA,
        &csv_contratos::plantilla(),
    )
}

/// The routes.
pub fn router<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route(RUTA_WORKER, get(worker))
        .route(RUTA_PLANTILLA, get(plantilla_csv))
        .route(RUTA_PLANTILLA_CONTRATOS, get(plantilla_contratos))
        .route(RUTA_PLANTILLA_XLSX, get(plantilla_trabajadores_xlsx))
        .route(RUTA_PLANTILLA_CONTRATOS_XLSX, get(plantilla_contratos_xlsx))
}
