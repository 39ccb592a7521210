//! The filing calendar: cuatrimestres, due dates, non-business days and Mexico City time.
//!
//! LSS art. 15-A (3rd paragraph) obliges the contratista to report every four months, by the 17th
//! of January, May and September. When the 17th is not a business day the term moves to the next
//! business day (Lineamientos ICSOE 5.4–5.5). Deadlines are civil dates in central Mexico time
//! (Lineamientos 5.3). This module turns those rules into dates; it never reads a clock: "now" is
//! always an argument, so the server's injected clock (and the tests') decide what today is.

mod anio;
mod cuatrimestre;
mod formato;
mod ical;
mod inhabiles;
pub mod recordatorios;
mod restante;
mod situacion;
mod vencimiento;
mod zona;

pub use anio::{Anio, AnioError};
pub use cuatrimestre::{Cuatrimestre, Periodo, PeriodoError};
pub use formato::{fecha_corta, fecha_larga, fecha_numerica, nombre_dia, nombre_mes};
pub use ical::{calendario_ics, EventoIcs};
pub use inhabiles::{
    feriados_legales, DiaInhabilDeclarado, DiasInhabiles, FeriadoLegal, MotivoInhabil,
};
pub use restante::Restante;
pub use situacion::{
    calendario_anual, rango_de_inhabiles, situacion_actual, CalendarioAnual, DiaRecorrido,
    EstadoPeriodo, PeriodoCalendario, SituacionActual,
};
pub use vencimiento::{vencimiento, Vencimiento};
pub use zona::{a_hora_centro, fin_del_dia, offset_centro};
