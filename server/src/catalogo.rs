//! The SAT postal catalogs (CFDI 4.0 c_CodigoPostal, c_Colonia, c_Municipio, c_Estado; see
//! `server/catalogos/README.md`), compiled into the binary gzip-compressed (1.5 MB instead of
//! 5.4 MB) and indexed in memory at start-up, so a postal-code lookup is one hash probe and a
//! deployment needs no extra files.

use anyhow::Context;
use app::domain::cuenta::CatalogoPostal;
use std::io::Read;

const ESTADOS: &[u8] = include_bytes!("../catalogos/estados.csv.gz");
const MUNICIPIOS: &[u8] = include_bytes!("../catalogos/municipios.csv.gz");
const CODIGOS_POSTALES: &[u8] = include_bytes!("../catalogos/codigos_postales.csv.gz");
const COLONIAS: &[u8] = include_bytes!("../catalogos/colonias.csv.gz");

fn descomprimir(nombre: &str, gz: &[u8]) -> anyhow::Result<String> {
    let mut texto = String::new();
    flate2::read::GzDecoder::new(gz)
        .read_to_string(&mut texto)
        .with_context(|| format!("el catálogo {nombre} está dañado"))?;
    Ok(texto)
}

/// Decompresses and indexes the shipped catalogs.
pub fn cargar() -> anyhow::Result<CatalogoPostal> {
    let inicio = std::time::Instant::now();
    let catalogo = CatalogoPostal::desde_csv(
        &descomprimir("estados", ESTADOS)?,
        &descomprimir("municipios", MUNICIPIOS)?,
        &descomprimir("codigos_postales", CODIGOS_POSTALES)?,
        &descomprimir("colonias", COLONIAS)?,
    )?;
    tracing::info!(
        codigos_postales = catalogo.len(),
        ms = inicio.elapsed().as_millis() as u64,
        "catálogo postal del SAT cargado"
    );
    Ok(catalogo)
}

#[cfg(test)]
mod tests {
    use app::domain::ids::CodigoPostal;

    #[test]
    fn the_shipped_catalog_has_every_postal_code_and_finds_juarez() {
        let c = super::cargar().unwrap();
        assert_eq!(c.len(), 95_749);
        let u = c.buscar(&CodigoPostal::parse("06600").unwrap()).unwrap();
        assert_eq!(u.estado.nombre, "Ciudad de México");
        assert_eq!(u.municipio.unwrap().nombre, "Cuauhtémoc");
        assert!(u
            .colonias
            .iter()
            .any(|c| c.nombre == "Juárez" && c.clave == "0930"));
    }
}
