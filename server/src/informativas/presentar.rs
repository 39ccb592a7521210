//! "Firmar y presentar" (domain.md §6, §8.5): the server builds the cadena original from what it
//! stores, the browser signs it with the e.firma (the key never leaves it), and the server checks
//! signature, certificate (trusted, valid now, FIEL, the contratista's RFC — V16) and that the
//! cadena still matches the data. Then, in **one transaction**: a folio, the presentation time,
//! state `presentada`, the sealed record in `presentacion`, and for a complementaria the
//! original's new state. Retries, double clicks and a second browser or server replica get the
//! same presentation back: the informativa's row lock serialises them and `presentacion` has a
//! unique index per informativa.

use super::firma::{cadena_sello, codigo};
use super::trabajadores::pagina_ordenada;
use super::{estado, no_editable, periodo, tipo, Actor, Informativas};
use crate::error::bd;
use crate::informativas::carga::clave_valida;
use crate::persistence::entities::{folio, informativa, presentacion};
use app::api::presentacion::{Multa, PorFirmar, Presentacion, Presentar};
use app::api::AppError;
use app::domain::calendar::{a_hora_centro, vencimiento, Vencimiento};
use app::domain::dinero::{pesos, RangoMulta, TablaSalarios, Vigente};
use app::domain::error::ErrorCode;
use app::domain::informativas::cadena::{cadena_original, Detalle, Encabezado};
use app::domain::informativas::{
    folio as hacer_folio, Contrato, EstadoInformativa, TipoInformativa,
};
use app::efirma::Certificado;
use base64ct::Encoding;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};

/// Workers read per query while hashing the detail.
const LECTURA: u64 = 50_000;

/// The cadena of an informativa as stored now, with its counts.
pub(crate) struct Cadena {
    pub texto: String,
    pub sha256: String,
    pub contratos: u64,
    pub trabajadores: u64,
    pub folio_referencia: Option<String>,
}

/// The fine range when `ahora` is past the due date: 500–2,000 times the daily UMA in force on
/// the due date (domain.md §10), from the figures table as it is now.
pub(crate) fn multa(
    v: &Vencimiento,
    ahora: DateTime<Utc>,
    salarios: &TablaSalarios,
) -> Result<Option<RangoMulta>, AppError> {
    if ahora <= v.fin_plazo.to_utc() {
        return Ok(None);
    }
    salarios
        .multa(v.vence)
        .map(Some)
        .map_err(|e| AppError::domain(&e))
}

/// The fine as pages and acuses show it.
pub(crate) fn multa_de(vence: chrono::NaiveDate, r: &RangoMulta) -> Multa {
    Multa {
        vence: vence.format("%d/%m/%Y").to_string(),
        uma: pesos(r.uma.diaria),
        minima: pesos(r.minima()),
        maxima: pesos(r.maxima()),
        aviso: r.aviso(),
    }
}

pub(crate) fn fecha_hora(t: DateTime<Utc>) -> String {
    a_hora_centro(t).format("%d/%m/%Y %H:%M:%S").to_string()
}

impl Informativas {
    /// Hashes the detail: contracts by id, each followed by its workers in NSS order.
    pub(crate) async fn cadena(
        &self,
        c: &impl ConnectionTrait,
        m: &informativa::Model,
    ) -> Result<Cadena, AppError> {
        let contratos = super::contratos::de_informativa(c, m.id).await?;
        let mut d = Detalle::new();
        let mut total: u64 = 0;
        for k in &contratos {
            let datos: Contrato = serde_json::from_str(&k.datos).map_err(|e| {
                tracing::error!(contrato = k.id, error = %e, "contrato guardado ilegible");
                AppError::internal()
            })?;
            d.contrato(&datos, u64::try_from(k.num_trabajadores).unwrap_or(0));
            let mut despues = String::new();
            loop {
                let filas = pagina_ordenada(c, k.id, &despues, LECTURA).await?;
                for (nss, curp, sbc) in &filas {
                    d.trabajador(nss, curp, *sbc);
                }
                total += filas.len() as u64;
                match filas.last() {
                    Some((n, _, _)) if filas.len() as u64 == LECTURA => despues = n.clone(),
                    _ => break,
                }
            }
        }
        let folio_referencia = match m.referencia_id {
            Some(r) => informativa::Entity::find_by_id(r)
                .one(c)
                .await
                .map_err(bd)?
                .and_then(|o| o.folio),
            None => None,
        };
        let sha256 = d.terminar();
        let p = periodo(m)?;
        let texto = cadena_original(
            &Encabezado {
                tipo: tipo(m).en_cadena(),
                rfc: &m.rfc,
                anio: p.anio.get(),
                periodo: p.cuatrimestre.numero(),
                folio_referencia: folio_referencia.as_deref().unwrap_or(""),
                contratos: contratos.len() as u64,
                trabajadores: total,
            },
            &sha256,
        );
        Ok(Cadena {
            texto,
            sha256,
            contratos: contratos.len() as u64,
            trabajadores: total,
            folio_referencia,
        })
    }

