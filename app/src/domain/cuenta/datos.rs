//! Datos generales del contratista (domain.md §3.1, §3.3): contact, domicilio social (personas
//! morales only), domicilio convencional, and the REPSE registration with its authorised
//! services. `validar` returns every field error at once, or the checked data plus warnings.

use super::catalogo::CatalogoPostal;
use super::domicilio::{Domicilio, DomicilioEntrada};
use super::texto;
use crate::domain::contacto::{campos_contacto, Faltantes};
use crate::domain::error::{ErrorCampo, ErrorCode};
use crate::domain::ids::RegistroRepse;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A REPSE service as authorised by the STPS: its folio and description (Acuerdo REPSE art. 12);
/// a contract's "Servicio u obra especializado" is picked from these.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ServicioRepse {
    /// Folio of the authorised activity.
    pub folio: String,
    /// Description of the service.
    pub descripcion: String,
}

/// The REPSE section as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct RepseEntrada {
    /// "Número de registro REPSE", e.g. `AR12345/2021`.
    pub numero: String,
    /// Registration date, `AAAA-MM-DD` or `DD/MM/AAAA`.
    pub fecha_registro: String,
    /// Authorised services.
    pub servicios: Vec<ServicioRepse>,
}

impl RepseEntrada {
    fn vacia(&self) -> bool {
        self.numero.trim().is_empty()
            && self.fecha_registro.trim().is_empty()
            && self
                .servicios
                .iter()
                .all(|s| s.folio.trim().is_empty() && s.descripcion.trim().is_empty())
    }
}

/// The checked REPSE registration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Repse {
    /// Folio as on the STPS acuse, upper case.
    pub numero: String,
    /// Registration date.
    pub fecha_registro: NaiveDate,
    /// At least one service, folios unique.
    pub servicios: Vec<ServicioRepse>,
}

/// Datos generales as typed in the form (and sent by API clients).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct DatosGeneralesEntrada {
    /// "Correo electrónico" (required): where IMSS notices go (Lineamientos 2 fr. V).
    pub correo: String,
    /// "Teléfono celular" (required).
    pub celular: String,
    /// "Teléfono fijo" (optional).
    pub fijo: String,
    /// Personas morales: "¿El domicilio social es igual al fiscal?" (`true` = Sí).
    pub domicilio_social_igual_fiscal: Option<bool>,
    /// The domicilio social, when it differs from the fiscal one.
    pub domicilio_social: Option<DomicilioEntrada>,
    /// The domicilio convencional, only when it differs from the fiscal one.
    pub domicilio_convencional: Option<DomicilioEntrada>,
    /// The REPSE registration; all blank is allowed (saved as pending).
    pub repse: RepseEntrada,
}

/// Checked datos generales.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DatosGenerales {
    /// E-mail for notices.
    pub correo: String,
    /// Ten digits.
    pub celular: String,
    /// Ten digits.
    pub fijo: Option<String>,
    /// Personas morales: whether the domicilio social is the fiscal one; `None` for físicas.
    pub domicilio_social_igual_fiscal: Option<bool>,
    /// The domicilio social, when different from the fiscal one.
    pub domicilio_social: Option<Domicilio>,
    /// The domicilio convencional.
    pub domicilio_convencional: Option<Domicilio>,
    /// The REPSE registration, once captured.
    pub repse: Option<Repse>,
}

/// Parses `AAAA-MM-DD` or `DD/MM/AAAA`.
pub fn fecha(texto: &str) -> Option<NaiveDate> {
    let t = texto.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d/%m/%Y"))
        .ok()
}

/// A REPSE registration lasts three years (LFT art. 15, Acuerdo REPSE art. 16); renewal opens
/// three months before it ends.
pub fn vencimiento_repse(fecha_registro: NaiveDate) -> NaiveDate {
    fecha_registro
        .checked_add_months(chrono::Months::new(36))
        .unwrap_or(fecha_registro)
}

