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
    // Elapsed time comes from `performance.now()`, a monotonic clock: changing the PC's clock
    // while the page is open does not make the countdown jump.
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let Some(reloj) = web_sys::window().and_then(|w| w.performance()) else {
            return;
        };
        let inicio = reloj.now();
        let intervalo = gloo::timers::callback::Interval::new(1_000, move || {
            let segundos = ((reloj.now() - inicio) / 1000.0).floor();
            transcurrido.set(segundos as i64);
        });
        // The browser has one thread; the wrapper only satisfies `on_cleanup`'s `Send` bound.
        let intervalo = send_wrapper::SendWrapper::new(intervalo);
        on_cleanup(move || drop(intervalo));
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
