//! `dia-limite`: the deadline-day load benchmark (issue 15).
//!
//! Starts a real `icsoe serve` (release) on a fresh SQLite file or PostgreSQL database, creates a
//! test CA that the server trusts, prepares the capturistas' accounts, and then lets `--usuarios`
//! virtual users file for `--segundos` seconds: contratistas logging in with their e.firmas and
//! presenting, capturistas logging in with CURP and password and uploading workers
//! (`escenario.rs`). With `--grande N` one more tenant uploads an N-row file a quarter into the
//! run, and the report shows what everyone else saw meanwhile. The exit status is 1 when any
//! request got a 5xx or no answer.
//!
//! ```text
//! cargo leptos build --release
//! cargo run --release -p dia-limite -- --usuarios 200 --segundos 60
//! cargo run --release -p dia-limite -- --usuarios 200 --segundos 60 --postgres postgres://postgres@127.0.0.1:5432/test
//! cargo run --release -p dia-limite -- --usuarios 50 --segundos 40 --ligera --grande 1000000
//! ```
//!
//! Options: `--usuarios N` (200), `--segundos S` (60), `--capturistas PCT` (25 % of the users),
//! `--pensar-ms MS` (1000: each pause is 0.5–1.5 times it), `--ligera` (every upload 1k rows),
//! `--grande N`, `--postgres URL` (a fresh database is created there and dropped), `--bin PATH`
//! (`target/release/icsoe`).

mod ca;
mod cliente;
mod escenario;
mod informe;
mod preparar;
mod servidor;

use cliente::{Registro, Usuario};
use escenario::{Archivos, Capturista};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Opciones {
    usuarios: usize,
    segundos: u64,
    /// Share of the users who are capturistas, in %.
    capturistas: usize,
    pensar: Duration,
    grande: Option<usize>,
    /// Every upload 1k rows.
    ligera: bool,
    postgres: Option<String>,
    bin: PathBuf,
}

fn opciones() -> Result<Opciones, String> {
    let mut o = Opciones {
        usuarios: 200,
        segundos: 60,
        capturistas: 25,
        pensar: Duration::from_millis(1000),
        grande: None,
        ligera: false,
        postgres: None,
        bin: preparar::raiz().join("target/release/icsoe"),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut valor = || args.next().ok_or(format!("falta el valor de {a}"));
        let numero = |v: String| {
            v.parse::<u64>()
                .map_err(|_| format!("{a}: «{v}» no es un número"))
        };
        match a.as_str() {
            "--usuarios" => o.usuarios = numero(valor()?)? as usize,
            "--segundos" => o.segundos = numero(valor()?)?,
            "--capturistas" => o.capturistas = numero(valor()?)?.min(100) as usize,
            "--pensar-ms" => o.pensar = Duration::from_millis(numero(valor()?)?),
            "--grande" => o.grande = Some(numero(valor()?)? as usize),
            "--ligera" => o.ligera = true,
            "--postgres" => o.postgres = Some(valor()?),
            "--bin" => o.bin = PathBuf::from(valor()?),
            "--bench" => {}
            otro => return Err(format!("opción desconocida: {otro}")),
        }
    }
    Ok(o)
}

/// A fresh database: a SQLite file in `dir`, or a new PostgreSQL database (dropped at the end).
fn base_de_datos(o: &Opciones, dir: &std::path::Path) -> Result<(String, Option<String>), String> {
    match &o.postgres {
        None => Ok((
            format!("sqlite://{}?mode=rwc", dir.join("icsoe.sqlite").display()),
            None,
        )),
        Some(url) => {
            let nombre = format!("dia_limite_{}", std::process::id());
            psql(url, &format!("CREATE DATABASE {nombre}"))?;
            let (raiz, _) = url.rsplit_once('/').ok_or("URL de PostgreSQL sin base")?;
            Ok((format!("{raiz}/{nombre}"), Some(nombre)))
        }
    }
}

fn psql(url: &str, sql: &str) -> Result<(), String> {
    let s = std::process::Command::new("psql")
        .args(["-q", url, "-c", sql])
        .status()
        .map_err(|e| format!("psql: {e}"))?;
    s.success()
        .then_some(())
        .ok_or(format!("psql falló: {sql}"))
}

#[tokio::main]
async fn main() {
    match correr().await {
        Ok(true) => {}
        Ok(false) => std::process::exit(1),
        Err(e) => {
            eprintln!("dia-limite: {e}");
            std::process::exit(2);
        }
    }
}

