//! The listado público and the listado con información inconsistente (Lineamientos 6.1–6.2;
//! domain.md §3.9 and §5.2): which filings a publication carries, one row per contract with
//! IMSS's thirteen columns in IMSS's order, the file names IMSS uses (`LPP2026.xlsx`,
//! `LIIP2026.xlsx`), and the seven published inconsistency types.
//!
//! The lists show **names, not RFCs**, and never workers, salaries, amounts, addresses or
//! contact data: a row is built from [`Declarada`] and [`ContratoDeclarado`], which carry nothing
//! else, so nothing private can reach a public file by mistake.

use crate::domain::calendar::Periodo;
use crate::domain::informativas::TipoInformativa;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The public list's headers, in IMSS's order.
pub const ENCABEZADOS: [&str; 13] = [
    "Nombre o razón social del contratista",
    "Tipo de persona del contratista",
    "Nombre o razón social del contratante",
    "Tipo de persona del contratante",
    "Servicios u obras contratados",
    "Fecha de inicio",
    "Fecha de término",
    "Número de trabajadores",
    "Año",
    "Cuatrimestre",
    "Tipo de informativa",
    "Folio de la informativa",
    "Fecha de presentación",
];

/// The inconsistent list adds the type after the public columns.
pub const ENCABEZADO_INCONSISTENCIA: &str = "Tipo de inconsistencia";

/// Which of the two lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Lista {
    /// Every contract of every valid presented informativa.
    Publico,
    /// The rows that match one of the seven inconsistency types.
    Inconsistente,
}

impl Lista {
    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            Lista::Publico => "publico",
            Lista::Inconsistente => "inconsistente",
        }
    }

    /// From the stored value.
    pub fn parse(texto: &str) -> Option<Self> {
        match texto {
            "publico" => Some(Lista::Publico),
            "inconsistente" => Some(Lista::Inconsistente),
            _ => None,
        }
    }

    /// IMSS's prefix: `LP` (listado público), `LII` (información inconsistente).
    fn prefijo(self) -> &'static str {
        match self {
            Lista::Publico => "LP",
            Lista::Inconsistente => "LII",
        }
    }
}

/// The file name IMSS gives a list: prefix, P/S/T for the first/second/third cuatrimestre,
/// the year (`LPP2026.xlsx`, `LPT2025.csv`, `LIIP2026.xlsx`).
pub fn nombre_archivo(lista: Lista, periodo: Periodo, extension: &str) -> String {
    let letra = match periodo.cuatrimestre.numero() {
        1 => "P",
        2 => "S",
        _ => "T",
    };
    format!(
        "{}{letra}{}.{extension}",
        lista.prefijo(),
        periodo.anio.get()
    )
}

/// "Moral" for a 12-character RFC, "Física" for a 13-character one (domain.md §7.2).
pub fn persona_de_rfc(rfc: &str) -> &'static str {
    if rfc.trim().chars().count() == 12 {
        "Moral"
    } else {
        "Física"
    }
}

/// Whether a presented filing of this type carries rows: a Normal, a Sin información and a
/// Corrección do; a Sin efectos only removes its original's.
pub fn se_publica(tipo: TipoInformativa) -> bool {
    tipo != TipoInformativa::SinEfectos
}

/// A presented informativa in force (not replaced by a Corrección, not annulled by a Sin
/// efectos) — only what the lists may show or need to judge it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declarada {
    /// The contratista's RFC (never written to a list; the rules compare it).
    pub rfc: String,
    /// Its name or razón social.
    pub contratista: String,
    /// The period.
    pub periodo: Periodo,
    /// Its type.
    pub tipo: TipoInformativa,
    /// Its folio.
    pub folio: String,
    /// Presentation date (central time).
    pub presentada: NaiveDate,
    /// The number of contracts the signed filing declares.
    pub contratos_declarados: u64,
}

/// One contract of a [`Declarada`], as the lists need it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContratoDeclarado {
    /// The contratante's RFC (never written; gives its person type and rule 1).
    pub rfc_contratante: String,
    /// Its name.
    pub contratante: String,
    /// The REPSE service description.
    pub servicio: String,
    /// Start date.
    pub inicio: NaiveDate,
    /// End date, if any.
    pub termino: Option<NaiveDate>,
    /// Workers reported on it.
    pub trabajadores: u64,
}

/// One row of a list, the cells in [`ENCABEZADOS`] order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FilaListado {
    /// Contratista's name.
    pub contratista: String,
    /// "Moral" or "Física".
    pub persona_contratista: String,
    /// Contratante's name; empty on a Sin información row.
    pub contratante: String,
    /// Its person type; empty on a Sin información row.
    pub persona_contratante: String,
    /// The service.
    pub servicio: String,
    /// Start.
    pub inicio: Option<NaiveDate>,
    /// End.
    pub termino: Option<NaiveDate>,
    /// Workers; none on a Sin información row.
    pub trabajadores: Option<u64>,
    /// Year.
    pub anio: i32,
    /// Cuatrimestre 1–3.
    pub cuatrimestre: u8,
    /// "Normal", "Sin información", "Complementaria de corrección".
    pub tipo: String,
    /// Folio.
    pub folio: String,
    /// Presentation date.
    pub presentada: NaiveDate,
}

