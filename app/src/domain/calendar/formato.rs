//! Dates written in Spanish as Mexican forms write them ("lunes 18 de mayo de 2026").

use chrono::{Datelike, NaiveDate, Weekday};

/// The month's name, lower case: `nombre_mes(5) == "mayo"`.
pub fn nombre_mes(mes: u32) -> &'static str {
    match mes {
        1 => "enero",
        2 => "febrero",
        3 => "marzo",
        4 => "abril",
        5 => "mayo",
        6 => "junio",
        7 => "julio",
        8 => "agosto",
        9 => "septiembre",
        10 => "octubre",
        11 => "noviembre",
        _ => "diciembre",
    }
}

/// The weekday's name, lower case.
pub fn nombre_dia(dia: Weekday) -> &'static str {
    match dia {
        Weekday::Mon => "lunes",
        Weekday::Tue => "martes",
        Weekday::Wed => "miércoles",
        Weekday::Thu => "jueves",
        Weekday::Fri => "viernes",
        Weekday::Sat => "sábado",
        Weekday::Sun => "domingo",
    }
}

/// "lunes 18 de mayo de 2026"
pub fn fecha_larga(fecha: NaiveDate) -> String {
    format!(
        "{} {} de {} de {}",
        nombre_dia(fecha.weekday()),
        fecha.day(),
        nombre_mes(fecha.month()),
        fecha.year()
    )
}

/// "18 may 2026": compact, for tables on a phone.
pub fn fecha_corta(fecha: NaiveDate) -> String {
    let mes: String = nombre_mes(fecha.month()).chars().take(3).collect();
    format!("{} {} {}", fecha.day(), mes, fecha.year())
}

/// "15/05/2021": the DD/MM/AAAA form of IMSS and SAT documents.
pub fn fecha_numerica(fecha: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", fecha.day(), fecha.month(), fecha.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_dates_in_spanish() {
        let d = NaiveDate::from_ymd_opt(2026, 5, 18).unwrap();
        assert_eq!(fecha_larga(d), "lunes 18 de mayo de 2026");
        assert_eq!(fecha_corta(d), "18 may 2026");
        let s = NaiveDate::from_ymd_opt(2027, 9, 1).unwrap();
        assert_eq!(fecha_larga(s), "miércoles 1 de septiembre de 2027");
        assert_eq!(fecha_corta(s), "1 sep 2027");
        assert_eq!(fecha_numerica(s), "01/09/2027");
    }
}