async fn correr() -> Result<bool, String> {
    let o = opciones()?;
    if !o.bin.is_file() {
        return Err(format!(
            "no existe {}: compila el servidor antes con «cargo leptos build --release» (o indica otro con --bin)",
            o.bin.display()
        ));
    }
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let raiz = preparar::raiz();
    eprintln!("== archivos de trabajadores y autoridad certificadora de prueba");
    let archivos = Arc::new(Archivos {
        mil: preparar::generar(&raiz, 1_000)?,
        diez_mil: preparar::generar(&raiz, 10_000)?,
        cien_mil: preparar::generar(&raiz, 100_000)?,
        solo_mil: o.ligera,
    });
    let grande = o.grande.map(|n| preparar::generar(&raiz, n)).transpose()?;
    let ca = Arc::new(ca::Autoridad::nueva()?);
    let confianza = dir.path().join("confianza");
    std::fs::create_dir_all(&confianza).map_err(|e| e.to_string())?;
    std::fs::write(confianza.join("ac-dia-limite.cer"), &ca.cer).map_err(|e| e.to_string())?;

    let (url, pg) = base_de_datos(&o, dir.path())?;
    let resultado = medir(
        &o,
        &raiz,
        dir.path(),
        &url,
        &confianza,
        ca,
        archivos,
        grande,
    )
    .await;
    if let (Some(nombre), Some(base)) = (pg, &o.postgres) {
        let _ = psql(
            base,
            &format!("DROP DATABASE IF EXISTS {nombre} WITH (FORCE)"),
        );
    }
    resultado
}

