//! The yearly legal figures repository: the table the SBC limits and fines are computed from,
//! and its administration by `icsoe parametros`.

use super::entities::parametro_anual::{self, Entity as ParametroAnual};
use anyhow::Context;
use app::api::ports::ParametrosRepo;
use app::domain::dinero::{Concepto, Parametro, TablaSalarios};
use async_trait::async_trait;
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

/// sea-orm implementation of [`ParametrosRepo`].
#[derive(Clone)]
pub struct SeaOrmParametros {
    db: DatabaseConnection,
}

/// What `agregar` did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Agregado {
    /// A new row.
    Nuevo,
    /// A row with that concept and date existed; its value and source were replaced.
    Reemplazado,
}

impl SeaOrmParametros {
    /// A repository over `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        SeaOrmParametros { db }
    }

    /// Every figure, by concept then date.
    pub async fn listar(&self) -> anyhow::Result<Vec<Parametro>> {
        let filas = ParametroAnual::find()
            .order_by_asc(parametro_anual::Column::Concepto)
            .order_by_asc(parametro_anual::Column::VigenteDesde)
            .all(&self.db)
            .await
            .context("no se pudieron leer las cifras anuales")?;
        Ok(filas.into_iter().filter_map(a_dominio).collect())
    }

    /// Records a published figure, replacing the one with the same concept and date.
    pub async fn agregar(&self, p: &Parametro) -> anyhow::Result<Agregado> {
        let valor = i64::try_from(p.valor).context("valor demasiado grande")?;
        match self.buscar(p.concepto, p.vigente_desde).await? {
            Some(m) => {
                let mut a: parametro_anual::ActiveModel = m.into();
                a.valor = Set(valor);
                a.fuente = Set(p.fuente.clone());
                a.update(&self.db)
                    .await
                    .context("no se pudo actualizar la cifra")?;
                Ok(Agregado::Reemplazado)
            }
            None => {
                parametro_anual::ActiveModel {
                    concepto: Set(p.concepto.as_str().to_string()),
                    vigente_desde: Set(p.vigente_desde),
                    valor: Set(valor),
                    fuente: Set(p.fuente.clone()),
                    ..Default::default()
                }
                .insert(&self.db)
                .await
                .context("no se pudo guardar la cifra")?;
                Ok(Agregado::Nuevo)
            }
        }
    }

    /// Removes a figure. Returns `false` if there was none.
    pub async fn eliminar(&self, concepto: Concepto, desde: NaiveDate) -> anyhow::Result<bool> {
        let r = ParametroAnual::delete_many()
            .filter(parametro_anual::Column::Concepto.eq(concepto.as_str()))
            .filter(parametro_anual::Column::VigenteDesde.eq(desde))
            .exec(&self.db)
            .await
            .context("no se pudo eliminar la cifra")?;
        Ok(r.rows_affected > 0)
    }

    async fn buscar(
        &self,
        concepto: Concepto,
        desde: NaiveDate,
    ) -> anyhow::Result<Option<parametro_anual::Model>> {
        ParametroAnual::find()
            .filter(parametro_anual::Column::Concepto.eq(concepto.as_str()))
            .filter(parametro_anual::Column::VigenteDesde.eq(desde))
            .one(&self.db)
            .await
            .context("no se pudo consultar la cifra")
    }
}

fn a_dominio(m: parametro_anual::Model) -> Option<Parametro> {
    let concepto = Concepto::parse(&m.concepto);
    if concepto.is_none() {
        tracing::warn!(concepto = %m.concepto, "cifra anual de concepto desconocido; se ignora");
    }
    Some(Parametro {
        concepto: concepto?,
        vigente_desde: m.vigente_desde,
        valor: u64::try_from(m.valor).ok()?,
        fuente: m.fuente,
    })
}

#[async_trait]
impl ParametrosRepo for SeaOrmParametros {
    async fn tabla(&self) -> anyhow::Result<TablaSalarios> {
        Ok(TablaSalarios::nueva(self.listar().await?))
    }
}

/// The figures the migration seeds, as a table (benchmarks and tests that run without a
/// database).
pub fn semilla() -> TablaSalarios {
    use super::migration::semilla_parametros;
    let mut filas = Vec::new();
    for (anio, uma, general, frontera, fuente_uma, fuente_minimo) in semilla_parametros() {
        for (concepto, mes, valor, fuente) in [
            (Concepto::Uma, 2, uma, fuente_uma),
            (Concepto::SalarioMinimoGeneral, 1, general, fuente_minimo),
            (Concepto::SalarioMinimoFrontera, 1, frontera, fuente_minimo),
        ] {
            if let (Some(desde), Ok(valor)) = (
                NaiveDate::from_ymd_opt(*anio, mes, 1),
                u64::try_from(*valor),
            ) {
                filas.push(Parametro {
                    concepto,
                    vigente_desde: desde,
                    valor,
                    fuente: (*fuente).to_string(),
                });
            }
        }
    }
    TablaSalarios::nueva(filas)
}
