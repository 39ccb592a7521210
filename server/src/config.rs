//! `Settings`: everything the server can be told, loaded once at start-up.
//!
//! Layers, later wins: built-in defaults → the `LEPTOS_*` variables cargo-leptos sets (site root
//! and address) → a TOML file (`--config`, `ICSOE_CONFIG`, or `./icsoe.toml` when present) →
//! `ICSOE_*` environment variables. Errors name the setting and say what is expected, in Spanish.

use crate::infra::correo::{ConfigSmtp, SeguridadSmtp};
use app::domain::trabajadores::LimitesArchivo;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// Which guard rails apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// A developer's machine or a demo: test backends allowed.
    Development,
    /// A real deployment: refuses a fixed clock.
    Production,
}

/// How logs are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

/// Where "now" comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockSetting {
    /// The operating system's clock.
    System,
    /// Always this instant (demos and end-to-end tests: deadlines must not depend on the day a
    /// test runs).
    Fixed(DateTime<Utc>),
}

/// Where outgoing mail goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModoCorreo {
    /// `.eml` files in `correo_dir` (development, demos, end-to-end tests).
    Directorio,
    /// A real SMTP server (`smtp_*` settings).
    Smtp,
}

/// The SAT's public **test** CAs, shipped with the repository: development trusts them so a fresh
/// clone can log in with the test e.firmas; production refuses them.
pub const CONFIANZA_DE_PRUEBA: &str = "fixtures/sat-test-certs/sat-test-ca";

/// The server's settings.
#[derive(Clone, Debug)]
pub struct Settings {
    /// `development` or `production`.
    pub profile: Profile,
    /// Address the HTTP server listens on.
    pub bind: SocketAddr,
    /// Directory for the embedded database and, later, stored files.
    pub data_dir: PathBuf,
    /// sea-orm/sqlx URL; `sqlite://…` or `postgres://…`.
    pub database_url: String,
    /// `text` or `json`.
    pub log_format: LogFormat,
    /// A `tracing` filter such as `info` or `info,server=debug`.
    pub log_level: String,
    /// Directory with the built site (`pkg/` and public assets).
    pub site_root: PathBuf,
    /// The clock.
    pub clock: ClockSetting,
    /// Limits per worker CSV (rows and bytes), for uploads and the validators.
    pub limites_csv: LimitesArchivo,
    /// Directory of the CA certificates trusted for e.firma login.
    pub confianza_dir: PathBuf,
    /// Minutes a session survives without requests.
    pub sesion_minutos: i64,
    /// Where mail goes.
    pub correo: ModoCorreo,
    /// Directory for `.eml` files (default `<data_dir>/correo`).
    pub correo_dir: Option<PathBuf>,
    /// The From of every message, e.g. `ICSOE <no-responder@icsoe.example.mx>`.
    pub correo_remitente: String,
    /// SMTP server settings (used when `correo` is `smtp`).
    pub smtp: ConfigSmtp,
    /// The address users reach the site at, for links in e-mails (default `http://<bind>`).
    pub url_publica: Option<String>,
    /// Directory for stored files (default `<data_dir>/archivos`).
    pub almacen_dir: Option<PathBuf>,
    /// Stored files in an S3 bucket instead of the directory (`ICSOE_ALMACEN=s3`).
    pub s3_bucket: Option<String>,
    /// Directory with the institutional seal (`sello.key.der`, `sello.cer.der`); without it,
    /// development seals acuses with the public development key.
    pub sello_dir: Option<PathBuf>,
    /// Bearer token a Prometheus scraper sends to `/metrics`. Unset: `/metrics` is open in
    /// development and absent (`404`) in production.
    pub metricas_token: Option<String>,
    /// The SAT's OCSP responder for e.firma certificates (`http://…` or `https://…`). Set: every
    /// login and every signature asks whether the certificate was revoked. Unset: not asked.
    pub ocsp_url: Option<String>,
    /// What a login or signature does when the responder cannot be asked (down, timeout, an
    /// answer that does not verify): `abierta` (default) lets it through and logs a warning;
    /// `cerrada` refuses it with `503 efirma_revocation_unavailable`.
    pub ocsp_falla: crate::auth::revocacion::FallaOcsp,
    /// The reverse proxies in front of ICSOE (`10.0.0.0/8, 192.168.1.5`): only from them is
    /// `X-Forwarded-For` believed. Default none: the TCP peer is the client.
    pub proxies_confiables: Vec<crate::auth::proxies::Red>,
    /// Days the rejected-row files of bulk uploads are kept (default 30); housekeeping deletes
    /// older ones.
    pub retencion_rechazados_dias: i64,
}

