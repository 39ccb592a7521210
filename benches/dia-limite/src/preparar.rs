//! Before the clock starts: the files, the capturistas' accounts (each registered by its
//! contratista, its password set from the invitation mail, as a person would) and the tenant of
//! the big upload. None of this is measured.

use crate::ca::{rfc_moral, Autoridad};
use crate::cliente::{Fallo, Usuario};
use crate::escenario::{self, Capturista};
use bytes::Bytes;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The capturistas' password (the server's policy: long enough, several words).
const CONTRASENA: &str = "cuatro palabras largas de prueba";

/// `python3 benches/generar_trabajadores.py filas` (valid, distinct rows with a header).
pub fn generar(raiz: &Path, filas: usize) -> Result<Bytes, String> {
    let salida = std::process::Command::new("python3")
        .arg(raiz.join("benches/generar_trabajadores.py"))
        .arg(filas.to_string())
        .output()
        .map_err(|e| format!("python3: {e}"))?;
    if !salida.status.success() {
        return Err(String::from_utf8_lossy(&salida.stderr).into_owned());
    }
    Ok(Bytes::from(salida.stdout))
}

/// The CURPs of a worker file (second column), for the capturistas' accounts.
pub fn curps(archivo: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(archivo)
        .lines()
        .filter_map(|l| l.split(',').nth(1))
        .filter(|c| c.len() == 18 && c.bytes().all(|b| b.is_ascii_alphanumeric()))
        .map(str::to_string)
        .collect()
}

/// The body of an `.eml` as text: base64 or quoted-printable undone.
fn cuerpo_de(eml: &str) -> String {
    let eml = eml.replace("\r\n", "\n");
    let (cabeceras, cuerpo) = eml.split_once("\n\n").unwrap_or(("", &eml));
    let cabeceras = cabeceras.to_ascii_lowercase();
    if cabeceras.contains("content-transfer-encoding: base64") {
        let limpio: String = cuerpo.split_whitespace().collect();
        use base64ct::Encoding;
        return base64ct::Base64::decode_vec(&limpio)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
    }
    if cabeceras.contains("content-transfer-encoding: quoted-printable") {
        let sin_cortes = cuerpo.replace("=\n", "");
        let b = sin_cortes.as_bytes();
        let mut salida = Vec::with_capacity(b.len());
        let mut i = 0;
        while i < b.len() {
            let hex = b
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            match (b[i], hex) {
                (b'=', Some(v)) => {
                    salida.push(v);
                    i += 3;
                }
                (c, _) => {
                    salida.push(c);
                    i += 1;
                }
            }
        }
        return String::from_utf8_lossy(&salida).into_owned();
    }
    cuerpo.to_string()
}

/// The invitation token sent to `correo` (waits up to 10 s for the mail).
async fn token_para(dir: &Path, correo: &str) -> Result<String, String> {
    for _ in 0..100 {
        for entrada in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let texto = std::fs::read_to_string(entrada.path()).unwrap_or_default();
            if !texto.contains(correo) {
                continue;
            }
            let cuerpo = cuerpo_de(&texto);
            if let Some(i) = cuerpo.find("token=") {
                return Ok(cuerpo[i + 6..]
                    .chars()
                    .take_while(char::is_ascii_hexdigit)
                    .collect());
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("no llegó la invitación para {correo}"))
}

/// A contratista logged in with its account complete and a Normal 2026-3 registered:
/// `(user, informativa)`.
async fn contratista_listo(
    ca: &Autoridad,
    mut u: Usuario,
    n: u32,
) -> Result<(Usuario, String, i64), String> {
    let e = ca.emitir(&rfc_moral(n), n)?;
    fn paso<T>(f: Result<T, Fallo>, que: &str) -> Result<T, String> {
        f.map_err(|_| format!("preparación: {que}"))
    }
    paso(escenario::ingresar(&mut u, &e).await, "ingresar")?;
    paso(escenario::cuenta(&mut u, u64::from(n)).await, "cuenta")?;
    let i = paso(escenario::informativa(&mut u).await, "informativa")?;
    Ok((u, e.rfc.clone(), i))
}

/// The capturista of contratista number `n`, registered with `curp`.
pub async fn capturista(
    ca: &Autoridad,
    u: Usuario,
    n: u32,
    curp: &str,
    correo_dir: &Path,
) -> Result<Capturista, String> {
    let (mut u, rfc, i) = contratista_listo(ca, u, n).await?;
    let correo = format!("capturista{n}@despacho.mx");
    u.json(
        "registrar_capturista",
        "POST",
        "/api/v1/capturistas",
        json!({"curp": curp, "nombre": format!("Capturista {n}"), "correo": correo}),
        201,
    )
    .await
    .map_err(|_| "preparación: registrar capturista".to_string())?;
    let token = token_para(correo_dir, &correo).await?;
    u.cookie = None;
    u.json(
        "crear_contrasena",
        "POST",
        "/api/v1/auth/capturista/contrasena",
        json!({"token": token, "contrasena": CONTRASENA}),
        200,
    )
    .await
    .map_err(|_| "preparación: contraseña".to_string())?;
    Ok(Capturista {
        curp: curp.to_string(),
        contrasena: CONTRASENA.to_string(),
        rfc,
        informativa: i,
    })
}

/// The tenant of the big upload: logged in, with an informativa and an empty contract.
/// `(user, informativa, contract)`.
pub async fn inquilino_grande(
    ca: &Autoridad,
    u: Usuario,
    n: u32,
) -> Result<(Usuario, i64, i64), String> {
    let (mut u, _, i) = contratista_listo(ca, u, n).await?;
    let cid = u
        .json(
            "agregar_contrato",
            "POST",
            &format!("/api/v1/informativas/{i}/contratos"),
            json!({
                "rfc_contratante": "AAA010101AAA",
                "nombre_contratante": "Cliente Grande SA de CV",
                "correo": "compras@grande.mx",
                "celular": "5512345678",
                "objeto": "Limpieza de todas las sucursales",
                "servicio": "AR12345/2024-002",
                "fecha_inicio": "15/09/2026",
            }),
            201,
        )
        .await
        .map_err(|_| "preparación: contrato grande".to_string())?
        .json()["id"]
        .as_i64()
        .ok_or("preparación: id del contrato")?;
    Ok((u, i, cid))
}

/// The repository root (the benchmark runs from anywhere).
pub fn raiz() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}
