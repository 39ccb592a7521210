//! The ports pages reach through `app::api::ports::Services` (`CasosInformativas`,
//! `CasosAcceso`), implemented with the same service methods the `/api/v1` handlers call: one use
//! case, two doors (issue 16). Nothing here decides anything; it only turns a session into the
//! actor the services expect.

use crate::auth::Autenticacion;
use crate::capturistas::Capturistas;
use crate::informativas::{Actor, Informativas};
use app::api::cuenta::{AltaCapturista, CapturistaFila, RespuestaDatosGenerales};
use app::api::informativas::{
    AltaTrabajador, ContratoDetalle, InformativaDetalle, InformativaFila, NuevaInformativa,
    PaginaContratos, PaginaTrabajadores, TrabajadorFila,
};
use app::api::ports::{CasosAcceso, CasosCapturistas, CasosCuenta, CasosInformativas};
use app::api::presentacion::VerificacionAcuse;
use app::api::sesion::{SesionActual, COOKIE_SESION, VERSION_TERMINOS};
use app::api::AppError;
use app::domain::cuenta::{DatosGeneralesEntrada, UbicacionPostal};
use app::domain::error::ErrorCode;
use app::domain::ids::CodigoPostal;
use app::domain::informativas::ContratoEntrada;
use async_trait::async_trait;
use std::sync::Arc;

#[async_trait]
impl CasosInformativas for Informativas {
    async fn listar(&self, s: &SesionActual) -> Result<Vec<InformativaFila>, AppError> {
        Informativas::listar(self, &s.rfc).await
    }
    async fn crear(
        &self,
        s: &SesionActual,
        n: &NuevaInformativa,
    ) -> Result<InformativaFila, AppError> {
        Informativas::crear(self, &Actor::de(s), n).await
    }
    async fn detalle(&self, s: &SesionActual, id: i64) -> Result<InformativaDetalle, AppError> {
        Informativas::detalle(self, &s.rfc, id).await
    }
    async fn pagina_contratos(
        &self,
        s: &SesionActual,
        id: i64,
        despues: i64,
    ) -> Result<PaginaContratos, AppError> {
        Informativas::pagina_contratos(self, &s.rfc, id, despues).await
    }
    async fn borrar(&self, s: &SesionActual, id: i64) -> Result<(), AppError> {
        Informativas::borrar(self, &Actor::de(s), id).await
    }
    async fn enviar_firma(&self, s: &SesionActual, id: i64) -> Result<InformativaFila, AppError> {
        Informativas::enviar_firma(self, &Actor::de(s), id).await
    }
    async fn regresar(&self, s: &SesionActual, id: i64) -> Result<InformativaFila, AppError> {
        Informativas::regresar(self, &Actor::de(s), id).await
    }
    async fn contrato(
        &self,
        s: &SesionActual,
        id: i64,
        cid: i64,
    ) -> Result<ContratoDetalle, AppError> {
        Informativas::contrato(self, &s.rfc, id, cid).await
    }
    async fn agregar_contrato(
        &self,
        s: &SesionActual,
        id: i64,
        e: &ContratoEntrada,
    ) -> Result<ContratoDetalle, AppError> {
        Informativas::agregar_contrato(self, &Actor::de(s), id, e).await
    }
    async fn editar_contrato(
        &self,
        s: &SesionActual,
        id: i64,
        cid: i64,
        e: &ContratoEntrada,
    ) -> Result<ContratoDetalle, AppError> {
        Informativas::editar_contrato(self, &Actor::de(s), id, cid, e).await
    }
    async fn borrar_contrato(&self, s: &SesionActual, id: i64, cid: i64) -> Result<(), AppError> {
        Informativas::borrar_contrato(self, &Actor::de(s), id, cid).await
    }
    async fn copiar_contrato(
        &self,
        s: &SesionActual,
        id: i64,
        cid: i64,
    ) -> Result<ContratoDetalle, AppError> {
        Informativas::copiar_contrato(self, &Actor::de(s), id, cid).await
    }
    async fn trabajadores(
        &self,
        s: &SesionActual,
        id: i64,
        cid: i64,
        despues: Option<&str>,
        buscar: Option<&str>,
    ) -> Result<PaginaTrabajadores, AppError> {
        Informativas::trabajadores(self, &s.rfc, id, cid, despues, buscar).await
    }
    async fn agregar_trabajador(
        &self,
        s: &SesionActual,
        id: i64,
        cid: i64,
        t: &AltaTrabajador,
    ) -> Result<TrabajadorFila, AppError> {
        Informativas::agregar_trabajador(self, &Actor::de(s), id, cid, t).await
    }
    async fn borrar_trabajador(
        &self,
        s: &SesionActual,
        id: i64,
        cid: i64,
        nss: &str,
    ) -> Result<(), AppError> {
        Informativas::borrar_trabajador(self, &Actor::de(s), id, cid, nss).await
    }
    async fn complementaria(
        &self,
        s: &SesionActual,
        id: i64,
        tipo: &str,
    ) -> Result<InformativaFila, AppError> {
        Informativas::complementaria(self, &Actor::de(s), id, tipo).await
    }
    async fn verificar(
        &self,
        folio: &str,
        clave: &str,
        ip: &str,
    ) -> Result<VerificacionAcuse, AppError> {
        Informativas::verificar(self, folio, clave, ip).await
    }
}

