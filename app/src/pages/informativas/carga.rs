//! "Carga masiva" on a contract: choose a worker CSV → the Web Worker validates it with the shared
//! engine (the `/validar` preview: summary, findings, "Descargar rechazados") → "Cargar" sends only
//! the valid rows as one streamed request with a progress bar and an idempotency key → the result
//! says how many were added and offers the rows the server refused (already on the contract, V08).
//! After a network failure "Reintentar" sends the same batch with the same key: never twice.

// Browser-only: the Web Worker that validates the CSV and `XMLHttpRequest` upload progress. The server renders its form with the buttons disabled ("Cargando…")
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

use crate::api::informativas::ResultadoCarga;
use crate::browser::RUTA_PLANTILLA;
use crate::domain::dinero::miles;
use crate::pages::validar::control::{Control, Estado};
use crate::pages::validar::hallazgos::TablaHallazgos;
use crate::pages::validar::resumen::{EstadoVista, Resumen};
use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq)]
enum Subida {
    Nada,
    Enviando(f64),
    Hecha(ResultadoCarga),
    Fallo(String),
}

/// The bulk upload section.
#[component]
pub fn CargaMasiva<F>(id: i64, cid: i64, anio: i32, periodo: u8, al_cargar: F) -> impl IntoView
where
    F: Fn() + Copy + Send + Sync + 'static,
{
    let mut control = Control::new(
        anio.to_string(),
        periodo.to_string(),
        crate::domain::trabajadores::LimitesArchivo::default(),
        None,
    );
    control.conservar_validos = true;
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        if let Ok(d) = crate::api::trabajadores::datos_validacion().await {
            control.con_datos(d.limites, d.salarios);
        }
    });
    let subida = RwSignal::new(Subida::Nada);
    let clave = RwSignal::new(String::new());
    let _ = (id, cid);
    let al_elegir = move |_ev: leptos::ev::Event| {
        subida.set(Subida::Nada);
        #[cfg(feature = "hydrate")]
        {
            clave.set(crate::browser::http::clave_nueva());
            control.elegir(crate::browser::http::archivo_elegido(&_ev));
        }
    };
    let cargar = move |_| {
        subida.set(Subida::Enviando(0.0));
        #[cfg(feature = "hydrate")]
        {
            control.con_validos(move |blob| {
                let Some(blob) = blob else {
                    subida.set(Subida::Fallo("No hay renglones válidos que cargar.".into()));
                    return;
                };
                leptos::task::spawn_local(async move {
                    let ruta = format!(
                        "{}/trabajadores/carga",
                        crate::api::informativas::ruta_contrato(id, cid)
                    );
                    let k = clave.get_untracked();
                    let r = crate::browser::http::subir_con_progreso::<ResultadoCarga>(
                        &ruta,
                        &blob,
                        &[
                            ("content-type", "text/csv; charset=utf-8"),
                            (crate::api::informativas::CABECERA_CLAVE, &k),
                        ],
                        move |f| subida.set(Subida::Enviando(f)),
                    )
                    .await;
                    match r {
                        Ok(r) => {
                            subida.set(Subida::Hecha(r));
                            al_cargar();
                        }
                        Err(e) => subida.set(Subida::Fallo(e.mensaje)),
                    }
                });
            });
        }
    };
    let validas = move || match control.estado.get() {
        Estado::Listo(r) => r.resumen.validas,
        _ => 0,
    };
    view! {
        <section class="carga" aria-labelledby="carga-titulo" data-testid="carga-masiva">
            <h2 id="carga-titulo">"Carga masiva de trabajadores"</h2>
            <div class="campo campo--archivo">
                <label for="archivo">"Archivo CSV de trabajadores"</label>
                <input id="archivo" type="file" accept=".csv,.txt,text/csv,text/plain" on:change=al_elegir aria-describedby="archivo-ayuda" />
                <p id="archivo-ayuda" class="campo__ayuda">
                    "Columnas NSS, CURP y SBC (encabezado opcional). Se revisa en tu navegador; solo se envían los renglones válidos. "
                    "Plantilla: "
                    <a href=RUTA_PLANTILLA download="plantilla_trabajadores.csv">"CSV"</a>
                    " · "
                    <a href=crate::browser::RUTA_PLANTILLA_XLSX download="plantilla_trabajadores.xlsx">"Excel"</a>
                    " (en Excel, guárdala como «CSV UTF-8» antes de cargarla)"
                </p>
            </div>
            <EstadoVista control />
            <Resumen control />
            {move || (validas() > 0 && !matches!(subida.get(), Subida::Hecha(_) | Subida::Enviando(_))).then(|| {
                view! {
                    <p><button type="button" class="boton" on:click=cargar>{format!("Cargar {} trabajadores válidos", miles(validas()))}</button></p>
                }
            })}
            {move || match subida.get() {
                Subida::Nada => ().into_any(),
                Subida::Enviando(f) => {
                    let pct = (f * 100.0).clamp(0.0, 100.0);
                    view! {
                        <div class="progreso" role="status" aria-live="polite">
                            <progress class="progreso__barra" max="100" value=format!("{pct:.0}") aria-label="Avance de la carga"></progress>
                            <p class="progreso__texto">{if pct >= 100.0 { "Guardando en el servidor…".to_string() } else { format!("Enviando… {pct:.0} %") }}</p>
                        </div>
                    }.into_any()
                }
                Subida::Hecha(r) => view! {
                    <div class="aviso aviso--exito" role="status" data-testid="carga-resultado" data-agregados=r.agregados data-rechazados=r.rechazados>
                        <p>{format!("Se agregaron {} trabajadores al contrato (ahora tiene {}).", miles(r.agregados), miles(r.total))}</p>
                        {(r.rechazados > 0).then(|| view! {
                            <p>
                                {format!("El servidor rechazó {} renglones (ya estaban en el contrato o tenían errores). ", miles(r.rechazados))}
                                <a href=format!("/api/v1/informativas/{id}/cargas/{}/rechazados", r.clave) download="rechazados_servidor.csv">"Descargar rechazados del servidor (CSV)"</a>
                                " · "
                                <a href=format!("/api/v1/informativas/{id}/cargas/{}/rechazados.xlsx", r.clave) download="rechazados_servidor.xlsx">"(Excel)"</a>
                            </p>
                        })}
                        {r.repetida.then(|| view! { <p>"Esta carga ya se había guardado: no se agregó nada dos veces."</p> })}
                    </div>
                }.into_any(),
                Subida::Fallo(m) => {
                        view! {
                        <div class="aviso aviso--error" role="alert" data-testid="carga-fallo">
                            <p>{m}</p>
                            <p><button type="button" class="boton" on:click=cargar>"Reintentar"</button></p>
                        </div>
                    }.into_any()
                }
            }}
            <TablaHallazgos control />
        </section>
    }
}
