//! The filing calendar as iCalendar (RFC 5545), so due dates land in Google Calendar or Outlook:
//! one all-day event per period with a stable `UID` (a re-download updates the event instead of
//! duplicating it) and the filing window in its description. Pure text: the server decides which
//! periods go in (every period of a year for the public feed, a contratista's pending ones for
//! its private feed).

use super::cuatrimestre::Periodo;
use super::formato::fecha_larga;
use super::inhabiles::DiasInhabiles;
use super::vencimiento::vencimiento;
use chrono::{DateTime, Utc};

/// One due date to publish.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventoIcs {
    /// The period.
    pub periodo: Periodo,
    /// A prefix for the summary (the contratista's name on a private feed).
    pub para: Option<String>,
    /// A link for the description.
    pub enlace: Option<String>,
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn texto(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => o.push_str("\\\\"),
            ';' => o.push_str("\\;"),
            ',' => o.push_str("\\,"),
            '\n' => o.push_str("\\n"),
            '\r' => {}
            c => o.push(c),
        }
    }
    o
}

/// Folds a content line at 75 octets without splitting a UTF-8 character (§3.1).
fn plegar(linea: &str, salida: &mut String) {
    let mut usados = 0;
    for c in linea.chars() {
        let n = c.len_utf8();
        if usados + n > 75 {
            salida.push_str("\r\n ");
            usados = 1;
        }
        salida.push(c);
        usados += n;
    }
    salida.push_str("\r\n");
}

/// The calendar named `nombre` with one event per entry of `eventos`. `dominio` makes the UIDs
/// globally unique; `uid_extra` distinguishes a private feed's events from the public ones.
pub fn calendario_ics(
    nombre: &str,
    eventos: &[EventoIcs],
    inhabiles: &DiasInhabiles,
    dominio: &str,
    uid_extra: &str,
    ahora: DateTime<Utc>,
) -> String {
    let mut lineas = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//ICSOE//Calendario de vencimientos//ES".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        format!("X-WR-CALNAME:{}", texto(nombre)),
        "X-WR-TIMEZONE:America/Mexico_City".to_string(),
    ];
    let sello = ahora.format("%Y%m%dT%H%M%SZ").to_string();
    for e in eventos {
        let v = vencimiento(e.periodo, inhabiles);
        let p = e.periodo;
        let desde = p.fin().succ_opt().unwrap_or(p.fin());
        let mut descripcion = format!(
            "Informativa ICSOE del {} de {} ({}). Se presenta del {} al {} (hasta las 23:59:59, hora del centro de México).",
            p.cuatrimestre.nombre(),
            p.anio.get(),
            p.cuatrimestre.meses(),
            fecha_larga(desde),
            fecha_larga(v.vence),
        );
        if v.vence != v.limite_legal {
            descripcion.push_str(&format!(
                " El día 17 no es hábil: el plazo se recorre al {}.",
                fecha_larga(v.vence)
            ));
        }
        descripcion.push_str(" Presentarla tarde se multa con 500 a 2,000 UMA (LSS art. 304).");
        if let Some(enlace) = &e.enlace {
            descripcion.push_str(&format!(" {enlace}"));
        }
        let resumen = match &e.para {
            Some(para) => format!(
                "{para}: vence la informativa ICSOE {}-{}",
                p.anio.get(),
                p.cuatrimestre.numero()
            ),
            None => format!(
                "Vence la informativa ICSOE {}-{}",
                p.anio.get(),
                p.cuatrimestre.numero()
            ),
        };
        let fin = v.vence.succ_opt().unwrap_or(v.vence);
        lineas.extend([
            "BEGIN:VEVENT".to_string(),
            format!(
                "UID:vencimiento-{}-{}{uid_extra}@{dominio}",
                p.anio.get(),
                p.cuatrimestre.numero()
            ),
            format!("DTSTAMP:{sello}"),
            format!("DTSTART;VALUE=DATE:{}", v.vence.format("%Y%m%d")),
            format!("DTEND;VALUE=DATE:{}", fin.format("%Y%m%d")),
            format!("SUMMARY:{}", texto(&resumen)),
            format!("DESCRIPTION:{}", texto(&descripcion)),
            "TRANSP:TRANSPARENT".to_string(),
            "END:VEVENT".to_string(),
        ]);
    }
    lineas.push("END:VCALENDAR".to_string());
    let mut salida = String::new();
    for l in lineas {
        plegar(&l, &mut salida);
    }
    salida
}

#[cfg(test)]
mod tests {
    use super::super::{Anio, Cuatrimestre};
    use super::*;
    use chrono::TimeZone;

    fn p(anio: i64, n: u8) -> Periodo {
        Periodo::new(
            Anio::new(anio).unwrap(),
            Cuatrimestre::from_numero(n).unwrap(),
        )
    }

    #[test]
    fn each_period_is_an_all_day_event_with_a_stable_uid() {
        let ahora = Utc.with_ymd_and_hms(2026, 12, 2, 12, 0, 0).unwrap();
        let ics = calendario_ics(
            "ICSOE",
            &[EventoIcs {
                periodo: p(2026, 3),
                para: None,
                enlace: None,
            }],
            &DiasInhabiles::solo_ley(),
            "icsoe.example",
            "",
            ahora,
        );
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(ics.contains("UID:vencimiento-2026-3@icsoe.example\r\n"));
        // 17 January 2027 is a Sunday: the event is on Monday the 18th.
        assert!(ics.contains("DTSTART;VALUE=DATE:20270118\r\n"));
        assert!(ics.contains("DTEND;VALUE=DATE:20270119\r\n"));
        for linea in ics.split("\r\n") {
            assert!(
                linea.len() <= 75,
                "línea de {} octetos: {linea}",
                linea.len()
            );
        }
    }

    #[test]
    fn text_is_escaped_and_folded_without_breaking_characters() {
        let mut s = String::new();
        plegar(&format!("DESCRIPTION:{}", "ñ".repeat(60)), &mut s);
        assert!(s.split("\r\n").all(|l| l.len() <= 75));
        let unido = s.replace("\r\n ", "");
        assert_eq!(unido.trim_end(), format!("DESCRIPTION:{}", "ñ".repeat(60)));
        assert_eq!(texto("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
