//! `CatalogoPostal`: the SAT's CFDI 4.0 address catalogs (c_CodigoPostal, c_Colonia, c_Municipio,
//! c_Estado) as an in-memory index: a postal code answers its state, municipality and colonias
//! in one hash lookup. Built from the catalogs' CSV text; where the text comes from (a file, bytes
//! compiled into the binary) is the caller's business.

use crate::domain::ids::CodigoPostal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A catalog key with its name (an estado `CMX`, a municipio `015`, a colonia `0930`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ClaveNombre {
    /// The SAT key.
    pub clave: String,
    /// The name, as the SAT writes it.
    pub nombre: String,
}

/// What a postal code tells: where it is and which colonias it has.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct UbicacionPostal {
    /// The five digits.
    pub codigo_postal: String,
    /// Entidad federativa.
    pub estado: ClaveNombre,
    /// Municipio or alcaldía; the catalog leaves it empty for some postal codes (large
    /// customers, post office boxes).
    pub municipio: Option<ClaveNombre>,
    /// Colonias, sorted by name; empty when the catalog lists none for the code.
    pub colonias: Vec<ClaveNombre>,
}

struct Entrada {
    estado: String,
    municipio: String,
    colonias: Vec<ClaveNombre>,
}

/// The index. About 95,749 postal codes and 145,366 colonias.
pub struct CatalogoPostal {
    estados: HashMap<String, String>,
    municipios: HashMap<(String, String), String>,
    codigos: HashMap<u32, Entrada>,
}

/// A catalog file that cannot be read: which file and line.
#[derive(Debug, thiserror::Error)]
#[error("El catálogo {archivo} no se pudo leer en la línea {linea}: {detalle}")]
pub struct CatalogoError {
    archivo: &'static str,
    linea: u64,
    detalle: String,
}

fn filas<const N: usize>(
    archivo: &'static str,
    texto: &str,
    mut f: impl FnMut([&str; N]) -> Result<(), String>,
) -> Result<(), CatalogoError> {
    let mut lector = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(texto.as_bytes());
    let mut registro = csv::StringRecord::new();
    loop {
        let linea = lector.position().line() + 1;
        let error = |detalle: String| CatalogoError {
            archivo,
            linea,
            detalle,
        };
        match lector.read_record(&mut registro) {
            Ok(false) => return Ok(()),
            Ok(true) => {}
            Err(e) => return Err(error(e.to_string())),
        }
        if registro.len() != N {
            return Err(error(format!(
                "tiene {} columnas y se esperaban {N}",
                registro.len()
            )));
        }
        let mut celdas = [""; N];
        for (i, c) in registro.iter().enumerate() {
            celdas[i] = c;
        }
        f(celdas).map_err(error)?;
    }
}

fn clave_cp(texto: &str) -> Option<u32> {
    (texto.len() == 5 && texto.bytes().all(|b| b.is_ascii_digit()))
        .then(|| texto.parse().ok())
        .flatten()
}

impl CatalogoPostal {
    /// Builds the index from the four catalogs' CSV text (UTF-8, header row): `estados.csv`
    /// (estado,nombre), `municipios.csv` (estado,municipio,nombre), `codigos_postales.csv`
    /// (codigo_postal,estado,municipio,localidad) and `colonias.csv` (codigo_postal,colonia,nombre).
    pub fn desde_csv(
        estados: &str,
        municipios: &str,
        codigos_postales: &str,
        colonias: &str,
    ) -> Result<Self, CatalogoError> {
        let mut c = CatalogoPostal {
            estados: HashMap::new(),
            municipios: HashMap::new(),
            codigos: HashMap::with_capacity(96_000),
        };
        filas("estados.csv", estados, |[clave, nombre]| {
            c.estados.insert(clave.to_string(), nombre.to_string());
            Ok(())
        })?;
        filas("municipios.csv", municipios, |[estado, clave, nombre]| {
            c.municipios
                .insert((estado.to_string(), clave.to_string()), nombre.to_string());
            Ok(())
        })?;
        filas(
            "codigos_postales.csv",
            codigos_postales,
            |[cp, estado, municipio, _]| {
                let clave = clave_cp(cp).ok_or_else(|| format!("«{cp}» no es un código postal"))?;
                c.codigos.insert(
                    clave,
                    Entrada {
                        estado: estado.to_string(),
                        municipio: municipio.to_string(),
                        colonias: Vec::new(),
                    },
                );
                Ok(())
            },
        )?;
        filas("colonias.csv", colonias, |[cp, clave, nombre]| {
            let entrada = clave_cp(cp)
                .and_then(|k| c.codigos.get_mut(&k))
                .ok_or_else(|| {
                    format!("la colonia {clave} es de un código postal desconocido {cp}")
                })?;
            entrada.colonias.push(ClaveNombre {
                clave: clave.to_string(),
                nombre: nombre.to_string(),
            });
            Ok(())
        })?;
        for e in c.codigos.values_mut() {
            e.colonias.sort_by(|a, b| a.nombre.cmp(&b.nombre));
        }
        Ok(c)
    }

