//! The browser entry point: hydrates the server-rendered page. Nothing else lives here; all UI
//! code is in the `app` crate.

/// Called by the hydration script cargo-leptos injects into every page.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
