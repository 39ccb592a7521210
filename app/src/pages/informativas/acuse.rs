//! A presented informativa: folio, date and time, whether it was late (with the fine range), the
//! acuse and the CSV of what was presented, the public verification link, and — while it is the
//! valid one — "Presentar complementaria" (corrección or sin efectos).

use crate::api::informativas::funciones::PresentarComplementaria;
use crate::api::informativas::ruta;
use crate::api::presentacion::Presentacion;
use crate::components::aviso::ResultadoAccion;
use leptos::prelude::*;

/// The presented informativa's panel.
#[component]
pub fn PresentacionVista(id: i64, p: Presentacion, vigente: bool) -> impl IntoView {
    let complementaria = ServerAction::<PresentarComplementaria>::new();
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
                    <div class="aviso aviso--advertencia" data-testid="extemporanea"><p>{format!("Extemporánea: el plazo venció el {}. Multa posible de 500 a 2,000 UMA (UMA diaria {}): de {} a {}.", m.vence, m.uma, m.minima, m.maxima)}</p></div>
                }.into_any(),
            }}
            <h3>"Acuses de presentación"</h3>
            <p class="domicilio__acciones">
                <a class="boton" href=format!("{}/acuse.pdf", ruta(id)) download>"Descargar acuse (PDF)"</a>
                <a class="boton boton--secundario" href=format!("{}/presentada.csv", ruta(id)) download>"Contratos y trabajadores (CSV)"</a>
                <a class="boton boton--secundario" href=format!("{}/presentada.xlsx", ruta(id)) download>"Contratos y trabajadores (Excel)"</a>
                <a class="boton boton--secundario" href=verificacion>"Verificar acuse"</a>
            </p>
        </section>
        {vigente.then(|| view! {
            <section class="complementarias" aria-labelledby="complementarias-titulo">
                <h2 id="complementarias-titulo">"Presentar complementaria"</h2>
                <p>"Una complementaria de corrección lleva todos los contratos y trabajadores (empieza como copia de esta informativa) y la sustituye al presentarse. Una sin efectos anula una informativa presentada por error. Hay un máximo de 4 complementarias por periodo."</p>
                <ResultadoAccion accion=complementaria exito=|_| None />
                <ActionForm action=complementaria attr:class="domicilio__acciones">
                    <input type="hidden" name="id" value=id />
                    <button type="submit" name="tipo" value="correccion" class="boton">"Complementaria de corrección"</button>
                    <button type="submit" name="tipo" value="sin_efectos" class="boton boton--secundario">"Complementaria sin efectos"</button>
                </ActionForm>
            </section>
        })}
    }
}
