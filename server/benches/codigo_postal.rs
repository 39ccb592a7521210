//! The SAT postal catalog: how long start-up spends decompressing and indexing it, how much
//! memory the index takes (resident set before/after), and how fast a postal-code lookup is —
//! every one of the 95,749 codes, in process, best of five passes.
//!
//!     cargo bench -p server --bench codigo_postal
#![expect(
    clippy::expect_used,
    reason = "a benchmark may stop on a broken fixture"
)]

use app::domain::ids::CodigoPostal;
use std::time::{Duration, Instant};

fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn main() {
    let antes = rss_kb();
    let inicio = Instant::now();
    let catalogo = server::catalogo::cargar().expect("catálogo");
    let carga = inicio.elapsed();
    let despues = rss_kb();
    let codigos: Vec<CodigoPostal> = (0..100_000u32)
        .map(|n| format!("{n:05}"))
        .filter_map(|t| CodigoPostal::parse(&t).ok())
        .collect();
    let mut mejor = Duration::MAX;
    let mut encontrados = 0;
    for _ in 0..5 {
        let t = Instant::now();
        encontrados = codigos
            .iter()
            .filter(|c| catalogo.buscar(c).is_some())
            .count();
        mejor = mejor.min(t.elapsed());
    }
    println!("catálogo: {} códigos postales", catalogo.len());
    println!(
        "carga (descomprimir + indexar): {:.0} ms",
        carga.as_secs_f64() * 1e3
    );
    println!(
        "memoria residente del índice: {:.1} MB",
        (despues.saturating_sub(antes)) as f64 / 1024.0
    );
    println!(
        "búsquedas: {} de {} existen; {:.2} µs por búsqueda (con la lista de colonias clonada)",
        encontrados,
        codigos.len(),
        mejor.as_secs_f64() * 1e6 / codigos.len() as f64
    );
}
