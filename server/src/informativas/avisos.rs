//! The notices an informativa's life causes (issue 17), built inside the transaction of the change
//! so they commit with it: a capturista sends it to signature → the contratista; it is presented
//! → the contratista and the capturista who prepared it, with the acuse attached.

use super::{Actor, Informativas};
use crate::avisos::textos::{self, Para};
use crate::avisos::{NuevoAviso, Rol};
use crate::error::bd;
use crate::persistence::entities::{
    capturista, contratista, datos_generales, informativa, presentacion,
};
use app::api::AppError;
use app::domain::informativas::TipoInformativa;
use sea_orm::{ConnectionTrait, EntityTrait};

impl Informativas {
    /// The contratista as a recipient (its datos generales' address, if saved).
    async fn contratista_para<C: ConnectionTrait>(
        &self,
        c: &C,
        rfc: &str,
    ) -> Result<Para, AppError> {
        let nombre = contratista::Entity::find_by_id(rfc.to_string())
            .one(c)
            .await
            .map_err(bd)?
            .map_or_else(|| rfc.to_string(), |k| k.nombre);
        let correo = datos_generales::Entity::find_by_id(rfc.to_string())
            .one(c)
            .await
            .map_err(bd)?
            .map(|d| d.correo);
        Ok(Para {
            rol: Rol::Contratista,
            destinatario: rfc.to_string(),
            nombre,
            correo,
            rfc: rfc.to_string(),
        })
    }

    /// A capturista (by CURP) as a recipient.
    async fn capturista_para<C: ConnectionTrait>(
        &self,
        c: &C,
        curp: &str,
        rfc: &str,
    ) -> Result<Option<Para>, AppError> {
        Ok(capturista::Entity::find_by_id(curp.to_string())
            .one(c)
            .await
            .map_err(bd)?
            .map(|k| Para {
                rol: Rol::Capturista,
                destinatario: curp.to_string(),
                nombre: k.nombre,
                correo: Some(k.correo),
                rfc: rfc.to_string(),
            }))
    }

    fn enlace(&self, id: i64) -> String {
        format!("{}/informativas/{id}", self.firma.url_publica)
    }

    /// A capturista sent `m` to signature: tell the contratista.
    pub(crate) async fn aviso_en_firma<C: ConnectionTrait>(
        &self,
        c: &C,
        actor: &Actor,
        m: &informativa::Model,
    ) -> Result<Vec<NuevoAviso>, AppError> {
        if actor.por == actor.rfc {
            return Ok(Vec::new());
        }
        let para = self.contratista_para(c, &actor.rfc).await?;
        let quien = self
            .capturista_para(c, &actor.por, &actor.rfc)
            .await?
            .map_or_else(
                || format!("Tu capturista ({})", actor.por),
                |k| format!("Tu capturista {}", k.nombre),
            );
        Ok(vec![textos::enviada_a_firma(
            &para,
            &quien,
            m.anio,
            m.periodo,
            self.enlace(m.id),
            m.id,
        )])
    }

    /// `m` was presented as `p`: tell the contratista and the capturista who prepared it.
    pub(crate) async fn avisos_presentada<C: ConnectionTrait>(
        &self,
        c: &C,
        m: &informativa::Model,
        p: &presentacion::Model,
        extemporanea: Option<String>,
    ) -> Result<Vec<NuevoAviso>, AppError> {
        let tipo = TipoInformativa::parse(&p.tipo).unwrap_or(TipoInformativa::Normal);
        let datos = textos::Presentada {
            folio: p.folio.clone(),
            tipo: tipo.etiqueta().to_string(),
            complementaria: tipo.es_complementaria(),
            anio: p.anio,
            periodo: p.periodo,
            fecha: super::presentar::fecha_hora(p.presentada),
            verificacion: self.firma.url_verificacion(&p.folio, &p.codigo),
            enlace: self.enlace(m.id),
            id: m.id,
            extemporanea,
        };
        let mut avisos = vec![textos::presentada(
            &self.contratista_para(c, &m.rfc).await?,
            &datos,
        )];
        // Who prepared it: who sent it to signature, else who registered it — when a capturista.
        let preparo = [m.enviada_por.as_deref(), Some(m.creada_por.as_str())]
            .into_iter()
            .flatten()
            .find(|por| *por != m.rfc);
        if let Some(curp) = preparo {
            if let Some(para) = self.capturista_para(c, curp, &m.rfc).await? {
                avisos.push(textos::presentada(&para, &datos));
            }
        }
        Ok(avisos)
    }
}
