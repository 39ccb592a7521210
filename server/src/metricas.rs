//! `/metrics` in the Prometheus text format (issue 19): requests by route, method and status with
//! a latency histogram, logins by outcome, worker rows stored (its `rate()` is rows/s), and —
//! read at scrape time — the database pool, uploads in progress, the outbox depth and open
//! sessions. Counters live in this process (as Prometheus expects: one scrape target per
//! replica). Exposure: `ICSOE_METRICAS_TOKEN` set → only with `Authorization: Bearer <token>`;
//! unset → open in development, `404` in production (a scraper needs the token there).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{LazyLock, Mutex};

/// Latency buckets, seconds.
const LIMITES: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

#[derive(Default)]
struct Histograma {
    cubetas: [u64; LIMITES.len()],
    cuenta: u64,
    suma: f64,
}

#[derive(Default)]
struct Datos {
    peticiones: BTreeMap<(String, String, u16), u64>,
    latencias: BTreeMap<String, Histograma>,
    ingresos: BTreeMap<(&'static str, String), u64>,
}

/// The process's counters.
#[derive(Default)]
pub struct Metricas {
    datos: Mutex<Datos>,
    filas_cargadas: AtomicU64,
}

static METRICAS: LazyLock<Metricas> = LazyLock::new(Metricas::default);

/// This process's counters.
pub fn global() -> &'static Metricas {
    &METRICAS
}

/// What is read at scrape time.
#[derive(Debug, Default)]
pub struct Instantanea {
    /// Database pool: connections open.
    pub pool_abiertas: u64,
    /// Of them, idle.
    pub pool_ociosas: u64,
    /// Worker uploads being processed now.
    pub cargas_en_curso: u64,
    /// Notices pending or being sent.
    pub avisos_en_cola: u64,
    /// Contratista and capturista sessions stored.
    pub sesiones: u64,
}

impl Metricas {
    /// One answered request. `ruta` is the route's pattern (`/api/v1/informativas/{id}`), never
    /// the raw path, so ids do not explode the label set.
    pub fn peticion(&self, metodo: &str, ruta: &str, estado: u16, segundos: f64) {
        let Ok(mut d) = self.datos.lock() else { return };
        *d.peticiones
            .entry((ruta.to_string(), metodo.to_string(), estado))
            .or_default() += 1;
        let h = d.latencias.entry(ruta.to_string()).or_default();
        for (i, limite) in LIMITES.iter().enumerate() {
            if segundos <= *limite {
                h.cubetas[i] += 1;
            }
        }
        h.cuenta += 1;
        h.suma += segundos;
    }

    /// A login attempt: `tipo` `efirma` or `capturista`; `resultado` `ok` or the error code.
    pub fn ingreso(&self, tipo: &'static str, resultado: &str) {
        if let Ok(mut d) = self.datos.lock() {
            *d.ingresos.entry((tipo, resultado.to_string())).or_default() += 1;
        }
    }

    /// Worker rows stored by bulk uploads.
    pub fn filas_cargadas(&self, n: u64) {
        self.filas_cargadas.fetch_add(n, Ordering::Relaxed);
    }

