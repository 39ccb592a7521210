//! Issue 7's measurement: server time to present an informativa with many workers and to render
//! its acuse, through the same services the HTTP routes call. The informativa gets one contract
//! loaded from the file, goes to signature, and then:
//!
//! 1. `por_firmar` — the cadena original (every worker streamed through the SHA-256 of the detail);
//! 2. the e.firma signature of the cadena (the browser's work; timed apart, not server time);
//! 3. `presentar` — signature, certificate and RFC checks, the cadena rebuilt from the stored data
//!    inside the transaction, folio, seal, snapshot;
//! 4. `verificar` — the public check of the acuse (seal and signature again);
//! 5. `acuse` — the PDF with its QR, twice (the same bytes);
//! 6. `csv_presentada` — the CSV of what was presented.
//!
//! Run:
//!
//!     python3 benches/generar_trabajadores.py 100000 > /tmp/trabajadores-100k.csv
//!     cargo bench -p server --bench presentar_informativa -- /tmp/trabajadores-100k.csv
//!     ICSOE_BENCH_PG=postgres://postgres@127.0.0.1:5432/test \
//!       cargo bench -p server --bench presentar_informativa -- /tmp/trabajadores-100k.csv
//!
//! With `ICSOE_BENCH_ACUSE=/tmp/acuse.pdf` it also writes the acuse there.
#![expect(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a benchmark may stop on a broken setup"
)]

mod comun;

use app::api::presentacion::Presentar;
use app::domain::trabajadores::LimitesArchivo;
use axum::body::Bytes;
use base64ct::Encoding;
use comun::{pico_mb, preparar};
use std::time::Instant;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let ruta = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_else(|| "/tmp/trabajadores-100k.csv".into());
    let e = preparar().await;
    let (inf, actor, rfc) = (&e.state.informativas, &e.actor, e.rfc.as_str());
    let cuerpo = std::fs::read(&ruta).unwrap_or_else(|err| {
        panic!("{ruta}: {err}. Genera el archivo con benches/generar_trabajadores.py")
    });
    let trozos: Vec<Result<Bytes, std::io::Error>> = cuerpo
        .chunks(64 * 1024)
        .map(|c| Ok(Bytes::copy_from_slice(c)))
        .collect();
    let r = inf
        .cargar(
            actor,
            e.id,
            e.cid,
            "bench-presentar-1",
            LimitesArchivo::default(),
            futures_util::stream::iter(trozos),
        )
        .await
        .expect("carga");
    inf.enviar_firma(actor, e.id).await.expect("enviar a firma");

    let t = Instant::now();
    let por_firmar = inf.por_firmar(rfc, e.id).await.expect("cadena");
    let t_cadena = ms(t);

    let (cer, llave) = comun::Entorno::efirma();
    let t = Instant::now();
    let firma = llave.firmar(por_firmar.cadena.as_bytes());
    let t_firma = ms(t);

    let t = Instant::now();
    let p = inf
        .presentar(
            actor,
            e.id,
            "bench-firma-0001",
            &Presentar {
                cadena: por_firmar.cadena.clone(),
                certificado: base64ct::Base64::encode_string(&cer),
                firma: base64ct::Base64::encode_string(&firma),
            },
        )
        .await
        .expect("presentar");
    let t_presentar = ms(t);

    let t = Instant::now();
    let v = inf
        .verificar(&p.folio, &p.codigo, "127.0.0.1")
        .await
        .expect("verificar");
    let t_verificar = ms(t);
    assert!(v.autentico());

    let t = Instant::now();
    let (_, pdf) = inf.acuse(rfc, e.id).await.expect("acuse");
    let t_acuse = ms(t);
    let t = Instant::now();
    let (_, otra) = inf.acuse(rfc, e.id).await.expect("acuse");
    let t_acuse2 = ms(t);
    assert_eq!(pdf, otra, "el acuse cambia entre descargas");
    // To look at it or check it with another reader (`pdftotext`, `pdfinfo`).
    if let Ok(ruta) = std::env::var("ICSOE_BENCH_ACUSE") {
        std::fs::write(&ruta, &pdf).unwrap();
    }

    let (tx, mut rx) = tokio::sync::mpsc::channel::<Vec<u8>>(8);
    let t = Instant::now();
    let lector = tokio::spawn(async move {
        let mut n = 0usize;
        while let Some(b) = rx.recv().await {
            n += b.len();
        }
        n
    });
    inf.csv_presentada(rfc, e.id, tx).await.expect("csv");
    let bytes_csv = lector.await.unwrap();
    let t_csv = ms(t);

    println!(
        "backend: {}; {} trabajadores en 1 contrato; folio {}",
        e.backend(),
        r.agregados,
        p.folio
    );
    println!("cadena original (GET …/firma): {t_cadena:.1} ms");
    println!("firma RSA-SHA256 (trabajo del navegador, no del servidor): {t_firma:.1} ms");
    println!("presentar (verificar firma y cadena, folio, sello): {t_presentar:.1} ms");
    println!("verificar el acuse (público): {t_verificar:.1} ms");
    println!(
        "acuse PDF: {t_acuse:.1} ms ({} bytes); segunda descarga {t_acuse2:.1} ms, mismos bytes",
        pdf.len()
    );
    println!("CSV de lo presentado: {t_csv:.1} ms ({bytes_csv} bytes)");
    println!(
        "servidor, firma → acuse (cadena + presentar + acuse): {:.1} ms; memoria pico {:.1} MB",
        t_cadena + t_presentar + t_acuse,
        pico_mb()
    );
    e.cerrar().await;
}
