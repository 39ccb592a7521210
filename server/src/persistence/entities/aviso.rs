//! `aviso`: one notice — the outbox row the worker delivers by e-mail and the inbox entry the
//! user reads in `/avisos` (migration 000012).

use sea_orm::entity::prelude::*;

/// One row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "aviso")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `contratista` or `capturista`.
    pub rol: String,
    /// RFC (contratista) or CURP (capturista).
    pub destinatario: String,
    /// The contratista the notice is about.
    pub rfc: String,
    /// Recipient's name.
    pub para_nombre: String,
    /// Recipient's address (none: the notice stays in the inbox only).
    pub para_correo: Option<String>,
    /// What happened (`enviada_a_firma`, `presentada`, `recordatorio` …).
    pub tipo: String,
    /// Subject.
    pub asunto: String,
    /// Body (plain text).
    pub texto: String,
    /// Link into the application.
    pub enlace: Option<String>,
    /// The informativa it is about.
    pub informativa_id: Option<i64>,
    /// Attach the informativa's acuse PDF.
    pub adjuntar_acuse: bool,
    /// Idempotency key (reminders): one row per key.
    pub clave: Option<String>,
    /// When it was written.
    pub creado: DateTimeUtc,
    /// `pendiente`, `enviando`, `enviado`, `fallido` or `sin_correo`.
    pub estado: String,
    /// Delivery attempts so far.
    pub intentos: i32,
    /// Not before.
    pub siguiente_intento: DateTimeUtc,
    /// The lease of the process sending it.
    pub reclamado_hasta: Option<DateTimeUtc>,
    /// Which process holds the lease.
    pub reclamado_por: Option<String>,
    /// When the mail server accepted it.
    pub enviado: Option<DateTimeUtc>,
    /// The last delivery error (for the operator).
    pub ultimo_error: Option<String>,
    /// When the recipient opened it in the inbox.
    pub leido: Option<DateTimeUtc>,
}

/// No relations mapped.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