/// Correo, celular and fijo, checked and normalised; each error goes to `errores`.
fn contacto(
    e: &DatosGeneralesEntrada,
    errores: &mut Vec<ErrorCampo>,
) -> (String, String, Option<String>) {
    campos_contacto(
        &e.correo,
        &e.celular,
        &e.fijo,
        &Faltantes {
            correo: "Escribe el correo electrónico: ahí llegarán los avisos del IMSS.",
            celular: "Escribe el teléfono celular (10 dígitos).",
        },
        errores,
    )
}

/// The errors of the contact fields alone: what the browser can check without the catalog or the
/// date, before sending (the server runs [`DatosGenerales::validar`] on everything).
pub fn errores_de_contacto(e: &DatosGeneralesEntrada) -> Vec<ErrorCampo> {
    let mut errores = Vec::new();
    contacto(e, &mut errores);
    errores
}

impl DatosGenerales {
    /// Checks everything; `hoy` (Mexico City date) bounds the registration date. Ok carries the
    /// warnings (unusual REPSE folio, registration past its three years).
    pub fn validar(
        e: &DatosGeneralesEntrada,
        persona_moral: bool,
        catalogo: &CatalogoPostal,
        hoy: NaiveDate,
    ) -> Result<(DatosGenerales, Vec<ErrorCampo>), Vec<ErrorCampo>> {
        let mut errores = Vec::new();
        let mut avisos = Vec::new();
        let (correo, celular, fijo) = contacto(e, &mut errores);

        // Domicilio social applies only to personas morales (IMSS FAQ).
        let mut igual_fiscal = None;
        let mut social = None;
        if persona_moral {
            match e.domicilio_social_igual_fiscal {
                None => errores.push(ErrorCampo::nuevo(
                    "domicilio_social_igual_fiscal",
                    ErrorCode::FieldRequired,
                    "Indica si el domicilio social es igual al fiscal (Sí o No).",
                )),
                Some(true) => igual_fiscal = Some(true),
                Some(false) => {
                    igual_fiscal = Some(false);
                    match &e.domicilio_social {
                        None => errores.push(ErrorCampo::nuevo(
                            "domicilio_social",
                            ErrorCode::FieldRequired,
                            "Captura el domicilio social: ubica el código postal, elige la colonia y escribe calle y número.",
                        )),
                        Some(d) => match Domicilio::validar(d, catalogo, "domicilio_social") {
                            Ok(d) => social = Some(d),
                            Err(mut err) => errores.append(&mut err),
                        },
                    }
                }
            }
        }
        let convencional = match &e.domicilio_convencional {
            None => None,
            Some(d) => match Domicilio::validar(d, catalogo, "domicilio_convencional") {
                Ok(d) => Some(d),
                Err(mut err) => {
                    errores.append(&mut err);
                    None
                }
            },
        };

        let repse = if e.repse.vacia() {
            None
        } else {
            repse(&e.repse, hoy, &mut errores, &mut avisos)
        };

        if !errores.is_empty() {
            return Err(errores);
        }
        Ok((
            DatosGenerales {
                correo,
                celular,
                fijo,
                domicilio_social_igual_fiscal: igual_fiscal,
                domicilio_social: social,
                domicilio_convencional: convencional,
                repse,
            },
            avisos,
        ))
    }
}

