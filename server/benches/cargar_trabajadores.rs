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

use app::api::informativas::NuevaInformativa;
use app::domain::cuenta::{DatosGeneralesEntrada, RepseEntrada, ServicioRepse};
use app::domain::informativas::ContratoEntrada;
use app::domain::trabajadores::LimitesArchivo;
use axum::body::Bytes;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, Database};
use server::config::{ClockSetting, LogFormat, Profile, Settings};
use server::informativas::Actor;
use server::persistence::entities::contratista;
use std::io::Read;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

fn pico_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let ruta = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .unwrap_or_else(|| "/tmp/trabajadores-1m.csv".into());
    let dir = tempfile::tempdir().unwrap();
    let (db, url) = match std::env::var("ICSOE_BENCH_PG") {
        Ok(base) => {
            let esquema = format!("bench_{}", std::process::id());
            let admin = Database::connect(&base).await.unwrap();
            admin
                .execute_unprepared(&format!(
                    "DROP SCHEMA IF EXISTS \"{esquema}\" CASCADE; CREATE SCHEMA \"{esquema}\""
                ))
                .await
                .unwrap();
            let mut o = sea_orm::ConnectOptions::new(base.clone());
            o.set_schema_search_path(esquema)
                .sqlx_logging(false)
                .max_connections(4);
            (Database::connect(o).await.unwrap(), base)
        }
        Err(_) => {
            let url = format!(
                "sqlite://{}?mode=rwc",
                dir.path().join("b.sqlite").display()
            );
            (server::persistence::connect(&url).await.unwrap(), url)
        }
    };
    server::persistence::migrate(&db).await.unwrap();
    let ahora: DateTime<Utc> = DateTime::parse_from_rfc3339("2026-11-21T12:00:00-06:00")
        .unwrap()
        .to_utc();
    let settings = Settings {
        profile: Profile::Development,
        bind: "127.0.0.1:0".parse().unwrap(),
        data_dir: dir.path().to_path_buf(),
        database_url: url,
        log_format: LogFormat::Text,
        log_level: "warn".into(),
        site_root: PathBuf::from("target/site"),
        clock: ClockSetting::Fixed(ahora),
        limites_csv: LimitesArchivo::default(),
        confianza_dir: PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../fixtures/sat-test-certs/sat-test-ca"),
        sesion_minutos: 30,
        correo: server::config::ModoCorreo::Directorio,
        correo_dir: None,
        correo_remitente: "ICSOE <no-responder@localhost>".into(),
        smtp: server::infra::correo::ConfigSmtp {
            host: String::new(),
            puerto: 587,
            seguridad: server::infra::correo::SeguridadSmtp::Starttls,
            credenciales: None,
        },
        url_publica: Some("https://icsoe.test".into()),
        almacen_dir: Some(dir.path().join("archivos")),
        s3_bucket: None,
        sello_dir: None,
    };
    let state = server::startup::app_state_con(
        &settings,
        db.clone(),
        Arc::new(server::infra::correo::CarteroMemoria::default()),
    )
    .expect("state");
    let rfc = "EKU9003173C9";
    contratista::ActiveModel {
        rfc: Set(rfc.into()),
        nombre: Set("ESCUELA KEMPER URGATE SA DE CV".into()),
        persona: Set("moral".into()),
        curp: Set(None),
        rfc_representante: Set(None),
        creado: Set(ahora),
    }
    .insert(&db)
    .await
    .unwrap();
    state
        .cuenta
        .guardar(
            rfc,
            &DatosGeneralesEntrada {
                correo: "a@b.mx".into(),
                celular: "5512345678".into(),
                domicilio_social_igual_fiscal: Some(true),
                repse: RepseEntrada {
                    numero: "AR12345/2024".into(),
                    fecha_registro: "2024-03-15".into(),
                    servicios: vec![ServicioRepse {
                        folio: "F-1".into(),
                        descripcion: "Limpieza".into(),
                    }],
                },
                ..Default::default()
            },
        )
        .await
        .expect("datos");
    state
        .cuenta
        .subir_acuse(rfc, "a.pdf", b"%PDF-1.4\n%%EOF\n")
        .await
        .expect("acuse");
    let actor = Actor {
        rfc: rfc.into(),
        por: rfc.into(),
    };
    let i = state
        .informativas
        .crear(
            &actor,
            &NuevaInformativa {
                anio: "2026".into(),
                periodo: "3".into(),
                tipo: "normal".into(),
            },
        )
        .await
        .expect("informativa");
    let c = state
        .informativas
        .agregar_contrato(
            &actor,
            i.id,
            &ContratoEntrada {
                rfc_contratante: "AAA010101AAA".into(),
                nombre_contratante: "Cliente".into(),
                correo: "c@d.mx".into(),
                celular: "5511112222".into(),
                objeto: "Limpieza".into(),
                servicio: "F-1".into(),
                fecha_inicio: "2026-09-15".into(),
                ..Default::default()
            },
        )
        .await
        .expect("contrato");

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
            &actor,
            i.id,
            c.id,
            "bench-00000001",
            LimitesArchivo::default(),
            Box::pin(trozos),
        )
        .await
        .expect("carga");
    let t = inicio.elapsed();
    let backend = if std::env::var("ICSOE_BENCH_PG").is_ok() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
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
        let d = state.informativas.detalle(rfc, i.id).await.unwrap();
        tiempos.0.push(t0.elapsed().as_secs_f64() * 1e3);
        assert_eq!(d.informativa.trabajadores, r.agregados);
        let t0 = Instant::now();
        state
            .informativas
            .trabajadores(rfc, i.id, c.id, None, None)
            .await
            .unwrap();
        tiempos.1.push(t0.elapsed().as_secs_f64() * 1e3);
        let t0 = Instant::now();
        state
            .informativas
            .trabajadores(rfc, i.id, c.id, Some("00009000000"), None)
            .await
            .unwrap();
        tiempos.2.push(t0.elapsed().as_secs_f64() * 1e3);
        let t0 = Instant::now();
        state
            .informativas
            .trabajadores(rfc, i.id, c.id, None, Some("KXB"))
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
}
