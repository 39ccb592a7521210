//! The server functions behind the capturista's forms (issue 16): CURP + password login, creating
//! or resetting the password from a mailed link, "¿Olvidaste tu contraseña?", choosing the
//! contratista, and logout. They are real `POST` forms, so they work before the WebAssembly
//! arrives and a password never lands in a URL. Each calls the `CasosAcceso` port, implemented
//! with the methods behind `/api/v1/auth/capturista…`.

use crate::api::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod servidor {
    pub use crate::api::ports::services;
    pub use crate::api::sesion::{exigir_capturista, peticion};

    /// Sets the session cookie on this answer.
    pub fn poner_cookie(valor: &str) {
        if let (Some(r), Ok(v)) = (
            leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
            http::HeaderValue::from_str(valor),
        ) {
            r.append_header(http::header::SET_COOKIE, v);
        }
    }
}
#[cfg(feature = "ssr")]
use servidor::*;

/// "Ingresar como capturista": on success the session cookie, then `/elegir-contratista`. The
/// answer never says whether the CURP or the password was wrong.
#[server(prefix = "/api/fn", endpoint = "capturista/ingresar")]
pub async fn ingresar_capturista(curp: String, contrasena: String) -> Result<(), AppError> {
    let cookie = services()?
        .acceso
        .ingresar_capturista(
            &curp,
            &contrasena,
            &peticion::ip(),
            peticion::token().as_deref(),
        )
        .await?;
    poner_cookie(&cookie);
    leptos_axum::redirect("/elegir-contratista");
    Ok(())
}

/// "Guardar contraseña" from an invitation or reset link: checks the policy and that both
/// copies match, then stores it; every session of that capturista ends.
#[server(prefix = "/api/fn", endpoint = "capturista/contrasena")]
pub async fn crear_contrasena(
    token: String,
    contrasena: String,
    confirmacion: String,
) -> Result<String, AppError> {
    use crate::domain::error::{ErrorCampo, ErrorCode};
    if let Err(e) = crate::domain::cuenta::Contrasena::validar(&contrasena, "") {
        return Err(AppError::formulario(vec![ErrorCampo::de("contrasena", &e)]));
    }
    if contrasena != confirmacion {
        return Err(AppError::formulario(vec![ErrorCampo::nuevo(
            "confirmacion",
            ErrorCode::PasswordPolicy,
            "Las dos contraseñas no coinciden. Escríbelas de nuevo.",
        )]));
    }
    services()?
        .acceso
        .establecer_contrasena(&token, &contrasena)
        .await
        .map_err(|e| {
            if e.codigo == ErrorCode::PasswordPolicy && e.campos.is_empty() {
                AppError::formulario(vec![ErrorCampo::nuevo("contrasena", e.codigo, e.mensaje)])
            } else {
                e
            }
        })
}

/// "Enviar enlace": always the same answer, whether or not the CURP has an account.
#[server(prefix = "/api/fn", endpoint = "capturista/recuperar")]
pub async fn recuperar_contrasena(curp: String) -> Result<(), AppError> {
    use crate::domain::error::ErrorCampo;
    if let Err(e) = crate::domain::ids::Curp::parse(&curp) {
        return Err(AppError::formulario(vec![ErrorCampo::de("curp", &e)]));
    }
    services()?.acceso.recuperar(&curp, &peticion::ip()).await
}

/// "Trabajar para …": the capturista acts for that contratista from now on; then `/panel`, or
/// the informativa the despacho board pointed at (`destino`, a local `/informativas/…` path).
#[server(prefix = "/api/fn", endpoint = "capturista/elegir")]
pub async fn elegir_contratista(rfc: String, destino: Option<String>) -> Result<(), AppError> {
    let c = exigir_capturista(peticion::capturista())?;
    let token = peticion::token().ok_or_else(|| {
        AppError::new(
            crate::domain::error::ErrorCode::AuthRequired,
            "Ingresa de nuevo.",
        )
    })?;
    services()?.acceso.elegir(&token, &c.curp, &rfc).await?;
    let destino = destino
        .filter(|d| d.starts_with("/informativas") && !d.contains("//") && !d.contains(".."))
        .unwrap_or_else(|| "/panel".to_string());
    leptos_axum::redirect(&destino);
    Ok(())
}

/// "Salir": closes the session (whichever kind) and erases the cookie; then `/ingresar`.
#[server(prefix = "/api/fn", endpoint = "salir")]
pub async fn salir() -> Result<(), AppError> {
    let cookie = services()?
        .acceso
        .salir(peticion::token().as_deref())
        .await?;
    poner_cookie(&cookie);
    leptos_axum::redirect("/ingresar");
    Ok(())
}

/// "Acepto los términos y condiciones" → "Ingresar": stores the acceptance of `version`; then the
/// first step of the IMSS guide (datos generales).
#[server(prefix = "/api/fn", endpoint = "terminos")]
pub async fn aceptar_terminos(
    version: String,
    #[server(default)] acepto: Option<String>,
) -> Result<(), AppError> {
    let s = crate::api::sesion::exigir_sesion(peticion::actual())?;
    if acepto.is_none() {
        return Err(AppError::formulario(vec![
            crate::domain::error::ErrorCampo::nuevo(
                "acepto",
                crate::domain::error::ErrorCode::FieldRequired,
                "Marca «Acepto los términos y condiciones» para continuar.",
            ),
        ]));
    }
    services()?.acceso.aceptar_terminos(&s, &version).await?;
    leptos_axum::redirect("/panel?bienvenida=1");
    Ok(())
}
