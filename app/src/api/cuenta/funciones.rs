//! The server functions of `/datos-generales` (issue 16): read what is saved, save everything at
//! once, look up a postal code, delete the REPSE acuse. Each passes the one session gate and calls
//! the `CasosCuenta` port, implemented with the methods behind `/api/v1/datos-generales`.

use super::RespuestaDatosGenerales;
use crate::api::sesion::SesionActual;
use crate::api::AppError;
use crate::domain::cuenta::{DatosGeneralesEntrada, UbicacionPostal};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What `/datos-generales` shows: the session, and (for the contratista itself) what is saved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DatosCuenta {
    /// Who is in.
    pub sesion: SesionActual,
    /// `None` for a capturista: only the contratista edits its account.
    pub datos: Option<RespuestaDatosGenerales>,
}

#[cfg(feature = "ssr")]
mod servidor {
    pub use crate::api::ports::services;
    pub use crate::api::sesion::{exigir_contratista, exigir_titular, peticion};
}
#[cfg(feature = "ssr")]
use servidor::*;

/// `/datos-generales`.
#[server(prefix = "/api/fn", endpoint = "datos-generales")]
pub async fn vista_datos_generales() -> Result<DatosCuenta, AppError> {
    let s = exigir_contratista(peticion::actual())?;
    let datos = match s.es_titular() {
        true => Some(services()?.cuenta.obtener(&s).await?),
        false => None,
    };
    Ok(DatosCuenta { sesion: s, datos })
}

/// "Guardar": checks and saves everything at once (the form's fields are named `datos[…]`, so a
/// plain post and the hydrated form send the same thing).
#[server(prefix = "/api/fn", endpoint = "datos-generales/guardar")]
pub async fn guardar_datos_generales(
    datos: DatosGeneralesEntrada,
) -> Result<RespuestaDatosGenerales, AppError> {
    let s = exigir_titular(peticion::actual())?;
    services()?.cuenta.guardar(&s, &datos).await
}

/// Estado, municipio and colonias of a postal code (public SAT data).
#[server(prefix = "/api/fn", endpoint = "codigo-postal")]
pub async fn ubicar_codigo_postal(cp: String) -> Result<UbicacionPostal, AppError> {
    services()?.cuenta.ubicar(&cp).await
}

/// "Eliminar" the stored REPSE acuse.
#[server(prefix = "/api/fn", endpoint = "repse/acuse/eliminar")]
pub async fn eliminar_acuse_repse() -> Result<(), AppError> {
    let s = exigir_titular(peticion::actual())?;
    services()?.cuenta.borrar_acuse(&s).await
}

/// What `/administracion` shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DatosAdministracion {
    /// Who is in.
    pub sesion: SesionActual,
    /// `None` for a capturista: only the contratista administers its capturistas.
    pub capturistas: Option<Vec<super::CapturistaFila>>,
}

/// `/administracion`.
#[server(prefix = "/api/fn", endpoint = "capturistas")]
pub async fn vista_administracion() -> Result<DatosAdministracion, AppError> {
    let s = exigir_contratista(peticion::actual())?;
    let capturistas = match s.es_titular() {
        true => Some(services()?.capturistas.listar(&s).await?),
        false => None,
    };
    Ok(DatosAdministracion {
        sesion: s,
        capturistas,
    })
}

/// "Registrar capturista": the invitation goes out by mail.
#[server(prefix = "/api/fn", endpoint = "capturistas/registrar")]
pub async fn registrar_capturista(
    curp: String,
    nombre: String,
    correo: String,
) -> Result<super::CapturistaFila, AppError> {
    let s = exigir_titular(peticion::actual())?;
    services()?
        .capturistas
        .registrar(
            &s,
            &super::AltaCapturista {
                curp,
                nombre,
                correo,
            },
        )
        .await
}

/// "Desactivar", "Reactivar" (`que`: `desactivar` / `reactivar`) or "Reenviar invitación"
/// (`invitacion`); the message to show.
#[server(prefix = "/api/fn", endpoint = "capturistas/accion")]
pub async fn accion_capturista(curp: String, que: String) -> Result<String, AppError> {
    let s = exigir_titular(peticion::actual())?;
    let casos = services()?.capturistas;
    match que.as_str() {
        "desactivar" | "reactivar" => {
            let c = casos.activar(&s, &curp, que == "reactivar").await?;
            Ok(match c.activo {
                true => format!(
                    "{} vuelve a estar activo: puede ingresar a capturar para ti.",
                    c.nombre
                ),
                false => format!(
                    "Desactivaste a {}: ya no puede ingresar a capturar para ti.",
                    c.nombre
                ),
            })
        }
        "invitacion" => {
            casos.reenviar(&s, &curp).await?;
            Ok("Enviamos una nueva invitación.".to_string())
        }
        _ => Err(AppError::new(
            crate::domain::error::ErrorCode::BodyInvalid,
            "Esa acción no existe.",
        )),
    }
}
