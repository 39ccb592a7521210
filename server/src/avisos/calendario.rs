//! The calendar feeds (issue 17): `GET /calendario.ics`, public, with the due date of every period
//! of this year and the next; and a private feed per contratista at a secret, revocable URL with
//! only the periods it has not presented, so its deadlines land in Google Calendar or Outlook.
//! The token is shown once and stored as its SHA-256; making a new one revokes the old.

use super::bandeja::Avisos;
use crate::auth::servicio::{aleatorio_hex, hash_token};
use crate::error::bd;
use crate::persistence::entities::{calendario_privado, contratista, informativa};
use app::api::avisos::CalendarioPrivado;
use app::api::AppError;
use app::domain::calendar::{
    a_hora_centro, calendario_ics, Anio, Cuatrimestre, EventoIcs, Periodo,
};
use app::domain::error::ErrorCode;
use app::domain::informativas::{EstadoInformativa, TipoInformativa};
use chrono::Datelike;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

/// The path of a private feed.
pub fn ruta_privada(token: &str) -> String {
    format!("/calendario/privado/{token}.ics")
}

impl Avisos {
    fn dominio(&self) -> String {
        self.url_publica
            .split("://")
            .nth(1)
            .unwrap_or("icsoe")
            .split(['/', ':'])
            .next()
            .unwrap_or("icsoe")
            .to_string()
    }

    /// Every period of this year and the next.
    fn periodos_de_dos_anios(&self) -> Vec<Periodo> {
        let anio = a_hora_centro(self.clock.now()).year();
        [anio, anio + 1]
            .into_iter()
            .filter_map(|a| Anio::new(i64::from(a)).ok())
            .flat_map(|a| Cuatrimestre::TODOS.map(|c| Periodo::new(a, c)))
            .collect()
    }

    /// The public feed.
    pub async fn ics_publico(&self) -> Result<String, AppError> {
        let hoy = a_hora_centro(self.clock.now()).date_naive();
        let inhabiles = self.inhabiles(hoy).await?;
        let eventos: Vec<EventoIcs> = self
            .periodos_de_dos_anios()
            .into_iter()
            .map(|periodo| EventoIcs {
                periodo,
                para: None,
                enlace: Some(format!("{}/calendario", self.url_publica)),
            })
            .collect();
        Ok(calendario_ics(
            "ICSOE: vencimientos de la informativa",
            &eventos,
            &inhabiles,
            &self.dominio(),
            "",
            self.clock.now(),
        ))
    }

    /// The private feed behind `token`, or `404` (unknown or revoked).
    pub async fn ics_privado(&self, token: &str) -> Result<String, AppError> {
        let no_existe = || {
            AppError::new(
                ErrorCode::NotFound,
                "Este enlace de calendario no existe o fue revocado. Crea uno nuevo en tu panel de ICSOE.",
            )
        };
        if token.len() != 64 || !token.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(no_existe());
        }
        let fila = calendario_privado::Entity::find()
            .filter(calendario_privado::Column::TokenHash.eq(hash_token(token)))
            .one(&self.db)
            .await
            .map_err(bd)?
            .ok_or_else(no_existe)?;
        let nombre = contratista::Entity::find_by_id(fila.rfc.clone())
            .one(&self.db)
            .await
            .map_err(bd)?
            .map_or_else(|| fila.rfc.clone(), |c| c.nombre);
        let presentadas = informativa::Entity::find()
            .filter(informativa::Column::Rfc.eq(&fila.rfc))
            .filter(informativa::Column::Estado.eq(EstadoInformativa::Presentada.as_str()))
            .filter(informativa::Column::Tipo.ne(TipoInformativa::SinEfectos.as_str()))
            .all(&self.db)
            .await
            .map_err(bd)?;
        let hoy = a_hora_centro(self.clock.now()).date_naive();
        let inhabiles = self.inhabiles(hoy).await?;
        let eventos: Vec<EventoIcs> = self
            .periodos_de_dos_anios()
            .into_iter()
            .filter(|p| {
                !presentadas.iter().any(|m| {
                    m.anio == p.anio.get() && m.periodo == i16::from(p.cuatrimestre.numero())
                })
            })
            .map(|periodo| EventoIcs {
                periodo,
                para: Some(nombre.clone()),
                enlace: Some(format!("{}/informativas", self.url_publica)),
            })
            .collect();
        Ok(calendario_ics(
            &format!("ICSOE: {nombre}"),
            &eventos,
            &inhabiles,
            &self.dominio(),
            &format!("-{}", fila.rfc.to_lowercase()),
            self.clock.now(),
        ))
    }

    /// Whether `rfc` has a private feed, and since when.
    pub async fn calendario_estado(&self, rfc: &str) -> Result<CalendarioPrivado, AppError> {
        let fila = calendario_privado::Entity::find_by_id(rfc.to_string())
            .one(&self.db)
            .await
            .map_err(bd)?;
        Ok(CalendarioPrivado {
            desde: fila.map(|f| a_hora_centro(f.creado).format("%d/%m/%Y").to_string()),
            url: None,
        })
    }

    /// A new secret URL for `rfc` (the previous one stops working).
    pub async fn calendario_nuevo(&self, rfc: &str) -> Result<CalendarioPrivado, AppError> {
        let token = aleatorio_hex(32)?;
        let ahora = self.clock.now();
        let txn = crate::persistence::escribir(&self.db).await.map_err(bd)?;
        calendario_privado::Entity::delete_by_id(rfc.to_string())
            .exec(&txn)
            .await
            .map_err(bd)?;
        calendario_privado::Entity::insert(calendario_privado::ActiveModel {
            rfc: Set(rfc.to_string()),
            token_hash: Set(hash_token(&token)),
            creado: Set(ahora),
        })
        .exec(&txn)
        .await
        .map_err(bd)?;
        txn.commit().await.map_err(bd)?;
        Ok(CalendarioPrivado {
            desde: Some(a_hora_centro(ahora).format("%d/%m/%Y").to_string()),
            url: Some(format!("{}{}", self.url_publica, ruta_privada(&token))),
        })
    }

    /// Revokes `rfc`'s private feed.
    pub async fn calendario_revocar(&self, rfc: &str) -> Result<(), AppError> {
        calendario_privado::Entity::delete_by_id(rfc.to_string())
            .exec(&self.db)
            .await
            .map_err(bd)?;
        Ok(())
    }
}
