//! The **cadena original** of an informativa (domain.md §8.6), version 1.1: the canonical string
//! the contratista signs with the e.firma (RSA-SHA256, §8.4) and the server checks against its
//! stored data before presenting. Documented field by field in `docs/CADENA_ORIGINAL.md`; a
//! change to any byte here is a new version, never an edit of a published one.
//!
//! ```text
//! ||ICSOE|1.1|{TIPO}|{rfc}|{año}|{periodo}|{folio de referencia}|{contratos}|{trabajadores}|{sha256 del detalle}||
//! ```
//!
//! Version 1.1 binds exactly one set of data: every text value is written whole, with `\`, `|`,
//! `/` and line breaks escaped by a backslash, so no value can imitate a separator. (Version 1.0
//! replaced separators by spaces and joined the parts of an address with `/`: the street
//! "Reforma/10" with number "5" and the street "Reforma" with number "10/5" signed the same
//! string.) Acuses issued under 1.0 keep verifying: the seal and signature are checked over the
//! stored cadena, never over a rebuilt one.
//!
//! The detail (every contract with every worker) is too big to sign as text (a million workers
//! is ~40 MB), so the cadena carries its SHA-256 instead, computed over a line-oriented
//! serialisation that [`Detalle`] produces as a stream: contracts in the order given (the
//! server gives them by id, i.e. capture order), each followed by its workers in NSS order.

use super::Contrato;
use crate::domain::cuenta::Domicilio;
use sha2::{Digest, Sha256};

/// The version written in every cadena.
pub const VERSION: &str = "1.1";

/// What the cadena says an informativa is (IMSS writes these in capitals).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TipoCadena {
    /// Normal.
    Normal,
    /// Sin información.
    SinInformacion,
    /// Complementaria de corrección.
    Correccion,
    /// Complementaria sin efectos.
    SinEfectos,
}

impl TipoCadena {
    /// The field's text.
    pub fn as_str(self) -> &'static str {
        match self {
            TipoCadena::Normal => "NORMAL",
            TipoCadena::SinInformacion => "SIN_INFORMACION",
            TipoCadena::Correccion => "CORRECCION",
            TipoCadena::SinEfectos => "SIN_EFECTOS",
        }
    }
}

/// The header fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Encabezado<'a> {
    /// Type.
    pub tipo: TipoCadena,
    /// The contratista.
    pub rfc: &'a str,
    /// Year.
    pub anio: i32,
    /// Period 1–3.
    pub periodo: u8,
    /// The folio a complementaria affects; empty otherwise.
    pub folio_referencia: &'a str,
    /// Contracts attached.
    pub contratos: u64,
    /// Workers attached, summed over contracts.
    pub trabajadores: u64,
}

/// Builds the cadena from the header and the detail's digest (64 lowercase hex digits).
pub fn cadena_original(e: &Encabezado<'_>, sha256_detalle: &str) -> String {
    format!(
        "||ICSOE|{VERSION}|{}|{}|{}|{}|{}|{}|{}|{}||",
        e.tipo.as_str(),
        campo(e.rfc),
        e.anio,
        e.periodo,
        campo(e.folio_referencia),
        e.contratos,
        e.trabajadores,
        sha256_detalle
    )
}

/// A field inside the cadena or the detail, written whole with its separators escaped: `\\`
/// becomes `\\\\`, `|` becomes `\\|`, `/` becomes `\\/`, a line feed `\\n` and a carriage return
/// `\\r`. The escaping is one-to-one, so different values always give different fields.
pub fn campo(texto: &str) -> String {
    let mut salida = String::with_capacity(texto.len());
    for c in texto.chars() {
        match c {
            '\\' => salida.push_str("\\\\"),
            '|' => salida.push_str("\\|"),
            '/' => salida.push_str("\\/"),
            '\n' => salida.push_str("\\n"),
            '\r' => salida.push_str("\\r"),
            c => salida.push(c),
        }
    }
    salida
}

/// The streaming SHA-256 of the detail.
#[derive(Clone, Debug, Default)]
pub struct Detalle {
    hash: Sha256,
    linea: String,
}

impl Detalle {
    /// An empty detail (a Sin información or Sin efectos hashes no line).
    pub fn new() -> Self {
        Detalle::default()
    }