    async fn vencimiento_de(&self, m: &informativa::Model) -> Result<Vencimiento, AppError> {
        Ok(vencimiento(periodo(m)?, &self.inhabiles().await?))
    }

    /// Late filing applies to the original obligation (Normal or Sin información).
    fn extemporanea(
        m: &informativa::Model,
        v: &Vencimiento,
        ahora: DateTime<Utc>,
        salarios: &TablaSalarios,
    ) -> Result<Option<RangoMulta>, AppError> {
        if tipo(m).es_complementaria() {
            Ok(None)
        } else {
            multa(v, ahora, salarios)
        }
    }

    /// `GET …/firma`: the cadena the contratista is about to sign (only `en_firma`).
    pub async fn por_firmar(&self, rfc: &str, id: i64) -> Result<PorFirmar, AppError> {
        let m = self.buscar(&self.db, rfc, id).await?;
        if estado(&m) != EstadoInformativa::EnFirma {
            return Err(no_en_firma(&m));
        }
        let c = self.cadena(&self.db, &m).await?;
        let v = self.vencimiento_de(&m).await?;
        Ok(PorFirmar {
            cadena: c.texto,
            contratos: c.contratos,
            trabajadores: c.trabajadores,
            extemporanea: Self::extemporanea(&m, &v, self.clock.now(), &self.salarios().await?)?
                .map(|r| multa_de(v.vence, &r)),
            vence: v.vence.format("%d/%m/%Y").to_string(),
        })
    }

    /// The presentation of informativa `id`, if there is one.
    pub(crate) async fn presentacion_de(
        &self,
        c: &impl ConnectionTrait,
        rfc: &str,
        id: i64,
    ) -> Result<Option<presentacion::Model>, AppError> {
        presentacion::Entity::find()
            .filter(presentacion::Column::InformativaId.eq(id))
            .filter(presentacion::Column::Rfc.eq(rfc))
            .one(c)
            .await
            .map_err(bd)
    }

    pub(crate) fn respuesta(&self, p: &presentacion::Model, repetida: bool) -> Presentacion {
        // The UMA stored at presentation: a later change of the figures never alters an acuse.
        let extemporanea = p.extemporanea.then(|| {
            let uma = p.multa_uma_diaria.and_then(|u| u64::try_from(u).ok());
            if uma.is_none() {
                tracing::error!(folio = %p.folio, "presentación extemporánea sin UMA guardada");
            }
            let guardada = Vigente {
                anio: p.multa_uma_anio.unwrap_or(0),
                diaria: uma.unwrap_or(0),
                pendiente: None,
            };
            multa_de(p.vence, &RangoMulta { uma: guardada })
        });
        Presentacion {
            informativa_id: p.informativa_id,
            folio: p.folio.clone(),
            presentada: fecha_hora(p.presentada),
            extemporanea,
            folio_referencia: p.folio_referencia.clone(),
            codigo: p.codigo.clone(),
            url_verificacion: self.firma.url_verificacion(&p.folio, &p.codigo),
            repetida,
        }
    }

