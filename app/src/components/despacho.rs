//! The despacho board's rows (issue 17): one card per contratista × period, most urgent first —
//! state, due date, days left, contracts, workers, last change — with one tap to the informativa.
//! Cards (not a table) so they read on a 360 px phone. For a capturista serving several
//! contratistas the tap is a form that picks the contratista and opens the informativa.

use crate::api::acceso::ElegirContratista;
use crate::api::avisos::FilaDespacho;
use crate::domain::dinero::miles;
use leptos::prelude::*;

fn plazo(dias: Option<i64>) -> (String, &'static str) {
    match dias {
        None => ("Presentada".to_string(), "plazo"),
        Some(d) if d < 0 => (
            format!("Venció hace {} día{}", -d, if d == -1 { "" } else { "s" }),
            "plazo plazo--vencido",
        ),
        Some(0) => ("Vence hoy".to_string(), "plazo plazo--vencido"),
        Some(1) => ("Vence mañana".to_string(), "plazo plazo--pronto"),
        Some(d) => (
            format!("Faltan {d} días"),
            if d <= 7 {
                "plazo plazo--pronto"
            } else {
                "plazo"
            },
        ),
    }
}

/// The board. `elegir`: rows belong to several contratistas (a capturista's board), so opening
/// one first picks its contratista.
#[component]
pub fn TablaDespacho(filas: Vec<FilaDespacho>, #[prop(optional)] elegir: bool) -> impl IntoView {
    if filas.is_empty() {
        return view! { <p data-testid="despacho-vacio">"No hay contratistas que mostrar."</p> }
            .into_any();
    }
    let accion = ServerAction::<ElegirContratista>::new();
    view! {
        <ul class="tarjetas despacho" data-testid="despacho">
            {filas.into_iter().map(|f| {
                let (texto_plazo, clase_plazo) = plazo(f.dias);
                let ruta = f.informativa_id.map_or_else(|| "/informativas".to_string(), |id| format!("/informativas/{id}"));
                let abrir = if f.informativa_id.is_some() { "Abrir la informativa" } else { "Registrar la informativa" };
                let etiqueta = format!("{abrir} de {} del periodo {}", f.nombre, f.periodo);
                let rfc = f.rfc.clone();
                let boton = if elegir {
                    view! {
                        <ActionForm action=accion>
                            <input type="hidden" name="rfc" value=rfc />
                            <input type="hidden" name="destino" value=ruta />
                            <button type="submit" class="boton boton--secundario" aria-label=etiqueta>{abrir}</button>
                        </ActionForm>
                    }.into_any()
                } else {
                    view! { <a class="boton boton--secundario" href=ruta aria-label=etiqueta>{abrir}</a> }.into_any()
                };
                view! {
                    <li class="tarjeta" data-testid="fila-despacho" data-rfc=f.rfc.clone() data-periodo=f.periodo.clone() data-estado=f.estado_clave.clone()>
                        <p class="tarjeta__titulo">{f.nombre.clone()}</p>
                        <p>"Periodo " {f.periodo.clone()} " · " {f.periodo_nombre.clone()}</p>
                        <p><span class=format!("etiqueta etiqueta--{}", f.estado_clave)>{f.estado.clone()}</span>
                            {f.folio.clone().map(|folio| view! { " · folio " <span data-campo="folio">{folio}</span> })}
                        </p>
                        <p>"Vence el " {f.vence.clone()} " · " <strong class=clase_plazo data-campo="plazo">{texto_plazo}</strong></p>
                        <p>{miles(f.contratos)} {if f.contratos == 1 { " contrato · " } else { " contratos · " }}
                           {miles(f.trabajadores)} {if f.trabajadores == 1 { " trabajador" } else { " trabajadores" }}</p>
                        {f.ultimo_cambio.clone().map(|u| view! { <p class="texto-suave">"Último cambio: " {u}</p> })}
                        <p>{boton}</p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
