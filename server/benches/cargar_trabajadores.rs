//! Server-side ingest of a bulk worker upload, measured through the same service the HTTP route
//! calls (`Informativas::cargar`, body streamed in 64 KiB chunks as hyper delivers it), then the
//! page queries on the loaded contract. SQLite by default; PostgreSQL with `ICSOE_BENCH_PG`.
//!
//!     python3 benches/generar_trabajadores.py 1000000 > /tmp/trabajadores-1m.csv
//!     cargo bench -p server --bench cargar_trabajadores -- /tmp/trabajadores-1m.csv
//!     ICSOE_BENCH_PG=postgres://postgres@127.0.0.1:5432/test \
//!       cargo bench -p server --bench cargar_trabajadores -- /tmp/trabajadores-1m.csv
//!
//! Prints rows/s and the process's peak resident memory (VmHWM) after the upload.
#![expect(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a benchmark may stop on a broken setup"
)]

mod comun;

use app::domain::trabajadores::LimitesArchivo;
use axum::body::Bytes;
use comun::{pico_mb, preparar};
use std::io::Read;
use std::time::Instant;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let ruta = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_else(|| "/tmp/trabajadores-1m.csv".into());
    let e = preparar().await;
    let (state, actor, rfc) = (&e.state, &e.actor, e.rfc.as_str());

    // The body as hyper hands it over: chunks read from the file as they are needed.
    let mut archivo = std::fs::File::open(&ruta).unwrap_or_else(|e| {
        panic!("{ruta}: {e}. Genera el archivo con benches/generar_trabajadores.py")
    });
    let bytes = archivo.metadata().unwrap().len();
    let trozos = futures_util::stream::poll_fn(move |_| {
        let mut buf = vec![0u8; 64 * 1024];
        match archivo.read(&mut buf) {
            Ok(0) => std::task::Poll::Ready(None),
            Ok(n) => {
                buf.truncate(n);
                std::task::Poll::Ready(Some(Ok::<_, std::io::Error>(Bytes::from(buf))))
            }
            Err(e) => std::task::Poll::Ready(Some(Err(e))),
        }
    });
    let antes = pico_mb();
    let inicio = Instant::now();
    let r = state
        .informativas
        .cargar(
            actor,
            e.id,
            e.cid,
            "bench-00000001",
            LimitesArchivo::default(),
            Box::pin(trozos),
        )
        .await
        .expect("carga");
    let t = inicio.elapsed();
    let backend = e.backend();
    println!("backend: {backend}; archivo: {ruta} ({bytes} bytes)");
    println!(
        "carga: {} filas, {} agregadas, {} rechazadas en {:.2} s = {:.0} filas/s",
        r.filas,
        r.agregados,
        r.rechazados,
        t.as_secs_f64(),
        r.filas as f64 / t.as_secs_f64()
    );
    println!(
        "memoria pico del proceso: {:.1} MB (antes de la carga {:.1} MB)",
        pico_mb(),
        antes
    );

    // Page queries on the loaded contract, best of 5 each.
    let mejor = |v: &[f64]| v.iter().copied().fold(f64::MAX, f64::min);
    let mut tiempos = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..5 {
        let t0 = Instant::now();
        let d = state.informativas.detalle(rfc, e.id).await.unwrap();
        tiempos.0.push(t0.elapsed().as_secs_f64() * 1e3);
        assert_eq!(d.informativa.trabajadores, r.agregados);
        let t0 = Instant::now();
        state
            .informativas
            .trabajadores(rfc, e.id, e.cid, None, None)
            .await
            .unwrap();
        tiempos.1.push(t0.elapsed().as_secs_f64() * 1e3);
        let t0 = Instant::now();
        state
            .informativas
            .trabajadores(rfc, e.id, e.cid, Some("00009000000"), None)
            .await
            .unwrap();
        tiempos.2.push(t0.elapsed().as_secs_f64() * 1e3);
        let t0 = Instant::now();
        state
            .informativas
            .trabajadores(rfc, e.id, e.cid, None, Some("KXB"))
            .await
            .unwrap();
        tiempos.3.push(t0.elapsed().as_secs_f64() * 1e3);
    }
    println!(
        "consultas con {} trabajadores (mejor de 5): informativa {:.2} ms · página 1 {:.2} ms · página profunda {:.2} ms · búsqueda por CURP {:.2} ms",
        r.total,
        mejor(&tiempos.0),
        mejor(&tiempos.1),
        mejor(&tiempos.2),
        mejor(&tiempos.3)
    );

    // The same pages over HTTP: session middleware, data and server-side rendering.
    let cookie = e.sesion().await;
    let informativa = e
        .pagina(&cookie, &format!("/informativas/{}", e.id), 5)
        .await;
    let contrato = e
        .pagina(
            &cookie,
            &format!("/informativas/{}/contratos/{}", e.id, e.cid),
            5,
        )
        .await;
    let api = e
        .pagina(
            &cookie,
            &format!(
                "/api/v1/informativas/{}/contratos/{}/trabajadores",
                e.id, e.cid
            ),
            5,
        )
        .await;
    println!(
        "páginas por HTTP con {} trabajadores (mejor de 5, tiempo del servidor): informativa {informativa:.2} ms · contrato {contrato:.2} ms · API de trabajadores {api:.2} ms",
        r.total
    );
    e.cerrar().await;
}
