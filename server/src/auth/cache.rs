//! A few seconds of memory for resolved sessions, so a logged-in read costs about what an
//! anonymous one does (issue 15: every request with a cookie ran three queries). Resolving a
//! session reads the session, the contratista and the terms; the answer is kept for [`VIDA`].
//!
//! Correctness rules: any state-changing request (not GET/HEAD/OPTIONS) served by this process
//! empties the cache, so a logout, a password change, a capturista's deactivation, accepting the
//! terms or picking a contratista is seen at once here; another replica sees it within [`VIDA`].
//! Idle expiry still advances: an active session is resolved from the database at least every
//! [`VIDA`], and that resolution records its use.

use app::api::sesion::{SesionActual, SesionCapturista};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a resolved session is reused.
pub const VIDA: Duration = Duration::from_secs(5);
/// Entries kept at most (a flood of distinct valid tokens cannot grow memory without bound).
const MAXIMO: usize = 50_000;

/// What a token resolved to.
pub type Resuelta = (Option<SesionActual>, Option<SesionCapturista>);

/// The cache (one per process).
#[derive(Default)]
pub struct CacheSesiones {
    entradas: Mutex<HashMap<String, (Instant, Resuelta)>>,
}

impl CacheSesiones {
    /// The resolution of `token`, if fresh.
    pub fn leer(&self, token: &str) -> Option<Resuelta> {
        let m = self.entradas.lock().ok()?;
        m.get(token)
            .filter(|(cuando, _)| cuando.elapsed() < VIDA)
            .map(|(_, r)| r.clone())
    }

    /// Keeps a resolution that found a session (unknown tokens are never kept).
    pub fn guardar(&self, token: &str, r: &Resuelta) {
        if r.0.is_none() && r.1.is_none() {
            return;
        }
        if let Ok(mut m) = self.entradas.lock() {
            if m.len() >= MAXIMO {
                m.retain(|_, (cuando, _)| cuando.elapsed() < VIDA);
                if m.len() >= MAXIMO {
                    m.clear();
                }
            }
            m.insert(token.to_string(), (Instant::now(), r.clone()));
        }
    }

    /// Forgets everything (after any state-changing request).
    pub fn vaciar(&self) {
        if let Ok(mut m) = self.entradas.lock() {
            m.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn capturista() -> Resuelta {
        (
            None,
            Some(SesionCapturista {
                curp: "PELJ850101HDFRPN06".into(),
                nombre: "Ana".into(),
                contratista: None,
                contratistas: Vec::new(),
            }),
        )
    }

    #[test]
    fn a_found_session_is_reused_until_any_write_empties_the_cache() {
        let c = CacheSesiones::default();
        c.guardar("t1", &capturista());
        assert_eq!(c.leer("t1"), Some(capturista()));
        c.vaciar();
        assert_eq!(c.leer("t1"), None);
    }

    #[test]
    fn unknown_tokens_are_never_kept() {
        let c = CacheSesiones::default();
        c.guardar("nadie", &(None, None));
        assert_eq!(c.leer("nadie"), None);
    }
}
