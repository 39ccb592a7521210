//! The días inhábiles repository: reads for the calendar, and the administration used by the
//! `icsoe dias-inhabiles` command.

use super::entities::dia_inhabil::{self, Entity as DiaInhabil};
use anyhow::Context;
use app::api::ports::DiasInhabilesRepo;
use app::domain::calendar::DiaInhabilDeclarado;
use async_trait::async_trait;
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

/// The authority whose declarations move ICSOE deadlines.
pub const IMSS: &str = "IMSS";

/// sea-orm implementation of [`DiasInhabilesRepo`].
#[derive(Clone)]
pub struct SeaOrmDiasInhabiles {
    db: DatabaseConnection,
}

impl SeaOrmDiasInhabiles {
    /// A repository over `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        SeaOrmDiasInhabiles { db }
    }

    /// Every declared day of the IMSS, in date order.
    pub async fn listar(&self) -> anyhow::Result<Vec<DiaInhabilDeclarado>> {
        let filas = DiaInhabil::find()
            .filter(dia_inhabil::Column::Autoridad.eq(IMSS))
            .order_by_asc(dia_inhabil::Column::Fecha)
            .all(&self.db)
            .await
            .context("no se pudieron leer los días inhábiles")?;
        Ok(filas.into_iter().map(a_dominio).collect())
    }

    /// Declares a day inhábil. Returns `false` (and changes nothing) if it already was.
    pub async fn agregar(&self, dia: &DiaInhabilDeclarado) -> anyhow::Result<bool> {
        if self.buscar(dia.fecha).await?.is_some() {
            return Ok(false);
        }
        dia_inhabil::ActiveModel {
            fecha: Set(dia.fecha),
            autoridad: Set(IMSS.to_string()),
            descripcion: Set(dia.descripcion.clone()),
            fuente: Set(dia.fuente.clone()),
            ..Default::default()
        }
        .insert(&self.db)
        .await
        .context("no se pudo guardar el día inhábil")?;
        Ok(true)
    }

    /// Removes a declared day. Returns `false` if there was none on that date.
    pub async fn eliminar(&self, fecha: NaiveDate) -> anyhow::Result<bool> {
        let resultado = DiaInhabil::delete_many()
            .filter(dia_inhabil::Column::Autoridad.eq(IMSS))
            .filter(dia_inhabil::Column::Fecha.eq(fecha))
            .exec(&self.db)
            .await
            .context("no se pudo eliminar el día inhábil")?;
        Ok(resultado.rows_affected > 0)
    }

    async fn buscar(&self, fecha: NaiveDate) -> anyhow::Result<Option<dia_inhabil::Model>> {
        DiaInhabil::find()
            .filter(dia_inhabil::Column::Autoridad.eq(IMSS))
            .filter(dia_inhabil::Column::Fecha.eq(fecha))
            .one(&self.db)
            .await
            .context("no se pudo consultar el día inhábil")
    }
}

fn a_dominio(m: dia_inhabil::Model) -> DiaInhabilDeclarado {
    DiaInhabilDeclarado {
        fecha: m.fecha,
        descripcion: m.descripcion,
        fuente: m.fuente,
    }
}

#[async_trait]
impl DiasInhabilesRepo for SeaOrmDiasInhabiles {
    async fn entre(
        &self,
        desde: NaiveDate,
        hasta: NaiveDate,
    ) -> anyhow::Result<Vec<DiaInhabilDeclarado>> {
        let filas = DiaInhabil::find()
            .filter(dia_inhabil::Column::Autoridad.eq(IMSS))
            .filter(dia_inhabil::Column::Fecha.between(desde, hasta))
            .order_by_asc(dia_inhabil::Column::Fecha)
            .all(&self.db)
            .await
            .context("no se pudieron leer los días inhábiles")?;
        Ok(filas.into_iter().map(a_dominio).collect())
    }
}
