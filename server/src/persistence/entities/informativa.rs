//! `informativa`: the header of a filing (domain.md §3.5) with its state and the counts kept up
//! to date as contracts and workers change, so list pages never count a million rows.

use sea_orm::entity::prelude::*;

/// One row.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "informativa")]
pub struct Model {
    /// Row id.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The contratista.
    pub rfc: String,
    /// Year.
    pub anio: i32,
    /// Period 1–3.
    pub periodo: i16,
    /// `normal`, `sin_informacion`, `correccion` or `sin_efectos`.
    pub tipo: String,
    /// `captura`, `en_firma`, `presentada`, `sustituida`, `sin_efectos`.
    pub estado: String,
    /// 1 for a Normal or Sin información, NULL otherwise: with the unique index on
    /// (rfc, anio, periodo, original) it enforces V01 in the database itself.
    pub original: Option<i16>,
    /// Contracts attached.
    pub num_contratos: i64,
    /// Workers over all contracts.
    pub num_trabajadores: i64,
    /// Created.
    pub creada: DateTimeUtc,
    /// Who created it (`RFC` or `CURP`).
    pub creada_por: String,
    /// Last change.
    pub actualizada: DateTimeUtc,
    /// When it was sent to signature.
    pub enviada_firma: Option<DateTimeUtc>,
    /// Who sent it.
    pub enviada_por: Option<String>,
    /// For a complementaria: the informativa it affects.
    pub referencia_id: Option<i64>,
    /// Set on presentation.
    pub folio: Option<String>,
    /// When it was presented.
    pub presentada: Option<DateTimeUtc>,
}

/// No relations mapped.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
