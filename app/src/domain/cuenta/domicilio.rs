//! `Domicilio` (domain.md §3.2): código postal → colonia from the SAT catalog → municipio and
//! estado derived (never typed) → calle, número exterior, número interior, entre calles.

use super::catalogo::CatalogoPostal;
use super::texto;
use crate::domain::error::{ErrorCampo, ErrorCode};
use crate::domain::ids::CodigoPostal;
use serde::{Deserialize, Serialize};

/// An address as typed in a form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct DomicilioEntrada {
    /// Five digits.
    pub codigo_postal: String,
    /// The colonia's catalog key (`0930`); when the catalog lists no colonias for the postal
    /// code, the colonia's name as the user writes it.
    pub colonia: String,
    /// Calle.
    pub calle: String,
    /// Número exterior.
    pub numero_exterior: String,
    /// Número interior (optional).
    pub numero_interior: String,
    /// Entre calles (optional).
    pub entre_calles: String,
}

/// A checked address, with the catalog's names filled in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Domicilio {
    /// Five digits.
    pub codigo_postal: String,
    /// The colonia's catalog key; `None` when typed by hand (no colonias in the catalog).
    pub colonia_clave: Option<String>,
    /// The colonia's name.
    pub colonia: String,
    /// Municipio or alcaldía (empty when the catalog has none for the code).
    pub municipio: String,
    /// Entidad federativa.
    pub estado: String,
    /// Calle.
    pub calle: String,
    /// Número exterior.
    pub numero_exterior: String,
    /// Número interior.
    pub numero_interior: Option<String>,
    /// Entre calles.
    pub entre_calles: Option<String>,
}

impl Domicilio {
    /// Checks an address against the catalog. Field errors are named `{prefijo}.{campo}`.
    pub fn validar(
        e: &DomicilioEntrada,
        catalogo: &CatalogoPostal,
        prefijo: &str,
    ) -> Result<Domicilio, Vec<ErrorCampo>> {
        let campo = |c: &str| format!("{prefijo}.{c}");
        let mut errores = Vec::new();
        let ubicacion = match CodigoPostal::parse(&e.codigo_postal) {
            Err(err) => {
                errores.push(ErrorCampo::de(campo("codigo_postal"), &err));
                None
            }
            Ok(cp) => {
                let u = catalogo.buscar(&cp);
                if u.is_none() {
                    errores.push(ErrorCampo::nuevo(
                        campo("codigo_postal"),
                        ErrorCode::CodigoPostalUnknown,
                        format!(
                            "El código postal {} no existe en el catálogo. Revísalo en tu comprobante de domicilio.",
                            cp.as_str()
                        ),
                    ));
                }
                u
            }
        };
        let mut colonia_clave = None;
        let mut colonia = String::new();
        if let Some(u) = &ubicacion {
            let elegida = texto::limpiar(&e.colonia);
            if u.colonias.is_empty() {
                colonia =
                    texto::requerido(&mut errores, &campo("colonia"), "la colonia", &elegida, 100);
            } else if elegida.is_empty() {
                errores.push(ErrorCampo::nuevo(
                    campo("colonia"),
                    ErrorCode::FieldRequired,
                    "Elige la colonia de la lista (aparece al ubicar el código postal).",
                ));
            } else if let Some(c) = u
                .colonias
                .iter()
                .find(|c| c.clave == elegida || c.nombre.to_lowercase() == elegida.to_lowercase())
            {
                colonia_clave = Some(c.clave.clone());
                colonia = c.nombre.clone();
            } else {
                errores.push(ErrorCampo::nuevo(
                    campo("colonia"),
                    ErrorCode::ColoniaUnknown,
                    format!(
                        "La colonia «{}» no pertenece al código postal {}. Elige una de la lista.",
                        crate::domain::ids::muestra(&elegida),
                        u.codigo_postal
                    ),
                ));
            }
        }
        let calle = texto::requerido(&mut errores, &campo("calle"), "la calle", &e.calle, 100);
        let numero_exterior = texto::requerido(
            &mut errores,
            &campo("numero_exterior"),
            "el número exterior",
            &e.numero_exterior,
            20,
        );
        let numero_interior = texto::opcional(
            &mut errores,
            &campo("numero_interior"),
            "el número interior",
            &e.numero_interior,
            20,
        );
        let entre_calles = texto::opcional(
            &mut errores,
            &campo("entre_calles"),
            "entre calles",
            &e.entre_calles,
            150,
        );
        match ubicacion {
            Some(u) if errores.is_empty() => Ok(Domicilio {
                codigo_postal: u.codigo_postal,
                colonia_clave,
                colonia,
                municipio: u.municipio.map(|m| m.nombre).unwrap_or_default(),
                estado: u.estado.nombre,
                calle,
                numero_exterior,
                numero_interior,
                entre_calles,
            }),
            _ => Err(errores),
        }
    }

