//! The page's small browser helpers: a JSON POST to the server's `/api/v1` (its
//! `{"codigo","mensaje"}` errors turned into [`AppError`]s; same-origin, so the session cookie
//! travels), the file a `<input type=file>` holds and its bytes, navigation and a short pause.

use crate::api::AppError;
use crate::domain::error::ErrorCode;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

fn sin_red() -> AppError {
    AppError::new(
        ErrorCode::Network,
        "No hay conexión con el servidor. Revisa tu conexión a internet e inténtalo de nuevo.",
    )
}

/// `POST ruta` with `cuerpo` as JSON; the JSON answer, or the server's error.
pub async fn post<C: Serialize, R: DeserializeOwned>(
    ruta: &str,
    cuerpo: &C,
) -> Result<Option<R>, AppError> {
    con_json("POST", ruta, cuerpo, &[]).await
}

/// `POST ruta` with `cuerpo` as JSON and an `Idempotency-Key`: a retry with the same key gets
/// the first answer.
pub async fn post_con_clave<C: Serialize, R: DeserializeOwned>(
    ruta: &str,
    cuerpo: &C,
    clave: &str,
) -> Result<Option<R>, AppError> {
    con_json("POST", ruta, cuerpo, &[("idempotency-key", clave)]).await
}

/// `PUT ruta` with `cuerpo` as JSON.
pub async fn put<C: Serialize, R: DeserializeOwned>(
    ruta: &str,
    cuerpo: &C,
) -> Result<Option<R>, AppError> {
    con_json("PUT", ruta, cuerpo, &[]).await
}

/// `metodo ruta` with `cuerpo` as JSON and `extra` headers.
async fn con_json<C: Serialize, R: DeserializeOwned>(
    metodo: &str,
    ruta: &str,
    cuerpo: &C,
    extra: &[(&str, &str)],
) -> Result<Option<R>, AppError> {
    let json = serde_json::to_string(cuerpo).map_err(|_| AppError::internal())?;
    let mut cabeceras = vec![("content-type", "application/json")];
    cabeceras.extend_from_slice(extra);
    solicitar(metodo, ruta, Some(json.into()), &cabeceras).await
}

/// `GET ruta`: the JSON answer.
pub async fn get<R: DeserializeOwned>(ruta: &str) -> Result<Option<R>, AppError> {
    solicitar("GET", ruta, None, &[]).await
}

/// `DELETE ruta`.
pub async fn delete(ruta: &str) -> Result<(), AppError> {
    solicitar::<serde_json::Value>("DELETE", ruta, None, &[])
        .await
        .map(|_| ())
}

/// `PUT ruta` with raw bytes (a file), its name percent-encoded in `X-Nombre-Archivo`.
pub async fn subir<R: DeserializeOwned>(
    ruta: &str,
    bytes: &[u8],
    nombre: &str,
    tipo: &str,
) -> Result<Option<R>, AppError> {
    let arreglo = js_sys::Uint8Array::from(bytes);
    let nombre = String::from(js_sys::encode_uri_component(nombre));
    solicitar(
        "PUT",
        ruta,
        Some(arreglo.into()),
        &[("content-type", tipo), ("x-nombre-archivo", &nombre)],
    )
    .await
}

