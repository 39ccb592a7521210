//! The browser entry points: `hydrate()` for every page, and the two functions the worker CSV
//! Web Worker calls (`/validar-worker.js` loads this same bundle inside the worker). All the code
//! they run lives in the `app` crate.

// Release builds keep every page's full view type (development builds erase them); the deepest
// pages nest hundreds of generic types, and the default limit of 128 queries overflowed on the
// datos generales page. Pages also erase their sections with `into_any()`; this is the margin.
#![recursion_limit = "256"]

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
