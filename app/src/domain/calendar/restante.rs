//! `Restante`: the time left until a deadline, as a person reads it.

use chrono::{DateTime, TimeZone};
use std::fmt;

/// Whole days, hours, minutes and seconds until an instant (zero once it has passed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Restante {
    /// Whole days left.
    pub dias: i64,
    /// Hours left after the days.
    pub horas: i64,
    /// Minutes left after the hours.
    pub minutos: i64,
    /// Seconds left after the minutes.
    pub segundos: i64,
}

impl Restante {
    /// The time from `desde` to `hasta`, or all zeros if `hasta` is not in the future.
    pub fn entre<A: TimeZone, B: TimeZone>(desde: &DateTime<A>, hasta: &DateTime<B>) -> Self {
        Self::de_segundos((hasta.timestamp() - desde.timestamp()).max(0))
    }

    /// Splits a number of seconds.
    pub fn de_segundos(total: i64) -> Self {
        let total = total.max(0);
        Restante {
            dias: total / 86_400,
            horas: total % 86_400 / 3_600,
            minutos: total % 3_600 / 60,
            segundos: total % 60,
        }
    }

    /// Whether the deadline has passed.
    pub fn vencido(&self) -> bool {
        *self == Self::de_segundos(0)
    }
}

fn unidad(f: &mut fmt::Formatter<'_>, n: i64, singular: &str, plural: &str) -> fmt::Result {
    write!(f, "{n} {}", if n == 1 { singular } else { plural })
}

/// "58 días, 11 h, 59 min y 59 s": precise to the second, as a countdown needs.
impl fmt::Display for Restante {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        unidad(f, self.dias, "día", "días")?;
        write!(
            f,
            ", {} h, {} min y {} s",
            self.horas, self.minutos, self.segundos
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    #[test]
    fn counts_down_to_the_end_of_the_due_date() {
        let ahora = DateTime::parse_from_rfc3339("2026-11-21T12:00:00-06:00").unwrap();
        let fin = DateTime::parse_from_rfc3339("2027-01-18T23:59:59-06:00").unwrap();
        let r = Restante::entre(&ahora, &fin);
        assert_eq!((r.dias, r.horas, r.minutos, r.segundos), (58, 11, 59, 59));
        assert_eq!(r.to_string(), "58 días, 11 h, 59 min y 59 s");
    }

    #[test]
    fn a_past_deadline_has_nothing_left() {
        let r = Restante::de_segundos(-5);
        assert!(r.vencido());
        assert_eq!(
            Restante::de_segundos(86_400 + 61).to_string(),
            "1 día, 0 h, 1 min y 1 s"
        );
    }
}
