//! The browser entry points: `hydrate()` for every page, and the two functions the worker CSV
//! Web Worker calls (`/validar-worker.js` loads this same bundle inside the worker). All the code
//! they run lives in the `app` crate.

use wasm_bindgen::prelude::*;

/// Called by the hydration script cargo-leptos injects into every page.
#[wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}

/// Inside the Web Worker: the WebAssembly is ready; tell the page.
#[wasm_bindgen]
pub fn validador_listo() {
    console_error_panic_hook::set_once();
    app::browser::worker::anunciar_listo();
}

/// Inside the Web Worker: handle one message from the page.
#[wasm_bindgen]
pub async fn validador_mensaje(datos: JsValue) {
    app::browser::worker::manejar(datos).await;
}