impl FilaListado {
    /// The row of one contract, or of a filing without contracts (`None`).
    pub fn de(d: &Declarada, c: Option<&ContratoDeclarado>) -> Self {
        FilaListado {
            contratista: d.contratista.clone(),
            persona_contratista: persona_de_rfc(&d.rfc).to_string(),
            contratante: c.map(|c| c.contratante.clone()).unwrap_or_default(),
            persona_contratante: c
                .map(|c| persona_de_rfc(&c.rfc_contratante).to_string())
                .unwrap_or_default(),
            servicio: c.map(|c| c.servicio.clone()).unwrap_or_default(),
            inicio: c.map(|c| c.inicio),
            termino: c.and_then(|c| c.termino),
            trabajadores: c.map(|c| c.trabajadores),
            anio: d.periodo.anio.get(),
            cuatrimestre: d.periodo.cuatrimestre.numero(),
            tipo: d.tipo.etiqueta().to_string(),
            folio: d.folio.clone(),
            presentada: d.presentada,
        }
    }

    /// The cells as text, dates as `DD/MM/AAAA` (how IMSS's files read in Mexico).
    pub fn celdas(&self) -> [String; 13] {
        let fecha = |f: Option<NaiveDate>| f.map(fecha_mx).unwrap_or_default();
        [
            self.contratista.clone(),
            self.persona_contratista.clone(),
            self.contratante.clone(),
            self.persona_contratante.clone(),
            self.servicio.clone(),
            fecha(self.inicio),
            fecha(self.termino),
            self.trabajadores.map(|n| n.to_string()).unwrap_or_default(),
            self.anio.to_string(),
            self.cuatrimestre.to_string(),
            self.tipo.clone(),
            self.folio.clone(),
            fecha_mx(self.presentada),
        ]
    }
}

/// `DD/MM/AAAA`.
pub fn fecha_mx(f: NaiveDate) -> String {
    f.format("%d/%m/%Y").to_string()
}

/// The seven inconsistency types IMSS publishes (domain.md §5.2), numbered as IMSS numbers them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Inconsistencia {
    /// 1. The contratante is the contratista itself.
    MismaPersona,
    /// 2. A Normal or Corrección contract without the service description.
    SinServicio,
    /// 3. A start date outside the period, or an end before the start.
    FechaInconsistente,
    /// 4. A contract without workers.
    SinTrabajadores,
    /// 5. A Normal or Corrección presented without contracts.
    SinContratos,
    /// 6. More than one informativa in force for the same contratista and period.
    MasDeUna,
    /// 7. The declared number of contracts differs from the contracts in the filing.
    ConteoDistinto,
}

impl Inconsistencia {
    /// IMSS's wording.
    pub fn etiqueta(self) -> &'static str {
        match self {
            Inconsistencia::MismaPersona => "Contratista y contratante son el mismo",
            Inconsistencia::SinServicio => {
                "Informativa Normal o de Corrección sin descripción del servicio u obra especializada"
            }
            Inconsistencia::FechaInconsistente => {
                "Contrato sin fecha de inicio o con fecha inconsistente"
            }
            Inconsistencia::SinTrabajadores => "Contratos sin trabajadores",
            Inconsistencia::SinContratos => "Informativas presentadas sin información de contratos",
            Inconsistencia::MasDeUna => "Más de una informativa por periodo",
            Inconsistencia::ConteoDistinto => {
                "El número de contratos declarado difiere de los contratos en la informativa"
            }
        }
    }
}

/// The inconsistencies of a whole filing (types 5, 6 and 7): `contratos` is how many contracts
/// it holds, `vigentes_del_periodo` how many informativas in force the contratista has for the
/// period (this one included). Publishing streams contracts, so a filing is judged on counts.
pub fn de_informativa(
    d: &Declarada,
    contratos: u64,
    vigentes_del_periodo: u64,
) -> Vec<Inconsistencia> {
    let mut halladas = Vec::new();
    if vigentes_del_periodo > 1 {
        halladas.push(Inconsistencia::MasDeUna);
    }
    if d.tipo.lleva_contratos() && contratos == 0 {
        halladas.push(Inconsistencia::SinContratos);
    }
    if d.tipo.lleva_contratos() && d.contratos_declarados != contratos {
        halladas.push(Inconsistencia::ConteoDistinto);
    }
    halladas
}

