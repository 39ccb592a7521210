//! The journeys of deadline day, as a browser makes them (the same routes, bodies and order).
//!
//! - **Contratista** (each iteration a different company, with its own e.firma): logs in with the
//!   e.firma (challenge signed), accepts the terms, opens the panel, saves datos generales and the
//!   REPSE acuse, registers the informativa and one contract, uploads the workers (1k rows 70 %,
//!   10k 25 %, 100k 5 %), opens the contract and the informativa, sends it to signature, signs the
//!   cadena, presents, downloads the acuse, verifies it publicly and logs out.
//! - **Capturista** (an accounting firm's employee, one contratista each): logs in with CURP and
//!   password, picks the contratista, opens the list and the informativa, adds a contract, uploads
//!   its workers, opens it and its first page of workers, logs out.
//!
//! Between steps each user "thinks" for a random time around `pensar`.

use crate::ca::Efirma;
use crate::cliente::{Fallo, Usuario};
use base64ct::Encoding;
use bytes::Bytes;
use serde_json::{json, Value};
use std::time::Duration;

/// The files every user uploads (the same rows for all: V08 is per contract).
pub struct Archivos {
    pub mil: Bytes,
    pub diez_mil: Bytes,
    pub cien_mil: Bytes,
    /// Every upload 1k rows (`--ligera`): to see what a big upload does to everyone else.
    pub solo_mil: bool,
}

impl Archivos {
    /// The upload of iteration `n`: 1k rows 70 %, 10k 25 %, 100k 5 %.
    fn elegir(&self, n: u64) -> (&'static str, Bytes) {
        if self.solo_mil {
            return ("carga_1k", self.mil.clone());
        }
        match mezclar(n) % 100 {
            0..=69 => ("carga_1k", self.mil.clone()),
            70..=94 => ("carga_10k", self.diez_mil.clone()),
            _ => ("carga_100k", self.cien_mil.clone()),
        }
    }
}