fn repse(
    e: &RepseEntrada,
    hoy: NaiveDate,
    errores: &mut Vec<ErrorCampo>,
    avisos: &mut Vec<ErrorCampo>,
) -> Option<Repse> {
    let antes = errores.len();
    let numero = match RegistroRepse::parse(&e.numero) {
        Ok((n, aviso)) => {
            if let Some(a) = aviso {
                avisos.push(ErrorCampo::de("repse.numero", &a));
            }
            n.as_str().to_string()
        }
        Err(err) => {
            errores.push(ErrorCampo::de("repse.numero", &err));
            String::new()
        }
    };
    let fecha_registro = match fecha(&e.fecha_registro) {
        None => {
            errores.push(ErrorCampo::nuevo(
                "repse.fecha_registro",
                if e.fecha_registro.trim().is_empty() {
                    ErrorCode::FieldRequired
                } else {
                    ErrorCode::FechaFormat
                },
                "Escribe la fecha de registro en el REPSE como aparece en el acuse de la STPS (DD/MM/AAAA).",
            ));
            None
        }
        Some(f) if f > hoy => {
            errores.push(ErrorCampo::nuevo(
                "repse.fecha_registro",
                ErrorCode::FechaFormat,
                "La fecha de registro en el REPSE no puede ser posterior a hoy.",
            ));
            None
        }
        Some(f) if f < NaiveDate::from_ymd_opt(2021, 4, 24).unwrap_or(f) => {
            // The REPSE exists since the 23 April 2021 reform (DOF); nothing was registered before.
            errores.push(ErrorCampo::nuevo(
                "repse.fecha_registro",
                ErrorCode::FechaFormat,
                "El REPSE existe desde el 24/04/2021: la fecha de registro no puede ser anterior.",
            ));
            None
        }
        Some(f) => {
            if vencimiento_repse(f) < hoy {
                avisos.push(ErrorCampo::nuevo(
                    "repse.fecha_registro",
                    ErrorCode::FechaFormat,
                    format!(
                        "El registro REPSE dura tres años y este venció el {}. Si ya lo renovaste, captura el número y la fecha del nuevo acuse.",
                        crate::domain::calendar::fecha_numerica(vencimiento_repse(f))
                    ),
                ));
            }
            Some(f)
        }
    };
    let servicios_capturados: Vec<&ServicioRepse> = e
        .servicios
        .iter()
        .filter(|s| !(s.folio.trim().is_empty() && s.descripcion.trim().is_empty()))
        .collect();
    if servicios_capturados.is_empty() {
        errores.push(ErrorCampo::nuevo(
            "repse.servicios",
            ErrorCode::FieldRequired,
            "Agrega al menos un servicio autorizado (folio y descripción, como en el acuse de la STPS).",
        ));
    }
    let mut servicios = Vec::new();
    for (i, s) in e.servicios.iter().enumerate() {
        if s.folio.trim().is_empty() && s.descripcion.trim().is_empty() {
            continue;
        }
        let folio = texto::requerido(
            errores,
            &format!("repse.servicios.{i}.folio"),
            "el folio del servicio",
            &s.folio,
            40,
        )
        .to_uppercase();
        let descripcion = texto::requerido(
            errores,
            &format!("repse.servicios.{i}.descripcion"),
            "la descripción del servicio",
            &s.descripcion,
            500,
        );
        if !folio.is_empty() && servicios.iter().any(|o: &ServicioRepse| o.folio == folio) {
            errores.push(ErrorCampo::nuevo(
                format!("repse.servicios.{i}.folio"),
                ErrorCode::FormInvalid,
                format!("El folio {folio} ya está en la lista: cada servicio autorizado tiene su propio folio."),
            ));
        }
        servicios.push(ServicioRepse { folio, descripcion });
    }
    (errores.len() == antes).then(|| Repse {
        numero,
        fecha_registro: fecha_registro.unwrap_or(hoy),
        servicios,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogo() -> CatalogoPostal {
        CatalogoPostal::desde_csv(
            "estado,nombre\nCMX,Ciudad de México\n",
            "estado,municipio,nombre\nCMX,015,Cuauhtémoc\n",
            "codigo_postal,estado,municipio,localidad\n06600,CMX,015,06\n",
            "codigo_postal,colonia,nombre\n06600,0930,Juárez\n",
        )
        .unwrap()
    }

    fn hoy() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    fn entrada() -> DatosGeneralesEntrada {
        DatosGeneralesEntrada {
            correo: "Pagos@Ejemplo.MX".into(),
            celular: "55 1234 5678".into(),
            fijo: "".into(),
            domicilio_social_igual_fiscal: Some(false),
            domicilio_social: Some(DomicilioEntrada {
                codigo_postal: "06600".into(),
                colonia: "0930".into(),
                calle: "Versalles".into(),
                numero_exterior: "15".into(),
                ..Default::default()
            }),
            domicilio_convencional: None,
            repse: RepseEntrada {
                numero: "ar12345/2024".into(),
                fecha_registro: "15/03/2024".into(),
                servicios: vec![ServicioRepse {
                    folio: "ar12345/2024-001".into(),
                    descripcion: "Mantenimiento de elevadores".into(),
                }],
            },
        }
    }

    #[test]
    fn a_complete_moral_form_is_accepted_and_normalised() {
        let (d, avisos) = DatosGenerales::validar(&entrada(), true, &catalogo(), hoy()).unwrap();
        assert!(avisos.is_empty(), "{avisos:?}");
        assert_eq!(d.celular, "5512345678");
        assert_eq!(d.domicilio_social.unwrap().colonia, "Juárez");
        let r = d.repse.unwrap();
        assert_eq!(r.numero, "AR12345/2024");
        assert_eq!(r.servicios[0].folio, "AR12345/2024-001");
        assert_eq!(
            r.fecha_registro,
            NaiveDate::from_ymd_opt(2024, 3, 15).unwrap()
        );
    }

    #[test]
    fn a_persona_fisica_has_no_domicilio_social() {
        let mut e = entrada();
        e.domicilio_social_igual_fiscal = None;
        let (d, _) = DatosGenerales::validar(&e, false, &catalogo(), hoy()).unwrap();
        assert_eq!(d.domicilio_social, None);
        assert_eq!(d.domicilio_social_igual_fiscal, None);
    }

    #[test]
    fn a_moral_must_answer_the_domicilio_social_question() {
        let mut e = entrada();
        e.domicilio_social_igual_fiscal = None;
        let err = DatosGenerales::validar(&e, true, &catalogo(), hoy()).unwrap_err();
        assert_eq!(err[0].campo, "domicilio_social_igual_fiscal");
    }

    #[test]
    fn all_errors_come_together() {
        let mut e = entrada();
        e.correo = "sin-arroba".into();
        e.celular = "".into();
        e.fijo = "123".into();
        e.repse.fecha_registro = "31/02/2024".into();
        e.repse.servicios.push(ServicioRepse {
            folio: "AR12345/2024-001".into(),
            descripcion: "Otra".into(),
        });
        let err = DatosGenerales::validar(&e, true, &catalogo(), hoy()).unwrap_err();
        let campos: Vec<_> = err.iter().map(|e| e.campo.as_str()).collect();
        assert_eq!(
            campos,
            [
                "correo",
                "celular",
                "fijo",
                "repse.fecha_registro",
                "repse.servicios.1.folio"
            ]
        );
    }

    #[test]
    fn an_empty_repse_section_is_pending_not_an_error() {
        let mut e = entrada();
        e.repse = RepseEntrada::default();
        let (d, _) = DatosGenerales::validar(&e, true, &catalogo(), hoy()).unwrap();
        assert!(d.repse.is_none());
    }

    #[test]
    fn a_future_registration_date_is_refused_and_an_old_one_warned() {
        let mut e = entrada();
        e.repse.fecha_registro = "2026-11-22".into();
        assert!(DatosGenerales::validar(&e, true, &catalogo(), hoy()).is_err());
        e.repse.fecha_registro = "2023-06-01".into();
        let (_, avisos) = DatosGenerales::validar(&e, true, &catalogo(), hoy()).unwrap();
        assert!(
            avisos[0].mensaje.contains("venció el 01/06/2026"),
            "{avisos:?}"
        );
        e.repse.numero = "REG 77".into();
        let (_, avisos) = DatosGenerales::validar(&e, true, &catalogo(), hoy()).unwrap();
        assert_eq!(avisos[0].codigo, ErrorCode::RepseFormat);
    }

    #[test]
    fn a_service_needs_folio_and_description() {
        let mut e = entrada();
        e.repse.servicios = vec![ServicioRepse {
            folio: "X1".into(),
            descripcion: "  ".into(),
        }];
        let err = DatosGenerales::validar(&e, true, &catalogo(), hoy()).unwrap_err();
        assert_eq!(err[0].campo, "repse.servicios.0.descripcion");
    }
}
