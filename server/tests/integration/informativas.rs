//! Informativas, contracts and workers: V01–V08, the state machine, capturista vs contratista,
//! the bulk upload (atomic when the connection drops, idempotent on retry, V08 against the
//! workers already stored, the server re-checking what the browser sent), paging and search.

use crate::cuenta::{datos_moral, pdf, FISICA, MORAL};
use crate::helpers::TestApp;
use axum::body::{Body, Bytes};
use axum::http::{Request, StatusCode};
use serde_json::{json, Value};

const VALORES: &[u8] = b"0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ";
const LETRAS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
/// Positions 14–16 of a CURP are inner consonants (RENAPO).
const CONSONANTES: &[u8] = b"BCDFGHJKLMNPQRSTVWXYZ";
const ESTADOS: [&str; 4] = ["DF", "JC", "NL", "MC"];

/// Row `i` of a synthetic worker file (the same recipe as `benches/generar_trabajadores.py`):
/// valid, distinct NSS and CURP, SBC between the minimum wage and 25 UMA.
pub fn fila(i: usize) -> String {
    let diez = format!("{:010}", i + 1);
    let suma: u32 = diez
        .bytes()
        .enumerate()
        .map(|(k, c)| {
            let d = u32::from(c - b'0');
            let p = if k.is_multiple_of(2) { d } else { d * 2 };
            p / 10 + p % 10
        })
        .sum();
    let nss = format!("{diez}{}", (10 - suma % 10) % 10);
    let l = |n: usize| LETRAS[n % 26] as char;
    let k = |n: usize| CONSONANTES[n % CONSONANTES.len()] as char;
    let dia = (i / 17576) % 28 + 1;
    let curp17 = format!(
        "{}X{}{}8501{:02}{}{}{}{}{}{}",
        l(i),
        l(i / 26),
        l(i / 676),
        dia,
        if i.is_multiple_of(2) { 'H' } else { 'M' },
        ESTADOS[i % 4],
        k(i * 7),
        k(i * 11),
        k(i * 13),
        i % 10
    );
    let suma: usize = curp17
        .bytes()
        .enumerate()
        .map(|(k, c)| VALORES.iter().position(|v| *v == c).unwrap() * (18 - k))
        .sum();
    let centavos = 31504 + (i * 7919) % (293_275 - 31504);
    format!(
        "{nss},{curp17}{},{}.{:02}\n",
        (10 - suma % 10) % 10,
        centavos / 100,
        centavos % 100
    )
}

pub(crate) fn archivo(desde: usize, hasta: usize) -> Vec<u8> {
    (desde..hasta).map(fila).collect::<String>().into_bytes()
}

