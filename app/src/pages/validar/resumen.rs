//! Progress while validating, the failure notice, and the summary with the download button.

use super::control::{Control, Estado};
use crate::domain::dinero::miles;
use crate::domain::trabajadores::{Codificacion, Separador};
use leptos::prelude::*;

/// The progress bar or the failure, announced to screen readers.
#[component]
pub fn EstadoVista(control: Control) -> impl IntoView {
    move || {
        match control.estado.get() {
        Estado::Inactivo | Estado::Listo(_) => ().into_any(),
        Estado::Validando(p) => {
            let pct = (p.fraccion * 100.0).clamp(0.0, 100.0);
            view! {
                <div class="progreso" role="status" aria-live="polite">
                    <progress class="progreso__barra" max="100" value=format!("{pct:.0}") aria-label="Avance de la validación"></progress>
                    <p class="progreso__texto">
                        {format!("Validando… {pct:.0} %")}
                        {(p.filas > 0).then(|| format!(" · {} renglones revisados", miles(p.filas)))}
                    </p>
                </div>
            }
                .into_any()
        }
        Estado::Fallo(f) => view! {
            <div class="aviso aviso--error" role="alert" data-codigo=f.codigo.as_str()>
                <p class="aviso__titulo">"No se pudo validar el archivo"</p>
                <p>{f.mensaje}</p>
                <p class="aviso__codigo">"Código para soporte: " <code>{f.codigo.as_str()}</code></p>
            </div>
        }
        .into_any(),
    }
    }
}

fn nombre_codificacion(c: Codificacion) -> &'static str {
    c.nombre()
}

fn nombre_separador(s: Separador) -> &'static str {
    s.nombre()
}

/// The counts, the verdict and "Descargar rechazados".
#[component]
pub fn Resumen(control: Control) -> impl IntoView {
    move || {
        let Estado::Listo(r) = control.estado.get() else {
            return ().into_any();
        };
        let s = r.resumen;
        let veredicto = if s.con_errores == 0 {
            format!("Todos los renglones son válidos ({}).", miles(s.validas))
        } else {
            format!(
                "{} de {} renglones tienen errores y no se podrán cargar. Corrígelos y vuelve a validar.",
                miles(s.con_errores),
                miles(s.filas)
            )
        };
        let clase = if s.con_errores == 0 {
            "aviso aviso--exito"
        } else {
            "aviso aviso--advertencia"
        };
        let dato = |campo: &'static str, etiqueta: &'static str, valor: String, texto: String| {
            view! {
                <div class="resumen__dato">
                    <dt>{etiqueta}</dt>
                    <dd data-campo=campo data-valor=valor>{texto}</dd>
                </div>
            }
        };
        view! {
            <section class="resumen" aria-labelledby="resumen-titulo">
                <h2 id="resumen-titulo">"Resultado"</h2>
                <p class=clase role="status">{veredicto}</p>
                {r.aviso.clone().map(|a| view! { <p class="aviso aviso--advertencia" data-testid="aviso-cifras">{a}</p> })}
                <dl class="resumen__datos">
                    {dato("filas", "Renglones", s.filas.to_string(), miles(s.filas))}
                    {dato("validas", "Válidos", s.validas.to_string(), miles(s.validas))}
                    {dato("con_errores", "Con errores", s.con_errores.to_string(), miles(s.con_errores))}
                    {dato("con_avisos", "Válidos con avisos", s.con_avisos.to_string(), miles(s.con_avisos))}
                    {dato("codificacion", "Codificación", s.codificacion.as_str().to_string(), nombre_codificacion(s.codificacion).to_string())}
                    {dato("separador", "Separador", s.separador.as_str().to_string(), nombre_separador(s.separador).to_string())}
                </dl>
                <p class="resumen__tiempo">{format!("Revisado en {:.1} s.", r.milisegundos as f64 / 1000.0)}</p>
                <p class="resumen__acciones">
                    <button
                        type="button"
                        class="boton"
                        disabled=s.con_errores == 0
                        on:click=move |_| control.descargar_rechazados()
                    >
                        "Descargar rechazados"
                    </button>
                </p>
            </section>
        }
            .into_any()
    }
}
