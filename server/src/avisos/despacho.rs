//! The despacho board (issue 17): accounting firms file for many companies. For each contratista
//! a capturista serves (or for the contratista itself, on its panel) × the current and the previous
//! period: what stands, the due date, days left, contracts, workers and the last change — most
//! urgent first, so the one that is about to cost 500 UMA is on top.

use super::bandeja::Avisos;
use crate::error::bd;
use crate::persistence::entities::{capturista_contratista, contratista, informativa};
use app::api::avisos::FilaDespacho;
use app::api::AppError;
use app::domain::calendar::{a_hora_centro, vencimiento, DiasInhabiles, Periodo};
use app::domain::informativas::{EstadoInformativa, TipoInformativa};
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// The informativa that tells a period's state: the filing in force, else one waiting for
/// signature, else one in capture (the latest change of each).
fn la_que_cuenta(filas: &[&informativa::Model]) -> Option<(EstadoInformativa, informativa::Model)> {
    let en_vigor = |m: &&&informativa::Model| {
        m.estado == EstadoInformativa::Presentada.as_str()
            && m.tipo != TipoInformativa::SinEfectos.as_str()
    };
    let de = |e: EstadoInformativa| {
        filas
            .iter()
            .filter(|m| m.estado == e.as_str())
            .max_by_key(|m| m.actualizada)
            .map(|m| (e, (*m).clone()))
    };
    filas
        .iter()
        .filter(en_vigor)
        .max_by_key(|m| m.actualizada)
        .map(|m| (EstadoInformativa::Presentada, (*m).clone()))
        .or_else(|| de(EstadoInformativa::EnFirma))
        .or_else(|| de(EstadoInformativa::Captura))
}

impl Avisos {
    /// Today (central Mexico) and the current and previous periods.
    fn periodos(&self) -> (chrono::NaiveDate, Vec<Periodo>) {
        let hoy = a_hora_centro(self.clock.now()).date_naive();
        let actual = Periodo::que_contiene(hoy);
        let periodos = [actual.and_then(Periodo::anterior), actual]
            .into_iter()
            .flatten()
            .collect();
        (hoy, periodos)
    }

    /// The non-business days from `desde` for a year and a half (every due date the board and the
    /// reminders need).
    pub(crate) async fn inhabiles(
        &self,
        desde: chrono::NaiveDate,
    ) -> Result<DiasInhabiles, AppError> {
        let margen = chrono::Duration::days(550);
        app::api::calendario::casos::inhabiles(
            self.dias_inhabiles.as_ref(),
            (desde - margen, desde + margen),
        )
        .await
    }

