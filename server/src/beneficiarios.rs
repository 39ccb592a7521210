//! Beneficiario access (issue 18; Lineamientos 7; LSS art. 15-A makes the client jointly liable):
//! a contratista authorises a client by RFC and revokes it; the client, logged in with its own
//! e.firma, reads what the providers that authorised it reported **with it** — never other
//! clients' contracts, never providers that did not authorise it. Every access is written to
//! `acceso_beneficiario` and shown to the contratista.

use crate::error::bd;
use crate::informativas::Informativas;
use crate::persistence::entities::{acceso_beneficiario, autorizacion_beneficiario, contratista};
use app::api::beneficiarios::{Acceso, Autorizaciones, Autorizado, Proveedor};
use app::api::ports::Clock;
use app::api::AppError;
use app::domain::calendar::{a_hora_centro, fecha_numerica};
use app::domain::error::ErrorCode;
use app::domain::ids::Rfc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::sync::Arc;

/// Workers shown per contract on the page (the XLSX has them all).
const MUESTRA: u64 = 20;

/// The service.
pub struct Beneficiarios {
    /// The database.
    pub db: DatabaseConnection,
    /// Now.
    pub clock: Arc<dyn Clock>,
    /// Reads the filings.
    pub informativas: Arc<Informativas>,
}

fn no_autorizado() -> AppError {
    AppError::new(
        ErrorCode::NotFound,
        "Ese proveedor no te ha autorizado a ver sus contratos, o retiró la autorización. Pídele que te autorice con tu RFC en su panel de ICSOE.",
    )
}

impl Beneficiarios {
    /// Authorises `beneficiario` (an RFC as typed) to see `rfc`'s contracts with it.
    pub async fn autorizar(&self, rfc: &str, beneficiario: &str) -> Result<(), AppError> {
        let cliente = Rfc::parse(beneficiario).map_err(|e| AppError::domain(&e))?;
        let cliente = cliente.as_str().to_string();
        if cliente == rfc {
            return Err(AppError::new(
                ErrorCode::BodyInvalid,
                "Ese es tu propio RFC. Escribe el RFC del cliente que quieres autorizar.",
            ));
        }
        let txn = crate::persistence::escribir(&self.db).await.map_err(bd)?;
        autorizacion_beneficiario::Entity::insert(autorizacion_beneficiario::ActiveModel {
            rfc_contratista: Set(rfc.to_string()),
            rfc_beneficiario: Set(cliente),
            creada: Set(self.clock.now()),
            revocada: Set(None),
            ..Default::default()
        })
        .on_conflict(
            OnConflict::columns([
                autorizacion_beneficiario::Column::RfcContratista,
                autorizacion_beneficiario::Column::RfcBeneficiario,
            ])
            .update_columns([
                autorizacion_beneficiario::Column::Creada,
                autorizacion_beneficiario::Column::Revocada,
            ])
            .to_owned(),
        )
        .exec(&txn)
        .await
        .map_err(bd)?;
        txn.commit().await.map_err(bd)
    }

    /// Revokes it: from now on the client sees nothing of `rfc`.
    pub async fn revocar(&self, rfc: &str, beneficiario: &str) -> Result<(), AppError> {
        let cliente = beneficiario.trim().to_uppercase();
        let txn = crate::persistence::escribir(&self.db).await.map_err(bd)?;
        let hecho = autorizacion_beneficiario::Entity::update_many()
            .col_expr(
                autorizacion_beneficiario::Column::Revocada,
                sea_orm::sea_query::Expr::value(Some(self.clock.now())),
            )
            .filter(autorizacion_beneficiario::Column::RfcContratista.eq(rfc))
            .filter(autorizacion_beneficiario::Column::RfcBeneficiario.eq(cliente))
            .filter(autorizacion_beneficiario::Column::Revocada.is_null())
            .exec(&txn)
            .await
            .map_err(bd)?;
        txn.commit().await.map_err(bd)?;
        if hecho.rows_affected == 0 {
            return Err(AppError::new(
                ErrorCode::NotFound,
                "Ese cliente no tiene una autorización vigente.",
            ));
        }
        Ok(())
    }

