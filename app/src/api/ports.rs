//! Ports: what server functions need from the outside world, as traits the server crate
//! implements (sea-orm repositories, the system clock) and tests replace.
//!
//! Server only: nothing here reaches the WASM bundle.

use crate::api::cuenta::{AltaCapturista, CapturistaFila, RespuestaDatosGenerales};
use crate::api::informativas::{
    AltaTrabajador, ContratoDetalle, InformativaDetalle, InformativaFila, NuevaInformativa,
    PaginaContratos, PaginaTrabajadores, TrabajadorFila,
};
use crate::api::presentacion::VerificacionAcuse;
use crate::api::sesion::SesionActual;
use crate::api::AppError;
use crate::domain::calendar::DiaInhabilDeclarado;
use crate::domain::cuenta::{DatosGeneralesEntrada, UbicacionPostal};
use crate::domain::dinero::TablaSalarios;
use crate::domain::informativas::ContratoEntrada;
use crate::domain::trabajadores::LimitesArchivo;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use std::sync::Arc;

/// The source of "now". Production reads the system clock; tests and demos fix it, because
/// deadlines and certificate validity must never depend on the day a test happens to run.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
}

/// The días inhábiles declared by the authority, kept as data.
#[async_trait]
pub trait DiasInhabilesRepo: Send + Sync {
    /// The declared days between `desde` and `hasta`, both included, in date order.
    async fn entre(
        &self,
        desde: NaiveDate,
        hasta: NaiveDate,
    ) -> anyhow::Result<Vec<DiaInhabilDeclarado>>;
}

/// The yearly legal figures (UMA, minimum wages), kept as data.
#[async_trait]
pub trait ParametrosRepo: Send + Sync {
    /// Every published figure.
    async fn tabla(&self) -> anyhow::Result<TablaSalarios>;
}

/// The services the server put into the Leptos context: how every server function reaches its
/// ports.
pub fn services() -> Result<Services, AppError> {
    leptos::prelude::use_context::<Services>().ok_or_else(AppError::internal)
}

/// Everything server functions and routes reach through context.
#[derive(Clone)]
pub struct Services {
    /// The clock.
    pub clock: Arc<dyn Clock>,
    /// Declared días inhábiles.
    pub dias_inhabiles: Arc<dyn DiasInhabilesRepo>,
    /// UMA and minimum wages.
    pub parametros: Arc<dyn ParametrosRepo>,
    /// Limits per worker CSV (settings `csv_max_filas`, `csv_max_mb`).
    pub limites_csv: LimitesArchivo,
    /// Informativas, contracts, workers, verification.
    pub informativas: Arc<dyn CasosInformativas>,
    /// The capturista's login, password links and logout.
    pub acceso: Arc<dyn CasosAcceso>,
    /// Datos generales, the postal catalog, the REPSE acuse.
    pub cuenta: Arc<dyn CasosCuenta>,
    /// The contratista's capturistas.
    pub capturistas: Arc<dyn CasosCapturistas>,
    /// Notices, reminders' preference, calendar feed, despacho board.
    pub avisos: Arc<dyn CasosAvisos>,
    /// Open data: the listado público.
    pub listado: Arc<dyn CasosListado>,
    /// Beneficiario access: authorisations, the audit, "Mis proveedores".
    pub beneficiarios: Arc<dyn CasosBeneficiarios>,
    /// API tokens for payroll software.
    pub tokens_api: Arc<dyn CasosTokensApi>,
}

/// API tokens (issue 19). `rfc` is always the session's (the titular's).
#[async_trait]
pub trait CasosTokensApi: Send + Sync {
    /// The tokens in force.
    async fn listar(
        &self,
        rfc: &str,
    ) -> Result<Vec<crate::api::tokens_api::TokenApiFila>, AppError>;
    /// Creates one named `nombre`; its secret is in the answer and nowhere else.
    async fn crear(
        &self,
        rfc: &str,
        nombre: &str,
    ) -> Result<crate::api::tokens_api::TokenCreado, AppError>;
    /// Revokes one of `rfc`'s tokens.
    async fn revocar(&self, rfc: &str, id: i64) -> Result<(), AppError>;
}

/// Whose inbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Destinatario {
    /// The contratista (RFC).
    Contratista(String),
    /// A capturista (CURP).
    Capturista(String),
}

