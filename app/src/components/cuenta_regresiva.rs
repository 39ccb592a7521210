//! A live countdown to a deadline.
//!
//! The starting point is the server's "now" (its injected clock), never the browser's, so the
//! server-rendered text and the hydrated one agree and a visitor with a wrong PC clock still sees
//! the real time left. After hydration it advances with the time elapsed in the browser.

use crate::domain::calendar::Restante;
use chrono::{DateTime, FixedOffset};
use leptos::prelude::*;

/// "Faltan 58 días, 11 h, 59 min y 59 s", ticking every second once hydrated.
#[component]
pub fn CuentaRegresiva(
    /// The server's current instant.
    ahora: DateTime<FixedOffset>,
    /// The deadline.
    hasta: DateTime<FixedOffset>,
) -> impl IntoView {
    let transcurrido = RwSignal::new(0i64);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let inicio = js_sys::Date::now();
        let tic = move || {
            let segundos = ((js_sys::Date::now() - inicio) / 1000.0).floor();
            transcurrido.set(segundos as i64);
        };
        if let Ok(handle) = set_interval_with_handle(tic, std::time::Duration::from_secs(1)) {
            on_cleanup(move || handle.clear());
        }
    });
    let texto = move || {
        let ahora = ahora + chrono::TimeDelta::seconds(transcurrido.get());
        let restante = Restante::entre(&ahora, &hasta);
        if restante.vencido() {
            "El plazo ya venció".to_string()
        } else {
            format!("Faltan {restante}")
        }
    };
    view! { <p class="cuenta-regresiva" role="timer">{texto}</p> }
}