    /// One line of fields already escaped with [`campo`] (a domicilio is its escaped parts
    /// joined by `/`).
    fn linea(&mut self, campos: &[String]) {
        self.linea.clear();
        for (i, c) in campos.iter().enumerate() {
            if i > 0 {
                self.linea.push('|');
            }
            self.linea.push_str(c);
        }
        self.linea.push('\n');
        self.hash.update(self.linea.as_bytes());
    }

    /// One contract line; its workers follow with [`Detalle::trabajador`].
    pub fn contrato(&mut self, c: &Contrato, trabajadores: u64) {
        let fecha_termino = c.fecha_termino.map(|f| f.to_string()).unwrap_or_default();
        let monto = c.monto_centavos.map(|m| m.to_string()).unwrap_or_default();
        let estimados = c
            .trabajadores_estimados
            .map(|n| n.to_string())
            .unwrap_or_default();
        let social = domicilio(c.domicilio_social.as_ref());
        let convencional = domicilio(c.domicilio_convencional.as_ref());
        let n = trabajadores.to_string();
        let mut campos: Vec<String> = [
            "C",
            &c.rfc_contratante,
            &c.nombre_contratante,
            &c.correo,
            &c.celular,
            c.fijo.as_deref().unwrap_or(""),
        ]
        .map(campo)
        .to_vec();
        campos.push(social);
        campos.push(convencional);
        campos.extend(
            [
                c.objeto.as_str(),
                &c.servicio.folio,
                &c.servicio.descripcion,
                &c.fecha_inicio.to_string(),
                &fecha_termino,
                c.numero_contrato.as_deref().unwrap_or(""),
                &monto,
                &estimados,
                &n,
            ]
            .map(campo),
        );
        self.linea(&campos);
    }

    /// One worker line: NSS, CURP and SBC in centavos.
    pub fn trabajador(&mut self, nss: &str, curp: &str, sbc_centavos: i64) {
        let sbc = sbc_centavos.to_string();
        self.linea(&["T", nss, curp, &sbc].map(campo));
    }

    /// The digest, 64 lowercase hex digits.
    pub fn terminar(self) -> String {
        hex(&self.hash.finalize())
    }
}

/// A domicilio as one field: its parts escaped with [`campo`] (a `/` inside a part becomes
/// `\\/`) and joined by a bare `/`; empty when not captured.
fn domicilio(d: Option<&Domicilio>) -> String {
    let Some(d) = d else {
        return String::new();
    };
    [
        d.calle.as_str(),
        d.numero_exterior.as_str(),
        d.numero_interior.as_deref().unwrap_or(""),
        d.colonia.as_str(),
        d.codigo_postal.as_str(),
        d.municipio.as_str(),
        d.estado.as_str(),
        d.entre_calles.as_deref().unwrap_or(""),
    ]
    .map(campo)
    .join("/")
}