    /// The board rows of `contratistas` (RFC, name).
    pub async fn filas_despacho(
        &self,
        contratistas: Vec<(String, String)>,
    ) -> Result<Vec<FilaDespacho>, AppError> {
        let (hoy, periodos) = self.periodos();
        if contratistas.is_empty() || periodos.is_empty() {
            return Ok(Vec::new());
        }
        let inhabiles = self.inhabiles(hoy).await?;
        let mut cual = Condition::any();
        for p in &periodos {
            cual = cual.add(
                Condition::all()
                    .add(informativa::Column::Anio.eq(p.anio.get()))
                    .add(informativa::Column::Periodo.eq(i16::from(p.cuatrimestre.numero()))),
            );
        }
        let rfcs: Vec<String> = contratistas.iter().map(|(r, _)| r.clone()).collect();
        let todas = informativa::Entity::find()
            .filter(informativa::Column::Rfc.is_in(rfcs))
            .filter(cual)
            .all(&self.db)
            .await
            .map_err(bd)?;
        let mut filas = Vec::new();
        for (rfc, nombre) in &contratistas {
            for p in &periodos {
                let de_este: Vec<&informativa::Model> = todas
                    .iter()
                    .filter(|m| {
                        &m.rfc == rfc
                            && m.anio == p.anio.get()
                            && m.periodo == i16::from(p.cuatrimestre.numero())
                    })
                    .collect();
                let vence = vencimiento(*p, &inhabiles).vence;
                let cuenta = la_que_cuenta(&de_este);
                let (estado, clave) = match &cuenta {
                    Some((e, _)) => (e.etiqueta().to_string(), e.as_str().to_string()),
                    None => ("Sin registrar".to_string(), "sin_registrar".to_string()),
                };
                let presentada = matches!(cuenta, Some((EstadoInformativa::Presentada, _)));
                let m = cuenta.map(|(_, m)| m);
                filas.push(FilaDespacho {
                    rfc: rfc.clone(),
                    nombre: nombre.clone(),
                    periodo: format!("{}-{}", p.anio.get(), p.cuatrimestre.numero()),
                    periodo_nombre: format!(
                        "{} de {} ({})",
                        p.cuatrimestre.nombre(),
                        p.anio.get(),
                        p.cuatrimestre.meses()
                    ),
                    estado,
                    estado_clave: clave,
                    vence: vence.format("%d/%m/%Y").to_string(),
                    dias: (!presentada).then(|| (vence - hoy).num_days()),
                    contratos: m
                        .as_ref()
                        .map_or(0, |m| u64::try_from(m.num_contratos).unwrap_or(0)),
                    trabajadores: m
                        .as_ref()
                        .map_or(0, |m| u64::try_from(m.num_trabajadores).unwrap_or(0)),
                    ultimo_cambio: m.as_ref().map(|m| {
                        a_hora_centro(m.actualizada)
                            .format("%d/%m/%Y %H:%M")
                            .to_string()
                    }),
                    informativa_id: m.as_ref().map(|m| m.id),
                    folio: m.and_then(|m| m.folio),
                });
            }
        }
        // Most urgent first: pending by days left (overdue on top), then what is presented.
        filas.sort_by(|a, b| {
            (a.dias.is_none(), a.dias, &a.nombre, &a.periodo).cmp(&(
                b.dias.is_none(),
                b.dias,
                &b.nombre,
                &b.periodo,
            ))
        });
        Ok(filas)
    }

    /// The board of a capturista: every contratista it is active for.
    pub async fn despacho(&self, curp: &str) -> Result<Vec<FilaDespacho>, AppError> {
        let asignaciones = capturista_contratista::Entity::find()
            .filter(capturista_contratista::Column::Curp.eq(curp))
            .filter(capturista_contratista::Column::Activo.eq(true))
            .all(&self.db)
            .await
            .map_err(bd)?;
        let rfcs: Vec<String> = asignaciones.into_iter().map(|a| a.rfc).collect();
        let nombres = contratista::Entity::find()
            .filter(contratista::Column::Rfc.is_in(rfcs.clone()))
            .all(&self.db)
            .await
            .map_err(bd)?;
        let contratistas = rfcs
            .into_iter()
            .map(|r| {
                let n = nombres
                    .iter()
                    .find(|c| c.rfc == r)
                    .map_or_else(|| r.clone(), |c| c.nombre.clone());
                (r, n)
            })
            .collect();
        self.filas_despacho(contratistas).await
    }
}

impl Avisos {
    /// What the contratista's panel adds: its own board rows, its calendar feed (the contratista
    /// itself only) and how many notices its inbox holds.
    pub async fn panel(
        &self,
        rfc: &str,
        quien: &app::api::ports::Destinatario,
        titular: bool,
    ) -> Result<app::api::avisos::PanelAvisos, AppError> {
        let nombre = contratista::Entity::find_by_id(rfc.to_string())
            .one(&self.db)
            .await
            .map_err(bd)?
            .map_or_else(|| rfc.to_string(), |c| c.nombre);
        let filas = self.filas_despacho(vec![(rfc.to_string(), nombre)]).await?;
        let calendario = match titular {
            true => Some(self.calendario_estado(rfc).await?),
            false => None,
        };
        let (rol, destinatario) = super::bandeja::clave_de(quien);
        use sea_orm::PaginatorTrait;
        let avisos = crate::persistence::entities::aviso::Entity::find()
            .filter(crate::persistence::entities::aviso::Column::Rol.eq(rol))
            .filter(crate::persistence::entities::aviso::Column::Destinatario.eq(destinatario))
            .count(&self.db)
            .await
            .map_err(bd)?;
        Ok(app::api::avisos::PanelAvisos {
            filas,
            calendario,
            avisos,
        })
    }
}
