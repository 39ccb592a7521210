//! The server under test: a real `icsoe serve` (release build) on a fresh database, trusting the
//! benchmark's CA and 127.0.0.1 as its proxy, with the clock fixed on 15 January 2027 (two days
//! before the deadline of period 2026-3). Its memory is read from `/proc` while the run lasts.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The deadline-day clock.
pub const RELOJ: &str = "2027-01-15T11:00:00-06:00";

/// A running server, killed when dropped.
pub struct Servidor {
    hijo: Child,
    pub base: String,
    pub pid: u32,
    /// Peak resident memory seen by [`Servidor::vigilar`], in kB.
    pub pico_kb: Arc<AtomicU64>,
}

impl Drop for Servidor {
    fn drop(&mut self) {
        let _ = self.hijo.kill();
        let _ = self.hijo.wait();
    }
}

fn puerto_libre() -> Result<u16, String> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

/// A line of `/proc/<pid>/status` in kB (`VmRSS`, `VmHWM`).
pub fn memoria_kb(pid: u32, campo: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(campo))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

impl Servidor {
    /// Starts `bin` and waits until `/readyz` answers 200.
    pub async fn iniciar(
        bin: &Path,
        raiz: &Path,
        datos: &Path,
        url_bd: &str,
        confianza: &Path,
    ) -> Result<Self, String> {
        let puerto = puerto_libre()?;
        let log = std::fs::File::create(datos.join("servidor.log")).map_err(|e| e.to_string())?;
        let hijo = Command::new(bin)
            .arg("serve")
            .current_dir(raiz)
            .env("ICSOE_BIND", format!("127.0.0.1:{puerto}"))
            .env("ICSOE_DATABASE_URL", url_bd)
            .env("ICSOE_DATA_DIR", datos)
            .env("ICSOE_CONFIANZA_DIR", confianza)
            .env("ICSOE_CLOCK", RELOJ)
            .env("ICSOE_LOG_LEVEL", "warn")
            .env("ICSOE_CORREO", "directorio")
            .env("ICSOE_CORREO_DIR", correo_dir(datos))
            .env("ICSOE_PROXIES_CONFIABLES", "127.0.0.1")
            .env("ICSOE_URL_PUBLICA", "https://icsoe.test")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .map_err(|e| format!("no se pudo iniciar {}: {e}", bin.display()))?;
        let pid = hijo.id();
        let mut s = Servidor {
            hijo,
            base: format!("http://127.0.0.1:{puerto}"),
            pid,
            pico_kb: Arc::default(),
        };
        for _ in 0..300 {
            if let Ok(Some(estado)) = s.hijo.try_wait() {
                return Err(format!(
                    "el servidor terminó al iniciar ({estado}); ver {}",
                    datos.join("servidor.log").display()
                ));
            }
            if listo(puerto) {
                return Ok(s);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err("el servidor no respondió /readyz en 30 s".into())
    }

    /// Samples the resident memory every 100 ms until the process ends.
    pub fn vigilar(&self) {
        let (pid, pico) = (self.pid, self.pico_kb.clone());
        tokio::spawn(async move {
            loop {
                let rss = memoria_kb(pid, "VmRSS:");
                if rss == 0 {
                    break;
                }
                pico.fetch_max(rss, Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        });
    }
}

/// CPU seconds the process has used (user + system), from `/proc/<pid>/stat`.
pub fn cpu_s(pid: u32) -> f64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return 0.0;
    };
    // Fields after the command name (which may hold spaces) start at ") ".
    let resto = stat.rsplit_once(") ").map_or("", |(_, r)| r);
    let campos: Vec<&str> = resto.split_whitespace().collect();
    let ticks = |i: usize| {
        campos
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the line, 11 and 12 after the name; USER_HZ = 100.
    (ticks(11) + ticks(12)) / 100.0
}

/// Where the server writes its mail (`.eml`).
pub fn correo_dir(datos: &Path) -> PathBuf {
    datos.join("correo")
}

fn listo(puerto: u16) -> bool {
    use std::io::{Read, Write};
    let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", puerto)) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    if s.write_all(b"GET /readyz HTTP/1.1\r\nHost: b\r\nConnection: close\r\n\r\n")
        .is_err()
    {
        return false;
    }
    let mut r = String::new();
    let _ = s.read_to_string(&mut r);
    r.starts_with("HTTP/1.1 200")
}