    /// The text exposition format.
    pub fn texto(&self, i: &Instantanea) -> String {
        let mut s = String::new();
        let Ok(d) = self.datos.lock() else {
            return s;
        };
        let _ = writeln!(
            s,
            "# HELP icsoe_http_peticiones_total Peticiones HTTP respondidas."
        );
        let _ = writeln!(s, "# TYPE icsoe_http_peticiones_total counter");
        for ((ruta, metodo, estado), n) in &d.peticiones {
            let _ = writeln!(
                s,
                "icsoe_http_peticiones_total{{ruta=\"{}\",metodo=\"{metodo}\",estado=\"{estado}\"}} {n}",
                escapar(ruta)
            );
        }
        let _ = writeln!(
            s,
            "# HELP icsoe_http_duracion_segundos Tiempo de respuesta por ruta."
        );
        let _ = writeln!(s, "# TYPE icsoe_http_duracion_segundos histogram");
        for (ruta, h) in &d.latencias {
            let r = escapar(ruta);
            for (i, limite) in LIMITES.iter().enumerate() {
                let _ = writeln!(
                    s,
                    "icsoe_http_duracion_segundos_bucket{{ruta=\"{r}\",le=\"{limite}\"}} {}",
                    h.cubetas[i]
                );
            }
            let _ = writeln!(
                s,
                "icsoe_http_duracion_segundos_bucket{{ruta=\"{r}\",le=\"+Inf\"}} {}",
                h.cuenta
            );
            let _ = writeln!(
                s,
                "icsoe_http_duracion_segundos_sum{{ruta=\"{r}\"}} {}",
                h.suma
            );
            let _ = writeln!(
                s,
                "icsoe_http_duracion_segundos_count{{ruta=\"{r}\"}} {}",
                h.cuenta
            );
        }
        let _ = writeln!(
            s,
            "# HELP icsoe_ingresos_total Intentos de ingreso por tipo y resultado."
        );
        let _ = writeln!(s, "# TYPE icsoe_ingresos_total counter");
        for ((tipo, resultado), n) in &d.ingresos {
            let _ = writeln!(
                s,
                "icsoe_ingresos_total{{tipo=\"{tipo}\",resultado=\"{}\"}} {n}",
                escapar(resultado)
            );
        }
        let mut medida = |nombre: &str, ayuda: &str, tipo: &str, valor: u64| {
            let _ = writeln!(s, "# HELP {nombre} {ayuda}");
            let _ = writeln!(s, "# TYPE {nombre} {tipo}");
            let _ = writeln!(s, "{nombre} {valor}");
        };
        medida(
            "icsoe_trabajadores_cargados_total",
            "Renglones de trabajadores guardados por cargas masivas (rate() = renglones por segundo).",
            "counter",
            self.filas_cargadas.load(Ordering::Relaxed),
        );
        medida(
            "icsoe_bd_conexiones_abiertas",
            "Conexiones abiertas del pool de la base de datos.",
            "gauge",
            i.pool_abiertas,
        );
        medida(
            "icsoe_bd_conexiones_ociosas",
            "Conexiones ociosas del pool.",
            "gauge",
            i.pool_ociosas,
        );
        medida(
            "icsoe_cargas_en_curso",
            "Cargas masivas procesándose ahora en este proceso.",
            "gauge",
            i.cargas_en_curso,
        );
        medida(
            "icsoe_avisos_en_cola",
            "Avisos pendientes o enviándose (todas las réplicas).",
            "gauge",
            i.avisos_en_cola,
        );
        medida(
            "icsoe_sesiones",
            "Sesiones guardadas (contratistas y capturistas).",
            "gauge",
            i.sesiones,
        );
        s
    }
}

fn escapar(texto: &str) -> String {
    texto
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_and_histogram_follow_the_text_format() {
        let m = Metricas::default();
        m.peticion("GET", "/api/v1/informativas/{id}", 200, 0.02);
        m.peticion("GET", "/api/v1/informativas/{id}", 200, 3.0);
        m.ingreso("efirma", "ok");
        m.filas_cargadas(1500);
        let t = m.texto(&Instantanea {
            avisos_en_cola: 7,
            ..Default::default()
        });
        assert!(t.contains(
            "icsoe_http_peticiones_total{ruta=\"/api/v1/informativas/{id}\",metodo=\"GET\",estado=\"200\"} 2"
        ));
        assert!(t.contains("icsoe_http_duracion_segundos_bucket{ruta=\"/api/v1/informativas/{id}\",le=\"0.025\"} 1"));
        assert!(t.contains(
            "icsoe_http_duracion_segundos_bucket{ruta=\"/api/v1/informativas/{id}\",le=\"5\"} 2"
        ));
        assert!(
            t.contains("icsoe_http_duracion_segundos_count{ruta=\"/api/v1/informativas/{id}\"} 2")
        );
        assert!(t.contains("icsoe_ingresos_total{tipo=\"efirma\",resultado=\"ok\"} 1"));
        assert!(t.contains("icsoe_trabajadores_cargados_total 1500"));
        assert!(t.contains("icsoe_avisos_en_cola 7"));
        assert_eq!(escapar("a\"b"), "a\\\"b");
    }
}