    /// The contratista's clients in force and the latest 100 accesses.
    pub async fn autorizaciones(&self, rfc: &str) -> Result<Autorizaciones, AppError> {
        let autorizados = autorizacion_beneficiario::Entity::find()
            .filter(autorizacion_beneficiario::Column::RfcContratista.eq(rfc))
            .filter(autorizacion_beneficiario::Column::Revocada.is_null())
            .order_by_asc(autorizacion_beneficiario::Column::RfcBeneficiario)
            .all(&self.db)
            .await
            .map_err(bd)?
            .into_iter()
            .map(|a| Autorizado {
                rfc: a.rfc_beneficiario,
                desde: fecha_numerica(a_hora_centro(a.creada).date_naive()),
            })
            .collect();
        let accesos = acceso_beneficiario::Entity::find()
            .filter(acceso_beneficiario::Column::RfcContratista.eq(rfc))
            .order_by_desc(acceso_beneficiario::Column::Id)
            .limit(100)
            .all(&self.db)
            .await
            .map_err(bd)?
            .into_iter()
            .map(|a| Acceso {
                cuando: a_hora_centro(a.cuando).format("%d/%m/%Y %H:%M").to_string(),
                rfc: a.rfc_beneficiario,
                que: a.que,
            })
            .collect();
        Ok(Autorizaciones {
            autorizados,
            accesos,
        })
    }

    /// What each provider that authorised `cliente` reported with it (each one audited).
    pub async fn proveedores(&self, cliente: &str) -> Result<Vec<Proveedor>, AppError> {
        let autorizaciones = autorizacion_beneficiario::Entity::find()
            .filter(autorizacion_beneficiario::Column::RfcBeneficiario.eq(cliente))
            .filter(autorizacion_beneficiario::Column::Revocada.is_null())
            .order_by_asc(autorizacion_beneficiario::Column::RfcContratista)
            .all(&self.db)
            .await
            .map_err(bd)?;
        let mut proveedores = Vec::new();
        for a in autorizaciones {
            let informativas = self
                .informativas
                .para_cliente(&a.rfc_contratista, cliente, MUESTRA)
                .await?;
            let nombre = contratista::Entity::find_by_id(a.rfc_contratista.clone())
                .one(&self.db)
                .await
                .map_err(bd)?
                .map(|c| c.nombre)
                .unwrap_or_else(|| a.rfc_contratista.clone());
            self.auditar(
                &a.rfc_contratista,
                cliente,
                "Consultó sus contratos en «Mis proveedores»",
            )
            .await?;
            proveedores.push(Proveedor {
                rfc: a.rfc_contratista,
                nombre,
                desde: fecha_numerica(a_hora_centro(a.creada).date_naive()),
                informativas,
            });
        }
        Ok(proveedores)
    }

    /// The XLSX of every worker on `cliente`'s contracts with `proveedor` (audited).
    pub async fn xlsx(
        &self,
        cliente: &str,
        proveedor: &str,
    ) -> Result<(String, Vec<u8>), AppError> {
        let proveedor = self.exigir(cliente, proveedor).await?;
        let bytes = self.informativas.xlsx_cliente(&proveedor, cliente).await?;
        self.auditar(
            &proveedor,
            cliente,
            "Descargó sus contratos y trabajadores (XLSX)",
        )
        .await?;
        Ok((format!("contratos-{proveedor}.xlsx"), bytes))
    }

    /// The acuse of `proveedor`'s informativa `id`, if it names `cliente` (audited).
    pub async fn acuse(
        &self,
        cliente: &str,
        proveedor: &str,
        id: i64,
    ) -> Result<(String, Vec<u8>), AppError> {
        let proveedor = self.exigir(cliente, proveedor).await?;
        if !self
            .informativas
            .nombra_al_cliente(&proveedor, cliente, id)
            .await?
        {
            return Err(no_autorizado());
        }
        let (nombre, pdf) = self.informativas.acuse(&proveedor, id).await?;
        self.auditar(&proveedor, cliente, &format!("Descargó el acuse {nombre}"))
            .await?;
        Ok((nombre, pdf))
    }

    /// `proveedor` (as typed in a URL) if it authorised `cliente` and has not revoked it.
    async fn exigir(&self, cliente: &str, proveedor: &str) -> Result<String, AppError> {
        let proveedor = proveedor.trim().to_uppercase();
        autorizacion_beneficiario::Entity::find()
            .filter(autorizacion_beneficiario::Column::RfcContratista.eq(proveedor.clone()))
            .filter(autorizacion_beneficiario::Column::RfcBeneficiario.eq(cliente))
            .filter(autorizacion_beneficiario::Column::Revocada.is_null())
            .one(&self.db)
            .await
            .map_err(bd)?
            .map(|_| proveedor)
            .ok_or_else(no_autorizado)
    }

    async fn auditar(&self, proveedor: &str, cliente: &str, que: &str) -> Result<(), AppError> {
        let txn = crate::persistence::escribir(&self.db).await.map_err(bd)?;
        acceso_beneficiario::Entity::insert(acceso_beneficiario::ActiveModel {
            rfc_contratista: Set(proveedor.to_string()),
            rfc_beneficiario: Set(cliente.to_string()),
            cuando: Set(self.clock.now()),
            que: Set(que.chars().take(200).collect()),
            ..Default::default()
        })
        .exec(&txn)
        .await
        .map_err(bd)?;
        txn.commit().await.map_err(bd)
    }
}
