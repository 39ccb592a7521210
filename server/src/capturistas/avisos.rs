//! The e-mails capturistas receive, in Spanish: invitation, access granted by another
//! contratista, password reset, password changed.

use crate::infra::correo::Mensaje;

/// Invitation to set a password (48 h, single use).
pub fn invitacion(nombre: &str, correo: &str, contratista: &str, enlace: &str) -> Mensaje {
    Mensaje {
        para_nombre: nombre.to_string(),
        para_correo: correo.to_string(),
        asunto: format!("ICSOE: {contratista} te registró como capturista"),
        texto: format!(
            "Hola, {nombre}:\n\n\
             {contratista} te registró como capturista en ICSOE (Informativa de Contratos de \
             Servicios u Obras Especializados) para capturar sus informativas, contratos y trabajadores.\n\n\
             Para crear tu contraseña abre este enlace (vale 48 horas y se usa una sola vez):\n\n{enlace}\n\n\
             Después ingresa con tu CURP y tu contraseña en «Ingresar como capturista».\n\n\
             Si no esperabas este mensaje, ignóralo: nadie podrá usar tu CURP sin este enlace.\n"
        ),
        ..Mensaje::default()
    }
}

/// A capturista that already has a password got access to one more contratista.
pub fn acceso_nuevo(nombre: &str, correo: &str, contratista: &str, enlace: &str) -> Mensaje {
    Mensaje {
        para_nombre: nombre.to_string(),
        para_correo: correo.to_string(),
        asunto: format!("ICSOE: ahora puedes capturar para {contratista}"),
        texto: format!(
            "Hola, {nombre}:\n\n{contratista} te registró como capturista en ICSOE. Ingresa con tu CURP \
             y tu contraseña de siempre y elige a {contratista} en la lista de contratistas:\n\n{enlace}\n"
        ),
        ..Mensaje::default()
    }
}

/// Password reset (30 min, single use).
pub fn recuperacion(nombre: &str, correo: &str, enlace: &str) -> Mensaje {
    Mensaje {
        para_nombre: nombre.to_string(),
        para_correo: correo.to_string(),
        asunto: "ICSOE: restablece tu contraseña".to_string(),
        texto: format!(
            "Hola, {nombre}:\n\nAlguien pidió restablecer la contraseña de tu cuenta de capturista en ICSOE. \
             Para elegir una nueva abre este enlace (vale 30 minutos y se usa una sola vez):\n\n{enlace}\n\n\
             Si no lo pediste tú, ignora este mensaje: tu contraseña actual sigue funcionando.\n"
        ),
        ..Mensaje::default()
    }
}

/// Notice after a password change (every session was closed).
pub fn contrasena_cambiada(nombre: &str, correo: &str) -> Mensaje {
    Mensaje {
        para_nombre: nombre.to_string(),
        para_correo: correo.to_string(),
        asunto: "ICSOE: tu contraseña cambió".to_string(),
        texto: format!(
            "Hola, {nombre}:\n\nLa contraseña de tu cuenta de capturista en ICSOE acaba de cambiar y se \
             cerraron todas tus sesiones abiertas. Si no fuiste tú, pide a tu contratista que te desactive \
             y restablece tu contraseña de inmediato.\n"
        ),
        ..Mensaje::default()
    }
}
