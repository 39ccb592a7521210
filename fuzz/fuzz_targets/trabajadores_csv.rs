//! The worker CSV engine (`app::domain::trabajadores`), as the browser drives it — slices of any
//! size — and as the server reads it — one reader: never a panic, and the same verdict whichever
//! way the bytes arrive (a slice boundary can fall inside a quote, a UTF-16 pair or a CRLF).
#![no_main]

use app::domain::trabajadores::{
    validar_lector, ConfigValidacion, Detector, LimitesArchivo, Validador,
};
use libfuzzer_sys::fuzz_target;

/// The 2026 figures (UMA $117.31 from 1 February, minimum wage $315.04), as the DOF published them.
fn config() -> ConfigValidacion {
    use app::domain::dinero::{Concepto, Parametro, TablaSalarios};
    let d = |m, dia| chrono::NaiveDate::from_ymd_opt(2026, m, dia).unwrap();
    let tabla = TablaSalarios::nueva(vec![
        Parametro {
            concepto: Concepto::Uma,
            vigente_desde: d(2, 1),
            valor: 11_731,
            fuente: "DOF".into(),
        },
        Parametro {
            concepto: Concepto::SalarioMinimoGeneral,
            vigente_desde: d(1, 1),
            valor: 31_504,
            fuente: "DOF".into(),
        },
        Parametro {
            concepto: Concepto::SalarioMinimoFrontera,
            vigente_desde: d(1, 1),
            valor: 44_087,
            fuente: "DOF".into(),
        },
    ]);
    ConfigValidacion {
        limites: LimitesArchivo {
            max_filas: 2_000,
            max_bytes: 1 << 20,
        },
        sbc: tabla.limites_en(d(8, 31)).unwrap(),
    }
}

fuzz_target!(|datos: &[u8]| {
    let Some((&tam, bytes)) = datos.split_first() else {
        return;
    };
    let entero = validar_lector(|| Ok(bytes), config(), &mut ());
    // The same bytes in slices of 1–256 bytes.
    let trozo = usize::from(tam).max(1);
    let mut detector = Detector::new();
    for t in bytes.chunks(trozo) {
        detector.alimentar(t);
    }
    let en_trozos = Validador::new(config(), detector.terminar()).and_then(|mut v| {
        for t in bytes.chunks(trozo) {
            v.alimentar(t, &mut ())?;
        }
        v.terminar(&mut ())
    });
    assert_eq!(entero, en_trozos, "slices of {trozo} bytes");
});
