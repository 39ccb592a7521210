//! Central Mexico time (`America/Mexico_City`), the time zone of every ICSOE deadline
//! (Lineamientos 5.3).
//!
//! Computed by rule instead of shipping a time-zone database to the browser: UTC−6 all year since
//! the Ley de los Husos Horarios (DOF 28-10-2022) abolished daylight saving time; before that,
//! UTC−5 from the first Sunday of April at 02:00 to the last Sunday of October at 02:00.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, Utc, Weekday};

const HORA: i32 = 3600;

/// Evaluated at compile time, so an invalid offset is a build error, never a runtime panic.
const fn offset_oeste(segundos: i32) -> FixedOffset {
    match FixedOffset::west_opt(segundos) {
        Some(offset) => offset,
        None => panic!("offset fuera de rango"),
    }
}

const ESTANDAR: FixedOffset = offset_oeste(6 * HORA);
const VERANO: FixedOffset = offset_oeste(5 * HORA);

/// The UTC instants at which daylight saving time started and ended in `anio`, or `None` for the
/// years without it (2023 onwards).
fn horario_de_verano(anio: i32) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    if anio > 2022 {
        return None;
    }
    let inicio = NaiveDate::from_weekday_of_month_opt(anio, 4, Weekday::Sun, 1)?;
    let fin = NaiveDate::from_weekday_of_month_opt(anio, 10, Weekday::Sun, 5)
        .or_else(|| NaiveDate::from_weekday_of_month_opt(anio, 10, Weekday::Sun, 4))?;
    // 02:00 standard time = 08:00 UTC; 02:00 daylight time = 07:00 UTC.
    let inicio = inicio.and_hms_opt(8, 0, 0)?.and_utc();
    let fin = fin.and_hms_opt(7, 0, 0)?.and_utc();
    Some((inicio, fin))
}

/// The offset of central Mexico time at a given instant.
pub fn offset_centro(instante: DateTime<Utc>) -> FixedOffset {
    match horario_de_verano(instante.year()) {
        Some((inicio, fin)) if instante >= inicio && instante < fin => VERANO,
        _ => ESTANDAR,
    }
}

/// An instant as central Mexico civil time.
pub fn a_hora_centro(instante: DateTime<Utc>) -> DateTime<FixedOffset> {
    instante.with_timezone(&offset_centro(instante))
}

/// The last second of a civil date in central Mexico time: a deadline "vence" at 23:59:59 of its
/// day.
pub fn fin_del_dia(fecha: NaiveDate) -> DateTime<FixedOffset> {
    let local = fecha.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN));
    // Read the local time as standard time; if that instant falls inside daylight saving time,
    // the day was on UTC−5. (No deadline falls in the hour a transition repeats or skips.)
    let offset = offset_centro((local - ESTANDAR).and_utc());
    DateTime::<FixedOffset>::from_naive_utc_and_offset(local - offset, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn mexico_city_is_utc_minus_6_all_year_since_2023() {
        assert_eq!(
            offset_centro(utc("2026-07-01T12:00:00Z")).local_minus_utc(),
            -6 * HORA
        );
        assert_eq!(
            offset_centro(utc("2026-01-01T12:00:00Z")).local_minus_utc(),
            -6 * HORA
        );
    }

    #[test]
    fn daylight_saving_time_applied_until_october_2022() {
        // 2022: first Sunday of April = 3 April, last Sunday of October = 30 October.
        assert_eq!(
            offset_centro(utc("2022-04-03T07:59:59Z")).local_minus_utc(),
            -6 * HORA
        );
        assert_eq!(
            offset_centro(utc("2022-04-03T08:00:00Z")).local_minus_utc(),
            -5 * HORA
        );
        assert_eq!(
            offset_centro(utc("2022-10-30T06:59:59Z")).local_minus_utc(),
            -5 * HORA
        );
        assert_eq!(
            offset_centro(utc("2022-10-30T07:00:00Z")).local_minus_utc(),
            -6 * HORA
        );
    }

    #[test]
    fn a_deadline_ends_at_the_last_second_of_its_day_in_mexico_city() {
        let fecha = NaiveDate::from_ymd_opt(2026, 5, 18).unwrap();
        assert_eq!(fin_del_dia(fecha).to_rfc3339(), "2026-05-18T23:59:59-06:00");
        let verano = NaiveDate::from_ymd_opt(2021, 9, 17).unwrap();
        assert_eq!(
            fin_del_dia(verano).to_rfc3339(),
            "2021-09-17T23:59:59-05:00"
        );
    }

    #[test]
    fn late_evening_in_mexico_city_is_already_the_next_day_in_utc() {
        let local = a_hora_centro(utc("2026-05-19T05:59:59Z"));
        assert_eq!(
            local.date_naive(),
            NaiveDate::from_ymd_opt(2026, 5, 18).unwrap()
        );
    }
}
