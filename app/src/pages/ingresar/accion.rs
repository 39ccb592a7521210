//! The browser side of `/ingresar`: open the e.firma with the shared selector
//! (`components::efirma`), then the challenge–response against `/api/v1/auth`.

use super::{Estado, Paso};
use crate::api::sesion::{PeticionEfirma, PeticionReto, RespuestaReto, SesionActual};
use crate::browser::http::{ir_a, post};
use crate::components::efirma::CampoEfirma;
use leptos::prelude::*;

fn fallar(estado: Estado, campo: CampoEfirma, mensaje: String, codigo: &str) {
    estado.efirma.fallar(campo, mensaje, codigo);
    estado.paso.set(Paso::Captura);
}

/// "Validar": everything checked locally, the key decrypted and kept in memory.
pub async fn validar(estado: Estado) {
    let rfc = estado.rfc.get_untracked();
    if rfc.trim().is_empty() {
        return fallar(
            estado,
            CampoEfirma::Rfc,
            "Escribe el RFC del contratista.".into(),
            "rfc_format",
        );
    }
    estado.paso.set(Paso::Validando);
    match estado.efirma.abrir(Some(rfc)).await {
        Some(abierta) => {
            estado.paso.set(Paso::Validado {
                nombre: abierta.certificado.nombre.clone(),
                rfc: abierta.certificado.rfc.clone(),
            });
            estado.validada.update_value(|v| *v = Some(abierta));
        }
        None => estado.paso.set(Paso::Captura),
    }
}

/// "Ingresar": ask for a challenge, sign it here, send certificate and signature.
pub async fn ingresar(estado: Estado) {
    let Some(rfc) = estado
        .validada
        .with_value(|v| v.as_ref().map(|a| a.certificado.rfc.clone()))
    else {
        return;
    };
    estado.paso.set(Paso::Ingresando);
    let reto: RespuestaReto = match post("/api/v1/auth/reto", &PeticionReto { rfc }).await {
        Ok(Some(r)) => r,
        Ok(None) => {
            return fallar(
                estado,
                CampoEfirma::General,
                "El servidor no respondió el reto.".into(),
                "internal",
            )
        }
        Err(e) => return fallar(estado, CampoEfirma::General, e.mensaje, e.codigo.as_str()),
    };
    let Some(peticion) = estado.validada.with_value(|v| {
        v.as_ref().map(|a| PeticionEfirma {
            certificado: a.certificado_base64(),
            firma: a.firmar_base64(reto.reto.as_bytes()),
            reto: reto.reto.clone(),
        })
    }) else {
        return;
    };
    match post::<_, SesionActual>("/api/v1/auth/efirma", &peticion).await {
        Ok(Some(s)) => {
            // The key is no longer needed: drop it (and wipe it) before leaving the page.
            estado.validada.update_value(|v| *v = None);
            ir_a(if s.terminos_pendientes {
                "/terminos"
            } else {
                "/panel"
            });
        }
        Ok(None) => fallar(
            estado,
            CampoEfirma::General,
            "El servidor no confirmó el ingreso.".into(),
            "internal",
        ),
        Err(e) => fallar(estado, CampoEfirma::General, e.mensaje, e.codigo.as_str()),
    }
}
