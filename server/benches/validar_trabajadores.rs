//! Native speed of the worker CSV validator against the practical limit, a plain `csv`-crate
//! parse of the same file with no validation. One thread, best of five runs each.
//!
//!     python3 benches/generar_trabajadores.py 1000000 > /tmp/trabajadores-1m.csv
//!     cargo bench -p server --bench validar_trabajadores -- /tmp/trabajadores-1m.csv
//!
//! `benches/trabajadores.sh` does both and also measures the CLI's peak memory.
#![expect(
    clippy::expect_used,
    reason = "a benchmark may stop on a broken fixture"
)]

use app::domain::trabajadores::{validar_lector, ConfigValidacion, LimitesArchivo};
use chrono::NaiveDate;
use std::fs::File;
use std::io::BufReader;
use std::time::{Duration, Instant};

fn mejor_de<T>(veces: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut mejor: Option<Duration> = None;
    let mut ultimo = None;
    for _ in 0..veces {
        let inicio = Instant::now();
        let r = f();
        let t = inicio.elapsed();
        mejor = Some(mejor.map_or(t, |m| m.min(t)));
        ultimo = Some(r);
    }
    (mejor.unwrap_or_default(), ultimo.expect("at least one run"))
}

fn main() {
    let ruta = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_else(|| "/tmp/trabajadores-1m.csv".into());
    let bytes = std::fs::metadata(&ruta)
        .unwrap_or_else(|e| {
            panic!("{ruta}: {e}. Genera el archivo con benches/generar_trabajadores.py")
        })
        .len();

    let (t_csv, filas_csv) = mejor_de(5, || {
        let archivo = File::open(&ruta).expect("open");
        let mut lector = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(BufReader::with_capacity(256 * 1024, archivo));
        let mut registro = csv::ByteRecord::new();
        let mut n = 0u64;
        while lector.read_byte_record(&mut registro).expect("csv") {
            n += 1;
        }
        n
    });

    let config = ConfigValidacion {
        limites: LimitesArchivo::default(),
        sbc: server::persistence::parametros::semilla()
            .limites_en(NaiveDate::from_ymd_opt(2026, 8, 31).expect("date"))
            .expect("limits"),
    };
    let (t_val, resumen) = mejor_de(5, || {
        validar_lector(|| File::open(&ruta), config, &mut ()).expect("valid file")
    });

    let por_seg = |filas: u64, t: Duration| filas as f64 / t.as_secs_f64();
    let mb_s = |t: Duration| bytes as f64 / 1_048_576.0 / t.as_secs_f64();
    println!(
        "archivo: {ruta} ({bytes} bytes, {} filas de datos)",
        resumen.filas
    );
    println!(
        "csv sin validar:   {:>8.1} ms  {:>12.0} filas/s  {:>7.1} MB/s",
        t_csv.as_secs_f64() * 1e3,
        por_seg(filas_csv, t_csv),
        mb_s(t_csv)
    );
    println!(
        "validación ICSOE:  {:>8.1} ms  {:>12.0} filas/s  {:>7.1} MB/s  (detección + validación)",
        t_val.as_secs_f64() * 1e3,
        por_seg(resumen.filas, t_val),
        mb_s(t_val)
    );
    println!(
        "razón: la validación tarda {:.2} veces lo que el csv sin validar",
        t_val.as_secs_f64() / t_csv.as_secs_f64()
    );
}
