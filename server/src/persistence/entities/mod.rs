//! sea-orm entities, one module per table.

pub mod aceptacion_terminos;
pub mod acuse_repse;
pub mod aviso;
pub mod calendario_privado;
pub mod capturista;
pub mod capturista_contratista;
pub mod carga;
pub mod contratista;
pub mod contrato;
pub mod datos_generales;
pub mod dia_inhabil;
pub mod folio;
pub mod informativa;
pub mod ingreso;
pub mod intento_fallido;
pub mod parametro_anual;
pub mod preferencia_aviso;
pub mod presentacion;
pub mod registro_repse;
pub mod reto;
pub mod servicio_repse;
pub mod sesion;
pub mod sesion_capturista;
pub mod token_capturista;
pub mod trabajador;
pub mod trabajador_curp;
