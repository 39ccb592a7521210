//! What each notice says, in Spanish, with the link that takes the user to act. The texts name
//! the period the way the IMSS does ("tercer cuatrimestre de 2026 (septiembre–diciembre)").

use super::cola::{NuevoAviso, Rol};
use crate::infra::correo::Mensaje;
use app::domain::calendar::{Anio, Cuatrimestre};

/// "el tercer cuatrimestre de 2026 (septiembre a diciembre)".
pub fn periodo(anio: i32, periodo: i16) -> String {
    let c = u8::try_from(periodo)
        .ok()
        .and_then(|n| Cuatrimestre::from_numero(n).ok());
    match (c, Anio::new(i64::from(anio))) {
        (Some(c), Ok(_)) => format!("{} de {anio} ({})", c.nombre(), c.meses()),
        _ => format!("{periodo} de {anio}"),
    }
}

/// Who, where and about which contratista.
#[derive(Clone, Debug)]
pub struct Para {
    /// Recipient kind.
    pub rol: Rol,
    /// RFC or CURP.
    pub destinatario: String,
    /// Name.
    pub nombre: String,
    /// Address, if any.
    pub correo: Option<String>,
    /// The contratista concerned.
    pub rfc: String,
}

impl Para {
    /// A notice to this recipient; the caller sets the link, informativa and attachment.
    pub fn aviso(&self, tipo: &'static str, asunto: String, texto: String) -> NuevoAviso {
        NuevoAviso {
            rol: self.rol,
            destinatario: self.destinatario.clone(),
            rfc: self.rfc.clone(),
            para_nombre: self.nombre.clone(),
            para_correo: self.correo.clone(),
            tipo,
            asunto,
            texto,
            enlace: None,
            informativa_id: None,
            adjuntar_acuse: false,
            clave: None,
        }
    }
}

/// A capturista sent an informativa to signature → the contratista.
pub fn enviada_a_firma(
    para: &Para,
    capturista: &str,
    anio: i32,
    per: i16,
    enlace: String,
    id: i64,
) -> NuevoAviso {
    let p = periodo(anio, per);
    NuevoAviso {
        enlace: Some(enlace),
        informativa_id: Some(id),
        ..para.aviso(
            "enviada_a_firma",
            format!("ICSOE: tu informativa del {p} está lista para firmar"),
            format!(
                "{capturista} terminó de capturar tu informativa del {p} y la envió a firma.\n\n\
                 Revísala y, si está correcta, fírmala y preséntala con tu e.firma. Si falta \
                 corregir algo, regrésala a captura.\n"
            ),
        )
    }
}

/// Data of a presentation for its notice.
#[derive(Clone, Debug)]
pub struct Presentada {
    /// Folio.
    pub folio: String,
    /// `Normal`, `Sin información`, `Complementaria …`.
    pub tipo: String,
    /// A complementaria (it replaced or annulled another filing).
    pub complementaria: bool,
    /// Year.
    pub anio: i32,
    /// Period number.
    pub periodo: i16,
    /// DD/MM/AAAA HH:MM:SS.
    pub fecha: String,
    /// Public verification URL.
    pub verificacion: String,
    /// Link to the informativa.
    pub enlace: String,
    /// Informativa id.
    pub id: i64,
    /// Late: the fine range in words.
    pub extemporanea: Option<String>,
}

/// Presented → the contratista and the capturista who prepared it, with the acuse attached.
pub fn presentada(para: &Para, p: &Presentada) -> NuevoAviso {
    let per = periodo(p.anio, p.periodo);
    let que = if p.complementaria {
        "La informativa complementaria"
    } else {
        "La informativa"
    };
    let tardia = p
        .extemporanea
        .as_ref()
        .map(|m| format!("\nSe presentó fuera de plazo: {m}\n"))
        .unwrap_or_default();
    let tipo = if p.complementaria {
        "complementaria_presentada"
    } else {
        "presentada"
    };
    NuevoAviso {
        enlace: Some(p.enlace.clone()),
        informativa_id: Some(p.id),
        adjuntar_acuse: true,
        ..para.aviso(
            tipo,
            format!("ICSOE: acuse {} — informativa del {per}", p.folio),
            format!(
                "{que} ({}) del {per} quedó presentada ante el IMSS el {}.\n\n\
                 Folio: {}\n\nEl acuse va adjunto en PDF. Cualquier persona puede verificarlo en:\n{}\n{tardia}",
                p.tipo, p.fecha, p.folio, p.verificacion
            ),
        )
    }
}

/// A contratista deactivated or reactivated a capturista → the capturista.
pub fn capturista_activo(
    para: &Para,
    contratista: &str,
    activo: bool,
    enlace: String,
) -> NuevoAviso {
    let (tipo, asunto, texto) = if activo {
        (
            "capturista_reactivado",
            format!("ICSOE: {contratista} te reactivó como capturista"),
            format!(
                "{contratista} volvió a activarte como capturista en ICSOE: ya puedes elegirlo al \
                 ingresar con tu CURP y tu contraseña.\n"
            ),
        )
    } else {
        (
            "capturista_desactivado",
            format!("ICSOE: {contratista} te desactivó como capturista"),
            format!(
                "{contratista} te desactivó como capturista en ICSOE: ya no puedes capturar sus \
                 informativas. Si crees que es un error, comunícate con {contratista}.\n"
            ),
        )
    };
    NuevoAviso {
        enlace: Some(enlace),
        ..para.aviso(tipo, asunto, texto)
    }
}

/// A capturista's mail (invitation, access, reset, password changed) as a notice of `tipo`.
pub fn de_mensaje(m: Mensaje, tipo: &'static str, curp: &str, rfc: &str) -> NuevoAviso {
    Para {
        rol: Rol::Capturista,
        destinatario: curp.to_string(),
        nombre: m.para_nombre,
        correo: Some(m.para_correo),
        rfc: rfc.to_string(),
    }
    .aviso(tipo, m.asunto, m.texto)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_read_like_the_imss_writes_them() {
        assert!(periodo(2026, 3).contains("2026"));
        assert!(periodo(2026, 3).starts_with(Cuatrimestre::Tercero.nombre()));
        assert_eq!(periodo(2026, 9), "9 de 2026");
    }
}
