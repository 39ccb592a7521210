//! The outbox: [`encolar`] writes a notice with the caller's connection — the transaction of the
//! change that causes it — so both commit or neither does. A notice without an address is kept
//! for the inbox only (`sin_correo`); one with a `clave` is written at most once.

use crate::persistence::entities::aviso;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait, TryInsertResult};

/// Who receives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rol {
    /// A contratista (by RFC).
    Contratista,
    /// A capturista (by CURP).
    Capturista,
}

impl Rol {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Rol::Contratista => "contratista",
            Rol::Capturista => "capturista",
        }
    }
}

/// Delivery states.
pub mod estado {
    /// Waiting for the worker (or for its next attempt).
    pub const PENDIENTE: &str = "pendiente";
    /// Claimed by a worker (until `reclamado_hasta`).
    pub const ENVIANDO: &str = "enviando";
    /// Accepted by the mail server.
    pub const ENVIADO: &str = "enviado";
    /// Given up after the last attempt, or an unusable address.
    pub const FALLIDO: &str = "fallido";
    /// No address on file: in the inbox only.
    pub const SIN_CORREO: &str = "sin_correo";
    /// A reminder not mailed because its period got presented while it waited.
    pub const OMITIDO: &str = "omitido";
}

/// Notice kinds whose text carries a one-time secret link: once delivered, the stored copy
/// keeps the link without its token.
pub const TIPOS_CON_SECRETO: [&str; 2] = ["invitacion", "recuperacion"];

/// A notice to write.
#[derive(Clone, Debug)]
pub struct NuevoAviso {
    /// Recipient kind.
    pub rol: Rol,
    /// RFC or CURP.
    pub destinatario: String,
    /// The contratista it is about.
    pub rfc: String,
    /// Recipient's name.
    pub para_nombre: String,
    /// Recipient's address, if known.
    pub para_correo: Option<String>,
    /// Kind (`enviada_a_firma`, `presentada`, …).
    pub tipo: &'static str,
    /// Subject.
    pub asunto: String,
    /// Body.
    pub texto: String,
    /// Link into the application.
    pub enlace: Option<String>,
    /// The informativa.
    pub informativa_id: Option<i64>,
    /// Attach its acuse.
    pub adjuntar_acuse: bool,
    /// Idempotency key (reminders).
    pub clave: Option<String>,
}

/// The row for `a`, written at `ahora`.
pub fn fila(a: NuevoAviso, ahora: DateTime<Utc>) -> aviso::ActiveModel {
    let correo = a.para_correo.filter(|c| !c.trim().is_empty());
    aviso::ActiveModel {
        rol: Set(a.rol.as_str().to_string()),
        destinatario: Set(a.destinatario),
        rfc: Set(a.rfc),
        para_nombre: Set(a.para_nombre),
        estado: Set(if correo.is_some() {
            estado::PENDIENTE
        } else {
            estado::SIN_CORREO
        }
        .to_string()),
        para_correo: Set(correo),
        tipo: Set(a.tipo.to_string()),
        asunto: Set(a.asunto),
        texto: Set(a.texto),
        enlace: Set(a.enlace),
        informativa_id: Set(a.informativa_id),
        adjuntar_acuse: Set(a.adjuntar_acuse),
        clave: Set(a.clave),
        creado: Set(ahora),
        intentos: Set(0),
        siguiente_intento: Set(ahora),
        reclamado_hasta: Set(None),
        reclamado_por: Set(None),
        enviado: Set(None),
        ultimo_error: Set(None),
        leido: Set(None),
        ..Default::default()
    }
}

/// Writes `avisos` with `c` (the caller's transaction). Returns how many were new: a notice whose
/// `clave` already exists is skipped.
pub async fn encolar<C: ConnectionTrait>(
    c: &C,
    avisos: Vec<NuevoAviso>,
    ahora: DateTime<Utc>,
) -> Result<u64, DbErr> {
    if avisos.is_empty() {
        return Ok(0);
    }
    let filas = avisos.into_iter().map(|a| fila(a, ahora));
    match aviso::Entity::insert_many(filas)
        .on_conflict_do_nothing_on([aviso::Column::Clave])
        .exec_without_returning(c)
        .await?
    {
        TryInsertResult::Inserted(n) => Ok(n),
        TryInsertResult::Empty | TryInsertResult::Conflicted => Ok(0),
    }
}
