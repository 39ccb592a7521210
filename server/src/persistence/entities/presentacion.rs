//! `presentacion`: the immutable record of a presented informativa — what the contratista signed
//! (cadena original, signature, certificate), what the server added (folio, time, seal) and the
//! header snapshot the acuse and `/verificar` show. Written once, in the same transaction that
//! moves the informativa to `presentada`; never updated.

use sea_orm::entity::prelude::*;

/// One row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "presentacion")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The informativa (unique).
    pub informativa_id: i64,
    /// Folio (unique).
    pub folio: String,
    /// The contratista.
    pub rfc: String,
    /// Its name or razón social, as on the certificate.
    pub nombre: String,
    /// `normal`, `sin_informacion`, `correccion`, `sin_efectos`.
    pub tipo: String,
    /// Year.
    pub anio: i32,
    /// Period.
    pub periodo: i16,
    /// The folio a complementaria affects.
    pub folio_referencia: Option<String>,
    /// Contracts.
    pub num_contratos: i64,
    /// Workers.
    pub num_trabajadores: i64,
    /// SHA-256 of the detail (hex).
    pub sha256_detalle: String,
    /// The cadena original signed.
    #[sea_orm(column_type = "Text")]
    pub cadena: String,
    /// The contratista's signature, base64.
    #[sea_orm(column_type = "Text")]
    pub firma: String,
    /// The signing certificate, base64 DER.
    #[sea_orm(column_type = "Text")]
    pub certificado: String,
    /// Its number.
    pub no_certificado: String,
    /// When (UTC; shown in Mexico City time).
    pub presentada: DateTimeUtc,
    /// The due date that applied.
    pub vence: Date,
    /// After the due date.
    pub extemporanea: bool,
    /// For a late filing: the daily UMA (centavos) its fine range was computed with, stored at
    /// presentation so a later change of the figures table never alters the acuse.
    pub multa_uma_diaria: Option<i64>,
    /// The year of that UMA.
    pub multa_uma_anio: Option<i32>,
    /// The institutional seal, base64.
    #[sea_orm(column_type = "Text")]
    pub sello: String,
    /// The seal certificate's number.
    pub no_certificado_sello: String,
    /// Sealed with the public development key.
    pub sello_desarrollo: bool,
    /// The verification code printed on the acuse.
    pub codigo: String,
    /// The client's idempotency key.
    pub clave: String,
    /// Who signed (the contratista's RFC).
    pub por: String,
}

/// No relations mapped.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