/// The session cookie: `HttpOnly`, `SameSite=Strict`, `Secure` in production; `borrar` expires
/// it. The one place it is written (the JSON login routes and the page forms).
pub fn cookie(segura: bool, valor: &str, borrar: bool) -> String {
    let seguro = if segura { "; Secure" } else { "" };
    let vida = if borrar { "; Max-Age=0" } else { "" };
    format!("{COOKIE_SESION}={valor}; Path=/; HttpOnly; SameSite=Strict{seguro}{vida}")
}

/// Logins and logouts as the pages' forms reach them.
pub struct Acceso {
    /// e.firma sessions (closed on logout like a capturista's).
    pub auth: Arc<Autenticacion>,
    /// Capturista accounts and sessions.
    pub capturistas: Arc<Capturistas>,
    /// Whether the cookie carries `Secure`.
    pub cookie_segura: bool,
}

impl Acceso {
    /// Closes whatever session a token is: a contratista's or a capturista's.
    pub async fn cerrar(&self, token: &str) -> Result<(), AppError> {
        self.auth.salir(token).await?;
        self.capturistas.salir(token).await
    }
}

#[async_trait]
impl CasosAcceso for Acceso {
    async fn ingresar_capturista(
        &self,
        curp: &str,
        contrasena: &str,
        ip: &str,
        anterior: Option<&str>,
    ) -> Result<String, AppError> {
        let (token, _) = self.capturistas.ingresar(curp, contrasena, ip).await?;
        if let Some(viejo) = anterior {
            self.cerrar(viejo).await?;
        }
        Ok(cookie(self.cookie_segura, &token, false))
    }
    async fn establecer_contrasena(
        &self,
        token: &str,
        contrasena: &str,
    ) -> Result<String, AppError> {
        self.capturistas
            .establecer_contrasena(token, contrasena)
            .await
    }
    async fn recuperar(&self, curp: &str, ip: &str) -> Result<(), AppError> {
        self.capturistas.recuperar(curp, ip).await
    }
    async fn elegir(&self, token: &str, curp: &str, rfc: &str) -> Result<(), AppError> {
        self.capturistas.elegir(token, curp, rfc).await
    }
    async fn aceptar_terminos(&self, s: &SesionActual, version: &str) -> Result<(), AppError> {
        if !s.es_titular() {
            return Err(AppError::prohibido(
                "Los términos los acepta el contratista con su e.firma.",
            ));
        }
        if version != VERSION_TERMINOS {
            return Err(AppError::new(
                ErrorCode::TermsChanged,
                "Los términos cambiaron mientras los leías. Recarga la página y acéptalos de nuevo.",
            ));
        }
        self.auth.aceptar_terminos(&s.rfc).await
    }
    async fn salir(&self, token: Option<&str>) -> Result<String, AppError> {
        if let Some(t) = token {
            self.cerrar(t).await?;
        }
        Ok(cookie(self.cookie_segura, "", true))
    }
}

