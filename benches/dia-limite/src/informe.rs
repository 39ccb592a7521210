//! The report: per operation, how many, how many failed and the latency percentiles; then the
//! run's totals and, when there was a big upload, what everyone else saw while it lasted.

use crate::cliente::Muestra;
use std::collections::BTreeMap;

/// Percentile `p` (0–100) of sorted durations, in ms.
fn percentil(ordenadas: &[u32], p: f64) -> f64 {
    if ordenadas.is_empty() {
        return 0.0;
    }
    let i = ((p / 100.0) * (ordenadas.len() - 1) as f64).round() as usize;
    f64::from(ordenadas[i.min(ordenadas.len() - 1)]) / 1000.0
}

/// A server error: a 5xx, or no answer at all.
pub fn es_error_servidor(m: &Muestra) -> bool {
    m.estado == 0 || m.estado >= 500
}

/// Latency and failure figures of a set of requests.
pub struct Resumen {
    pub n: usize,
    pub errores_servidor: usize,
    pub otros_4xx: usize,
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    pub max: f64,
}

/// The figures of `muestras`. Every step of a journey expects one status, so a 4xx here is a
/// refusal the journey did not expect; it is counted apart from server errors.
pub fn resumir<'a>(muestras: impl Iterator<Item = &'a Muestra>) -> Resumen {
    let mut d = Vec::new();
    let (mut e5, mut e4) = (0, 0);
    for m in muestras {
        d.push(m.duracion_us);
        if es_error_servidor(m) {
            e5 += 1;
        } else if m.estado >= 400 {
            e4 += 1;
        }
    }
    d.sort_unstable();
    Resumen {
        n: d.len(),
        errores_servidor: e5,
        otros_4xx: e4,
        p50: percentil(&d, 50.0),
        p95: percentil(&d, 95.0),
        p99: percentil(&d, 99.0),
        max: percentil(&d, 100.0),
    }
}

fn fila(nombre: &str, r: &Resumen) -> String {
    format!(
        "| {nombre} | {} | {} | {} | {:.1} | {:.1} | {:.1} | {:.1} |",
        r.n, r.errores_servidor, r.otros_4xx, r.p50, r.p95, r.p99, r.max
    )
}

const CABECERA: &str = "| operation | requests | 5xx or no answer | 4xx | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|---|";

/// The per-operation table and the "all" row.
pub fn tabla(muestras: &[Muestra]) -> String {
    let mut por_op: BTreeMap<&str, Vec<&Muestra>> = BTreeMap::new();
    for m in muestras {
        por_op.entry(m.operacion).or_default().push(m);
    }
    let mut s = format!("{CABECERA}\n");
    for (op, v) in &por_op {
        s.push_str(&fila(op, &resumir(v.iter().copied())));
        s.push('\n');
    }
    s.push_str(&fila("**all**", &resumir(muestras.iter())));
    s.push('\n');
    s
}

/// What everyone else saw during the big upload, `[desde, hasta]` in ms since the start.
pub fn durante(muestras: &[Muestra], desde: u32, hasta: u32) -> String {
    let dentro = |m: &&Muestra| !m.grande && m.inicio_ms >= desde && m.inicio_ms <= hasta;
    let todas = resumir(muestras.iter().filter(dentro));
    let lecturas = resumir(muestras.iter().filter(dentro).filter(|m| m.lectura));
    let escrituras = resumir(muestras.iter().filter(dentro).filter(|m| !m.lectura));
    let mut por_op: BTreeMap<&str, Vec<&Muestra>> = BTreeMap::new();
    for m in muestras.iter().filter(dentro) {
        por_op.entry(m.operacion).or_default().push(m);
    }
    let mut s = format!(
        "{CABECERA}\n{}\n{}\n{}\n",
        fila("everyone else, reads (GET)", &lecturas),
        fila("everyone else, writes", &escrituras),
        fila("everyone else, all", &todas)
    );
    for (op, v) in &por_op {
        s.push_str(&fila(&format!("… {op}"), &resumir(v.iter().copied())));
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(us: u32, estado: u16) -> Muestra {
        Muestra {
            operacion: "x",
            inicio_ms: 0,
            duracion_us: us,
            estado,
            grande: false,
            lectura: true,
        }
    }

    #[test]
    fn percentiles_and_failures_are_counted_from_the_samples() {
        let v: Vec<Muestra> = (1..=100)
            .map(|i| m(i * 1000, if i == 7 { 503 } else { 200 }))
            .chain([m(1, 0), m(2, 429)])
            .collect();
        let r = resumir(v.iter());
        assert_eq!((r.n, r.errores_servidor, r.otros_4xx), (102, 2, 1));
        assert_eq!(r.max, 100.0);
        assert!((49.0..=51.0).contains(&r.p50), "{}", r.p50);
        assert!((98.0..=100.0).contains(&r.p99), "{}", r.p99);
    }
}
