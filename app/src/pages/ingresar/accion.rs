//! The browser side of `/ingresar`: read the files, validate locally with `app::efirma`, then the
//! challenge–response against `/api/v1/auth`.

use super::{Campo, Estado, Paso};
use crate::api::sesion::{PeticionEfirma, PeticionReto, RespuestaReto, SesionActual};
use crate::browser::http::{archivo_elegido, ir_a, leer_archivo, post};
use crate::domain::error::DomainError;
use crate::efirma::{Certificado, EfirmaError, LlavePrivada};
use base64ct::Encoding;
use leptos::prelude::*;
use zeroize::Zeroizing;

/// What only the browser holds: the chosen files, and after "Validar" the decrypted key.
#[derive(Default)]
pub struct Navegador {
    cer: Option<web_sys::File>,
    key: Option<web_sys::File>,
    validado: Option<(Certificado, LlavePrivada)>,
}

/// Remembers a chosen file.
pub fn elegir(estado: Estado, campo: Campo, ev: &leptos::ev::Event) {
    let archivo = archivo_elegido(ev);
    estado.navegador.update_value(|n| {
        n.validado = None;
        match campo {
            Campo::Certificado => n.cer = archivo,
            _ => n.key = archivo,
        }
    });
    estado.paso.set(Paso::Captura);
    estado.error.set(None);
}

fn campo_de(e: &EfirmaError) -> Campo {
    match e {
        EfirmaError::NoEsLlave | EfirmaError::LlaveNoCorresponde => Campo::Llave,
        EfirmaError::ContrasenaIncorrecta => Campo::Contrasena,
        EfirmaError::RfcNoCoincide { .. } => Campo::Rfc,
        _ => Campo::Certificado,
    }
}

fn fallar(estado: Estado, campo: Campo, mensaje: String, codigo: &'static str) {
    estado.error.set(Some((campo, mensaje, codigo)));
    estado.paso.set(Paso::Captura);
}

fn ahora(estado: Estado) -> chrono::DateTime<chrono::Utc> {
    let ms = js_sys::Date::now() as i64 + estado.desfase_ms.get_untracked();
    chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// "Validar": everything checked locally, the key decrypted and kept in memory.
pub async fn validar(estado: Estado) {
    estado.error.set(None);
    let rfc = estado.rfc.get_untracked();
    if rfc.trim().is_empty() {
        return fallar(
            estado,
            Campo::Rfc,
            "Escribe el RFC del contratista.".into(),
            "rfc_format",
        );
    }
    let (cer, key) = estado
        .navegador
        .with_value(|n| (n.cer.clone(), n.key.clone()));
    let Some(cer) = cer else {
        return fallar(
            estado,
            Campo::Certificado,
            "Elige el archivo .cer de la e.firma.".into(),
            "efirma_not_certificate",
        );
    };
    let Some(key) = key else {
        return fallar(
            estado,
            Campo::Llave,
            "Elige el archivo .key de la e.firma.".into(),
            "efirma_not_key",
        );
    };
    estado.paso.set(Paso::Validando);
    // Let the "Validando…" message paint before the heavy work (PBKDF2 + 3DES + RSA).
    crate::browser::http::pausa(30).await;
    let (Some(cer_bytes), Some(key_bytes)) = (leer_archivo(&cer).await, leer_archivo(&key).await)
    else {
        return fallar(
            estado,
            Campo::General,
            "El navegador no pudo leer los archivos. Elígelos de nuevo.".into(),
            "file_unreadable",
        );
    };
    let contrasena = Zeroizing::new(estado.contrasena.get_untracked());
    let resultado = Certificado::parse(&cer_bytes).and_then(|c| {
        c.exigir_fiel()?;
        c.exigir_vigencia(ahora(estado))?;
        c.exigir_rfc(&rfc)?;
        let llave = LlavePrivada::descifrar(&key_bytes, contrasena)?;
        llave.exigir_par(&c)?;
        Ok((c, llave))
    });
    match resultado {
        Ok((c, llave)) => {
            estado.paso.set(Paso::Validado {
                nombre: c.nombre.clone(),
                rfc: c.rfc.clone(),
            });
            estado
                .navegador
                .update_value(|n| n.validado = Some((c, llave)));
        }
        Err(e) => fallar(estado, campo_de(&e), e.to_string(), e.code().as_str()),
    }
}

/// "Ingresar": ask for a challenge, sign it here, send certificate and signature.
pub async fn ingresar(estado: Estado) {
    let Some(rfc) = estado
        .navegador
        .with_value(|n| n.validado.as_ref().map(|(c, _)| c.rfc.clone()))
    else {
        return;
    };
    estado.paso.set(Paso::Ingresando);
    let reto: RespuestaReto = match post("/api/v1/auth/reto", &PeticionReto { rfc }).await {
        Ok(Some(r)) => r,
        Ok(None) => {
            return fallar(
                estado,
                Campo::General,
                "El servidor no respondió el reto.".into(),
                "internal",
            )
        }
        Err(e) => return fallar(estado, Campo::General, e.mensaje, e.codigo.as_str()),
    };
    let Some(peticion) = estado.navegador.with_value(|n| {
        n.validado.as_ref().map(|(c, llave)| PeticionEfirma {
            certificado: base64ct::Base64::encode_string(c.der()),
            firma: base64ct::Base64::encode_string(&llave.firmar(reto.reto.as_bytes())),
            reto: reto.reto.clone(),
        })
    }) else {
        return;
    };
    match post::<_, SesionActual>("/api/v1/auth/efirma", &peticion).await {
        Ok(Some(s)) => {
            // The key is no longer needed: drop it (and wipe it) before leaving the page.
            estado.navegador.update_value(|n| n.validado = None);
            ir_a(if s.terminos_pendientes {
                "/terminos"
            } else {
                "/panel"
            });
        }
        Ok(None) => fallar(
            estado,
            Campo::General,
            "El servidor no confirmó el ingreso.".into(),
            "internal",
        ),
        Err(e) => fallar(estado, Campo::General, e.mensaje, e.codigo.as_str()),
    }
}