/// Lowercase hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITOS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITOS[usize::from(b >> 4)]));
        s.push(char::from(DIGITOS[usize::from(b & 15)]));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cuenta::ServicioRepse;
    use chrono::NaiveDate;

    fn contrato() -> Contrato {
        Contrato {
            rfc_contratante: "AAA010101AAA".into(),
            nombre_contratante: "Cliente  |  Uno".into(),
            correo: "c@d.mx".into(),
            celular: "5511112222".into(),
            fijo: None,
            domicilio_social: None,
            domicilio_convencional: None,
            objeto: "Limpieza de oficinas".into(),
            servicio: ServicioRepse {
                folio: "F-1".into(),
                descripcion: "Limpieza".into(),
            },
            fecha_inicio: NaiveDate::from_ymd_opt(2026, 9, 15).unwrap_or_default(),
            fecha_termino: None,
            numero_contrato: None,
            monto_centavos: Some(1_000_000),
            trabajadores_estimados: None,
        }
    }

    #[test]
    fn empty_detail_is_the_sha256_of_nothing() {
        assert_eq!(
            Detalle::new().terminar(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn detail_hashes_the_documented_lines() {
        let mut d = Detalle::new();
        d.contrato(&contrato(), 1);
        d.trabajador("01108512342", "PELJ850101HDFRPN06", 31_504);
        let esperado = "C|AAA010101AAA|Cliente  \\|  Uno|c@d.mx|5511112222||||Limpieza de oficinas|F-1|Limpieza|2026-09-15|||1000000||1\nT|01108512342|PELJ850101HDFRPN06|31504\n";
        assert_eq!(d.terminar(), hex(&Sha256::digest(esperado.as_bytes())));
    }

    #[test]
    fn a_changed_worker_changes_the_digest() {
        let mut a = Detalle::new();
        a.contrato(&contrato(), 1);
        a.trabajador("01108512342", "PELJ850101HDFRPN06", 31_504);
        let mut b = Detalle::new();
        b.contrato(&contrato(), 1);
        b.trabajador("01108512342", "PELJ850101HDFRPN06", 31_505);
        assert_ne!(a.terminar(), b.terminar());
    }

    fn domicilio_con(calle: &str, numero: &str) -> Domicilio {
        Domicilio {
            codigo_postal: "06600".into(),
            colonia_clave: None,
            colonia: "Juárez".into(),
            calle: calle.into(),
            numero_exterior: numero.into(),
            numero_interior: None,
            municipio: "Cuauhtémoc".into(),
            estado: "Ciudad de México".into(),
            entre_calles: None,
        }
    }

    /// The serialised line of a contract (what the digest covers).
    fn linea_de(c: &Contrato) -> String {
        let mut d = Detalle::new();
        d.contrato(c, 0);
        d.linea
    }

    #[test]
    fn a_slash_inside_an_address_part_cannot_move_the_boundary() {
        let mut a = contrato();
        a.domicilio_social = Some(domicilio_con("Reforma/10", "5"));
        let mut b = contrato();
        b.domicilio_social = Some(domicilio_con("Reforma", "10/5"));
        assert_ne!(linea_de(&a), linea_de(&b));
        assert!(
            linea_de(&a).contains("|Reforma\\/10/5//Juárez/06600/"),
            "{}",
            linea_de(&a)
        );
    }

    #[test]
    fn separators_inside_values_are_escaped_not_lost() {
        assert_eq!(campo(" a|b \n c\\/"), " a\\|b \\n c\\\\\\/");
        let e = Encabezado {
            tipo: TipoCadena::Correccion,
            rfc: "EKU9003173C9",
            anio: 2026,
            periodo: 3,
            folio_referencia: "N263000001",
            contratos: 2,
            trabajadores: 10,
        };
        assert_eq!(
            cadena_original(&e, "ab"),
            "||ICSOE|1.1|CORRECCION|EKU9003173C9|2026|3|N263000001|2|10|ab||"
        );
    }

    mod propiedades {
        use super::*;
        use proptest::prelude::*;

        fn texto() -> impl Strategy<Value = String> {
            proptest::string::string_regex("[a-c/|\\\\\n ]{0,6}").unwrap()
        }

        fn opcional() -> impl Strategy<Value = Option<String>> {
            proptest::option::of(proptest::string::string_regex("[a-c/|\\\\ ]{1,4}").unwrap())
        }

        prop_compose! {
            fn un_domicilio()(calle in texto(), numero in texto(), interior in opcional(),
                              colonia in texto(), entre in opcional()) -> Domicilio {
                Domicilio {
                    codigo_postal: "06600".into(),
                    colonia_clave: None,
                    colonia,
                    calle,
                    numero_exterior: numero,
                    numero_interior: interior,
                    municipio: "M".into(),
                    estado: "E".into(),
                    entre_calles: entre,
                }
            }
        }

        prop_compose! {
            fn un_contrato()(nombre in texto(), objeto in texto(), fijo in opcional(),
                             social in proptest::option::of(un_domicilio()),
                             numero in opcional()) -> Contrato {
                Contrato {
                    nombre_contratante: nombre,
                    objeto,
                    fijo,
                    domicilio_social: social,
                    numero_contrato: numero,
                    ..contrato()
                }
            }
        }

        proptest! {
            #[test]
            fn different_contracts_never_serialise_alike(a in un_contrato(), b in un_contrato()) {
                prop_assume!(a != b);
                prop_assert_ne!(linea_de(&a), linea_de(&b));
            }
        }
    }
}
