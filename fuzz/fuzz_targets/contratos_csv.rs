//! The contract CSV import (`csv_contratos::leer` then `revisar`, V02–V07): never a panic.
#![no_main]

use app::domain::calendar::{Anio, Cuatrimestre, Periodo};
use app::domain::cuenta::ServicioRepse;
use app::domain::informativas::contrato::ContextoContrato;
use app::domain::informativas::csv_contratos::{leer, revisar};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(filas) = leer(bytes) else {
        return;
    };
    let servicios = [ServicioRepse {
        folio: "AR12345/2024-001".into(),
        descripcion: "Mantenimiento de elevadores".into(),
    }];
    let Ok(anio) = Anio::new(2026) else { return };
    let ctx = ContextoContrato {
        rfc_contratista: "EKU9003173C9",
        periodo: Periodo::new(anio, Cuatrimestre::Tercero),
        servicios: &servicios,
        catalogo: None,
    };
    let n = filas.len();
    assert_eq!(revisar(filas, &ctx).len(), n, "one review per row");
});
