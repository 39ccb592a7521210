//! A contract of an informativa (domain.md §3.6): the contratante (client) block and the contract
//! block, checked field by field. The browser runs the same checks for instant feedback and for
//! the contract CSV preview (without the postal catalog); the server runs them with it.
//!
//! Rules applied here: V03 (contratante ≠ contratista), V04 (service from the contratista's
//! REPSE services, stored as folio + description as the IMSS FAQ asks), V05 (start inside the
//! period, end ≥ start), V12 (RFC structure; a check-digit mismatch is only a warning), V13
//! (correo and celular present).

use super::super::cuenta::datos::fecha;
use super::super::cuenta::texto;
use crate::domain::calendar::Periodo;
use crate::domain::contacto::{campos_contacto, Faltantes};
use crate::domain::cuenta::{CatalogoPostal, Domicilio, DomicilioEntrada, ServicioRepse};
use crate::domain::error::{ErrorCampo, ErrorCode};
use crate::domain::ids::Rfc;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Longest "objeto del contrato" (PROP ≤ 500, domain.md §3.6).
pub const MAX_OBJETO: usize = 500;
/// Longest name or razón social.
pub const MAX_NOMBRE: usize = 254;
/// Longest contract number (SISUB: numeric ≤ 30; letters are forgiven here).
pub const MAX_NUMERO: usize = 30;

/// A contract as typed in the form or read from a CSV row.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ContratoEntrada {
    /// RFC of the contratante.
    pub rfc_contratante: String,
    /// Name or razón social.
    pub nombre_contratante: String,
    /// E-mail.
    pub correo: String,
    /// Mobile phone.
    pub celular: String,
    /// Landline (optional).
    pub fijo: String,
    /// Domicilio social, when captured.
    pub domicilio_social: Option<DomicilioEntrada>,
    /// Domicilio convencional, when captured.
    pub domicilio_convencional: Option<DomicilioEntrada>,
    /// Objeto del contrato.
    pub objeto: String,
    /// Folio of the REPSE service.
    pub servicio: String,
    /// Start date (`AAAA-MM-DD` or `DD/MM/AAAA`).
    pub fecha_inicio: String,
    /// End date (optional).
    pub fecha_termino: String,
    /// The parties' contract number (optional; SISUB).
    pub numero_contrato: String,
    /// Amount in pesos (optional; SISUB).
    pub monto: String,
    /// Estimated number of workers (optional; LFT art. 14, SISUB).
    pub trabajadores_estimados: String,
}

/// A checked contract, as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Contrato {
    /// RFC of the contratante.
    pub rfc_contratante: String,
    /// Name or razón social.
    pub nombre_contratante: String,
    /// E-mail.
    pub correo: String,
    /// Mobile phone, 10 digits.
    pub celular: String,
    /// Landline, 10 digits.
    pub fijo: Option<String>,
    /// Domicilio social.
    pub domicilio_social: Option<Domicilio>,
    /// Domicilio convencional.
    pub domicilio_convencional: Option<Domicilio>,
    /// Objeto del contrato.
    pub objeto: String,
    /// The REPSE service: folio and description.
    pub servicio: ServicioRepse,
    /// Start date.
    pub fecha_inicio: NaiveDate,
    /// End date.
    pub fecha_termino: Option<NaiveDate>,
    /// Contract number.
    pub numero_contrato: Option<String>,
    /// Amount in centavos.
    pub monto_centavos: Option<u64>,
    /// Estimated workers.
    pub trabajadores_estimados: Option<u32>,
}

