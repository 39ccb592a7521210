//! Reading the subject and issuer names of SAT certificates, whose strings come in four ASN.1
//! types: PrintableString and UTF8String (2023 set), T61String carrying **Latin-1** bytes
//! (`HERRERIA & ELECTRICOS`, `IAÑL…` in the 2019 set) and, rarely, BMPString.

use der::Tagged;
use x509_cert::name::Name;

/// Object identifiers of the attributes SAT uses.
pub(crate) mod oid {
    use der::asn1::ObjectIdentifier as Oid;
    /// commonName.
    pub const CN: Oid = Oid::new_unwrap("2.5.4.3");
    /// serialNumber: `CURP` or ` / CURP_of_representative`.
    pub const SERIAL: Oid = Oid::new_unwrap("2.5.4.5");
    /// organizationalUnitName: present on CSDs only.
    pub const OU: Oid = Oid::new_unwrap("2.5.4.11");
    /// x500UniqueIdentifier: `RFC` or `RFC / RFC_of_representative`.
    pub const UNIQUE: Oid = Oid::new_unwrap("2.5.4.45");
}

/// Decodes a directory string by its tag.
fn texto(valor: &der::Any) -> String {
    let bytes = valor.value();
    match valor.tag() {
        // T61String: SAT writes Latin-1 bytes in it.
        der::Tag::TeletexString => bytes.iter().map(|b| char::from(*b)).collect(),
        der::Tag::BmpString => {
            let unidades: Vec<u16> = bytes
                .chunks(2)
                .map(|c| {
                    u16::from_be_bytes([
                        c.first().copied().unwrap_or(0),
                        c.get(1).copied().unwrap_or(0),
                    ])
                })
                .collect();
            String::from_utf16_lossy(&unidades)
        }
        _ => String::from_utf8(bytes.to_vec())
            .unwrap_or_else(|_| bytes.iter().map(|b| char::from(*b)).collect()),
    }
}

/// The first value of attribute `buscado` in `nombre`, trimmed.
pub(crate) fn atributo(nombre: &Name, buscado: der::asn1::ObjectIdentifier) -> Option<String> {
    nombre
        .0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find(|atv| atv.oid == buscado)
        .map(|atv| texto(&atv.value).trim().to_string())
}