    /// How many postal codes the index holds.
    pub fn len(&self) -> usize {
        self.codigos.len()
    }

    /// Whether the index is empty.
    pub fn is_empty(&self) -> bool {
        self.codigos.is_empty()
    }

    /// Where a postal code is, or `None` when the catalog does not have it.
    pub fn buscar(&self, cp: &CodigoPostal) -> Option<UbicacionPostal> {
        let e = self.codigos.get(&clave_cp(cp.as_str())?)?;
        let municipio = (!e.municipio.is_empty()).then(|| ClaveNombre {
            clave: e.municipio.clone(),
            nombre: self
                .municipios
                .get(&(e.estado.clone(), e.municipio.clone()))
                .cloned()
                .unwrap_or_default(),
        });
        Some(UbicacionPostal {
            codigo_postal: cp.as_str().to_string(),
            estado: ClaveNombre {
                clave: e.estado.clone(),
                nombre: self.estados.get(&e.estado).cloned().unwrap_or_default(),
            },
            municipio,
            colonias: e.colonias.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ESTADOS: &str = "estado,nombre\nCMX,Ciudad de México\nJAL,Jalisco\n";
    const MUNICIPIOS: &str = "estado,municipio,nombre\nCMX,015,Cuauhtémoc\nJAL,039,Guadalajara\n";
    const CPS: &str =
        "codigo_postal,estado,municipio,localidad\n06600,CMX,015,06\n01001,CMX,,\n44100,JAL,039,\n";
    const COLONIAS: &str =
        "codigo_postal,colonia,nombre\n06600,0930,Juárez\n44100,0001,\"Centro, Zona 1\"\n44100,0002,Americana\n";

    fn catalogo() -> CatalogoPostal {
        CatalogoPostal::desde_csv(ESTADOS, MUNICIPIOS, CPS, COLONIAS).unwrap()
    }

    #[test]
    fn a_postal_code_answers_state_municipality_and_colonias() {
        let u = catalogo()
            .buscar(&CodigoPostal::parse("06600").unwrap())
            .unwrap();
        assert_eq!(u.estado.nombre, "Ciudad de México");
        assert_eq!(u.municipio.unwrap().nombre, "Cuauhtémoc");
        assert_eq!(u.colonias[0].nombre, "Juárez");
        assert_eq!(u.colonias[0].clave, "0930");
    }

    #[test]
    fn colonias_are_sorted_and_quoted_names_keep_their_commas() {
        let u = catalogo()
            .buscar(&CodigoPostal::parse("44100").unwrap())
            .unwrap();
        let nombres: Vec<_> = u.colonias.iter().map(|c| c.nombre.as_str()).collect();
        assert_eq!(nombres, ["Americana", "Centro, Zona 1"]);
    }

    #[test]
    fn a_code_without_municipality_or_colonias_still_has_its_state() {
        let u = catalogo()
            .buscar(&CodigoPostal::parse("01001").unwrap())
            .unwrap();
        assert_eq!(u.estado.clave, "CMX");
        assert!(u.municipio.is_none());
        assert!(u.colonias.is_empty());
    }

    #[test]
    fn an_unknown_code_is_none() {
        assert!(catalogo()
            .buscar(&CodigoPostal::parse("99999").unwrap())
            .is_none());
        assert_eq!(catalogo().len(), 3);
    }

    #[test]
    fn a_broken_catalog_names_file_and_line() {
        let e = CatalogoPostal::desde_csv(ESTADOS, MUNICIPIOS, CPS, "a,b,c\n99999,0001,X\n")
            .err()
            .unwrap();
        let texto = e.to_string();
        assert!(texto.contains("colonias.csv"), "{texto}");
        assert!(texto.contains("línea 2"), "{texto}");
    }
}