#[allow(clippy::too_many_arguments)]
async fn medir(
    o: &Opciones,
    raiz: &std::path::Path,
    datos: &std::path::Path,
    url: &str,
    confianza: &std::path::Path,
    ca: Arc<ca::Autoridad>,
    archivos: Arc<Archivos>,
    grande: Option<bytes::Bytes>,
) -> Result<bool, String> {
    let srv = servidor::Servidor::iniciar(&o.bin, raiz, datos, url, confianza).await?;
    let rss_inicio = servidor::memoria_kb(srv.pid, "VmRSS:");
    let pool = cliente::pool(o.usuarios);
    let mut registro = Registro::nuevo();
    let n_capt = o.usuarios * o.capturistas / 100;
    eprintln!("== preparación: {n_capt} capturistas (alta, invitación, contraseña)");
    let curps = preparar::curps(&archivos.mil);
    let correo = servidor::correo_dir(datos);
    let mut capturistas: Vec<Capturista> = Vec::with_capacity(n_capt);
    for j in 0..n_capt {
        let u = Usuario::new(pool.clone(), &srv.base, 60_000 + j, registro.clone());
        let curp = curps.get(j).ok_or("faltan CURP")?;
        capturistas.push(preparar::capturista(&ca, u, 900_000 + j as u32, curp, &correo).await?);
    }
    let inquilino = match &grande {
        Some(_) => {
            let u = Usuario::new(pool.clone(), &srv.base, 65_000, registro.clone());
            Some(preparar::inquilino_grande(&ca, u, 999_999).await?)
        }
        None => None,
    };
    let capturistas = Arc::new(capturistas);

    eprintln!(
        "== {} usuarios durante {} s ({} capturistas), pensando {:?}",
        o.usuarios, o.segundos, n_capt, o.pensar
    );
    registro.reiniciar();
    srv.vigilar();
    let cpu_inicio = servidor::cpu_s(srv.pid);
    let cpu_propio = servidor::cpu_s(std::process::id());
    let fin = Instant::now() + Duration::from_secs(o.segundos);
    let completos = Arc::new(AtomicU64::new(0));
    let fallidos = Arc::new(AtomicU64::new(0));
    let mut tareas = Vec::new();
    for k in 0..o.usuarios {
        let mut u = Usuario::new(pool.clone(), &srv.base, k + 1, registro.clone());
        let (ca, archivos, capturistas) = (ca.clone(), archivos.clone(), capturistas.clone());
        let (completos, fallidos, pensar, usuarios) = (
            completos.clone(),
            fallidos.clone(),
            o.pensar,
            o.usuarios as u64,
        );
        tareas.push(tokio::spawn(async move {
            let mut semilla = k as u64 * 7919;
            // Users arrive over the first seconds, not in one instant.
            tokio::time::sleep(Duration::from_millis((k as u64 * 10) % 2000)).await;
            let mut iteracion = 0u64;
            while Instant::now() < fin {
                let n = k as u64 + usuarios * iteracion;
                let hecho = match capturistas.get(k) {
                    Some(c) => {
                        escenario::capturista(&mut u, c, n, &archivos, pensar, &mut semilla).await
                    }
                    None => match ca.emitir(&ca::rfc_moral(n as u32), n as u32) {
                        Ok(e) => {
                            escenario::contratista(&mut u, &e, n, &archivos, pensar, &mut semilla)
                                .await
                        }
                        Err(_) => Err(cliente::Fallo),
                    },
                };
                let cuenta = if hecho.is_ok() { &completos } else { &fallidos };
                cuenta.fetch_add(1, Ordering::Relaxed);
                u.cookie = None;
                iteracion += 1;
            }
        }));
    }
    let ventana = Arc::new((AtomicU32::new(0), AtomicU32::new(0), AtomicU32::new(0)));
    if let (Some(filas), Some((mut u, i, cid))) = (grande.clone(), inquilino) {
        let (ventana, inicio, espera) = (ventana.clone(), registro.inicio, o.segundos * 250);
        u.grande = true;
        tareas.push(tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(espera)).await;
            ventana
                .0
                .store(inicio.elapsed().as_millis() as u32, Ordering::Relaxed);
            let r = u
                .pedir(
                    "carga_grande",
                    "PUT",
                    &format!("/api/v1/informativas/{i}/contratos/{cid}/trabajadores/carga"),
                    &[
                        ("content-type", "text/csv"),
                        ("idempotency-key", "grande-1"),
                    ],
                    filas,
                    200,
                )
                .await;
            ventana
                .1
                .store(inicio.elapsed().as_millis() as u32, Ordering::Relaxed);
            ventana.2.store(u32::from(r.is_ok()), Ordering::Relaxed);
        }));
    }
    for t in tareas {
        let _ = t.await;
    }
    let duracion = registro.inicio.elapsed();
    let hwm = servidor::memoria_kb(srv.pid, "VmHWM:");
    let cpu = servidor::cpu_s(srv.pid) - cpu_inicio;
    let cpu_propio = servidor::cpu_s(std::process::id()) - cpu_propio;
    let muestras = registro.muestras();
    let todo = informe::resumir(muestras.iter());
    println!(
        "\n## dia-limite: {} users ({} capturistas) for {} s, think {:?}, uploads {}, {}\n",
        o.usuarios,
        n_capt,
        o.segundos,
        o.pensar,
        if o.ligera {
            "1k rows"
        } else {
            "1k/10k/100k rows (70/25/5 %)"
        },
        if o.postgres.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    );
    print!("{}", informe::tabla(&muestras));
    println!(
        "\nJourneys: {} completed, {} cut short · requests: {} in {:.1} s = {:.0} req/s · server errors (5xx or no answer): {} · unexpected 4xx: {}",
        completos.load(Ordering::Relaxed),
        fallidos.load(Ordering::Relaxed),
        todo.n,
        duracion.as_secs_f64(),
        todo.n as f64 / duracion.as_secs_f64(),
        todo.errores_servidor,
        todo.otros_4xx
    );
    let sin_respuesta = muestras.iter().filter(|m| m.estado == 0).count();
    if sin_respuesta > 0 {
        println!("Of the server errors, {sin_respuesta} got no answer at all (connection refused, reset or timed out)");
    }
    println!(
        "Server memory: {:.0} MB resident before the run, {:.0} MB peak sampled, {:.0} MB VmHWM (whole life, setup included) · server CPU: {:.1} s in {:.1} s ({:.0} % of one core)",
        rss_inicio as f64 / 1024.0,
        srv.pico_kb.load(Ordering::Relaxed) as f64 / 1024.0,
        hwm as f64 / 1024.0,
        cpu,
        duracion.as_secs_f64(),
        100.0 * cpu / duracion.as_secs_f64()
    );
    println!(
        "Load generator CPU (same machine): {:.1} s ({:.0} % of one core)",
        cpu_propio,
        100.0 * cpu_propio / duracion.as_secs_f64()
    );
    if grande.is_some() {
        let (desde, hasta, ok) = (
            ventana.0.load(Ordering::Relaxed),
            ventana.1.load(Ordering::Relaxed),
            ventana.2.load(Ordering::Relaxed) == 1,
        );
        println!(
            "\nBig upload ({} rows): {} after {:.1} s; everyone else meanwhile ({:.1}–{:.1} s):\n",
            o.grande.unwrap_or(0),
            if ok { "accepted" } else { "FAILED" },
            f64::from(hasta - desde) / 1000.0,
            f64::from(desde) / 1000.0,
            f64::from(hasta) / 1000.0
        );
        print!("{}", informe::durante(&muestras, desde, hasta));
    }
    let sorpresas = registro
        .sorpresas
        .lock()
        .map(|v| v.clone())
        .unwrap_or_default();
    if !sorpresas.is_empty() {
        println!("\nFirst unexpected answers ({} in all):", sorpresas.len());
        for (op, estado, cuerpo) in sorpresas.iter().take(10) {
            println!("- {op}: {estado} {cuerpo}");
        }
    }
    if todo.errores_servidor > 0 {
        // The server's log (warnings and errors) outlives the temporary directory, to diagnose.
        let copia = std::env::temp_dir().join("dia-limite-servidor.log");
        if std::fs::copy(datos.join("servidor.log"), &copia).is_ok() {
            println!("\nServer log: {}", copia.display());
        }
    }
    Ok(todo.errores_servidor == 0)
}