/// `PUT ruta` with a `Blob` as the body through `XMLHttpRequest` (fetch cannot report upload
/// progress): `progreso` gets the fraction sent, the answer is the server's JSON or its error.
/// The same request can be sent again with the same `Idempotency-Key` after a network failure.
pub async fn subir_con_progreso<R: DeserializeOwned>(
    ruta: &str,
    cuerpo: &web_sys::Blob,
    encabezados: &[(&str, &str)],
    progreso: impl Fn(f64) + 'static,
) -> Result<R, AppError> {
    use wasm_bindgen::closure::Closure;
    let xhr = web_sys::XmlHttpRequest::new().map_err(|_| sin_red())?;
    xhr.open("PUT", ruta).map_err(|_| sin_red())?;
    for (k, v) in encabezados {
        let _ = xhr.set_request_header(k, v);
    }
    let al_progreso =
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |ev: web_sys::ProgressEvent| {
            if ev.length_computable() && ev.total() > 0.0 {
                progreso(ev.loaded() / ev.total());
            }
        });
    if let Ok(subida) = xhr.upload() {
        subida.set_onprogress(Some(al_progreso.as_ref().unchecked_ref()));
    }
    let fin = js_sys::Promise::new(&mut |resolver, rechazar| {
        xhr.set_onload(Some(&resolver));
        xhr.set_onerror(Some(&rechazar));
        xhr.set_onabort(Some(&rechazar));
    });
    xhr.send_with_opt_blob(Some(cuerpo))
        .map_err(|_| sin_red())?;
    let resultado = JsFuture::from(fin).await;
    drop(al_progreso);
    resultado.map_err(|_| sin_red())?;
    let estado = xhr.status().unwrap_or(0);
    let texto = xhr.response_text().ok().flatten().unwrap_or_default();
    if (200..300).contains(&estado) {
        return serde_json::from_str(&texto).map_err(|_| AppError::internal());
    }
    if estado == 0 {
        return Err(sin_red());
    }
    Err(serde_json::from_str::<AppError>(&texto).unwrap_or_else(|_| AppError::internal()))
}

/// A random idempotency key (a UUID v4 from the browser's CSPRNG).
pub fn clave_nueva() -> String {
    let mut b = [0u8; 16];
    if let Some(c) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = c.get_random_values_with_u8_array(&mut b);
    }
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

async fn solicitar<R: DeserializeOwned>(
    metodo: &str,
    ruta: &str,
    cuerpo: Option<wasm_bindgen::JsValue>,
    encabezados: &[(&str, &str)],
) -> Result<Option<R>, AppError> {
    let ventana = web_sys::window().ok_or_else(sin_red)?;
    let init = web_sys::RequestInit::new();
    init.set_method(metodo);
    if let Some(c) = cuerpo {
        init.set_body(&c);
    }
    let cabeceras = web_sys::Headers::new().map_err(|_| sin_red())?;
    for (k, v) in encabezados {
        let _ = cabeceras.set(k, v);
    }
    init.set_headers(&cabeceras);
    let respuesta: web_sys::Response = JsFuture::from(ventana.fetch_with_str_and_init(ruta, &init))
        .await
        .map_err(|_| sin_red())?
        .dyn_into()
        .map_err(|_| sin_red())?;
    let texto = JsFuture::from(respuesta.text().map_err(|_| sin_red())?)
        .await
        .map_err(|_| sin_red())?
        .as_string()
        .unwrap_or_default();
    if respuesta.ok() {
        if texto.trim().is_empty() {
            return Ok(None);
        }
        return serde_json::from_str(&texto)
            .map(Some)
            .map_err(|_| AppError::internal());
    }
    Err(serde_json::from_str::<AppError>(&texto).unwrap_or_else(|_| AppError::internal()))
}

/// The value of `nombre` in the page's query string.
pub fn parametro(nombre: &str) -> Option<String> {
    let busqueda = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&busqueda)
        .ok()?
        .get(nombre)
}

/// The file chosen in the `<input type=file>` an event came from.
pub fn archivo_elegido(ev: &web_sys::Event) -> Option<web_sys::File> {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .and_then(|i| i.files())
        .and_then(|f| f.get(0))
}

/// Reads a chosen file's bytes.
pub async fn leer_archivo(archivo: &web_sys::File) -> Option<Vec<u8>> {
    let buf = JsFuture::from(archivo.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buf).to_vec())
}

/// Full-page navigation (so the server renders the next page with the new cookie).
pub fn ir_a(ruta: &str) {
    if let Some(v) = web_sys::window() {
        let _ = v.location().set_href(ruta);
    }
}

/// Yields to the browser for `ms` milliseconds (lets a status message paint before heavy work).
pub async fn pausa(ms: i32) {
    let promesa = js_sys::Promise::new(&mut |resolver, _| {
        if let Some(v) = web_sys::window() {
            let _ = v.set_timeout_with_callback_and_timeout_and_arguments_0(&resolver, ms);
        }
    });
    let _ = JsFuture::from(promesa).await;
}