/// The inconsistencies of one contract of a filing (types 1 to 4).
pub fn de_contrato(d: &Declarada, c: &ContratoDeclarado) -> Vec<Inconsistencia> {
    let mut halladas = Vec::new();
    if c.rfc_contratante.trim().eq_ignore_ascii_case(d.rfc.trim()) {
        halladas.push(Inconsistencia::MismaPersona);
    }
    if c.servicio.trim().is_empty() {
        halladas.push(Inconsistencia::SinServicio);
    }
    let fuera = c.inicio < d.periodo.inicio() || c.inicio > d.periodo.fin();
    if fuera || c.termino.is_some_and(|t| t < c.inicio) {
        halladas.push(Inconsistencia::FechaInconsistente);
    }
    if c.trabajadores == 0 {
        halladas.push(Inconsistencia::SinTrabajadores);
    }
    halladas
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::{Anio, Cuatrimestre};

    fn periodo(anio: i64, p: u8) -> Periodo {
        Periodo::new(
            Anio::new(anio).unwrap(),
            Cuatrimestre::from_numero(p).unwrap(),
        )
    }

    fn declarada(tipo: TipoInformativa, contratos: u64) -> Declarada {
        Declarada {
            rfc: "KEM910101AB1".into(),
            contratista: "KEMPER SERVICIOS SA DE CV".into(),
            periodo: periodo(2026, 1),
            tipo,
            folio: "N26100001".into(),
            presentada: NaiveDate::from_ymd_opt(2026, 5, 12).unwrap(),
            contratos_declarados: contratos,
        }
    }

    fn contrato() -> ContratoDeclarado {
        ContratoDeclarado {
            rfc_contratante: "GODE561231GR8".into(),
            contratante: "EMILIO GONZÁLEZ DÍAZ".into(),
            servicio: "Limpieza de oficinas".into(),
            inicio: NaiveDate::from_ymd_opt(2026, 2, 1).unwrap(),
            termino: None,
            trabajadores: 4,
        }
    }

    #[test]
    fn file_names_follow_imss() {
        assert_eq!(
            nombre_archivo(Lista::Publico, periodo(2026, 1), "xlsx"),
            "LPP2026.xlsx"
        );
        assert_eq!(
            nombre_archivo(Lista::Publico, periodo(2025, 3), "csv"),
            "LPT2025.csv"
        );
        assert_eq!(
            nombre_archivo(Lista::Inconsistente, periodo(2026, 2), "xlsx"),
            "LIIS2026.xlsx"
        );
    }

    #[test]
    fn a_row_has_names_and_types_not_rfcs_and_a_sin_informacion_row_has_no_contract() {
        let d = declarada(TipoInformativa::Normal, 1);
        let fila = FilaListado::de(&d, Some(&contrato()));
        let celdas = fila.celdas();
        assert_eq!(celdas.len(), ENCABEZADOS.len());
        assert_eq!(celdas[0], "KEMPER SERVICIOS SA DE CV");
        assert_eq!(celdas[1], "Moral");
        assert_eq!(celdas[2], "EMILIO GONZÁLEZ DÍAZ");
        assert_eq!(celdas[3], "Física");
        assert_eq!(celdas[5], "01/02/2026");
        assert_eq!(celdas[7], "4");
        assert_eq!(celdas[12], "12/05/2026");
        assert!(!celdas.iter().any(|c| c.contains("KEM910101AB1")));
        let si = FilaListado::de(&declarada(TipoInformativa::SinInformacion, 0), None);
        assert_eq!(si.celdas()[10], "Sin información");
        assert_eq!(si.celdas()[2], "");
        assert_eq!(si.celdas()[7], "");
    }

    #[test]
    fn each_inconsistency_type_is_found_where_it_is() {
        let d = declarada(TipoInformativa::Normal, 3);
        assert_eq!(
            de_informativa(&d, 4, 2),
            vec![Inconsistencia::MasDeUna, Inconsistencia::ConteoDistinto]
        );
        let mut misma = contrato();
        misma.rfc_contratante = "kem910101ab1".into();
        assert_eq!(de_contrato(&d, &misma), vec![Inconsistencia::MismaPersona]);
        let mut sin_servicio = contrato();
        sin_servicio.servicio = " ".into();
        sin_servicio.trabajadores = 0;
        assert_eq!(
            de_contrato(&d, &sin_servicio),
            vec![Inconsistencia::SinServicio, Inconsistencia::SinTrabajadores]
        );
        let mut fuera = contrato();
        fuera.inicio = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        assert_eq!(
            de_contrato(&d, &fuera),
            vec![Inconsistencia::FechaInconsistente]
        );
        let mut al_reves = contrato();
        al_reves.termino = NaiveDate::from_ymd_opt(2026, 1, 15);
        assert_eq!(
            de_contrato(&d, &al_reves),
            vec![Inconsistencia::FechaInconsistente]
        );
    }

    #[test]
    fn a_clean_filing_and_a_sin_informacion_have_none_but_an_empty_normal_does() {
        let d = declarada(TipoInformativa::Normal, 1);
        assert!(de_informativa(&d, 1, 1).is_empty());
        assert!(de_contrato(&d, &contrato()).is_empty());
        let si = declarada(TipoInformativa::SinInformacion, 0);
        assert!(de_informativa(&si, 0, 1).is_empty());
        let vacia = declarada(TipoInformativa::Correccion, 0);
        assert_eq!(
            de_informativa(&vacia, 0, 1),
            vec![Inconsistencia::SinContratos]
        );
    }
}
