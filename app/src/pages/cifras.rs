//! `/cifras`: the UMA and minimum wages ICSOE uses (SBC cap and floor, late-filing fines), with
//! the date each one took effect and where it was published, so anyone can check them.

use crate::api::parametros::cifras_anuales;
use crate::components::aviso::AvisoError;
use crate::domain::calendar::fecha_numerica;
use crate::domain::dinero::{pesos, Concepto};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/cifras`
#[component]
pub fn Cifras() -> impl IntoView {
    let cifras = Resource::new(|| (), |_| cifras_anuales());
    view! {
        <Title text="UMA y salarios mínimos" />
        <section class="contenedor pagina">
            <h1>"UMA y salarios mínimos"</h1>
            <p class="entrada">
                "Con estas cifras ICSOE revisa el salario base de cotización (tope de 25 UMA y salario mínimo) "
                "y calcula el rango de la multa de una informativa extemporánea. La UMA rige del 1 de febrero "
                "al 31 de enero; los salarios mínimos, del 1 de enero al 31 de diciembre. Mientras no se publica "
                "la cifra de un año se usa la última publicada, y ICSOE lo avisa."
            </p>
            <Transition fallback=|| view! { <p class="cargando">"Cargando…"</p> }>
                {move || Suspend::new(async move {
                    match cifras.await {
                        Ok(c) => view! {
                            <h2>"Vigentes hoy"</h2>
                            <ul class="tarjetas" data-testid="cifras-hoy">
                                {c.hoy.into_iter().map(|h| view! {
                                    <li class="tarjeta" data-concepto=h.concepto.as_str()>
                                        <p class="tarjeta__titulo">{h.concepto.etiqueta()}</p>
                                        <p>{format!("{} ({})", pesos(h.vigente.diaria), h.vigente.anio)}</p>
                                        {h.vigente.pendiente.map(|p| view! {
                                            <p class="aviso aviso--advertencia">{format!("Se usa la de {} mientras se publica la de {p}.", h.vigente.anio)}</p>
                                        })}
                                    </li>
                                }).collect_view()}
                            </ul>
                            {Concepto::TODOS.into_iter().map(|concepto| {
                                let filas: Vec<_> = c.parametros.iter().filter(|p| p.concepto == concepto).cloned().collect();
                                view! {
                                    <h2>{concepto.etiqueta()}</h2>
                                    <table class="tabla" data-concepto=concepto.as_str()>
                                        <thead><tr><th scope="col">"Vigente desde"</th><th scope="col">"Valor diario"</th><th scope="col">"Fuente"</th></tr></thead>
                                        <tbody>
                                            {filas.into_iter().rev().map(|p| view! {
                                                <tr><td>{fecha_numerica(p.vigente_desde)}</td><td>{pesos(p.valor)}</td><td>{p.fuente}</td></tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                }
                            }).collect_view()}
                        }.into_any(),
                        Err(error) => view! { <AvisoError error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
