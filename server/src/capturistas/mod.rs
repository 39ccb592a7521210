//! Capturistas: the contratista registers them by CURP (`admin`), they set a password through an
//! e-mailed single-use link and log in with CURP + password (`acceso`), pick which contratista to
//! work for, and recover a forgotten password. Tokens are 256-bit random values of which only
//! the SHA-256 is stored; passwords are Argon2id. Every e-mail goes through the outbox
//! (`crate::avisos`), written with the change that causes it.

pub mod acceso;
pub mod admin;
pub mod avisos;

use crate::auth::limites::Limitador;
use app::api::ports::Clock;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// An invitation link lives 48 hours (issue 5).
pub const VIDA_INVITACION_HORAS: i64 = 48;
/// A reset link lives 30 minutes (issue 5).
pub const VIDA_RECUPERACION_MINUTOS: i64 = 30;
/// Capturista logins and reset requests per minute from one client address: generous, since an
/// accounting office's capturistas share one public address; the per-CURP lockout does the real
/// work against password guessing.
pub const POR_IP_POR_MINUTO: u32 = 120;
/// Invitation mails to one CURP per hour.
pub const INVITACIONES_POR_HORA_CURP: u64 = 5;
/// Invitation mails one contratista may trigger per hour.
pub const INVITACIONES_POR_HORA_CONTRATISTA: u64 = 60;
/// Password-reset mails to one CURP per hour (more requests get the same answer and no mail).
pub const RECUPERACIONES_POR_HORA_CURP: u64 = 3;
/// Failed passwords for one CURP before it is locked…
pub const MAX_FALLIDOS: i32 = 5;
/// …for this many minutes (also the counting window).
pub const MINUTOS_BLOQUEO: i64 = 15;

/// `token_capturista.tipo` for invitations.
pub const TIPO_INVITACION: &str = "invitacion";
/// `token_capturista.tipo` for password resets.
pub const TIPO_RECUPERACION: &str = "recuperacion";

/// Capturista administration and access.
pub struct Capturistas {
    db: DatabaseConnection,
    clock: Arc<dyn Clock>,
    timbre: Arc<tokio::sync::Notify>,
    url_publica: String,
    inactividad: chrono::Duration,
    por_ip: Limitador,
}

impl Capturistas {
    /// The service; links in e-mails start with `url_publica` (e.g. `https://icsoe.example.mx`);
    /// `timbre` wakes this process's outbox worker once a notice is committed.
    pub fn new(
        db: DatabaseConnection,
        clock: Arc<dyn Clock>,
        timbre: Arc<tokio::sync::Notify>,
        url_publica: String,
        inactividad: chrono::Duration,
    ) -> Self {
        Capturistas {
            db: db.clone(),
            clock,
            timbre,
            url_publica: url_publica.trim_end_matches('/').to_string(),
            inactividad,
            por_ip: Limitador::new(db.clone(), POR_IP_POR_MINUTO),
        }
    }
}