impl Contrato {
    /// The form's values again (to edit or copy).
    pub fn entrada(&self) -> ContratoEntrada {
        ContratoEntrada {
            rfc_contratante: self.rfc_contratante.clone(),
            nombre_contratante: self.nombre_contratante.clone(),
            correo: self.correo.clone(),
            celular: self.celular.clone(),
            fijo: self.fijo.clone().unwrap_or_default(),
            domicilio_social: self.domicilio_social.as_ref().map(Domicilio::entrada),
            domicilio_convencional: self.domicilio_convencional.as_ref().map(Domicilio::entrada),
            objeto: self.objeto.clone(),
            servicio: self.servicio.folio.clone(),
            fecha_inicio: self.fecha_inicio.format("%Y-%m-%d").to_string(),
            fecha_termino: self
                .fecha_termino
                .map(|f| f.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            numero_contrato: self.numero_contrato.clone().unwrap_or_default(),
            monto: self.monto_centavos.map(pesos).unwrap_or_default(),
            trabajadores_estimados: self
                .trabajadores_estimados
                .map(|n| n.to_string())
                .unwrap_or_default(),
        }
    }
}

/// `12345.6` pesos from centavos, as typed.
pub fn pesos(centavos: u64) -> String {
    format!("{}.{:02}", centavos / 100, centavos % 100)
}

/// What a contract is checked against.
#[derive(Clone, Copy)]
pub struct ContextoContrato<'a> {
    /// The contratista's RFC (V03).
    pub rfc_contratista: &'a str,
    /// The informativa's period (V05).
    pub periodo: Periodo,
    /// The contratista's REPSE services (V04).
    pub servicios: &'a [ServicioRepse],
    /// The SAT postal catalog; `None` in the browser, where domicilios are checked on save.
    pub catalogo: Option<&'a CatalogoPostal>,
}

fn fecha_campo(
    errores: &mut Vec<ErrorCampo>,
    campo: &str,
    etiqueta: &str,
    valor: &str,
) -> Option<NaiveDate> {
    let v = valor.trim();
    if v.is_empty() {
        return None;
    }
    let f = fecha(v);
    if f.is_none() {
        errores.push(ErrorCampo::nuevo(
            campo,
            ErrorCode::FechaFormat,
            format!("La {etiqueta} «{v}» no es una fecha válida; escríbela como DD/MM/AAAA (por ejemplo 15/09/2026)."),
        ));
    }
    f
}

/// Pesos with up to two decimals: `$1,234,567.50`, `1234567.5`, `1234567`.
fn monto(errores: &mut Vec<ErrorCampo>, valor: &str) -> Option<u64> {
    let v = valor.trim();
    if v.is_empty() {
        return None;
    }
    let limpio: String = v
        .trim_start_matches('$')
        .chars()
        .filter(|c| !matches!(c, ',' | ' '))
        .collect();
    let error = || {
        ErrorCampo::nuevo(
            "monto",
            ErrorCode::FieldRequired,
            format!("El monto «{v}» no es válido: escribe pesos con hasta dos decimales, por ejemplo 150000.00."),
        )
    };
    let (enteros, decimales) = limpio.split_once('.').unwrap_or((&limpio, ""));
    let ok = !enteros.is_empty()
        && enteros.len() <= 13
        && enteros.chars().all(|c| c.is_ascii_digit())
        && decimales.len() <= 2
        && decimales.chars().all(|c| c.is_ascii_digit());
    if !ok {
        errores.push(error());
        return None;
    }
    let e: u64 = enteros.parse().ok()?;
    let d: u64 = format!("{decimales:0<2}").parse().unwrap_or(0);
    Some(e * 100 + d)
}

