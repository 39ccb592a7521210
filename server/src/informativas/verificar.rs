//! Public verification of an acuse (`/verificar`, `/verificar/{folio}`, `GET
//! /api/v1/acuses/{folio}`). With the folio and the verification code printed under the QR
//! (whoever holds the acuse), it says whether the acuse is authentic (the seal and the
//! contratista's signature are checked again, not read from a flag). With the folio and the
//! contratista's RFC (a client checking that its provider filed) it says no more than the IMSS's
//! public listing publishes: who filed which folio, for which period, on which day, how many
//! contracts and workers, and whether the filing is in force. Never the workers' data. Rate
//! limited per client address, since anyone may ask (issue 15).

use super::firma::cadena_sello;
use super::presentar::fecha_hora;
use super::{estado, Informativas};
use crate::error::bd;
use crate::persistence::entities::{informativa, presentacion};
use app::api::presentacion::VerificacionAcuse;
use app::api::AppError;
use app::domain::calendar::a_hora_centro;
use app::domain::error::ErrorCode;
use app::domain::ids::Rfc;
use app::domain::informativas::{EstadoInformativa, TipoInformativa};
use app::efirma::Certificado;
use base64ct::Encoding;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// How the holder proves it has the acuse.
enum Clave {
    Rfc(String),
    Codigo(String),
}

impl Clave {
    /// An RFC (12 or 13 characters with its date) or the 16-hex-digit code; they never overlap:
    /// an RFC starts with letters and the code has none past `F`.
    fn leer(texto: &str) -> Result<Self, AppError> {
        let t = texto.trim().to_uppercase();
        if let Ok(rfc) = Rfc::parse(&t) {
            return Ok(Clave::Rfc(rfc.as_str().to_string()));
        }
        let codigo = t.replace(['-', ' '], "");
        if codigo.len() == 16 && codigo.chars().all(|c| c.is_ascii_hexdigit()) {
            return Ok(Clave::Codigo(codigo));
        }
        Err(AppError::new(
            ErrorCode::FieldRequired,
            "Escribe el RFC del contratista que presentó la informativa o el código de verificación del acuse (16 letras y dígitos, debajo del código QR).",
        ))
    }

    fn coincide(&self, p: &presentacion::Model) -> bool {
        match self {
            Clave::Rfc(r) => *r == p.rfc,
            Clave::Codigo(c) => *c == p.codigo,
        }
    }
}

impl Informativas {
    /// The acuse with this folio, if `clave` (RFC or code) matches it; see the module header.
    pub async fn verificar(
        &self,
        folio: &str,
        clave: &str,
        ip: &str,
    ) -> Result<VerificacionAcuse, AppError> {
        if !self
            .verificaciones
            .permitir(&format!("verificar:ip:{ip}"), self.clock.now())
            .await?
        {
            return Err(AppError::new(
                ErrorCode::RateLimited,
                "Hiciste demasiadas consultas en un minuto. Espera un minuto y vuelve a intentarlo.",
            ));
        }
        let folio = folio.trim().to_ascii_uppercase();
        if folio.is_empty() {
            return Err(AppError::new(
                ErrorCode::FieldRequired,
                "Escribe el folio del acuse tal como aparece en él (por ejemplo N263000001).",
            ));
        }
        let clave = Clave::leer(clave)?;
        let ninguno = || {
            AppError::new(
                ErrorCode::NotFound,
                "No hay un acuse con ese folio para ese RFC o código de verificación. Revisa los dos datos tal como aparecen en el acuse.",
            )
        };
        let p = presentacion::Entity::find()
            .filter(presentacion::Column::Folio.eq(&folio))
            .one(&self.db)
            .await
            .map_err(bd)?
            .filter(|p| clave.coincide(p))
            .ok_or_else(ninguno)?;
        let i = informativa::Entity::find_by_id(p.informativa_id)
            .one(&self.db)
            .await
            .map_err(bd)?
            .ok_or_else(ninguno)?;
        // The complementaria that replaced or annulled it: the presented one naming this folio.
        let actual = estado(&i);
        let vigente = !matches!(
            actual,
            EstadoInformativa::Sustituida | EstadoInformativa::SinEfectos
        );
        let afectada_por = match actual {
            EstadoInformativa::Sustituida | EstadoInformativa::SinEfectos => {
                presentacion::Entity::find()
                    .filter(presentacion::Column::FolioReferencia.eq(&folio))
                    .order_by_desc(presentacion::Column::Presentada)
                    .one(&self.db)
                    .await
                    .map_err(bd)?
                    .map(|c| c.folio)
            }
            _ => None,
        };
        let situacion = match (actual, &afectada_por) {
            (EstadoInformativa::Sustituida, Some(f)) => {
                format!("Sustituida por la complementaria de corrección con folio {f}")
            }
            (EstadoInformativa::Sustituida, None) => {
                "Sustituida por una complementaria de corrección".to_string()
            }
            (EstadoInformativa::SinEfectos, Some(f)) => {
                format!("Dejada sin efectos por la complementaria con folio {f}")
            }
            (EstadoInformativa::SinEfectos, None) => {
                "Dejada sin efectos por una complementaria".to_string()
            }
            _ => "Vigente".to_string(),
        };
        let fecha_iso =
            a_hora_centro(p.presentada).to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
        // Authenticity is for whoever holds the acuse (its code); an RFC is public knowledge.
        let con_codigo = matches!(clave, Clave::Codigo(_));
        let sello_valido = con_codigo.then(|| {
            self.firma
                .sello
                .verificar(&cadena_sello(&p.cadena, &p.folio, &fecha_iso), &p.sello)
        });
        let firma_valida = con_codigo.then(|| {
            base64ct::Base64::decode_vec(&p.certificado)
                .ok()
                .and_then(|der: Vec<u8>| Certificado::parse(&der).ok())
                .zip(base64ct::Base64::decode_vec(&p.firma).ok())
                .is_some_and(|(c, f)| c.verificar(p.cadena.as_bytes(), &f).is_ok())
        });
        let presentada = fecha_hora(p.presentada);
        // The public listing gives the day of presentation, not the time.
        let presentada = if con_codigo {
            presentada
        } else {
            presentada
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string()
        };
        Ok(VerificacionAcuse {
            folio: p.folio.clone(),
            tipo: TipoInformativa::parse(&p.tipo)
                .map_or_else(|| p.tipo.clone(), |t| t.etiqueta().to_string()),
            rfc: p.rfc.clone(),
            nombre: p.nombre.clone(),
            anio: p.anio,
            periodo: u8::try_from(p.periodo).unwrap_or(0),
            presentada,
            contratos: u64::try_from(p.num_contratos).unwrap_or(0),
            trabajadores: u64::try_from(p.num_trabajadores).unwrap_or(0),
            extemporanea: p.extemporanea,
            folio_referencia: p.folio_referencia.clone(),
            vigente,
            afectada_por,
            situacion,
            con_codigo,
            sello_valido,
            firma_valida,
            sello_desarrollo: con_codigo.then_some(p.sello_desarrollo),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_rfc_and_a_code_are_told_apart() {
        assert!(matches!(Clave::leer(" eku9003173c9 "), Ok(Clave::Rfc(r)) if r == "EKU9003173C9"));
        assert!(
            matches!(Clave::leer("0a1b-2c3d-4e5f-6789"), Ok(Clave::Codigo(c)) if c == "0A1B2C3D4E5F6789")
        );
        assert!(Clave::leer("").is_err());
        assert!(Clave::leer("XYZ").is_err());
    }
}
