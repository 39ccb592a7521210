//! The open findings of an informativa: every rule of domain.md §5.1 that IMSS would publish in
//! its "Listado con información inconsistente" months later (§5.2), found now, before signing.
//! Pure: the server gathers the counts and calls [`revisar`].

use super::TipoInformativa;
use crate::domain::calendar::Periodo;
use crate::domain::cuenta::HistorialRepse;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One open finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Hallazgo {
    /// The rule (`V02`…`V07`, or `DG` for incomplete datos generales).
    pub regla: String,
    /// The contract it concerns, when it concerns one.
    pub contrato: Option<i64>,
    /// What is wrong and how to fix it.
    pub mensaje: String,
}

/// What [`revisar`] needs of one contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RevisionContrato {
    /// Row id.
    pub id: i64,
    /// How people recognise it (client name and RFC).
    pub etiqueta: String,
    /// RFC of the contratante.
    pub rfc_contratante: String,
    /// Folio of the service.
    pub servicio: String,
    /// Start date.
    pub fecha_inicio: NaiveDate,
    /// End date.
    pub fecha_termino: Option<NaiveDate>,
    /// Workers attached.
    pub trabajadores: u64,
}

/// What [`revisar`] needs of the informativa.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RevisionInformativa<'a> {
    /// Contratista's RFC.
    pub rfc: &'a str,
    /// Type.
    pub tipo: TipoInformativa,
    /// Period.
    pub periodo: Periodo,
    /// Number of contracts the header declares (kept by the server as contracts change).
    pub contratos_declarados: u64,
    /// The contracts attached.
    pub contratos: &'a [RevisionContrato],
    /// The contratista's REPSE registrations: each contract is checked (V04) against the
    /// services registered on its start date.
    pub repse: &'a HistorialRepse,
    /// What datos generales still lack.
    pub pendientes: &'a [String],
}