/// The settings file, every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Archivo {
    profile: Option<String>,
    bind: Option<String>,
    data_dir: Option<String>,
    database_url: Option<String>,
    log_format: Option<String>,
    log_level: Option<String>,
    site_root: Option<String>,
    clock: Option<String>,
    csv_max_filas: Option<String>,
    csv_max_mb: Option<String>,
    confianza_dir: Option<String>,
    sesion_minutos: Option<String>,
    correo: Option<String>,
    correo_dir: Option<String>,
    correo_remitente: Option<String>,
    smtp_host: Option<String>,
    smtp_puerto: Option<String>,
    smtp_seguridad: Option<String>,
    smtp_usuario: Option<String>,
    smtp_contrasena: Option<String>,
    url_publica: Option<String>,
    almacen_dir: Option<String>,
    almacen: Option<String>,
    s3_bucket: Option<String>,
    sello_dir: Option<String>,
    metricas_token: Option<String>,
    ocsp_url: Option<String>,
    ocsp_falla: Option<String>,
    proxies_confiables: Option<String>,
    retencion_rechazados_dias: Option<String>,
}

/// A setting that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read or parsed.
    #[error("No se pudo leer el archivo de configuración {ruta}: {detalle}")]
    Archivo {
        /// Path of the file.
        ruta: String,
        /// What went wrong.
        detalle: String,
    },
    /// A value is not valid for its key.
    #[error("Configuración inválida: {clave} = «{valor}». {ayuda}")]
    Valor {
        /// The key (file key or environment variable).
        clave: String,
        /// The value given.
        valor: String,
        /// What is expected.
        ayuda: &'static str,
    },
    /// The combination is not allowed.
    #[error("Configuración no permitida: {0}")]
    Regla(&'static str),
}

fn valor(clave: &str, valor: &str, ayuda: &'static str) -> ConfigError {
    ConfigError::Valor {
        clave: clave.to_string(),
        valor: valor.to_string(),
        ayuda,
    }
}

fn perfil(clave: &str, v: &str) -> Result<Profile, ConfigError> {
    match v.trim().to_ascii_lowercase().as_str() {
        "development" | "desarrollo" => Ok(Profile::Development),
        "production" | "produccion" | "producción" => Ok(Profile::Production),
        _ => Err(valor(clave, v, "Usa «development» o «production».")),
    }
}

fn formato(clave: &str, v: &str) -> Result<LogFormat, ConfigError> {
    match v.trim().to_ascii_lowercase().as_str() {
        "text" | "texto" => Ok(LogFormat::Text),
        "json" => Ok(LogFormat::Json),
        _ => Err(valor(clave, v, "Usa «text» o «json».")),
    }
}

fn direccion(clave: &str, v: &str) -> Result<SocketAddr, ConfigError> {
    v.trim()
        .parse()
        .map_err(|_| valor(clave, v, "Escribe IP:puerto, por ejemplo 127.0.0.1:3000."))
}

fn reloj(clave: &str, v: &str) -> Result<ClockSetting, ConfigError> {
    let t = v.trim();
    if t.eq_ignore_ascii_case("system") || t.eq_ignore_ascii_case("sistema") {
        return Ok(ClockSetting::System);
    }
    DateTime::parse_from_rfc3339(t)
        .map(|dt| ClockSetting::Fixed(dt.to_utc()))
        .map_err(|_| {
            valor(
                clave,
                v,
                "Usa «system» o un instante RFC 3339, por ejemplo 2026-11-21T12:00:00-06:00.",
            )
        })
}