/// Beneficiario access (issue 18; Lineamientos 7). `rfc` is always the session's.
#[async_trait]
pub trait CasosBeneficiarios: Send + Sync {
    /// The contratista's authorised clients and the audit of their accesses.
    async fn autorizaciones(
        &self,
        rfc: &str,
    ) -> Result<crate::api::beneficiarios::Autorizaciones, AppError>;
    /// Authorises the client `beneficiario` (an RFC as typed).
    async fn autorizar(&self, rfc: &str, beneficiario: &str) -> Result<(), AppError>;
    /// Revokes it.
    async fn revocar(&self, rfc: &str, beneficiario: &str) -> Result<(), AppError>;
    /// What the providers that authorised `rfc` reported with it (audited).
    async fn proveedores(
        &self,
        rfc: &str,
    ) -> Result<Vec<crate::api::beneficiarios::Proveedor>, AppError>;
}

/// The listado público as anyone reads it (issue 18).
#[async_trait]
pub trait CasosListado: Send + Sync {
    /// One page of the latest publication of a period, searched and filtered.
    async fn pagina(
        &self,
        consulta: crate::api::listado::ConsultaListado,
    ) -> Result<crate::api::listado::PaginaListado, AppError>;
}

/// The notice use cases pages need (issue 17).
#[async_trait]
pub trait CasosAvisos: Send + Sync {
    /// The inbox, page `pagina` (1-based).
    async fn bandeja(
        &self,
        quien: &Destinatario,
        pagina: u64,
    ) -> Result<crate::api::avisos::Bandeja, AppError>;
    /// Reminders on or off.
    async fn preferir(&self, quien: &Destinatario, recordatorios: bool) -> Result<(), AppError>;
    /// The despacho board of a capturista.
    async fn despacho(&self, curp: &str)
        -> Result<Vec<crate::api::avisos::FilaDespacho>, AppError>;
    /// The contratista's panel part.
    async fn panel(
        &self,
        rfc: &str,
        quien: &Destinatario,
        titular: bool,
    ) -> Result<crate::api::avisos::PanelAvisos, AppError>;
    /// A new private calendar URL (revokes the previous one).
    async fn calendario_nuevo(
        &self,
        rfc: &str,
    ) -> Result<crate::api::avisos::CalendarioPrivado, AppError>;
    /// Revokes the private calendar URL.
    async fn calendario_revocar(&self, rfc: &str) -> Result<(), AppError>;
}

/// The informativa, contract and worker use cases pages need. The server implements it with the
/// very methods its `/api/v1/informativas` handlers call, so a page and the JSON API can never
/// disagree. The caller has passed the session gate (`api::sesion::exigir_*`); the RFC always
/// comes from `sesion`.
#[async_trait]
pub trait CasosInformativas: Send + Sync {
    /// The contratista's informativas, newest period first.
    async fn listar(&self, sesion: &SesionActual) -> Result<Vec<InformativaFila>, AppError>;
    /// "Registrar informativa".
    async fn crear(
        &self,
        sesion: &SesionActual,
        n: &NuevaInformativa,
    ) -> Result<InformativaFila, AppError>;
    /// One informativa with its first page of contracts and its findings.
    async fn detalle(&self, sesion: &SesionActual, id: i64)
        -> Result<InformativaDetalle, AppError>;
    /// The contracts after `despues`.
    async fn pagina_contratos(
        &self,
        sesion: &SesionActual,
        id: i64,
        despues: i64,
    ) -> Result<PaginaContratos, AppError>;
    /// Deletes a draft in capture.
    async fn borrar(&self, sesion: &SesionActual, id: i64) -> Result<(), AppError>;
    /// Captura → en firma.
    async fn enviar_firma(
        &self,
        sesion: &SesionActual,
        id: i64,
    ) -> Result<InformativaFila, AppError>;
    /// En firma → captura (the contratista only).
    async fn regresar(&self, sesion: &SesionActual, id: i64) -> Result<InformativaFila, AppError>;
    /// One contract.
    async fn contrato(
        &self,
        sesion: &SesionActual,
        id: i64,
        cid: i64,
    ) -> Result<ContratoDetalle, AppError>;
    /// Adds a contract.
    async fn agregar_contrato(
        &self,
        sesion: &SesionActual,
        id: i64,
        e: &ContratoEntrada,
    ) -> Result<ContratoDetalle, AppError>;
    /// Edits a contract.
    async fn editar_contrato(
        &self,
        sesion: &SesionActual,
        id: i64,
        cid: i64,
        e: &ContratoEntrada,
    ) -> Result<ContratoDetalle, AppError>;
    /// Deletes a contract with its workers.
    async fn borrar_contrato(
        &self,
        sesion: &SesionActual,
        id: i64,
        cid: i64,
    ) -> Result<(), AppError>;
    /// Copies a contract (without workers).
    async fn copiar_contrato(
        &self,
        sesion: &SesionActual,
        id: i64,
        cid: i64,
    ) -> Result<ContratoDetalle, AppError>;
    /// A page of a contract's workers.
    async fn trabajadores(
        &self,
        sesion: &SesionActual,
        id: i64,
        cid: i64,
        despues: Option<&str>,
        buscar: Option<&str>,
    ) -> Result<PaginaTrabajadores, AppError>;
    /// Adds one worker.
    async fn agregar_trabajador(
        &self,
        sesion: &SesionActual,
        id: i64,
        cid: i64,
        t: &AltaTrabajador,
    ) -> Result<TrabajadorFila, AppError>;
    /// Deletes one worker.
    async fn borrar_trabajador(
        &self,
        sesion: &SesionActual,
        id: i64,
        cid: i64,
        nss: &str,
    ) -> Result<(), AppError>;
    /// "Presentar complementaria" (`tipo`: `correccion` or `sin_efectos`) of a presented one.
    async fn complementaria(
        &self,
        sesion: &SesionActual,
        id: i64,
        tipo: &str,
    ) -> Result<InformativaFila, AppError>;
    /// Public verification of an acuse (rate limited per `ip`).
    async fn verificar(
        &self,
        folio: &str,
        clave: &str,
        ip: &str,
    ) -> Result<VerificacionAcuse, AppError>;
}