    /// The address as the form shows it again ("Ver datos", editing).
    pub fn entrada(&self) -> DomicilioEntrada {
        DomicilioEntrada {
            codigo_postal: self.codigo_postal.clone(),
            colonia: self
                .colonia_clave
                .clone()
                .unwrap_or_else(|| self.colonia.clone()),
            calle: self.calle.clone(),
            numero_exterior: self.numero_exterior.clone(),
            numero_interior: self.numero_interior.clone().unwrap_or_default(),
            entre_calles: self.entre_calles.clone().unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogo() -> CatalogoPostal {
        CatalogoPostal::desde_csv(
            "estado,nombre\nCMX,Ciudad de México\n",
            "estado,municipio,nombre\nCMX,015,Cuauhtémoc\n",
            "codigo_postal,estado,municipio,localidad\n06600,CMX,015,06\n01001,CMX,,\n",
            "codigo_postal,colonia,nombre\n06600,0930,Juárez\n06600,0931,Roma Norte\n",
        )
        .unwrap()
    }

    fn entrada() -> DomicilioEntrada {
        DomicilioEntrada {
            codigo_postal: "06600".into(),
            colonia: "0930".into(),
            calle: "Paseo de la Reforma".into(),
            numero_exterior: "222".into(),
            numero_interior: "".into(),
            entre_calles: "".into(),
        }
    }

    #[test]
    fn a_catalog_colonia_fills_municipality_and_state() {
        let d = Domicilio::validar(&entrada(), &catalogo(), "domicilio_social").unwrap();
        assert_eq!(d.colonia, "Juárez");
        assert_eq!(d.municipio, "Cuauhtémoc");
        assert_eq!(d.estado, "Ciudad de México");
        assert_eq!(d.numero_interior, None);
        assert_eq!(d.entrada(), entrada());
    }

    #[test]
    fn every_field_error_is_reported_with_its_path() {
        let e = DomicilioEntrada {
            codigo_postal: "06600".into(),
            colonia: "9999".into(),
            ..Default::default()
        };
        let errores = Domicilio::validar(&e, &catalogo(), "domicilio_social").unwrap_err();
        let campos: Vec<_> = errores.iter().map(|e| e.campo.as_str()).collect();
        assert_eq!(
            campos,
            [
                "domicilio_social.colonia",
                "domicilio_social.calle",
                "domicilio_social.numero_exterior"
            ]
        );
        assert_eq!(errores[0].codigo, ErrorCode::ColoniaUnknown);
    }

    #[test]
    fn an_unknown_postal_code_says_so() {
        let e = DomicilioEntrada {
            codigo_postal: "99999".into(),
            ..entrada()
        };
        let errores = Domicilio::validar(&e, &catalogo(), "d").unwrap_err();
        assert_eq!(errores[0].codigo, ErrorCode::CodigoPostalUnknown);
        assert!(errores[0].mensaje.contains("no existe en el catálogo"));
    }

    #[test]
    fn a_code_without_catalog_colonias_takes_a_typed_one() {
        let e = DomicilioEntrada {
            codigo_postal: "01001".into(),
            colonia: "Edificio Central".into(),
            ..entrada()
        };
        let d = Domicilio::validar(&e, &catalogo(), "d").unwrap();
        assert_eq!(d.colonia, "Edificio Central");
        assert_eq!(d.colonia_clave, None);
        assert_eq!(d.municipio, "");
    }

    #[test]
    fn a_colonia_may_be_chosen_by_its_name() {
        let e = DomicilioEntrada {
            colonia: "roma norte".into(),
            ..entrada()
        };
        let d = Domicilio::validar(&e, &catalogo(), "d").unwrap();
        assert_eq!(d.colonia_clave.as_deref(), Some("0931"));
    }
}
