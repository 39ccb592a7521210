//! The **acuse de presentación** (domain.md §3.8, §8.6): the PDF that proves when an informativa
//! was presented. It carries the folio, who presented what (RFC, name, year, period, type,
//! counts), the date and time in Mexico City, the cadena original, the contratista's signature
//! and certificate number, the institutional seal over the cadena and the folio, and a QR code
//! to the public verification page. Built from the stored presentation alone and deterministic,
//! so every download has the same bytes.

pub mod pdf;

use app::domain::dinero::miles;
use pdf::{partir, partir_palabras, Fuente, Pagina, ALTO, ANCHO};

/// A late presentation (domain.md §6, §10).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Extemporanea {
    /// The due date, DD/MM/AAAA.
    pub vence: String,
    /// The fine range in pesos, already formatted ("$58,655.00").
    pub multa_minima: String,
    /// Upper end.
    pub multa_maxima: String,
    /// The UMA applied, formatted.
    pub uma: String,
}

/// Everything the acuse shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatosAcuse {
    /// Folio.
    pub folio: String,
    /// "Normal", "Sin información", "Complementaria de corrección"…
    pub tipo: String,
    /// The folio a complementaria affects.
    pub folio_referencia: Option<String>,
    /// The contratista.
    pub rfc: String,
    /// Name or razón social.
    pub nombre: String,
    /// Year.
    pub anio: i32,
    /// Period 1–3.
    pub periodo: u8,
    /// Its months.
    pub meses: String,
    /// Date and time of presentation, Mexico City, `DD/MM/AAAA HH:MM:SS`.
    pub fecha_hora: String,
    /// Contracts.
    pub contratos: u64,
    /// Workers.
    pub trabajadores: u64,
    /// Present when late.
    pub extemporanea: Option<Extemporanea>,
    /// The signer's certificate number.
    pub no_certificado: String,
    /// The cadena original the contratista signed.
    pub cadena: String,
    /// The contratista's signature, base64.
    pub firma: String,
    /// The institutional seal, base64.
    pub sello: String,
    /// The seal certificate's number.
    pub no_certificado_sello: String,
    /// Where the seal certificate is published.
    pub url_certificado_sello: String,
    /// The verification page for this acuse (the QR's content).
    pub url_verificacion: String,
    /// The verification code printed under the QR.
    pub codigo: String,
    /// Sealed with the public development key.
    pub desarrollo: bool,
}

const MARGEN: f32 = 50.0;

/// Writes the text block that a label introduces; returns the next baseline.
fn campo(p: &mut Pagina, y: f32, etiqueta: &str, valor: &str, ancho: f32) -> f32 {
    p.texto(Fuente::Negrita, 9.0, MARGEN, y, etiqueta);
    let mut y2 = y;
    for l in partir_palabras(valor, 9.5, ancho) {
        p.texto(Fuente::Normal, 9.5, MARGEN + 150.0, y2, &l);
        y2 -= 12.0;
    }
    y2.min(y - 12.0) - 2.0
}

/// A long code in Courier under its title; returns the next baseline.
fn codigo(p: &mut Pagina, y: f32, titulo: &str, valor: &str) -> f32 {
    p.texto(Fuente::Negrita, 9.0, MARGEN, y, titulo);
    let mut y = y - 10.0;
    // Courier 7 pt is 4.2 pt a character: 122 columns in the 512 pt between the margins.
    for l in partir(valor, 122) {
        p.texto(Fuente::Fija, 7.0, MARGEN, y, &l);
        y -= 8.5;
    }
    y - 6.0
}

/// The QR code as filled squares, `lado` points wide, top-left at (`x`, `y`).
fn qr(p: &mut Pagina, contenido: &str, x: f32, y: f32, lado: f32) {
    let Ok(q) = qrcode::QrCode::with_error_correction_level(contenido, qrcode::EcLevel::M) else {
        return;
    };
    let n = q.width();
    let colores = q.to_colors();
    #[expect(
        clippy::cast_precision_loss,
        reason = "a QR is at most 177 modules wide"
    )]
    let modulo = lado / n as f32;
    p.gris(0.0);
    for (i, c) in colores.iter().enumerate() {
        if *c == qrcode::Color::Dark {
            #[expect(clippy::cast_precision_loss, reason = "small indices")]
            let (col, fila) = ((i % n) as f32, (i / n) as f32);
            p.rectangulo(x + col * modulo, y - (fila + 1.0) * modulo, modulo, modulo);
        }
    }
}