/// Every open finding, in rule order.
pub fn revisar(i: &RevisionInformativa<'_>) -> Vec<Hallazgo> {
    let mut h = Vec::new();
    let mut agregar = |regla: &str, contrato: Option<i64>, mensaje: String| {
        h.push(Hallazgo {
            regla: regla.to_string(),
            contrato,
            mensaje,
        });
    };
    for p in i.pendientes {
        agregar("DG", None, format!("Datos generales: {p}"));
    }
    match i.tipo {
        TipoInformativa::Correccion if i.contratos.is_empty() => agregar(
            "V02",
            None,
            "La complementaria de corrección no tiene contratos: debe llevar todos los contratos de la informativa que corrige, cambiados o no. Si lo que quieres es anularla, usa una complementaria sin efectos.".into(),
        ),
        TipoInformativa::SinEfectos if !i.contratos.is_empty() => agregar(
            "V02",
            None,
            "Una complementaria sin efectos no lleva contratos. Elimina los contratos.".into(),
        ),
        TipoInformativa::Normal if i.contratos.is_empty() => agregar(
            "V02",
            None,
            "La informativa Normal no tiene contratos. Agrega los contratos que iniciaron en el periodo; si no hubo ninguno, elimínala y registra una informativa Sin información.".into(),
        ),
        TipoInformativa::SinInformacion if !i.contratos.is_empty() => agregar(
            "V02",
            None,
            "Una informativa Sin información no lleva contratos. Elimina los contratos o registra una informativa Normal.".into(),
        ),
        _ => {}
    }
    let (desde, hasta) = (i.periodo.inicio(), i.periodo.fin());
    for c in i.contratos {
        if c.rfc_contratante == i.rfc {
            agregar(
                "V03",
                Some(c.id),
                format!("Contrato con {}: el contratante tiene tu mismo RFC. Corrige el RFC del cliente.", c.etiqueta),
            );
        }
        if !i
            .repse
            .servicios_en(c.fecha_inicio)
            .iter()
            .any(|s| s.folio.eq_ignore_ascii_case(&c.servicio))
        {
            agregar(
                "V04",
                Some(c.id),
                format!("Contrato con {}: el servicio «{}» no estaba en tu registro REPSE en la fecha de inicio del contrato. Edita el contrato y elige uno de los servicios registrados entonces.", c.etiqueta, c.servicio),
            );
        }
        if c.fecha_inicio < desde || c.fecha_inicio > hasta {
            agregar(
                "V05",
                Some(c.id),
                format!(
                    "Contrato con {}: inicia el {}, fuera del periodo ({} al {}).",
                    c.etiqueta,
                    c.fecha_inicio.format("%d/%m/%Y"),
                    desde.format("%d/%m/%Y"),
                    hasta.format("%d/%m/%Y")
                ),
            );
        }
        if c.fecha_termino.is_some_and(|t| t < c.fecha_inicio) {
            agregar(
                "V05",
                Some(c.id),
                format!(
                    "Contrato con {}: la fecha de término es anterior a la de inicio.",
                    c.etiqueta
                ),
            );
        }
        if c.trabajadores == 0 {
            agregar(
                "V06",
                Some(c.id),
                format!("Contrato con {}: no tiene trabajadores. Agrega al menos uno (uno por uno o con carga masiva).", c.etiqueta),
            );
        }
    }
    if i.contratos_declarados != i.contratos.len() as u64 {
        agregar(
            "V07",
            None,
            format!(
                "La informativa declara {} contratos y tiene {}. Recarga la página; si persiste, avisa al administrador.",
                i.contratos_declarados,
                i.contratos.len()
            ),
        );
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::{Anio, Cuatrimestre};

    fn d(m: u32, dia: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, dia).unwrap()
    }

    fn contrato(id: i64) -> RevisionContrato {
        RevisionContrato {
            id,
            etiqueta: format!("Cliente {id}"),
            rfc_contratante: "AAA010101AAA".into(),
            servicio: "F1".into(),
            fecha_inicio: d(9, 15),
            fecha_termino: None,
            trabajadores: 3,
        }
    }

    fn reglas(
        tipo: TipoInformativa,
        contratos: &[RevisionContrato],
        declarados: u64,
    ) -> Vec<(String, Option<i64>)> {
        revisar(&RevisionInformativa {
            rfc: "EKU9003173C9",
            tipo,
            periodo: Periodo::new(Anio::new(2026).unwrap(), Cuatrimestre::Tercero),
            contratos_declarados: declarados,
            contratos,
            repse: &HistorialRepse::nuevo(vec![crate::domain::cuenta::Repse {
                numero: "AR1/2021".into(),
                fecha_registro: chrono::NaiveDate::from_ymd_opt(2021, 9, 1).unwrap(),
                servicios: vec![crate::domain::cuenta::ServicioRepse {
                    folio: "F1".into(),
                    descripcion: "x".into(),
                }],
            }]),
            pendientes: &[],
        })
        .into_iter()
        .map(|h| (h.regla, h.contrato))
        .collect()
    }

    #[test]
    fn a_clean_informativa_has_no_findings() {
        assert!(reglas(TipoInformativa::Normal, &[contrato(1)], 1).is_empty());
        assert!(reglas(TipoInformativa::SinInformacion, &[], 0).is_empty());
    }

    #[test]
    fn v02_normal_without_contracts() {
        assert_eq!(
            reglas(TipoInformativa::Normal, &[], 0),
            vec![("V02".into(), None)]
        );
    }

    #[test]
    fn every_contract_rule_names_its_contract() {
        let mut c = contrato(7);
        c.rfc_contratante = "EKU9003173C9".into();
        c.servicio = "VIEJO".into();
        c.fecha_inicio = d(8, 31);
        c.fecha_termino = Some(d(8, 1));
        c.trabajadores = 0;
        let r = reglas(TipoInformativa::Normal, &[c], 1);
        let esperado: Vec<(String, Option<i64>)> = ["V03", "V04", "V05", "V05", "V06"]
            .iter()
            .map(|r| (r.to_string(), Some(7)))
            .collect();
        assert_eq!(r, esperado);
    }

    #[test]
    fn v07_declared_count_differs() {
        assert_eq!(
            reglas(TipoInformativa::Normal, &[contrato(1)], 2),
            vec![("V07".into(), None)]
        );
    }

    #[test]
    fn pending_datos_generales_block_too() {
        let h = revisar(&RevisionInformativa {
            rfc: "EKU9003173C9",
            tipo: TipoInformativa::SinInformacion,
            periodo: Periodo::new(Anio::new(2026).unwrap(), Cuatrimestre::Tercero),
            contratos_declarados: 0,
            contratos: &[],
            repse: &HistorialRepse::default(),
            pendientes: &["Sube el acuse.".to_string()],
        });
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].regla, "DG");
    }
}
