//! A presented informativa: folio, date and time, whether it was late (with the fine range), the
//! acuse and the CSV of what was presented, the public verification link, and — while it is the
//! valid one — "Presentar complementaria" (corrección or sin efectos).

use crate::api::informativas::{ruta, InformativaFila};
use crate::api::presentacion::{NuevaComplementaria, Presentacion};
use leptos::prelude::*;

/// The presented informativa's panel.
#[component]
pub fn PresentacionVista(id: i64, p: Presentacion, vigente: bool) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let complementaria = move |_tipo: &'static str| {
        error.set(None);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let r = crate::browser::http::post::<_, InformativaFila>(
                &format!("{}/complementarias", ruta(id)),
                &NuevaComplementaria {
                    tipo: _tipo.to_string(),
                },
            )
            .await;
            match r {
                Ok(Some(n)) => crate::browser::http::ir_a(&format!("/informativas/{}", n.id)),
                Ok(None) => error.set(Some("El servidor no confirmó la complementaria.".into())),
                Err(e) => error.set(Some(e.mensaje)),
            }
        });
    };
    let verificacion = format!("/verificar/{}?codigo={}", p.folio, p.codigo);
    view! {
        <section class="aviso aviso--exito presentada" data-testid="presentada" aria-labelledby="presentada-titulo">
            <h2 id="presentada-titulo">"Presentada"</h2>
            <dl class="resumen__datos">
                <div class="resumen__dato"><dt>"Folio"</dt><dd data-campo="folio">{p.folio.clone()}</dd></div>
                <div class="resumen__dato"><dt>"Fecha y hora"</dt><dd data-campo="presentada">{p.presentada.clone()}</dd></div>
                {p.folio_referencia.clone().map(|f| view! {
                    <div class="resumen__dato"><dt>"Folio que afecta"</dt><dd>{f}</dd></div>
                })}
                <div class="resumen__dato"><dt>"Código de verificación"</dt><dd data-campo="codigo">{p.codigo.clone()}</dd></div>
            </dl>
            {match p.extemporanea.clone() {
                None => view! { <p>"Presentada en tiempo."</p> }.into_any(),
                Some(m) => view! {
                    <p data-testid="extemporanea">{format!("Extemporánea: el plazo venció el {}. Multa posible de 500 a 2,000 UMA (UMA diaria {}): de {} a {}.", m.vence, m.uma, m.minima, m.maxima)}</p>
                }.into_any(),
            }}
            <h3>"Acuses de presentación"</h3>
            <p class="domicilio__acciones">
                <a class="boton" href=format!("{}/acuse.pdf", ruta(id)) download>"Descargar acuse (PDF)"</a>
                <a class="boton boton--secundario" href=format!("{}/presentada.csv", ruta(id)) download>"Contratos y trabajadores (CSV)"</a>
                <a class="boton boton--secundario" href=verificacion>"Verificar acuse"</a>
            </p>
        </section>
        {vigente.then(|| view! {
            <section class="complementarias" aria-labelledby="complementarias-titulo">
                <h2 id="complementarias-titulo">"Presentar complementaria"</h2>
                <p>"Una complementaria de corrección lleva todos los contratos y trabajadores (empieza como copia de esta informativa) y la sustituye al presentarse. Una sin efectos anula una informativa presentada por error. Hay un máximo de 4 complementarias por periodo (regla V14)."</p>
                {move || error.get().map(|m| view! { <div class="aviso aviso--error" role="alert"><p>{m}</p></div> })}
                <p class="domicilio__acciones">
                    <button type="button" class="boton" on:click=move |_| complementaria("correccion")>"Complementaria de corrección"</button>
                    <button type="button" class="boton boton--secundario" on:click=move |_| complementaria("sin_efectos")>"Complementaria sin efectos"</button>
                </p>
            </section>
        })}
    }
}