impl TestApp {
    /// The contratista with datos generales, REPSE services and acuse complete; its cookie.
    pub(crate) async fn contratista_listo(&self) -> String {
        let c = self.titular(MORAL).await;
        let r = self
            .json_con("PUT", "/api/v1/datos-generales", datos_moral(), &c)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        let r = self
            .bytes_con(
                "PUT",
                "/api/v1/repse/acuse",
                pdf(),
                &[("content-type", "application/pdf")],
                &c,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        c
    }

    pub(crate) async fn nueva(
        &self,
        c: &str,
        anio: &str,
        periodo: &str,
        tipo: &str,
    ) -> crate::helpers::Respuesta {
        self.post_json(
            "/api/v1/informativas",
            json!({"anio": anio, "periodo": periodo, "tipo": tipo}),
            Some(c),
        )
        .await
    }

    pub(crate) async fn contrato(
        &self,
        c: &str,
        id: i64,
        cambios: Value,
    ) -> crate::helpers::Respuesta {
        let mut e = contrato_valido();
        if let (Some(o), Some(n)) = (e.as_object_mut(), cambios.as_object()) {
            for (k, v) in n {
                o.insert(k.clone(), v.clone());
            }
        }
        self.post_json(&format!("/api/v1/informativas/{id}/contratos"), e, Some(c))
            .await
    }

    /// A Normal 2026-3 with one valid contract: `(informativa, contrato)`.
    pub(crate) async fn normal_con_contrato(&self, c: &str) -> (i64, i64) {
        let r = self.nueva(c, "2026", "3", "normal").await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let i = id(&r);
        let r = self.contrato(c, i, json!({})).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        (i, id(&r))
    }

    pub(crate) async fn cargar(
        &self,
        c: &str,
        id: i64,
        cid: i64,
        clave: &str,
        cuerpo: Vec<u8>,
    ) -> crate::helpers::Respuesta {
        self.bytes_con(
            "PUT",
            &format!("/api/v1/informativas/{id}/contratos/{cid}/trabajadores/carga"),
            cuerpo,
            &[("content-type", "text/csv"), ("idempotency-key", clave)],
            c,
        )
        .await
    }

    pub(crate) async fn detalle(&self, c: &str, id: i64) -> Value {
        let r = self.get_con(&format!("/api/v1/informativas/{id}"), c).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        r.json()
    }
}

pub(crate) fn contrato_valido() -> Value {
    json!({
        "rfc_contratante": "AAA010101AAA",
        "nombre_contratante": "Cliente Uno SA de CV",
        "correo": "compras@cliente.mx",
        "celular": "5512345678",
        "objeto": "Mantenimiento de elevadores del edificio",
        "servicio": "AR12345/2024-001",
        "fecha_inicio": "15/09/2026",
    })
}

pub(crate) fn id(r: &crate::helpers::Respuesta) -> i64 {
    r.json()["id"].as_i64().unwrap()
}

pub(crate) fn campo(r: &crate::helpers::Respuesta) -> (String, String) {
    let j = r.json();
    (
        j["campos"][0]["campo"].as_str().unwrap_or("").to_string(),
        j["campos"][0]["codigo"].as_str().unwrap_or("").to_string(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registering_requires_the_account_a_started_period_and_v01() {
    let app = TestApp::new().await;
    let c = app.titular(MORAL).await;
    let r = app.nueva(&c, "2026", "3", "normal").await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
    assert_eq!(r.json()["codigo"], "datos_incompletos");

    let c = app.contratista_listo().await;
    let r = app.nueva(&c, "2027", "1", "normal").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
    assert_eq!(campo(&r), ("periodo".into(), "periodo_not_started".into()));
    assert!(r.json()["campos"][0]["mensaje"]
        .as_str()
        .unwrap()
        .contains("01/01/2027"));
    let r = app.nueva(&c, "2026", "3", "otra").await;
    assert_eq!(campo(&r), ("tipo".into(), "field_required".into()));

    let r = app.nueva(&c, "2026", "3", "normal").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let i = r.json();
    assert_eq!(i["estado"], "captura");
    // 17 Jan 2027 is a Sunday: due on Monday the 18th.
    assert_eq!(i["vence"], "18/01/2027");
    assert_eq!(i["a_tiempo"], true);

    for tipo in ["normal", "sin_informacion"] {
        let r = app.nueva(&c, "2026", "3", tipo).await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.text());
        assert_eq!(r.json()["codigo"], "informativa_exists");
    }
    // A late period is accepted and shown as out of time.
    let r = app.nueva(&c, "2025", "1", "sin_informacion").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(r.json()["a_tiempo"], false);

    let lista = app.get_con("/api/v1/informativas", &c).await.json();
    assert_eq!(lista.as_array().unwrap().len(), 2);
    assert_eq!(lista[0]["anio"], 2026);

    // Deleting the draft frees the period.
    let r = app
        .send(
            Request::delete(format!("/api/v1/informativas/{}", i["id"]))
                .header("cookie", &c)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = app.nueva(&c, "2026", "3", "sin_informacion").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());

    // Another contratista sees none of it.
    let otro = app.titular(FISICA).await;
    let r = app
        .get_con(&format!("/api/v1/informativas/{}", id(&r)), &otro)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get_con("/api/v1/informativas", &otro).await.json(),
        json!([])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn contracts_are_checked_v03_v04_v05_and_counted() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let i = id(&app.nueva(&c, "2026", "3", "normal").await);

    let r = app
        .contrato(&c, i, json!({"rfc_contratante": "EKU9003173C9"}))
        .await;
    assert_eq!(
        campo(&r),
        ("rfc_contratante".into(), "rfc_contratista".into())
    );
    let r = app.contrato(&c, i, json!({"servicio": "NO-ES-MIO"})).await;
    assert_eq!(campo(&r), ("servicio".into(), "servicio_unknown".into()));
    let r = app
        .contrato(&c, i, json!({"fecha_inicio": "31/08/2026"}))
        .await;
    assert_eq!(
        campo(&r),
        ("fecha_inicio".into(), "fecha_out_of_period".into())
    );
    let r = app.contrato(&c, i, json!({"correo": ""})).await;
    assert_eq!(campo(&r), ("correo".into(), "field_required".into()));
    let r = app
        .contrato(&c, i, json!({"domicilio_social": {"codigo_postal": "06600", "colonia": "9999", "calle": "X", "numero_exterior": "1"}}))
        .await;
    assert_eq!(campo(&r).1, "colonia_unknown");
    assert_eq!(app.detalle(&c, i).await["informativa"]["contratos"], 0);

    let r = app
        .contrato(&c, i, json!({"domicilio_social": {"codigo_postal": "06600", "colonia": "0930", "calle": "Versalles", "numero_exterior": "15"}}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let k = r.json();
    assert_eq!(
        k["contrato"]["servicio"]["descripcion"],
        "Mantenimiento de elevadores"
    );
    assert_eq!(k["contrato"]["domicilio_social"]["colonia"], "Juárez");
    let cid = k["id"].as_i64().unwrap();

    let r = app
        .post_json(
            &format!("/api/v1/informativas/{i}/contratos/{cid}/copiar"),
            json!({}),
            Some(&c),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let copia = id(&r);
    let r = app
        .json_con(
            "PUT",
            &format!("/api/v1/informativas/{i}/contratos/{copia}"),
            json!({"fecha_inicio": "01/12/2026"}),
            &c,
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::BAD_REQUEST,
        "a partial body is refused field by field"
    );
    let mut e = contrato_valido();
    e["fecha_inicio"] = json!("2026-12-01");
    e["servicio"] = json!("AR12345/2024-002");
    let r = app
        .json_con(
            "PUT",
            &format!("/api/v1/informativas/{i}/contratos/{copia}"),
            e,
            &c,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let d = app.detalle(&c, i).await;
    assert_eq!(d["informativa"]["contratos"], 2);
    assert_eq!(d["contratos"][1]["fecha_inicio"], "01/12/2026");

    let r = app
        .send(
            Request::delete(format!("/api/v1/informativas/{i}/contratos/{copia}"))
                .header("cookie", &c)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(app.detalle(&c, i).await["informativa"]["contratos"], 1);

    // A Sin información takes no contracts.
    let si = id(&app.nueva(&c, "2026", "2", "sin_informacion").await);
    let r = app
        .contrato(&c, si, json!({"fecha_inicio": "15/06/2026"}))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.json()["codigo"], "informativa_state");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn findings_block_signature_and_the_states_follow_the_roles() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let ana = app.ana_trabajando_para(&c, MORAL.1).await;
    let r = app.nueva(&ana, "2026", "3", "normal").await;
    assert_eq!(
        r.status,
        StatusCode::CREATED,
        "a capturista registers: {}",
        r.text()
    );
    let i = id(&r);
    let reglas = |d: &Value| -> Vec<String> {
        d["hallazgos"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["regla"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(reglas(&app.detalle(&ana, i).await), ["V02"]);
    let enviar = format!("/api/v1/informativas/{i}/enviar-firma");
    let r = app.post_json(&enviar, json!({}), Some(&ana)).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.json()["codigo"], "hallazgos_open");
    assert!(r.json()["mensaje"].as_str().unwrap().contains("[V02]"));

    let cid = id(&app.contrato(&ana, i, json!({})).await);
    assert_eq!(reglas(&app.detalle(&ana, i).await), ["V06"]);
    let r = app
        .post_json(
            &format!("/api/v1/informativas/{i}/contratos/{cid}/trabajadores"),
            json!({"nss": "01108512342", "curp": "PELJ850101HDFRPN06", "sbc": "315.04"}),
            Some(&ana),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert!(reglas(&app.detalle(&ana, i).await).is_empty());

    // V04 reappears when the service leaves the REPSE registration.
    let mut datos = datos_moral();
    datos["repse"]["servicios"] =
        json!([{"folio": "AR12345/2024-002", "descripcion": "Limpieza industrial"}]);
    let r = app
        .json_con("PUT", "/api/v1/datos-generales", datos, &c)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(reglas(&app.detalle(&ana, i).await), ["V04"]);
    let r = app
        .json_con("PUT", "/api/v1/datos-generales", datos_moral(), &c)
        .await;
    assert_eq!(r.status, StatusCode::OK);

    let r = app.post_json(&enviar, json!({}), Some(&ana)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["estado"], "en_firma");
    // Frozen: nothing changes while in signature.
    let r = app.contrato(&ana, i, json!({})).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(r.json()["codigo"], "informativa_state");
    let r = app
        .cargar(&ana, i, cid, "clave-en-firma-1", archivo(0, 3))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    // Only the contratista sends it back.
    let regresar = format!("/api/v1/informativas/{i}/regresar-captura");
    let r = app.post_json(&regresar, json!({}), Some(&ana)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app.post_json(&regresar, json!({}), Some(&c)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["estado"], "captura");

    // A Sin información goes to signature with no contracts.
    let si = id(&app.nueva(&c, "2026", "2", "sin_informacion").await);
    let r = app
        .post_json(
            &format!("/api/v1/informativas/{si}/enviar-firma"),
            json!({}),
            Some(&c),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bulk_upload_is_idempotent_rechecked_and_refuses_workers_already_there() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let i = id(&app.nueva(&c, "2026", "3", "normal").await);
    let cid = id(&app.contrato(&c, i, json!({})).await);

    let r = app
        .cargar(&c, i, cid, "lote-0001-aaaa", archivo(0, 1000))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let j = r.json();
    assert_eq!(
        (
            j["agregados"].as_u64(),
            j["rechazados"].as_u64(),
            j["total"].as_u64()
        ),
        (Some(1000), Some(0), Some(1000))
    );
    assert_eq!(j["repetida"], false);

    // The retry after a lost answer: same key, same answer, nothing added.
    let r = app
        .cargar(&c, i, cid, "lote-0001-aaaa", archivo(0, 1000))
        .await;
    let j = r.json();
    assert_eq!(
        (
            j["agregados"].as_u64(),
            j["repetida"].as_bool(),
            j["total"].as_u64()
        ),
        (Some(1000), Some(true), Some(1000))
    );

    // V08 against the stored workers, and a row the browser should have refused.
    let mut cuerpo = archivo(990, 1010);
    cuerpo.extend_from_slice(b"12345678901,NO-ES-CURP,100.00\n");
    let r = app.cargar(&c, i, cid, "lote-0002-bbbb", cuerpo).await;
    let j = r.json();
    assert_eq!(
        (
            j["agregados"].as_u64(),
            j["rechazados"].as_u64(),
            j["total"].as_u64()
        ),
        (Some(10), Some(11), Some(1010)),
        "{j}"
    );
    let r = app
        .get_con(
            &format!("/api/v1/informativas/{i}/cargas/lote-0002-bbbb/rechazados"),
            &c,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let csv = r.text();
    assert_eq!(csv.lines().count(), 12, "{csv}");
    assert!(csv.contains("ya está registrado en este contrato"), "{csv}");
    assert!(csv.contains("NO-ES-CURP"), "{csv}");
    let d = app.detalle(&c, i).await;
    assert_eq!(d["informativa"]["trabajadores"], 1010);
    assert_eq!(d["contratos"][0]["trabajadores"], 1010);

    // No key, or a file that is only a header: refused with a message.
    let r = app.cargar(&c, i, cid, "", archivo(2000, 2001)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = app
        .cargar(&c, i, cid, "lote-0003-cccc", b"NSS,CURP,SBC\n".to_vec())
        .await;
    assert_eq!(r.json()["codigo"], "file_empty");
    let r = app
        .cargar(&c, i, cid, "lote-0003-cccc", archivo(2000, 2002))
        .await;
    assert_eq!(
        r.json()["agregados"],
        2,
        "a refused batch leaves its key free: {}",
        r.text()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_dropped_mid_upload_stores_nothing() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let i = id(&app.nueva(&c, "2026", "3", "normal").await);
    let cid = id(&app.contrato(&c, i, json!({})).await);
    // 20,000 rows in chunks, then the connection breaks.
    let trozos: Vec<Result<Bytes, std::io::Error>> = (0..20)
        .map(|k| Ok(Bytes::from(archivo(k * 1000, (k + 1) * 1000))))
        .chain(std::iter::once(Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "reset",
        ))))
        .collect();
    let req = Request::put(format!(
        "/api/v1/informativas/{i}/contratos/{cid}/trabajadores/carga"
    ))
    .header("cookie", &c)
    .header("idempotency-key", "lote-cortado-01")
    .body(Body::from_stream(futures_util::stream::iter(trozos)))
    .unwrap();
    let r = app.send(req).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
    assert!(r.json()["mensaje"]
        .as_str()
        .unwrap()
        .contains("no se guardó ningún trabajador"));
    let p = app
        .get_con(
            &format!("/api/v1/informativas/{i}/contratos/{cid}/trabajadores"),
            &c,
        )
        .await
        .json();
    assert_eq!(p["total"], 0);
    assert_eq!(p["trabajadores"], json!([]));
    assert_eq!(app.detalle(&c, i).await["informativa"]["trabajadores"], 0);
    // The retry with the same key stores the whole batch once.
    let r = app
        .cargar(&c, i, cid, "lote-cortado-01", archivo(0, 20_000))
        .await;
    assert_eq!(r.json()["agregados"], 20_000, "{}", r.text());
    assert_eq!(r.json()["repetida"], false);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workers_one_by_one_pages_and_search() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let i = id(&app.nueva(&c, "2026", "3", "normal").await);
    let cid = id(&app.contrato(&c, i, json!({})).await);
    let base = format!("/api/v1/informativas/{i}/contratos/{cid}/trabajadores");
    let r = app
        .cargar(&c, i, cid, "lote-pagina-01", archivo(0, 120))
        .await;
    assert_eq!(r.json()["agregados"], 120);

    let una = fila(5);
    let partes: Vec<&str> = una.trim().split(',').collect();
    let r = app
        .post_json(
            &base,
            json!({"nss": partes[0], "curp": "PELJ850101HDFRPN06", "sbc": "400"}),
            Some(&c),
        )
        .await;
    assert_eq!(campo(&r), ("nss".into(), "duplicate_nss".into()));
    let r = app
        .post_json(
            &base,
            json!({"nss": "01108512342", "curp": partes[1], "sbc": "400"}),
            Some(&c),
        )
        .await;
    assert_eq!(campo(&r), ("curp".into(), "duplicate_curp".into()));
    let r = app
        .post_json(
            &base,
            json!({"nss": "01108512343", "curp": "XX", "sbc": "99999"}),
            Some(&c),
        )
        .await;
    let campos: Vec<String> = r.json()["campos"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["campo"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(campos, ["nss", "curp", "sbc"]);

    let p1 = app.get_con(&base, &c).await.json();
    assert_eq!(p1["trabajadores"].as_array().unwrap().len(), 50);
    assert_eq!(p1["total"], 120);
    let s = p1["siguiente"].as_str().unwrap().to_string();
    let p2 = app.get_con(&format!("{base}?despues={s}"), &c).await.json();
    let s = p2["siguiente"].as_str().unwrap().to_string();
    let p3 = app.get_con(&format!("{base}?despues={s}"), &c).await.json();
    assert_eq!(p3["trabajadores"].as_array().unwrap().len(), 20);
    assert!(p3["siguiente"].is_null());
    assert!(
        p1["trabajadores"][0]["nss"].as_str().unwrap()
            < p3["trabajadores"][0]["nss"].as_str().unwrap()
    );

    let b = app
        .get_con(&format!("{base}?buscar={}", &partes[0][..9]), &c)
        .await
        .json();
    assert!(b["trabajadores"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["nss"] == partes[0]));
    let b = app
        .get_con(&format!("{base}?buscar={}", partes[1].to_lowercase()), &c)
        .await
        .json();
    assert_eq!(b["trabajadores"].as_array().unwrap().len(), 1);
    assert_eq!(b["trabajadores"][0]["sbc"], partes[2]);

    let r = app
        .send(
            Request::delete(format!("{base}/{}", partes[0]))
                .header("cookie", &c)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(app.get_con(&base, &c).await.json()["total"], 119);
    assert_eq!(app.detalle(&c, i).await["informativa"]["trabajadores"], 119);
    // Deleting freed both halves of V08: the same worker can come back.
    let r = app
        .post_json(
            &base,
            json!({"nss": partes[0], "curp": partes[1], "sbc": partes[2]}),
            Some(&c),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert_eq!(app.get_con(&base, &c).await.json()["total"], 120);

    // A CURP search pages in CURP order: 1,400 rows, 54 of them with a CURP starting "A".
    let cid2 = id(&app.contrato(&c, i, json!({})).await);
    let base2 = format!("/api/v1/informativas/{i}/contratos/{cid2}/trabajadores");
    let r = app
        .cargar(&c, i, cid2, "lote-pagina-02", archivo(0, 1400))
        .await;
    assert_eq!(r.json()["agregados"], 1400, "{}", r.text());
    let curps = |p: &Value| -> Vec<String> {
        p["trabajadores"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["curp"].as_str().unwrap().to_string())
            .collect()
    };
    let b1 = app.get_con(&format!("{base2}?buscar=a"), &c).await.json();
    let s = b1["siguiente"].as_str().unwrap().to_string();
    let b2 = app
        .get_con(&format!("{base2}?buscar=a&despues={s}"), &c)
        .await
        .json();
    assert!(b2["siguiente"].is_null());
    let todas: Vec<String> = [curps(&b1), curps(&b2)].concat();
    assert_eq!((curps(&b1).len(), todas.len()), (50, 54));
    assert!(todas.iter().all(|c| c.starts_with('A')));
    assert!(todas.windows(2).all(|w| w[0] < w[1]), "{todas:?}");
    // Deleting the contract takes its workers with it; a new contract starts empty.
    let r = app
        .send(
            Request::delete(format!("/api/v1/informativas/{i}/contratos/{cid2}"))
                .header("cookie", &c)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
    assert_eq!(app.detalle(&c, i).await["informativa"]["trabajadores"], 120);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn contracts_import_all_or_nothing_and_once() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let i = id(&app.nueva(&c, "2026", "3", "normal").await);
    let ruta = format!("/api/v1/informativas/{i}/contratos/importar");
    let fila = |n: u64, rfc: &str| {
        json!({"fila": n, "entrada": {
        "rfc_contratante": rfc, "nombre_contratante": format!("Cliente {n}"), "correo": "a@b.mx",
        "celular": "5512345678", "objeto": "Limpieza", "servicio": "AR12345/2024-002", "fecha_inicio": "2026-10-01"}})
    };
    let r = app
        .post_json(&ruta, json!({"clave": "importa-0001", "contratos": [fila(2, "AAA010101AAA"), fila(3, "EKU9003173C9")]}), Some(&c))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["campos"][0]["campo"], "fila.3.rfc_contratante");
    assert_eq!(app.detalle(&c, i).await["informativa"]["contratos"], 0);
    let cuerpo = json!({"clave": "importa-0002", "contratos": [fila(2, "AAA010101AAA"), fila(3, "BBB010101BB1")]});
    let r = app.post_json(&ruta, cuerpo.clone(), Some(&c)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["agregados"], 2);
    let r = app.post_json(&ruta, cuerpo, Some(&c)).await;
    assert_eq!(r.json()["repetida"], true);
    assert_eq!(app.detalle(&c, i).await["informativa"]["contratos"], 2);
}

/// REPSE registrations are renewed: a contract is checked (V04) against the services registered
/// on its start date, so a renewal that drops a service does not block older contracts.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn v04_checks_the_services_registered_on_the_contracts_start_date() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    // Renewal on 1 October 2026 keeps only a new service.
    let mut renovado = datos_moral();
    renovado["repse"] = json!({
        "numero": "AR12345/2026",
        "fecha_registro": "01/10/2026",
        "servicios": [{"folio": "AR12345/2026-009", "descripcion": "Jardinería"}]
    });
    let r = app
        .json_con("PUT", "/api/v1/datos-generales", renovado, &c)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let r = app.nueva(&c, "2026", "3", "normal").await;
    let i = id(&r);
    // Started before the renewal: the 2024 registration's service is accepted.
    let r = app
        .contrato(&c, i, json!({"fecha_inicio": "15/09/2026"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    // Started after it: the dropped service is refused, the new one accepted.
    let r = app
        .contrato(&c, i, json!({"fecha_inicio": "15/10/2026"}))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
    assert_eq!(campo(&r), ("servicio".into(), "servicio_unknown".into()));
    let r = app
        .contrato(
            &c,
            i,
            json!({"fecha_inicio": "15/10/2026", "servicio": "AR12345/2026-009"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    // The detail offers every service ever registered and finds no V04.
    let d = app.detalle(&c, i).await;
    let folios: Vec<&str> = d["servicios"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["folio"].as_str().unwrap())
        .collect();
    assert!(folios.contains(&"AR12345/2024-001") && folios.contains(&"AR12345/2026-009"));
    assert!(
        !d["hallazgos"].to_string().contains("V04"),
        "{}",
        d["hallazgos"]
    );
}

/// Issue 15: an upload that is still arriving (here: one row, then silence) holds no transaction,
/// so other writes go through at once; the upload then completes with what it received.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_stalled_upload_does_not_block_other_writes() {
    let app = std::sync::Arc::new(TestApp::new().await);
    let c = app.contratista_listo().await;
    let (i, cid) = app.normal_con_contrato(&c).await;
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    tx.send(Ok(Bytes::from(fila(0)))).await.unwrap();
    let cuerpo =
        futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|t| (t, rx)) });
    let subida = {
        let app = app.clone();
        let c = c.clone();
        tokio::spawn(async move {
            app.send(
                Request::put(format!(
                    "/api/v1/informativas/{i}/contratos/{cid}/trabajadores/carga"
                ))
                .header("cookie", &c)
                .header("content-type", "text/csv")
                .header("idempotency-key", "carga-lenta-0001")
                .body(Body::from_stream(cuerpo))
                .unwrap(),
            )
            .await
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    // Meanwhile: another informativa, a contract, a worker by hand — all written at once.
    let inicio = std::time::Instant::now();
    let r = app.nueva(&c, "2026", "2", "normal").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let otra = id(&r);
    let r = app
        .contrato(&c, otra, json!({"fecha_inicio": "15/06/2026"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    assert!(
        inicio.elapsed() < std::time::Duration::from_secs(3),
        "{:?}",
        inicio.elapsed()
    );
    tx.send(Ok(Bytes::from(fila(1)))).await.unwrap();
    drop(tx);
    let r = subida.await.unwrap();
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["agregados"], 2);
}

/// Issue 15: the downloadable rejected-row file is bounded; past the limit it says how many more
/// rows had errors.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rejected_rows_file_is_bounded_and_says_how_many_more_there_were() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let (i, cid) = app.normal_con_contrato(&c).await;
    let maximo = server::informativas::carga::MAX_RECHAZADOS_EN_ARCHIVO as usize;
    let basura: String = (0..maximo + 10)
        .map(|n| format!("{n:011},NOESCURP,1\n"))
        .collect();
    let r = app
        .cargar(&c, i, cid, "carga-basura-0001", basura.into_bytes())
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["rechazados"], (maximo + 10) as u64);
    let r = app
        .get_con(
            &format!("/api/v1/informativas/{i}/cargas/carga-basura-0001/rechazados"),
            &c,
        )
        .await;
    let texto = r.text();
    assert_eq!(texto.lines().count(), 1 + maximo + 1);
    assert!(texto.lines().last().unwrap().contains("Y 10 renglones más"));
}

/// Issue 15: an informativa's contracts come in pages of 200 (the detail and
/// `GET …/contratos?despues=`), and the findings list is bounded with its total.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn contracts_are_paged_and_findings_bounded() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let r = app.nueva(&c, "2026", "3", "normal").await;
    let i = id(&r);
    let por_pagina = app::api::informativas::CONTRATOS_POR_PAGINA;
    for n in 0..por_pagina + 5 {
        let r = app
            .contrato(&c, i, json!({"numero_contrato": format!("C-{n}")}))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    }
    let d = app.detalle(&c, i).await;
    assert_eq!(d["contratos"].as_array().unwrap().len(), por_pagina);
    // Every contract lacks workers (V06): more findings than listed, with the total.
    assert_eq!(d["hallazgos_total"], (por_pagina + 5) as u64);
    assert_eq!(
        d["hallazgos"].as_array().unwrap().len(),
        app::api::informativas::HALLAZGOS_MAXIMOS
    );
    let despues = d["contratos_siguiente"].as_i64().unwrap();
    let r = app
        .get_con(
            &format!("/api/v1/informativas/{i}/contratos?despues={despues}"),
            &c,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let p = r.json();
    assert_eq!(p["contratos"].as_array().unwrap().len(), 5);
    assert!(p["siguiente"].is_null());
}