#[async_trait]
impl CasosCuenta for crate::cuenta::Cuenta {
    async fn obtener(&self, s: &SesionActual) -> Result<RespuestaDatosGenerales, AppError> {
        crate::cuenta::Cuenta::obtener(self, &s.rfc).await
    }
    async fn guardar(
        &self,
        s: &SesionActual,
        entrada: &DatosGeneralesEntrada,
    ) -> Result<RespuestaDatosGenerales, AppError> {
        crate::cuenta::Cuenta::guardar(self, &s.rfc, entrada).await
    }
    async fn ubicar(&self, cp: &str) -> Result<UbicacionPostal, AppError> {
        let cp = CodigoPostal::parse(cp).map_err(|e| AppError::domain(&e))?;
        self.catalogo()
            .buscar(&cp)
            .ok_or_else(|| crate::cuenta::Cuenta::cp_desconocido(cp.as_str()))
    }
    async fn borrar_acuse(&self, s: &SesionActual) -> Result<(), AppError> {
        crate::cuenta::Cuenta::borrar_acuse(self, &s.rfc).await
    }
}

#[async_trait]
impl CasosCapturistas for Capturistas {
    async fn listar(&self, s: &SesionActual) -> Result<Vec<CapturistaFila>, AppError> {
        Capturistas::listar(self, &s.rfc).await
    }
    async fn registrar(
        &self,
        s: &SesionActual,
        alta: &AltaCapturista,
    ) -> Result<CapturistaFila, AppError> {
        Capturistas::registrar(self, &s.rfc, &s.nombre, alta).await
    }
    async fn activar(
        &self,
        s: &SesionActual,
        curp: &str,
        activo: bool,
    ) -> Result<CapturistaFila, AppError> {
        Capturistas::activar(self, &s.rfc, curp, activo).await
    }
    async fn reenviar(&self, s: &SesionActual, curp: &str) -> Result<(), AppError> {
        Capturistas::reenviar(self, &s.rfc, &s.nombre, curp).await
    }
}

#[async_trait]
impl app::api::ports::CasosBeneficiarios for crate::beneficiarios::Beneficiarios {
    async fn autorizaciones(
        &self,
        rfc: &str,
    ) -> Result<app::api::beneficiarios::Autorizaciones, AppError> {
        crate::beneficiarios::Beneficiarios::autorizaciones(self, rfc).await
    }

    async fn autorizar(&self, rfc: &str, beneficiario: &str) -> Result<(), AppError> {
        crate::beneficiarios::Beneficiarios::autorizar(self, rfc, beneficiario).await
    }

    async fn revocar(&self, rfc: &str, beneficiario: &str) -> Result<(), AppError> {
        crate::beneficiarios::Beneficiarios::revocar(self, rfc, beneficiario).await
    }

    async fn proveedores(
        &self,
        rfc: &str,
    ) -> Result<Vec<app::api::beneficiarios::Proveedor>, AppError> {
        crate::beneficiarios::Beneficiarios::proveedores(self, rfc).await
    }
}

#[async_trait]
impl app::api::ports::CasosListado for crate::listado::Listado {
    async fn pagina(
        &self,
        consulta: app::api::listado::ConsultaListado,
    ) -> Result<app::api::listado::PaginaListado, AppError> {
        crate::listado::Listado::pagina(self, consulta).await
    }
}

#[async_trait]
impl app::api::ports::CasosAvisos for crate::avisos::Avisos {
    async fn bandeja(
        &self,
        quien: &app::api::ports::Destinatario,
        pagina: u64,
    ) -> Result<app::api::avisos::Bandeja, AppError> {
        crate::avisos::Avisos::bandeja(self, quien, pagina).await
    }

    async fn preferir(
        &self,
        quien: &app::api::ports::Destinatario,
        recordatorios: bool,
    ) -> Result<(), AppError> {
        crate::avisos::Avisos::preferir(self, quien, recordatorios).await
    }

    async fn despacho(&self, curp: &str) -> Result<Vec<app::api::avisos::FilaDespacho>, AppError> {
        crate::avisos::Avisos::despacho(self, curp).await
    }

    async fn panel(
        &self,
        rfc: &str,
        quien: &app::api::ports::Destinatario,
        titular: bool,
    ) -> Result<app::api::avisos::PanelAvisos, AppError> {
        crate::avisos::Avisos::panel(self, rfc, quien, titular).await
    }

    async fn calendario_nuevo(
        &self,
        rfc: &str,
    ) -> Result<app::api::avisos::CalendarioPrivado, AppError> {
        crate::avisos::Avisos::calendario_nuevo(self, rfc).await
    }

    async fn calendario_revocar(&self, rfc: &str) -> Result<(), AppError> {
        crate::avisos::Avisos::calendario_revocar(self, rfc).await
    }
}