/// The capturista's access use cases (login, password links, choosing a contratista, logout).
/// The server implements them with the methods behind `/api/v1/auth/capturista…`.
#[async_trait]
pub trait CasosAcceso: Send + Sync {
    /// CURP + password: the `Set-Cookie` value of the new session. `anterior` (the cookie's
    /// token, if any) is closed.
    async fn ingresar_capturista(
        &self,
        curp: &str,
        contrasena: &str,
        ip: &str,
        anterior: Option<&str>,
    ) -> Result<String, AppError>;
    /// Sets the password from an invitation or reset link's token; returns the CURP.
    async fn establecer_contrasena(
        &self,
        token: &str,
        contrasena: &str,
    ) -> Result<String, AppError>;
    /// "¿Olvidaste tu contraseña?": mails a link if the CURP has an account (never says whether).
    async fn recuperar(&self, curp: &str, ip: &str) -> Result<(), AppError>;
    /// The capturista works for `rfc` from now on.
    async fn elegir(&self, token: &str, curp: &str, rfc: &str) -> Result<(), AppError>;
    /// The contratista accepts the terms of `version` (refused when they changed meanwhile, or
    /// for a capturista).
    async fn aceptar_terminos(&self, sesion: &SesionActual, version: &str) -> Result<(), AppError>;
    /// Closes the session (whichever kind); returns the `Set-Cookie` value that erases it.
    async fn salir(&self, token: Option<&str>) -> Result<String, AppError>;
}

/// The account use cases pages need (datos generales, the postal catalog, the REPSE acuse).
/// The server implements them with the methods behind `/api/v1/datos-generales`,
/// `/api/v1/codigos-postales/{cp}` and `/api/v1/repse/acuse`.
#[async_trait]
pub trait CasosCuenta: Send + Sync {
    /// What is saved, what is missing.
    async fn obtener(&self, sesion: &SesionActual) -> Result<RespuestaDatosGenerales, AppError>;
    /// Checks and saves everything at once.
    async fn guardar(
        &self,
        sesion: &SesionActual,
        entrada: &DatosGeneralesEntrada,
    ) -> Result<RespuestaDatosGenerales, AppError>;
    /// Estado, municipio and colonias of a postal code (as typed: "06 600" is fine).
    async fn ubicar(&self, cp: &str) -> Result<UbicacionPostal, AppError>;
    /// Deletes the stored REPSE acuse.
    async fn borrar_acuse(&self, sesion: &SesionActual) -> Result<(), AppError>;
}

/// The contratista's administration of its capturistas (the contratista only; the caller has
/// checked `exigir_titular`). The server implements them with the methods behind
/// `/api/v1/capturistas`.
#[async_trait]
pub trait CasosCapturistas: Send + Sync {
    /// Its capturistas.
    async fn listar(&self, sesion: &SesionActual) -> Result<Vec<CapturistaFila>, AppError>;
    /// Registers one and mails the invitation.
    async fn registrar(
        &self,
        sesion: &SesionActual,
        alta: &AltaCapturista,
    ) -> Result<CapturistaFila, AppError>;
    /// Deactivates (`false`) or reactivates (`true`) one.
    async fn activar(
        &self,
        sesion: &SesionActual,
        curp: &str,
        activo: bool,
    ) -> Result<CapturistaFila, AppError>;
    /// Mails a new invitation.
    async fn reenviar(&self, sesion: &SesionActual, curp: &str) -> Result<(), AppError>;
}
