//! "Importar contratos": choose the contract CSV → the browser reads and checks every row with the
//! domain code (the same checks as the form) and shows the preview → "Importar" sends only the
//! valid rows; the server checks them again and stores all of them or none.

// Browser-only: `File.arrayBuffer` for the contracts CSV, parsed in WebAssembly. The server renders its form with the buttons disabled ("Cargando…")
// and the handlers exist only in the hydrated bundle.
#![cfg_attr(
    not(feature = "hydrate"),
    allow(
        unused_variables,
        unused_imports,
        dead_code,
        reason = "handlers are browser-only"
    )
)]

use crate::api::informativas::{ImportarContratos, InformativaFila, ResultadoImportacion};
use crate::browser::RUTA_PLANTILLA_CONTRATOS;
use crate::domain::cuenta::ServicioRepse;
use crate::domain::informativas::csv_contratos::{RevisionFila, MAX_FILAS};
use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq)]
enum Vista {
    Inactiva,
    Revisada(Vec<RevisionFila>),
    Fallo(String),
}

/// The import section of an informativa in capture.
#[component]
pub fn ImportarContratosVista<F>(
    id: i64,
    informativa: InformativaFila,
    servicios: Vec<ServicioRepse>,
    rfc: String,
    al_importar: F,
) -> impl IntoView
where
    F: Fn(u64) + Copy + Send + Sync + 'static,
{
    let vista = RwSignal::new(Vista::Inactiva);
    let mensaje = RwSignal::new(None::<(bool, String)>);
    let enviando = RwSignal::new(false);
    let (anio, periodo) = (informativa.anio, informativa.periodo);
    let elegir = move |_ev: leptos::ev::Event| {
        mensaje.set(None);
        #[cfg(feature = "hydrate")]
        {
            let Some(archivo) = crate::browser::http::archivo_elegido(&_ev) else {
                return;
            };
            let servicios = servicios.clone();
            let rfc = rfc.clone();
            leptos::task::spawn_local(async move {
                use crate::domain::calendar::{Anio, Cuatrimestre, Periodo};
                use crate::domain::informativas::{csv_contratos, ContextoContrato};
                let Some(bytes) = crate::browser::http::leer_archivo(&archivo).await else {
                    vista.set(Vista::Fallo(
                        "No se pudo leer el archivo. Vuelve a elegirlo.".into(),
                    ));
                    return;
                };
                let (Ok(a), Ok(c)) = (
                    Anio::new(i64::from(anio)),
                    Cuatrimestre::from_numero(periodo),
                ) else {
                    return;
                };
                match csv_contratos::leer(&bytes) {
                    Err(e) => vista.set(Vista::Fallo(e.to_string())),
                    Ok(filas) => {
                        let ctx = ContextoContrato {
                            rfc_contratista: &rfc,
                            periodo: Periodo::new(a, c),
                            servicios: &servicios,
                            catalogo: None,
                        };
                        vista.set(Vista::Revisada(csv_contratos::revisar(filas, &ctx)));
                    }
                }
            });
        }
    };
    let importar = move |_| {
        let Vista::Revisada(filas) = vista.get_untracked() else {
            return;
        };
        let validas: Vec<_> = filas
            .into_iter()
            .filter(|f| f.errores.is_empty())
            .map(
                |f| crate::domain::informativas::csv_contratos::FilaContrato {
                    fila: f.fila,
                    entrada: f.entrada,
                },
            )
            .collect();
        enviando.set(true);
        let _p = ImportarContratos {
            clave: String::new(),
            contratos: validas,
        };
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let p = ImportarContratos {
                clave: crate::browser::http::clave_nueva(),
                .._p
            };
            match crate::browser::http::post::<_, ResultadoImportacion>(
                &format!("/api/v1/informativas/{id}/contratos/importar"),
                &p,
            )
            .await
            {
                Ok(r) => {
                    // The page reloads the list (and this section with it): it shows the message.
                    vista.set(Vista::Inactiva);
                    al_importar(r.map_or(0, |r| r.agregados));
                }
                Err(e) => {
                    let detalle: Vec<String> = e.campos.iter().map(|c| c.mensaje.clone()).collect();
                    mensaje.set(Some((
                        false,
                        format!("{} {}", e.mensaje, detalle.join(" ")),
                    )));
                }
            }
            enviando.set(false);
        });
    };
    view! {
        <section class="importar" aria-labelledby="importar-titulo">
            <h2 id="importar-titulo">"Importar contratos (CSV)"</h2>
            <p class="campo__ayuda">
                {format!("Un renglón por contrato, hasta {MAX_FILAS} por archivo. Columnas: RFC, nombre del contratante, correo, celular, objeto, folio del servicio REPSE, fecha de inicio y, opcionales, teléfono fijo, fecha de término, número de contrato, monto y trabajadores estimados. ")}
                "Plantilla: "
                <a href=RUTA_PLANTILLA_CONTRATOS download="plantilla_contratos.csv">"CSV"</a>
                " · "
                <a href=crate::browser::RUTA_PLANTILLA_CONTRATOS_XLSX download="plantilla_contratos.xlsx">"Excel"</a>
            </p>
            <div class="campo campo--archivo">
                <label for="archivo-contratos">"Archivo CSV de contratos"</label>
                <input id="archivo-contratos" type="file" accept=".csv,.txt,text/csv,text/plain" on:change=elegir />
            </div>
            {move || match vista.get() {
                Vista::Inactiva => ().into_any(),
                Vista::Fallo(m) => view! { <div class="aviso aviso--error" role="alert" data-testid="importar-fallo"><p>{m}</p></div> }.into_any(),
                Vista::Revisada(filas) => {
                    let total = filas.len();
                    let validas = filas.iter().filter(|f| f.errores.is_empty()).count();
                    // V12: a check-digit mismatch in the contratante's RFC is a warning; the row is
                    // imported, and the user is told so they can confirm it.
                    let con_avisos: Vec<RevisionFila> = filas.iter().filter(|f| f.errores.is_empty() && !f.avisos.is_empty()).cloned().collect();
                    let con_errores: Vec<RevisionFila> = filas.into_iter().filter(|f| !f.errores.is_empty()).collect();
                    view! {
                        <div class=if con_errores.is_empty() { "aviso aviso--exito" } else { "aviso aviso--advertencia" } role="status" data-testid="importar-resumen">
                            <p>{format!("{total} contratos en el archivo: {validas} válidos, {} con errores.", con_errores.len())}</p>
                            {(!con_errores.is_empty()).then(|| view! { <p>"Los renglones con errores no se importan; corrígelos en el archivo y vuelve a elegirlo."</p> })}
                        </div>
                        {(!con_errores.is_empty()).then(|| view! {
                            <table class="tabla" data-testid="importar-errores">
                                <thead><tr><th>"Renglón"</th><th>"Campo"</th><th>"Qué corregir"</th></tr></thead>
                                <tbody>
                                    {con_errores.into_iter().flat_map(|f| f.errores.into_iter().map(move |e| view! {
                                        <tr><td>{f.fila}</td><td>{e.campo}</td><td>{e.mensaje}</td></tr>
                                    })).collect_view()}
                                </tbody>
                            </table>
                        })}
                        {(!con_avisos.is_empty()).then(|| view! {
                            <h3>"Avisos (estos renglones sí se importan)"</h3>
                            <table class="tabla" data-testid="importar-avisos">
                                <thead><tr><th>"Renglón"</th><th>"Campo"</th><th>"Qué revisar"</th></tr></thead>
                                <tbody>
                                    {con_avisos.into_iter().flat_map(|f| f.avisos.into_iter().map(move |e| view! {
                                        <tr><td>{f.fila}</td><td>{e.campo}</td><td>{e.mensaje}</td></tr>
                                    })).collect_view()}
                                </tbody>
                            </table>
                        })}
                        <p><button type="button" class="boton" disabled=move || enviando.get() || validas == 0 on:click=importar>{format!("Importar {validas} contratos")}</button></p>
                    }.into_any()
                }
            }}
            {move || mensaje.get().map(|(ok, m)| view! {
                <div class=if ok { "aviso aviso--exito" } else { "aviso aviso--error" } role="status" data-testid="importar-resultado"><p>{m}</p></div>
            })}
        </section>
    }
}