/// The acuse as PDF bytes.
pub fn pdf(d: &DatosAcuse) -> Vec<u8> {
    let mut p = Pagina::new();
    let lado_qr = 110.0;
    qr(
        &mut p,
        &d.url_verificacion,
        ANCHO - MARGEN - lado_qr,
        ALTO - 45.0,
        lado_qr,
    );
    p.texto(
        Fuente::Normal,
        8.0,
        ANCHO - MARGEN - lado_qr,
        ALTO - 45.0 - lado_qr - 10.0,
        "Código de verificación:",
    );
    p.texto(
        Fuente::Fija,
        8.0,
        ANCHO - MARGEN - lado_qr,
        ALTO - 45.0 - lado_qr - 20.0,
        &d.codigo,
    );

    let mut y = ALTO - 60.0;
    p.texto(Fuente::Negrita, 16.0, MARGEN, y, "Acuse de presentación");
    y -= 16.0;
    p.texto(
        Fuente::Normal,
        9.5,
        MARGEN,
        y,
        "Informativa de Contratos de Servicios u Obras",
    );
    y -= 11.0;
    p.texto(
        Fuente::Normal,
        9.5,
        MARGEN,
        y,
        "Especializados (ICSOE) · LSS art. 15-A",
    );
    y -= 24.0;
    p.texto(
        Fuente::Negrita,
        12.0,
        MARGEN,
        y,
        &format!("Folio: {}", d.folio),
    );
    y -= 22.0;
    if d.desarrollo {
        p.gris(0.0);
        p.texto(Fuente::Negrita, 9.0, MARGEN, y, "SELLO DE DESARROLLO: este acuse se emitió en un servidor de prueba y no tiene validez.");
        y -= 16.0;
    }
    let ancho = ANCHO - 2.0 * MARGEN - 150.0 - lado_qr;
    y = campo(&mut p, y, "Tipo de informativa", &d.tipo, ancho);
    if let Some(r) = &d.folio_referencia {
        y = campo(&mut p, y, "Folio que afecta", r, ancho);
    }
    y = campo(&mut p, y, "RFC", &d.rfc, ancho);
    let ancho = ANCHO - 2.0 * MARGEN - 150.0;
    y = campo(&mut p, y, "Nombre o razón social", &d.nombre, ancho);
    y = campo(
        &mut p,
        y,
        "Año y periodo",
        &format!("{} · periodo {} ({})", d.anio, d.periodo, d.meses),
        ancho,
    );
    y = campo(
        &mut p,
        y,
        "Fecha y hora de presentación",
        &format!("{} (hora del centro de México)", d.fecha_hora),
        ancho,
    );
    y = campo(
        &mut p,
        y,
        "Contratos informados",
        &miles(d.contratos),
        ancho,
    );
    y = campo(
        &mut p,
        y,
        "Trabajadores informados",
        &miles(d.trabajadores),
        ancho,
    );
    let oportunidad = match &d.extemporanea {
        None => "En tiempo.".to_string(),
        Some(e) => format!(
            "Extemporánea: el plazo venció el {}. Multa de 500 a 2,000 UMA (UMA diaria {}): de {} a {}.",
            e.vence, e.uma, e.multa_minima, e.multa_maxima
        ),
    };
    y = campo(&mut p, y, "Presentación", &oportunidad, ancho);
    y = campo(
        &mut p,
        y,
        "Certificado del firmante",
        &d.no_certificado,
        ancho,
    );
    y -= 4.0;
    p.linea(MARGEN, ANCHO - MARGEN, y + 8.0);
    y -= 6.0;
    y = codigo(&mut p, y, "Cadena original", &d.cadena);
    y = codigo(
        &mut p,
        y,
        "Firma electrónica del contratista (e.firma, RSA-SHA256)",
        &d.firma,
    );
    y = codigo(
        &mut p,
        y,
        "Sello digital ICSOE sobre «cadena original + folio + fecha»",
        &d.sello,
    );
    y -= 4.0;
    for l in partir_palabras(
        &format!(
            "Certificado del sello: {} ({}). Verifica este acuse en {}",
            d.no_certificado_sello, d.url_certificado_sello, d.url_verificacion
        ),
        8.0,
        ANCHO - 2.0 * MARGEN,
    ) {
        p.texto(Fuente::Normal, 8.0, MARGEN, y, &l);
        y -= 10.0;
    }
    p.documento(&format!("Acuse de presentación {}", d.folio))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn datos() -> DatosAcuse {
        DatosAcuse {
            folio: "N263000001".into(),
            tipo: "Normal".into(),
            folio_referencia: None,
            rfc: "EKU9003173C9".into(),
            nombre: "ESCUELA KEMPER URGATE SA DE CV".into(),
            anio: 2026,
            periodo: 3,
            meses: "septiembre-diciembre".into(),
            fecha_hora: "21/11/2026 12:00:00".into(),
            contratos: 1,
            trabajadores: 10,
            extemporanea: None,
            no_certificado: "30001000000500003416".into(),
            cadena: "||ICSOE|1.0|NORMAL|EKU9003173C9|2026|3||1|10|abc||".into(),
            firma: "A".repeat(344),
            sello: "B".repeat(344),
            no_certificado_sello: "01".into(),
            url_certificado_sello: "https://icsoe.test/sello/certificado.cer".into(),
            url_verificacion: "https://icsoe.test/verificar?folio=N263000001&codigo=ABCD".into(),
            codigo: "ABCD".into(),
            desarrollo: true,
        }
    }

    #[test]
    fn the_same_data_gives_the_same_bytes() {
        let a = pdf(&datos());
        assert_eq!(a, pdf(&datos()));
        let t = String::from_utf8_lossy(&a);
        assert!(t.contains("N263000001") && t.contains("EKU9003173C9"));
        assert!(t.contains("SELLO DE DESARROLLO"));
        // The QR is drawn: many filled squares.
        assert!(t.matches(" re f").count() > 200);
    }

    #[test]
    fn a_late_presentation_shows_the_fine() {
        let mut d = datos();
        d.extemporanea = Some(Extemporanea {
            vence: "19/01/2027".into(),
            multa_minima: "$58,655.00".into(),
            multa_maxima: "$234,620.00".into(),
            uma: "$117.31".into(),
        });
        let t = String::from_utf8_lossy(&pdf(&d)).into_owned();
        assert!(t.contains("$58,655.00") && t.contains("$234,620.00"), "{t}");
    }
}
