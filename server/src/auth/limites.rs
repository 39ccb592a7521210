//! Rate limits on challenges and logins, per client address and per RFC: a fixed one-minute
//! window per key, on the injected clock. In memory: each replica limits what it serves.

use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::Mutex;

/// Attempts allowed per key and minute.
#[derive(Debug)]
pub struct Limitador {
    max: u32,
    ventanas: Mutex<HashMap<String, (i64, u32)>>,
}

impl Limitador {
    /// At most `max` per key and minute.
    pub fn new(max: u32) -> Self {
        Limitador {
            max,
            ventanas: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one attempt for `clave`; `false` when it is over the limit.
    pub fn permitir(&self, clave: &str, ahora: DateTime<Utc>) -> bool {
        let minuto = ahora.timestamp() / 60;
        let Ok(mut ventanas) = self.ventanas.lock() else {
            return true;
        };
        if ventanas.len() > 100_000 {
            ventanas.retain(|_, (m, _)| *m == minuto);
        }
        let entrada = ventanas.entry(clave.to_string()).or_insert((minuto, 0));
        if entrada.0 != minuto {
            *entrada = (minuto, 0);
        }
        entrada.1 += 1;
        entrada.1 <= self.max
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_limit_resets_every_minute() {
        let l = Limitador::new(2);
        let t = Utc.with_ymd_and_hms(2026, 11, 21, 18, 0, 5).unwrap();
        assert!(l.permitir("ip:1", t));
        assert!(l.permitir("ip:1", t));
        assert!(!l.permitir("ip:1", t));
        assert!(l.permitir("ip:2", t), "other keys are independent");
        assert!(l.permitir("ip:1", t + chrono::Duration::seconds(60)));
    }
}
