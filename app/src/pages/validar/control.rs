//! The page's state and the actions on it. In the browser it drives the Web Worker through
//! [`crate::browser::fachada::Fachada`]; on the server it only holds the initial (empty) state.

#[cfg(feature = "hydrate")]
use crate::browser::protocolo::Evento;
use crate::browser::protocolo::{Fallo, Pagina, PeticionPagina, Progreso, Resultado};
use crate::domain::dinero::TablaSalarios;
use crate::domain::error::ErrorCode;
use crate::domain::trabajadores::LimitesArchivo;
use leptos::prelude::*;

/// Findings per page of the table.
pub const POR_PAGINA: usize = 50;

/// Where the validation stands.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(
    not(feature = "hydrate"),
    expect(
        dead_code,
        reason = "only the browser validates; the server renders the initial state"
    )
)]
pub enum Estado {
    /// No file chosen yet.
    Inactivo,
    /// Reading and checking.
    Validando(Progreso),
    /// Done.
    Listo(Resultado),
    /// The file cannot be used.
    Fallo(Fallo),
}

/// Signals and actions of the `/validar` page (cheap to copy into closures).
#[derive(Clone, Copy)]
pub struct Control {
    /// Where the validation stands.
    pub estado: RwSignal<Estado>,
    /// The page of findings on screen.
    pub pagina: RwSignal<Option<Pagina>>,
    /// The code the table is filtered by.
    pub filtro: RwSignal<Option<ErrorCode>>,
    /// Year chosen.
    pub anio: RwSignal<String>,
    /// Period chosen.
    pub periodo: RwSignal<String>,
    /// Name of the chosen file.
    #[cfg_attr(
        not(feature = "hydrate"),
        expect(dead_code, reason = "set and read in the browser only")
    )]
    pub archivo: RwSignal<Option<String>>,
    /// Limits from the server.
    pub limites: RwSignal<LimitesArchivo>,
    /// The UMA and minimum-wage figures from the server; a file chosen before they arrive is
    /// validated when they do.
    #[cfg_attr(
        not(feature = "hydrate"),
        expect(dead_code, reason = "read in the browser only")
    )]
    pub salarios: RwSignal<Option<TablaSalarios>>,
    /// Keep the valid rows for an upload (the contract page's "Carga masiva").
    pub conservar_validos: bool,
    #[cfg(feature = "hydrate")]
    navegador: StoredValue<Navegador, LocalStorage>,
}

#[cfg(feature = "hydrate")]
#[derive(Default)]
struct Navegador {
    fachada: Option<crate::browser::fachada::Fachada>,
    archivo: Option<web_sys::File>,
    al_validos: Option<std::rc::Rc<dyn Fn(Option<web_sys::Blob>)>>,
}

impl Control {
    /// A fresh page state.
    pub fn new(
        anio: String,
        periodo: String,
        limites: LimitesArchivo,
        salarios: Option<TablaSalarios>,
    ) -> Self {
        Control {
            estado: RwSignal::new(Estado::Inactivo),
            pagina: RwSignal::new(None),
            filtro: RwSignal::new(None),
            anio: RwSignal::new(anio),
            periodo: RwSignal::new(periodo),
            archivo: RwSignal::new(None),
            limites: RwSignal::new(limites),
            salarios: RwSignal::new(salarios),
            conservar_validos: false,
            #[cfg(feature = "hydrate")]
            navegador: StoredValue::new_local(Navegador::default()),
        }
    }