impl Contrato {
    /// Checks every field; Ok carries the warnings (an RFC check digit that does not match).
    pub fn validar(
        e: &ContratoEntrada,
        ctx: &ContextoContrato<'_>,
    ) -> Result<(Contrato, Vec<ErrorCampo>), Vec<ErrorCampo>> {
        let mut errores = Vec::new();
        let mut avisos = Vec::new();

        let rfc = if e.rfc_contratante.trim().is_empty() {
            errores.push(ErrorCampo::nuevo(
                "rfc_contratante",
                ErrorCode::FieldRequired,
                "Escribe el RFC del contratante (12 caracteres persona moral, 13 persona física; XEXX010101000 si es extranjero).",
            ));
            String::new()
        } else {
            match Rfc::parse(&e.rfc_contratante) {
                Ok(r) => {
                    for a in r.avisos() {
                        avisos.push(ErrorCampo::nuevo("rfc_contratante", a.codigo, a.mensaje));
                    }
                    // V03 (IMSS inconsistency #1): a contratista cannot contract itself.
                    if r.as_str() == ctx.rfc_contratista {
                        errores.push(ErrorCampo::nuevo(
                            "rfc_contratante",
                            ErrorCode::RfcContratista,
                            "El RFC del contratante es el tuyo. Escribe el RFC del cliente que te contrató: contratista y contratante no pueden ser el mismo.",
                        ));
                    }
                    r.as_str().to_string()
                }
                Err(err) => {
                    errores.push(ErrorCampo::de("rfc_contratante", &err));
                    String::new()
                }
            }
        };
        let nombre = texto::requerido(
            &mut errores,
            "nombre_contratante",
            "el nombre o razón social del contratante",
            &e.nombre_contratante,
            MAX_NOMBRE,
        );
        // V13: correo and celular of the contratante are required.
        let (correo, celular, fijo) = campos_contacto(
            &e.correo,
            &e.celular,
            &e.fijo,
            &Faltantes {
                correo: "Escribe el correo electrónico del contratante.",
                celular: "Escribe el teléfono celular del contratante (10 dígitos).",
            },
            &mut errores,
        );
        let mut domicilio = |d: &Option<DomicilioEntrada>, prefijo: &str| match (d, ctx.catalogo) {
            (Some(d), Some(catalogo)) => match Domicilio::validar(d, catalogo, prefijo) {
                Ok(d) => Some(d),
                Err(mut err) => {
                    errores.append(&mut err);
                    None
                }
            },
            _ => None,
        };
        let social = domicilio(&e.domicilio_social, "domicilio_social");
        let convencional = domicilio(&e.domicilio_convencional, "domicilio_convencional");

        let objeto = texto::requerido(
            &mut errores,
            "objeto",
            "el objeto del contrato",
            &e.objeto,
            MAX_OBJETO,
        );
        // V04 (IMSS inconsistency #2): the service must be one the STPS authorised, captured as
        // "folio + descripción" (IMSS FAQ).
        let folio = texto::limpiar(&e.servicio);
        let servicio = if folio.is_empty() {
            errores.push(ErrorCampo::nuevo(
                "servicio",
                ErrorCode::FieldRequired,
                "Elige el servicio u obra especializado de tu registro REPSE que ampara este contrato.",
            ));
            None
        } else {
            let s = ctx
                .servicios
                .iter()
                .find(|s| s.folio.eq_ignore_ascii_case(&folio));
            if s.is_none() {
                let lista: Vec<&str> = ctx.servicios.iter().map(|s| s.folio.as_str()).collect();
                errores.push(ErrorCampo::nuevo(
                    "servicio",
                    ErrorCode::ServicioUnknown,
                    if lista.is_empty() {
                        format!("El servicio «{folio}» no está en tu registro REPSE: aún no capturas servicios. Agrégalos en Datos generales.")
                    } else {
                        format!(
                            "El servicio «{folio}» no está en tu registro REPSE. Usa uno de tus folios: {}. Si te autorizaron otro, agrégalo en Datos generales.",
                            lista.join(", ")
                        )
                    },
                ));
            }
            s.cloned()
        };
        // V05 (IMSS inconsistency #3): ICSOE reports contracts that *started* in the period.
        let inicio = fecha_campo(
            &mut errores,
            "fecha_inicio",
            "fecha de inicio",
            &e.fecha_inicio,
        );
        if e.fecha_inicio.trim().is_empty() {
            errores.push(ErrorCampo::nuevo(
                "fecha_inicio",
                ErrorCode::FieldRequired,
                "Escribe la fecha de inicio del contrato (DD/MM/AAAA).",
            ));
        }
        let (desde, hasta) = (ctx.periodo.inicio(), ctx.periodo.fin());
        if let Some(i) = inicio {
            if i < desde || i > hasta {
                errores.push(ErrorCampo::nuevo(
                    "fecha_inicio",
                    ErrorCode::FechaOutOfPeriod,
                    format!(
                        "La fecha de inicio {} está fuera del periodo que informas ({} al {}). Esta informativa solo lleva contratos que iniciaron en el periodo; un contrato de otro periodo va en la informativa de ese periodo.",
                        i.format("%d/%m/%Y"),
                        desde.format("%d/%m/%Y"),
                        hasta.format("%d/%m/%Y"),
                    ),
                ));
            }
        }
        let termino = fecha_campo(
            &mut errores,
            "fecha_termino",
            "fecha de término",
            &e.fecha_termino,
        );
        if let (Some(i), Some(t)) = (inicio, termino) {
            if t < i {
                errores.push(ErrorCampo::nuevo(
                    "fecha_termino",
                    ErrorCode::FechaOutOfPeriod,
                    format!(
                        "La fecha de término {} es anterior a la de inicio {}. Corrígela o déjala vacía si aún no la conoces.",
                        t.format("%d/%m/%Y"),
                        i.format("%d/%m/%Y")
                    ),
                ));
            }
        }
        let numero = texto::opcional(
            &mut errores,
            "numero_contrato",
            "el número de contrato",
            &e.numero_contrato,
            MAX_NUMERO,
        );
        let monto = monto(&mut errores, &e.monto);
        let estimados = match e.trabajadores_estimados.trim() {
            "" => None,
            t => match t.replace(',', "").parse::<u32>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    errores.push(ErrorCampo::nuevo(
                        "trabajadores_estimados",
                        ErrorCode::FieldRequired,
                        format!("El número estimado de trabajadores «{t}» debe ser un número entero mayor que cero."),
                    ));
                    None
                }
            },
        };

        match (servicio, inicio) {
            (Some(servicio), Some(fecha_inicio)) if errores.is_empty() => Ok((
                Contrato {
                    rfc_contratante: rfc,
                    nombre_contratante: nombre,
                    correo,
                    celular,
                    fijo,
                    domicilio_social: social,
                    domicilio_convencional: convencional,
                    objeto,
                    servicio,
                    fecha_inicio,
                    fecha_termino: termino,
                    numero_contrato: numero,
                    monto_centavos: monto,
                    trabajadores_estimados: estimados,
                },
                avisos,
            )),
            _ => Err(errores),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::calendar::{Anio, Cuatrimestre};

    pub(crate) fn servicios() -> Vec<ServicioRepse> {
        vec![ServicioRepse {
            folio: "AR12345/2021".into(),
            descripcion: "Mantenimiento de elevadores".into(),
        }]
    }

    pub(crate) fn entrada() -> ContratoEntrada {
        ContratoEntrada {
            rfc_contratante: "AAA010101AAA".into(),
            nombre_contratante: "Cliente SA de CV".into(),
            correo: "compras@cliente.mx".into(),
            celular: "55 1234 5678".into(),
            objeto: "Mantenimiento preventivo".into(),
            servicio: "AR12345/2021".into(),
            fecha_inicio: "15/09/2026".into(),
            ..Default::default()
        }
    }

    pub(crate) fn ctx(s: &[ServicioRepse]) -> ContextoContrato<'_> {
        ContextoContrato {
            rfc_contratista: "EKU9003173C9",
            periodo: Periodo::new(Anio::new(2026).unwrap(), Cuatrimestre::Tercero),
            servicios: s,
            catalogo: None,
        }
    }

    fn codigos(e: &ContratoEntrada) -> Vec<(String, ErrorCode)> {
        let s = servicios();
        match Contrato::validar(e, &ctx(&s)) {
            Ok(_) => Vec::new(),
            Err(v) => v.into_iter().map(|c| (c.campo, c.codigo)).collect(),
        }
    }

    #[test]
    fn a_complete_contract_passes_with_folio_and_description() {
        let s = servicios();
        let (c, _) = Contrato::validar(&entrada(), &ctx(&s)).unwrap();
        assert_eq!(c.servicio.descripcion, "Mantenimiento de elevadores");
        assert_eq!(c.celular, "5512345678");
        assert_eq!(
            c.fecha_inicio,
            NaiveDate::from_ymd_opt(2026, 9, 15).unwrap()
        );
        assert_eq!(Contrato::validar(&c.entrada(), &ctx(&s)).unwrap().0, c);
    }

    #[test]
    fn v03_the_contratista_cannot_be_its_own_client() {
        let e = ContratoEntrada {
            rfc_contratante: "eku9003173c9".into(),
            ..entrada()
        };
        assert_eq!(
            codigos(&e),
            vec![("rfc_contratante".into(), ErrorCode::RfcContratista)]
        );
    }

    #[test]
    fn v04_the_service_must_be_a_repse_service() {
        let e = ContratoEntrada {
            servicio: "XX999".into(),
            ..entrada()
        };
        assert_eq!(
            codigos(&e),
            vec![("servicio".into(), ErrorCode::ServicioUnknown)]
        );
        let e = ContratoEntrada {
            servicio: " ".into(),
            ..entrada()
        };
        assert_eq!(
            codigos(&e),
            vec![("servicio".into(), ErrorCode::FieldRequired)]
        );
    }

    #[test]
    fn v05_start_inside_the_period_and_end_after_start() {
        for fuera in ["31/08/2026", "2027-01-01"] {
            let e = ContratoEntrada {
                fecha_inicio: fuera.into(),
                ..entrada()
            };
            assert_eq!(
                codigos(&e),
                vec![("fecha_inicio".into(), ErrorCode::FechaOutOfPeriod)]
            );
        }
        for borde in ["01/09/2026", "31/12/2026"] {
            let e = ContratoEntrada {
                fecha_inicio: borde.into(),
                ..entrada()
            };
            assert!(codigos(&e).is_empty(), "{borde}");
        }
        let e = ContratoEntrada {
            fecha_termino: "14/09/2026".into(),
            ..entrada()
        };
        assert_eq!(
            codigos(&e),
            vec![("fecha_termino".into(), ErrorCode::FechaOutOfPeriod)]
        );
        let e = ContratoEntrada {
            fecha_inicio: String::new(),
            ..entrada()
        };
        assert_eq!(
            codigos(&e),
            vec![("fecha_inicio".into(), ErrorCode::FieldRequired)]
        );
        let e = ContratoEntrada {
            fecha_inicio: "31/02/2026".into(),
            ..entrada()
        };
        assert_eq!(
            codigos(&e),
            vec![("fecha_inicio".into(), ErrorCode::FechaFormat)]
        );
    }

    #[test]
    fn v13_correo_and_celular_are_required() {
        let e = ContratoEntrada {
            correo: String::new(),
            celular: "123".into(),
            ..entrada()
        };
        assert_eq!(
            codigos(&e),
            vec![
                ("correo".into(), ErrorCode::FieldRequired),
                ("celular".into(), ErrorCode::TelefonoFormat)
            ]
        );
    }

    #[test]
    fn optional_sisub_fields_are_parsed() {
        let s = servicios();
        let e = ContratoEntrada {
            monto: "$1,250,000.5".into(),
            trabajadores_estimados: "40".into(),
            numero_contrato: "C-2026-001".into(),
            ..entrada()
        };
        let (c, _) = Contrato::validar(&e, &ctx(&s)).unwrap();
        assert_eq!(c.monto_centavos, Some(125_000_050));
        assert_eq!(c.trabajadores_estimados, Some(40));
        assert_eq!(pesos(125_000_050), "1250000.50");
        let e = ContratoEntrada {
            monto: "12.345".into(),
            trabajadores_estimados: "0".into(),
            ..entrada()
        };
        assert_eq!(
            codigos(&e),
            vec![
                ("monto".into(), ErrorCode::FieldRequired),
                ("trabajadores_estimados".into(), ErrorCode::FieldRequired)
            ]
        );
    }

    #[test]
    fn a_wrong_rfc_check_digit_is_only_a_warning() {
        let s = servicios();
        let e = ContratoEntrada {
            rfc_contratante: "AAA010101AA1".into(),
            ..entrada()
        };
        let r = Contrato::validar(&e, &ctx(&s));
        if let Ok((_, avisos)) = r {
            assert!(avisos.iter().all(|a| a.codigo == ErrorCode::RfcCheckDigit));
        } else {
            panic!("{r:?}");
        }
    }
}