    /// "Firmar y presentar"; see the module header.
    pub async fn presentar(
        &self,
        actor: &Actor,
        id: i64,
        clave: &str,
        p: &Presentar,
    ) -> Result<Presentacion, AppError> {
        let clave = clave_valida(clave)?;
        if let Some(previa) = self.presentacion_de(&self.db, &actor.rfc, id).await? {
            return Ok(self.respuesta(&previa, true));
        }
        let ahora = self.clock.now();
        // The e.firma first: nothing is locked for a request that cannot succeed (V16).
        let der = base64ct::Base64::decode_vec(p.certificado.trim())
            .map_err(|_| AppError::domain(&app::efirma::EfirmaError::NoEsCertificado))?;
        let certificado = Certificado::parse(&der).map_err(|e| AppError::domain(&e))?;
        let firma = base64ct::Base64::decode_vec(p.firma.trim()).unwrap_or_default();
        self.firma
            .verificacion
            .exigir(&certificado, p.cadena.as_bytes(), &firma, ahora)
            .await?;
        if certificado.rfc != actor.rfc {
            return Err(AppError::new(
                ErrorCode::FirmaRfcContratista,
                format!(
                    "La e.firma es del RFC {} y la informativa es del RFC {}. Firma con la e.firma del contratista.",
                    certificado.rfc, actor.rfc
                ),
            ));
        }
        let d = self.detalle(&actor.rfc, id).await?;
        if !d.hallazgos.is_empty() {
            return Err(AppError::new(
                ErrorCode::HallazgosOpen,
                "La informativa tiene pendientes por corregir: regrésala a captura y corrígelos antes de firmar.",
            ));
        }
        let v = self
            .vencimiento_de(&self.buscar(&self.db, &actor.rfc, id).await?)
            .await?;
        let salarios = self.salarios().await?;

        let txn = crate::persistence::escribir(&self.db).await.map_err(bd)?;
        let bloqueo = informativa::Entity::update_many()
            .col_expr(informativa::Column::Actualizada, Expr::value(ahora))
            .filter(informativa::Column::Id.eq(id))
            .filter(informativa::Column::Rfc.eq(&actor.rfc))
            .filter(informativa::Column::Estado.eq(EstadoInformativa::EnFirma.as_str()))
            .exec(&txn)
            .await
            .map_err(bd)?;
        if bloqueo.rows_affected == 0 {
            drop(txn);
            // Someone presented it first (another tab, another replica): their folio is ours.
            if let Some(previa) = self.presentacion_de(&self.db, &actor.rfc, id).await? {
                return Ok(self.respuesta(&previa, true));
            }
            let m = self.buscar(&self.db, &actor.rfc, id).await?;
            return Err(no_en_firma(&m));
        }
        let m = self.buscar(&txn, &actor.rfc, id).await?;
        let c = self.cadena(&txn, &m).await?;
        if c.texto != p.cadena {
            return Err(AppError::new(
                ErrorCode::CadenaChanged,
                "La informativa cambió desde que se preparó la firma: la cadena firmada ya no corresponde. Vuelve a abrir la informativa y firma otra vez.",
            ));
        }
        let t = tipo(&m);
        if let Some(r) = m.referencia_id {
            // The complementaria takes effect on presentation: the original stops being valid.
            let nuevo = if t == app::domain::informativas::TipoInformativa::SinEfectos {
                EstadoInformativa::SinEfectos
            } else {
                EstadoInformativa::Sustituida
            };
            let hecho = informativa::Entity::update_many()
                .col_expr(informativa::Column::Estado, Expr::value(nuevo.as_str()))
                .col_expr(informativa::Column::Actualizada, Expr::value(ahora))
                .filter(informativa::Column::Id.eq(r))
                .filter(informativa::Column::Rfc.eq(&actor.rfc))
                .filter(informativa::Column::Estado.eq(EstadoInformativa::Presentada.as_str()))
                // A Sin efectos is an annulment, never the filing in force.
                .filter(informativa::Column::Tipo.ne(TipoInformativa::SinEfectos.as_str()))
                .exec(&txn)
                .await
                .map_err(bd)?;
            if hecho.rows_affected != 1 {
                return Err(AppError::new(
                    ErrorCode::ComplementariaNotVigente,
                    "La informativa que esta complementaria afecta ya no está vigente (otra complementaria la sustituyó o la dejó sin efectos). Elimina este borrador.",
                ));
            }
            if nuevo == EstadoInformativa::SinEfectos {
                // Nothing of the period is valid any more: V01 no longer holds it, so the
                // contratista can register the right Normal or Sin información again.
                informativa::Entity::update_many()
                    .col_expr(informativa::Column::Original, Expr::value(None::<i16>))
                    .filter(informativa::Column::Rfc.eq(&actor.rfc))
                    .filter(informativa::Column::Anio.eq(m.anio))
                    .filter(informativa::Column::Periodo.eq(m.periodo))
                    .filter(informativa::Column::Estado.is_in([
                        EstadoInformativa::Sustituida.as_str(),
                        EstadoInformativa::SinEfectos.as_str(),
                    ]))
                    .exec(&txn)
                    .await
                    .map_err(bd)?;
            }
        }
        let consecutivo = folio::ActiveModel {
            prefijo: Set(t.prefijo_folio().to_string()),
            creado: Set(ahora),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(bd)?
        .id;
        let per = periodo(&m)?;
        let numero = hacer_folio(t, per.anio.get(), per.cuatrimestre.numero(), consecutivo);
        let fecha_iso = a_hora_centro(ahora).to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
        let sello = self
            .firma
            .sello
            .firmar(&cadena_sello(&c.texto, &numero, &fecha_iso));
        let nombre =
            crate::persistence::entities::contratista::Entity::find_by_id(actor.rfc.clone())
                .one(&txn)
                .await
                .map_err(bd)?
                .map_or_else(|| certificado.nombre.clone(), |k| k.nombre);
        let multa = Self::extemporanea(&m, &v, ahora, &salarios)?;
        let registro = presentacion::ActiveModel {
            informativa_id: Set(id),
            folio: Set(numero.clone()),
            rfc: Set(actor.rfc.clone()),
            nombre: Set(nombre),
            tipo: Set(t.as_str().to_string()),
            anio: Set(m.anio),
            periodo: Set(m.periodo),
            folio_referencia: Set(c.folio_referencia.clone()),
            num_contratos: Set(i64::try_from(c.contratos).unwrap_or(i64::MAX)),
            num_trabajadores: Set(i64::try_from(c.trabajadores).unwrap_or(i64::MAX)),
            sha256_detalle: Set(c.sha256.clone()),
            cadena: Set(c.texto.clone()),
            firma: Set(p.firma.trim().to_string()),
            certificado: Set(p.certificado.trim().to_string()),
            no_certificado: Set(certificado.numero.clone()),
            presentada: Set(ahora),
            vence: Set(v.vence),
            extemporanea: Set(multa.is_some()),
            multa_uma_diaria: Set(multa.map(|r| i64::try_from(r.uma.diaria).unwrap_or(i64::MAX))),
            multa_uma_anio: Set(multa.map(|r| r.uma.anio)),
            codigo: Set(codigo(&sello)),
            sello: Set(sello),
            no_certificado_sello: Set(self.firma.sello.numero().to_string()),
            sello_desarrollo: Set(self.firma.sello.es_desarrollo()),
            clave: Set(clave),
            por: Set(actor.por.clone()),
            ..Default::default()
        };
        let guardada = match registro.insert(&txn).await {
            Ok(g) => g,
            Err(e) if crate::error::es_duplicado(&e) => {
                drop(txn);
                if let Some(previa) = self.presentacion_de(&self.db, &actor.rfc, id).await? {
                    return Ok(self.respuesta(&previa, true));
                }
                return Err(bd(e));
            }
            Err(e) => return Err(bd(e)),
        };
        informativa::Entity::update_many()
            .col_expr(
                informativa::Column::Estado,
                Expr::value(EstadoInformativa::Presentada.as_str()),
            )
            .col_expr(informativa::Column::Folio, Expr::value(numero))
            .col_expr(informativa::Column::Presentada, Expr::value(ahora))
            .filter(informativa::Column::Id.eq(id))
            .exec(&txn)
            .await
            .map_err(bd)?;
        let tardia = multa.map(|r| {
            let x = multa_de(v.vence, &r);
            format!(
                "venció el {}; la multa va de {} a {} (500 a 2,000 UMA de {}).",
                x.vence, x.minima, x.maxima, x.uma
            )
        });
        let avisos = self.avisos_presentada(&txn, &m, &guardada, tardia).await?;
        crate::avisos::encolar(&txn, avisos, ahora)
            .await
            .map_err(bd)?;
        txn.commit().await.map_err(bd)?;
        self.timbre.notify_one();
        tracing::info!(folio = %guardada.folio, informativa = id, "informativa presentada");
        Ok(self.respuesta(&guardada, false))
    }
}

/// The error for signing something that is not waiting for signature.
fn no_en_firma(m: &informativa::Model) -> AppError {
    match estado(m) {
        EstadoInformativa::Captura => AppError::new(
            ErrorCode::InformativaState,
            "La informativa está en captura: primero envíala a firma.",
        ),
        _ => no_editable(m),
    }
}