/// A cheap deterministic mix (splitmix64), for draws that repeat run to run.
pub fn mezclar(n: u64) -> u64 {
    let mut z = n.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A user's think time: `base` × 0.5–1.5.
pub async fn pensar(base: Duration, semilla: &mut u64) {
    if base.is_zero() {
        return;
    }
    *semilla = semilla.wrapping_add(1);
    let factor = 0.5 + (mezclar(*semilla) % 1000) as f64 / 1000.0;
    tokio::time::sleep(base.mul_f64(factor)).await;
}

fn b64(b: &[u8]) -> String {
    base64ct::Base64::encode_string(b)
}

pub fn pdf() -> Bytes {
    Bytes::from_static(
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
    )
}

pub fn datos_generales(n: u64) -> Value {
    json!({
        "correo": format!("contacto{n}@empresa.mx"),
        "celular": "55-1234-5678",
        "fijo": "",
        "domicilio_social_igual_fiscal": true,
        "repse": {
            "numero": "AR12345/2024",
            "fecha_registro": "15/03/2024",
            "servicios": [
                {"folio": "AR12345/2024-001", "descripcion": "Mantenimiento de elevadores"},
                {"folio": "AR12345/2024-002", "descripcion": "Limpieza industrial"}
            ]
        }
    })
}

fn contrato(n: u64) -> Value {
    json!({
        "rfc_contratante": "AAA010101AAA",
        "nombre_contratante": "Cliente Uno SA de CV",
        "correo": "compras@cliente.mx",
        "celular": "5512345678",
        "objeto": format!("Mantenimiento de elevadores, orden {n}"),
        "servicio": "AR12345/2024-001",
        "fecha_inicio": "15/09/2026",
    })
}

fn id(v: &Value) -> Result<i64, Fallo> {
    v["id"].as_i64().ok_or(Fallo)
}

/// Logs in with the e.firma: challenge, signature, session.
pub async fn ingresar(u: &mut Usuario, e: &Efirma) -> Result<(), Fallo> {
    let r = u
        .json(
            "reto",
            "POST",
            "/api/v1/auth/reto",
            json!({"rfc": e.rfc}),
            200,
        )
        .await?;
    let reto = r.json()["reto"].as_str().ok_or(Fallo)?.to_string();
    let firma = e.firmar(reto.as_bytes());
    let r = u
        .json(
            "ingresar_efirma",
            "POST",
            "/api/v1/auth/efirma",
            json!({"reto": reto, "certificado": b64(&e.cer), "firma": b64(&firma)}),
            200,
        )
        .await?;
    u.cookie = Some(r.cookie.ok_or(Fallo)?);
    Ok(())
}

/// A contratista's first visit: terms, datos generales and REPSE acuse.
pub async fn cuenta(u: &mut Usuario, n: u64) -> Result<(), Fallo> {
    u.json(
        "terminos",
        "POST",
        "/api/v1/auth/terminos",
        json!({"version": app::api::sesion::VERSION_TERMINOS}),
        204,
    )
    .await?;
    u.json(
        "datos_generales",
        "PUT",
        "/api/v1/datos-generales",
        datos_generales(n),
        200,
    )
    .await?;
    u.pedir(
        "acuse_repse",
        "PUT",
        "/api/v1/repse/acuse",
        &[("content-type", "application/pdf")],
        pdf(),
        200,
    )
    .await?;
    Ok(())
}

/// Registers the Normal 2026-3; its id.
pub async fn informativa(u: &mut Usuario) -> Result<i64, Fallo> {
    let r = u
        .json(
            "crear_informativa",
            "POST",
            "/api/v1/informativas",
            json!({"anio": "2026", "periodo": "3", "tipo": "normal"}),
            201,
        )
        .await?;
    id(&r.json())
}

/// Adds a contract and uploads its workers; the contract's id.
pub async fn contrato_con_trabajadores(
    u: &mut Usuario,
    i: i64,
    n: u64,
    operacion: &'static str,
    filas: Bytes,
) -> Result<i64, Fallo> {
    let r = u
        .json(
            "agregar_contrato",
            "POST",
            &format!("/api/v1/informativas/{i}/contratos"),
            contrato(n),
            201,
        )
        .await?;
    let cid = id(&r.json())?;
    let clave = format!("bench-{n}-{i}-{cid}");
    u.pedir(
        operacion,
        "PUT",
        &format!("/api/v1/informativas/{i}/contratos/{cid}/trabajadores/carga"),
        &[("content-type", "text/csv"), ("idempotency-key", &clave)],
        filas,
        200,
    )
    .await?;
    Ok(cid)
}

/// One contratista's whole filing; `n` numbers the company.
pub async fn contratista(
    u: &mut Usuario,
    e: &Efirma,
    n: u64,
    archivos: &Archivos,
    base: Duration,
    semilla: &mut u64,
) -> Result<(), Fallo> {
    ingresar(u, e).await?;
    cuenta(u, n).await?;
    u.get("pagina_panel", "/panel").await?;
    pensar(base, semilla).await;
    let i = informativa(u).await?;
    pensar(base, semilla).await;
    let (operacion, filas) = archivos.elegir(n);
    let cid = contrato_con_trabajadores(u, i, n, operacion, filas).await?;
    u.get(
        "pagina_contrato",
        &format!("/informativas/{i}/contratos/{cid}"),
    )
    .await?;
    u.get("pagina_informativa", &format!("/informativas/{i}"))
        .await?;
    pensar(base, semilla).await;
    u.json(
        "enviar_firma",
        "POST",
        &format!("/api/v1/informativas/{i}/enviar-firma"),
        json!({}),
        200,
    )
    .await?;
    let r = u
        .get("cadena", &format!("/api/v1/informativas/{i}/firma"))
        .await?;
    let cadena = r.json()["cadena"].as_str().ok_or(Fallo)?.to_string();
    pensar(base, semilla).await;
    let firma = e.firmar(cadena.as_bytes());
    let clave = format!("firma-{n}-{i}");
    let r = u
        .pedir(
            "presentar",
            "POST",
            &format!("/api/v1/informativas/{i}/presentar"),
            &[
                ("content-type", "application/json"),
                ("idempotency-key", &clave),
            ],
            Bytes::from(
                json!({"cadena": cadena, "certificado": b64(&e.cer), "firma": b64(&firma)})
                    .to_string(),
            ),
            200,
        )
        .await?;
    let folio = r.json()["folio"].as_str().ok_or(Fallo)?.to_string();
    u.get("acuse_pdf", &format!("/api/v1/informativas/{i}/acuse.pdf"))
        .await?;
    u.get("pagina_informativas", "/informativas").await?;
    pensar(base, semilla).await;
    u.get(
        "verificar",
        &format!("/api/v1/verificar?folio={folio}&rfc={}", e.rfc),
    )
    .await?;
    salir(u).await
}

pub async fn salir(u: &mut Usuario) -> Result<(), Fallo> {
    u.json("salir", "POST", "/api/v1/auth/salir", json!({}), 204)
        .await?;
    u.cookie = None;
    Ok(())
}

/// A capturista's account, prepared before the run.
#[derive(Clone)]
pub struct Capturista {
    pub curp: String,
    pub contrasena: String,
    /// The contratista it works for, and that contratista's informativa.
    pub rfc: String,
    pub informativa: i64,
}

/// One capturista's round of capture; `n` numbers the iteration.
pub async fn capturista(
    u: &mut Usuario,
    c: &Capturista,
    n: u64,
    archivos: &Archivos,
    base: Duration,
    semilla: &mut u64,
) -> Result<(), Fallo> {
    let r = u
        .json(
            "ingresar_capturista",
            "POST",
            "/api/v1/auth/capturista",
            json!({"curp": c.curp, "contrasena": c.contrasena}),
            200,
        )
        .await?;
    u.cookie = Some(r.cookie.ok_or(Fallo)?);
    u.json(
        "elegir_contratista",
        "POST",
        "/api/v1/auth/capturista/contratista",
        json!({"rfc": c.rfc}),
        200,
    )
    .await?;
    u.get("pagina_informativas", "/informativas").await?;
    u.get(
        "pagina_informativa",
        &format!("/informativas/{}", c.informativa),
    )
    .await?;
    pensar(base, semilla).await;
    let (operacion, filas) = archivos.elegir(n);
    let i = c.informativa;
    let cid = contrato_con_trabajadores(u, i, n, operacion, filas).await?;
    u.get(
        "pagina_contrato",
        &format!("/informativas/{i}/contratos/{cid}"),
    )
    .await?;
    u.get(
        "api_trabajadores",
        &format!("/api/v1/informativas/{i}/contratos/{cid}/trabajadores"),
    )
    .await?;
    pensar(base, semilla).await;
    salir(u).await
}