impl Settings {
    /// Where `.eml` files go in `directorio` mode.
    pub fn correo_dir_efectivo(&self) -> PathBuf {
        self.correo_dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("correo"))
    }

    /// Where stored files go.
    pub fn almacen_dir_efectivo(&self) -> PathBuf {
        self.almacen_dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("archivos"))
    }

    /// The base of links in e-mails.
    pub fn url_publica_efectiva(&self) -> String {
        self.url_publica
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.bind))
    }

    /// Loads the settings from the process environment and the optional file.
    pub fn load(archivo: Option<&Path>) -> Result<Self, ConfigError> {
        Self::load_from(archivo, |k| std::env::var(k).ok())
    }

    /// Loads the settings with `env` standing in for the process environment (tests).
    pub fn load_from(
        archivo: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        let mut s = Settings {
            profile: Profile::Development,
            bind: SocketAddr::from(([127, 0, 0, 1], 3000)),
            data_dir: PathBuf::from("data"),
            database_url: String::new(),
            log_format: LogFormat::Text,
            log_level: "info".to_string(),
            site_root: PathBuf::from("target/site"),
            clock: ClockSetting::System,
            limites_csv: LimitesArchivo::default(),
            confianza_dir: PathBuf::from(CONFIANZA_DE_PRUEBA),
            sesion_minutos: 30,
            correo: ModoCorreo::Directorio,
            correo_dir: None,
            correo_remitente: "ICSOE <no-responder@localhost>".to_string(),
            smtp: ConfigSmtp {
                host: String::new(),
                puerto: 587,
                seguridad: SeguridadSmtp::Starttls,
                credenciales: None,
            },
            url_publica: None,
            almacen_dir: None,
            s3_bucket: None,
            sello_dir: None,
            metricas_token: None,
            ocsp_url: None,
            ocsp_falla: crate::auth::revocacion::FallaOcsp::Abierta,
            proxies_confiables: Vec::new(),
            retencion_rechazados_dias: 30,
        };
        // cargo-leptos tells the server where it put the site and where to listen.
        if let Some(v) = env("LEPTOS_SITE_ROOT") {
            s.site_root = PathBuf::from(v);
        }
        if let Some(v) = env("LEPTOS_SITE_ADDR") {
            s.bind = direccion("LEPTOS_SITE_ADDR", &v)?;
        }

        let ruta = archivo
            .map(Path::to_path_buf)
            .or_else(|| {
                env("ICSOE_CONFIG")
                    .filter(|v| !v.trim().is_empty())
                    .map(PathBuf::from)
            })
            .or_else(|| Some(PathBuf::from("icsoe.toml")).filter(|p| p.exists()));
        let mut database_url = None;
        if let Some(ruta) = ruta {
            let error = |detalle: String| ConfigError::Archivo {
                ruta: ruta.display().to_string(),
                detalle,
            };
            let texto = std::fs::read_to_string(&ruta).map_err(|e| error(e.to_string()))?;
            let a: Archivo = toml::from_str(&texto).map_err(|e| error(e.message().to_string()))?;
            s.aplicar(a, &mut database_url, "")?;
        }

        let var = |clave: &str| env(&format!("ICSOE_{}", clave.to_ascii_uppercase()));
        let desde_env = Archivo {
            profile: var("profile"),
            bind: var("bind"),
            data_dir: var("data_dir"),
            database_url: var("database_url"),
            log_format: var("log_format"),
            log_level: var("log_level"),
            site_root: var("site_root"),
            clock: var("clock"),
            csv_max_filas: var("csv_max_filas"),
            csv_max_mb: var("csv_max_mb"),
            confianza_dir: var("confianza_dir"),
            sesion_minutos: var("sesion_minutos"),
            correo: var("correo"),
            correo_dir: var("correo_dir"),
            correo_remitente: var("correo_remitente"),
            smtp_host: var("smtp_host"),
            smtp_puerto: var("smtp_puerto"),
            smtp_seguridad: var("smtp_seguridad"),
            smtp_usuario: var("smtp_usuario"),
            smtp_contrasena: var("smtp_contrasena"),
            url_publica: var("url_publica"),
            almacen_dir: var("almacen_dir"),
            almacen: var("almacen"),
            s3_bucket: var("s3_bucket"),
            sello_dir: var("sello_dir"),
            metricas_token: var("metricas_token"),
            ocsp_url: var("ocsp_url"),
            ocsp_falla: var("ocsp_falla"),
            proxies_confiables: var("proxies_confiables"),
            retencion_rechazados_dias: var("retencion_rechazados_dias"),
        };
        s.aplicar(desde_env, &mut database_url, "ICSOE_")?;

        s.database_url = database_url.unwrap_or_else(|| {
            format!(
                "sqlite://{}?mode=rwc",
                s.data_dir.join("icsoe.sqlite").display()
            )
        });
        if s.correo == ModoCorreo::Smtp && s.smtp.host.trim().is_empty() {
            return Err(ConfigError::Regla(
                "correo = smtp necesita smtp_host (ICSOE_SMTP_HOST), el servidor de correo.",
            ));
        }
        if s.profile == Profile::Production {
            if s.correo != ModoCorreo::Smtp {
                return Err(ConfigError::Regla(
                    "el perfil production envía correo de verdad: usa ICSOE_CORREO=smtp con ICSOE_SMTP_HOST.",
                ));
            }
            if s.smtp.seguridad == SeguridadSmtp::Ninguna {
                return Err(ConfigError::Regla(
                    "el perfil production no admite SMTP sin cifrar: usa ICSOE_SMTP_SEGURIDAD=starttls o tls.",
                ));
            }
            if !s
                .url_publica
                .as_deref()
                .is_some_and(|u| u.starts_with("https://"))
            {
                return Err(ConfigError::Regla(
                    "el perfil production necesita ICSOE_URL_PUBLICA con https:// (los enlaces de los correos la usan).",
                ));
            }
            if s.sello_dir.is_none() {
                return Err(ConfigError::Regla(
                    "el perfil production necesita el sello institucional de los acuses: ICSOE_SELLO_DIR con sello.key.der y sello.cer.der (la llave de desarrollo es pública).",
                ));
            }
        }
        if s.profile == Profile::Production && matches!(s.clock, ClockSetting::Fixed(_)) {
            return Err(ConfigError::Regla(
                "el perfil production no admite un reloj fijo (clock); quita ICSOE_CLOCK o usa «system».",
            ));
        }
        Ok(s)
    }

    fn aplicar(
        &mut self,
        a: Archivo,
        database_url: &mut Option<String>,
        prefijo: &str,
    ) -> Result<(), ConfigError> {
        let clave = |k: &str| {
            if prefijo.is_empty() {
                k.to_string()
            } else {
                format!("{prefijo}{}", k.to_ascii_uppercase())
            }
        };
        if let Some(v) = a.profile {
            self.profile = perfil(&clave("profile"), &v)?;
        }
        if let Some(v) = a.bind {
            self.bind = direccion(&clave("bind"), &v)?;
        }
        if let Some(v) = a.data_dir.filter(|v| !v.trim().is_empty()) {
            self.data_dir = PathBuf::from(v);
        }
        if let Some(v) = a.database_url.filter(|v| !v.trim().is_empty()) {
            let ok = ["sqlite:", "postgres://", "postgresql://"]
                .iter()
                .any(|p| v.starts_with(p));
            if !ok {
                return Err(valor(
                    &clave("database_url"),
                    &v,
                    "Usa sqlite://ruta/archivo.sqlite?mode=rwc o postgres://usuario@servidor/base.",
                ));
            }
            *database_url = Some(v);
        }
        if let Some(v) = a.log_format {
            self.log_format = formato(&clave("log_format"), &v)?;
        }
        if let Some(v) = a.log_level.filter(|v| !v.trim().is_empty()) {
            self.log_level = v;
        }
        if let Some(v) = a.site_root.filter(|v| !v.trim().is_empty()) {
            self.site_root = PathBuf::from(v);
        }
        if let Some(v) = a.clock {
            self.clock = reloj(&clave("clock"), &v)?;
        }
        let entero = |k: &str, v: &str| -> Result<u64, ConfigError> {
            v.trim()
                .parse::<u64>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| valor(&clave(k), v, "Escribe un número entero mayor que cero."))
        };
        if let Some(v) = a.csv_max_filas {
            self.limites_csv.max_filas = entero("csv_max_filas", &v)?;
        }
        if let Some(v) = a.confianza_dir.filter(|v| !v.trim().is_empty()) {
            self.confianza_dir = PathBuf::from(v);
        }
        if let Some(v) = a.retencion_rechazados_dias {
            self.retencion_rechazados_dias =
                i64::try_from(entero("retencion_rechazados_dias", &v)?).unwrap_or(30);
        }
        if let Some(v) = a.sesion_minutos {
            self.sesion_minutos = i64::try_from(entero("sesion_minutos", &v)?).unwrap_or(30);
        }
        if let Some(v) = a.correo {
            self.correo = match v.trim().to_ascii_lowercase().as_str() {
                "directorio" | "directory" => ModoCorreo::Directorio,
                "smtp" => ModoCorreo::Smtp,
                _ => return Err(valor(&clave("correo"), &v, "Usa «directorio» o «smtp».")),
            };
        }
        if let Some(v) = a.correo_dir.filter(|v| !v.trim().is_empty()) {
            self.correo_dir = Some(PathBuf::from(v));
        }
        if let Some(v) = a.correo_remitente.filter(|v| !v.trim().is_empty()) {
            if v.parse::<lettre::message::Mailbox>().is_err() {
                return Err(valor(
                    &clave("correo_remitente"),
                    &v,
                    "Escribe un remitente como «ICSOE <no-responder@tu-dominio.mx>».",
                ));
            }
            self.correo_remitente = v;
        }
        if let Some(v) = a.smtp_host.filter(|v| !v.trim().is_empty()) {
            self.smtp.host = v.trim().to_string();
        }
        if let Some(v) = a.smtp_puerto {
            self.smtp.puerto =
                v.trim()
                    .parse::<u16>()
                    .ok()
                    .filter(|p| *p > 0)
                    .ok_or_else(|| {
                        valor(
                            &clave("smtp_puerto"),
                            &v,
                            "Escribe un puerto, por ejemplo 587 o 465.",
                        )
                    })?;
        }
        if let Some(v) = a.smtp_seguridad {
            self.smtp.seguridad = match v.trim().to_ascii_lowercase().as_str() {
                "starttls" => SeguridadSmtp::Starttls,
                "tls" => SeguridadSmtp::Tls,
                "ninguna" | "none" => SeguridadSmtp::Ninguna,
                _ => {
                    return Err(valor(
                        &clave("smtp_seguridad"),
                        &v,
                        "Usa «starttls» (puerto 587), «tls» (puerto 465) o «ninguna» (solo pruebas locales).",
                    ))
                }
            };
        }
        if let Some(u) = a.smtp_usuario.filter(|v| !v.trim().is_empty()) {
            let contrasena = a.smtp_contrasena.unwrap_or_default();
            self.smtp.credenciales = Some((u, contrasena));
        }
        if let Some(v) = a.url_publica.filter(|v| !v.trim().is_empty()) {
            if !(v.starts_with("http://") || v.starts_with("https://")) {
                return Err(valor(
                    &clave("url_publica"),
                    &v,
                    "Escribe la dirección completa, por ejemplo https://icsoe.tu-dominio.mx.",
                ));
            }
            self.url_publica = Some(v.trim_end_matches('/').to_string());
        }
        if let Some(v) = a.almacen_dir.filter(|v| !v.trim().is_empty()) {
            self.almacen_dir = Some(PathBuf::from(v));
        }
        if let Some(v) = a.metricas_token.filter(|v| !v.trim().is_empty()) {
            if v.trim().len() < 16 {
                return Err(valor(
                    &clave("metricas_token"),
                    "(oculto)",
                    "Usa un token de al menos 16 caracteres (por ejemplo, openssl rand -hex 24).",
                ));
            }
            self.metricas_token = Some(v.trim().to_string());
        }
        if let Some(v) = a.ocsp_url.filter(|v| !v.trim().is_empty()) {
            if !(v.starts_with("http://") || v.starts_with("https://")) {
                return Err(valor(
                    &clave("ocsp_url"),
                    &v,
                    "Escribe la dirección completa del respondedor OCSP, por ejemplo https://cfdi.sat.gob.mx/edofiel.",
                ));
            }
            self.ocsp_url = Some(v.trim().to_string());
        }
        if let Some(v) = a.ocsp_falla {
            self.ocsp_falla = match v.trim().to_ascii_lowercase().as_str() {
                "abierta" | "open" => crate::auth::revocacion::FallaOcsp::Abierta,
                "cerrada" | "closed" => crate::auth::revocacion::FallaOcsp::Cerrada,
                _ => {
                    return Err(valor(
                        &clave("ocsp_falla"),
                        &v,
                        "Usa «abierta» (si el SAT no responde, se permite y se registra) o «cerrada» (si no responde, se rechaza).",
                    ))
                }
            };
        }
        if let Some(v) = a.sello_dir.filter(|v| !v.trim().is_empty()) {
            self.sello_dir = Some(PathBuf::from(v));
        }
        if let Some(v) = a.proxies_confiables {
            self.proxies_confiables = crate::auth::proxies::parse_lista(&v).map_err(|_| {
                valor(
                    &clave("proxies_confiables"),
                    &v,
                    "Escribe direcciones o redes separadas por comas, por ejemplo 10.0.0.0/8, 192.168.1.5.",
                )
            })?;
        }
        if let Some(v) = a.s3_bucket.filter(|v| !v.trim().is_empty()) {
            self.s3_bucket = Some(v.trim().to_string());
        }
        if let Some(v) = a.almacen {
            match v.trim().to_ascii_lowercase().as_str() {
                "local" | "directorio" => self.s3_bucket = None,
                "s3" => {
                    if self.s3_bucket.is_none() {
                        return Err(valor(
                            &clave("almacen"),
                            &v,
                            "Con «s3» indica también el bucket (s3_bucket / ICSOE_S3_BUCKET) y las variables AWS_*.",
                        ));
                    }
                }
                _ => return Err(valor(&clave("almacen"), &v, "Usa «local» o «s3».")),
            }
        }
        if let Some(v) = a.csv_max_mb {
            self.limites_csv.max_bytes = entero("csv_max_mb", &v)?.saturating_mul(1024 * 1024);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pares: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let m: HashMap<String, String> = pares
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| m.get(k).cloned()
    }

    #[test]
    fn defaults_use_an_embedded_sqlite_file_under_data() {
        let s = Settings::load_from(None, env(&[])).unwrap();
        assert_eq!(s.database_url, "sqlite://data/icsoe.sqlite?mode=rwc");
        assert_eq!(s.bind.to_string(), "127.0.0.1:3000");
        assert_eq!(s.clock, ClockSetting::System);
    }

    #[test]
    fn environment_overrides_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let ruta = dir.path().join("icsoe.toml");
        std::fs::write(
            &ruta,
            "bind = \"127.0.0.1:4000\"\nlog_format = \"json\"\ndata_dir = \"/srv/icsoe\"\n",
        )
        .unwrap();
        let s = Settings::load_from(Some(&ruta), env(&[("ICSOE_BIND", "0.0.0.0:8080")])).unwrap();
        assert_eq!(s.bind.to_string(), "0.0.0.0:8080");
        assert_eq!(s.log_format, LogFormat::Json);
        assert_eq!(s.database_url, "sqlite:///srv/icsoe/icsoe.sqlite?mode=rwc");
    }

    #[test]
    fn bad_values_name_the_setting_and_the_fix() {
        let err = Settings::load_from(None, env(&[("ICSOE_BIND", "localhost")])).unwrap_err();
        assert!(err.to_string().contains("ICSOE_BIND"), "{err}");
        assert!(err.to_string().contains("127.0.0.1:3000"), "{err}");
        let err =
            Settings::load_from(None, env(&[("ICSOE_DATABASE_URL", "mysql://x")])).unwrap_err();
        assert!(err.to_string().contains("postgres://"), "{err}");
    }

    #[test]
    fn unknown_keys_in_the_file_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let ruta = dir.path().join("icsoe.toml");
        std::fs::write(&ruta, "bnid = \"127.0.0.1:4000\"\n").unwrap();
        let err = Settings::load_from(Some(&ruta), env(&[])).unwrap_err();
        assert!(err.to_string().contains("bnid"), "{err}");
    }

    #[test]
    fn production_refuses_a_fixed_clock() {
        let err = Settings::load_from(
            None,
            env(&[
                ("ICSOE_PROFILE", "production"),
                ("ICSOE_CLOCK", "2026-11-21T12:00:00-06:00"),
            ]),
        )
        .unwrap_err();
        assert!(matches!(err, ConfigError::Regla(_)));
        let s = Settings::load_from(None, env(&[("ICSOE_CLOCK", "2026-11-21T12:00:00-06:00")]))
            .unwrap();
        assert_eq!(
            s.clock,
            ClockSetting::Fixed("2026-11-21T18:00:00Z".parse().unwrap())
        );
    }
}