    /// Handles a message from the worker.
    #[cfg(feature = "hydrate")]
    fn al_evento(self, evento: Evento, blob: Option<web_sys::Blob>) {
        match evento {
            Evento::Listo => {}
            Evento::Progreso(p) => {
                if matches!(self.estado.get_untracked(), Estado::Validando(_)) {
                    self.estado.set(Estado::Validando(p));
                }
            }
            Evento::Resultado(r) => {
                self.estado.set(Estado::Listo(r));
                self.filtro.set(None);
                self.ir_a_pagina(0);
            }
            Evento::Fallo(f) => self.estado.set(Estado::Fallo(f)),
            Evento::Pagina(p) => self.pagina.set(Some(p)),
            Evento::Validos => {
                let f = self.navegador.with_value(|n| n.al_validos.clone());
                if let Some(f) = f {
                    f(blob);
                }
            }
            Evento::Rechazados => {
                if let Some(b) = blob {
                    let nombre = self
                        .archivo
                        .get_untracked()
                        .map(|n| {
                            format!(
                                "rechazados_{}",
                                n.trim_end_matches(".csv").trim_end_matches(".CSV")
                            )
                        })
                        .unwrap_or_else(|| "rechazados".into());
                    let _ = crate::browser::fachada::descargar(&b, &format!("{nombre}.csv"));
                }
            }
        }
    }

    #[cfg(feature = "hydrate")]
    fn con_fachada(self, f: impl FnOnce(&crate::browser::fachada::Fachada)) {
        let lista = self.navegador.with_value(|n| n.fachada.is_some());
        if !lista {
            match crate::browser::fachada::Fachada::nueva(move |e, b| self.al_evento(e, b)) {
                Ok(fachada) => self.navegador.update_value(|n| n.fachada = Some(fachada)),
                Err(_) => {
                    self.estado.set(Estado::Fallo(Fallo {
                        codigo: ErrorCode::Internal,
                        mensaje: "Este navegador no permite validar en segundo plano. Usa una versión reciente de Chrome, Edge, Firefox o Safari."
                            .into(),
                    }));
                    return;
                }
            }
        }
        self.navegador.with_value(|n| {
            if let Some(fachada) = &n.fachada {
                f(fachada);
            }
        });
    }

    /// Remembers the chosen file and validates it.
    #[cfg(feature = "hydrate")]
    pub fn elegir(self, archivo: Option<web_sys::File>) {
        self.archivo.set(archivo.as_ref().map(|a| a.name()));
        self.navegador.update_value(|n| n.archivo = archivo);
        self.validar();
    }

    /// Takes the server's figures and file limits, and validates a file chosen while they were
    /// on their way.
    #[cfg(feature = "hydrate")]
    pub fn con_datos(self, limites: LimitesArchivo, salarios: TablaSalarios) {
        self.limites.set(limites);
        self.salarios.set(Some(salarios));
        self.validar();
    }

    /// Validates the chosen file with the chosen year and period (again, if it already was).
    pub fn validar(self) {
        #[cfg(feature = "hydrate")]
        {
            let Some(archivo) = self.navegador.with_value(|n| n.archivo.clone()) else {
                return;
            };
            self.pagina.set(None);
            self.estado.set(Estado::Validando(Progreso {
                fraccion: 0.0,
                bytes: archivo.size() as u64,
                filas: 0,
            }));
            let Some(salarios) = self.salarios.get_untracked() else {
                // Validated by `con_datos` when the figures arrive.
                return;
            };
            let peticion = crate::browser::protocolo::PeticionValidar {
                anio: self.anio.get_untracked(),
                periodo: self.periodo.get_untracked(),
                limites: self.limites.get_untracked(),
                conservar_validos: self.conservar_validos,
                salarios,
            };
            self.con_fachada(|f| f.validar(&archivo, &peticion));
        }
    }

    /// Shows page `n` of the findings with the current filter.
    pub fn ir_a_pagina(self, n: usize) {
        let _peticion = PeticionPagina {
            pagina: n,
            por_pagina: POR_PAGINA,
            codigo: self.filtro.get_untracked(),
        };
        #[cfg(feature = "hydrate")]
        self.con_fachada(|f| f.pagina(&_peticion));
    }

    /// Asks the worker for the valid rows; `f` receives them as a `Blob`.
    #[cfg(feature = "hydrate")]
    pub fn con_validos(self, f: impl Fn(Option<web_sys::Blob>) + 'static) {
        self.navegador
            .update_value(|n| n.al_validos = Some(std::rc::Rc::new(f)));
        self.con_fachada(|fa| fa.validos());
    }

    /// Downloads the rejected rows.
    pub fn descargar_rechazados(self) {
        #[cfg(feature = "hydrate")]
        self.con_fachada(|f| f.rechazados());
    }
}
