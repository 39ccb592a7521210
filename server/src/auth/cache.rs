//! A few seconds of memory for resolved sessions, so a logged-in read costs about what an
//! anonymous one does (issue 15: every request with a cookie ran three queries). Resolving a
//! session reads the session, the contratista and the terms; the answer is kept for [`VIDA`].
//!
//! Correctness rules: any state-changing request (not GET/HEAD/OPTIONS) served by this process
//! empties the cache and starts a new generation (a resolution read from the database before
//! that is not stored after it), so a logout, a password change, a capturista's deactivation, accepting the
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

/// Token → when it was resolved and to what.
type Entradas = HashMap<String, (Instant, Resuelta)>;

/// The cache (one per process).
#[derive(Default)]
pub struct CacheSesiones {
    /// The entries and the generation: every [`CacheSesiones::vaciar`] starts a new one.
    entradas: Mutex<(u64, Entradas)>,
}

impl CacheSesiones {
    /// The current generation: take it **before** resolving a token from the database, and give
    /// it back to [`CacheSesiones::guardar`].
    pub fn generacion(&self) -> u64 {
        self.entradas.lock().map_or(0, |g| g.0)
    }

    /// The resolution of `token`, if fresh.
    pub fn leer(&self, token: &str) -> Option<Resuelta> {
        let g = self.entradas.lock().ok()?;
        g.1.get(token)
            .filter(|(cuando, _)| cuando.elapsed() < VIDA)
            .map(|(_, r)| r.clone())
    }

    /// Keeps a resolution that found a session (unknown tokens are never kept), unless the cache
    /// was emptied since `generacion`: a resolution read before a logout must not come back
    /// after it.
    pub fn guardar(&self, generacion: u64, token: &str, r: &Resuelta) {
        if r.0.is_none() && r.1.is_none() {
            return;
        }
        if let Ok(mut g) = self.entradas.lock() {
            if g.0 != generacion {
                return;
            }
            let m = &mut g.1;
            if m.len() >= MAXIMO {
                m.retain(|_, (cuando, _)| cuando.elapsed() < VIDA);
                if m.len() >= MAXIMO {
                    m.clear();
                }
            }
            m.insert(token.to_string(), (Instant::now(), r.clone()));
        }
    }

    /// Forgets everything (after any state-changing request) and starts a new generation.
    pub fn vaciar(&self) {
        if let Ok(mut g) = self.entradas.lock() {
            g.0 += 1;
            g.1.clear();
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
        c.guardar(c.generacion(), "t1", &capturista());
        assert_eq!(c.leer("t1"), Some(capturista()));
        c.vaciar();
        assert_eq!(c.leer("t1"), None);
    }

    #[test]
    fn a_resolution_read_before_a_logout_is_not_kept_after_it() {
        let c = CacheSesiones::default();
        let antes = c.generacion();
        c.vaciar(); // the logout's write finished meanwhile
        c.guardar(antes, "t1", &capturista());
        assert_eq!(c.leer("t1"), None);
    }

    #[test]
    fn unknown_tokens_are_never_kept() {
        let c = CacheSesiones::default();
        c.guardar(c.generacion(), "nadie", &(None, None));
        assert_eq!(c.leer("nadie"), None);
    }
}
