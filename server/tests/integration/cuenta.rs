//! Datos generales, the postal-code lookup, the REPSE acuse and the account's role rules.

use crate::helpers::TestApp;
use axum::http::StatusCode;
use serde_json::json;

pub const MORAL: (&str, &str) = ("EKU9003173C9_FIEL", "EKU9003173C9");
pub const FISICA: (&str, &str) = ("CACX7605101P8_FIEL", "CACX7605101P8");

pub fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n".to_vec()
}

impl TestApp {
    /// Logs in with a test e.firma and accepts the terms; returns the cookie.
    pub(crate) async fn titular(&self, (carpeta, rfc): (&str, &str)) -> String {
        let cookie = self.ingresar(carpeta, rfc).await;
        let r = self
            .post_json(
                "/api/v1/auth/terminos",
                json!({"version": app::api::sesion::VERSION_TERMINOS}),
                Some(&cookie),
            )
            .await;
        assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
        cookie
    }
}

pub fn datos_moral() -> serde_json::Value {
    json!({
        "correo": "Contacto@Kemper.MX",
        "celular": "55-1234-5678",
        "fijo": "",
        "domicilio_social_igual_fiscal": false,
        "domicilio_social": {
            "codigo_postal": "06600", "colonia": "0930", "calle": "Versalles",
            "numero_exterior": "15", "numero_interior": "", "entre_calles": "Lucerna y Barcelona"
        },
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postal_code_lookup_lists_its_colonias_and_an_unknown_one_says_so() {
    let app = TestApp::new().await;
    let r = app.get("/api/v1/codigos-postales/06600").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let u = r.json();
    assert_eq!(u["estado"]["nombre"], "Ciudad de México");
    assert_eq!(u["municipio"]["nombre"], "Cuauhtémoc");
    assert!(u["colonias"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["nombre"] == "Juárez" && c["clave"] == "0930"));

    let r = app.get("/api/v1/codigos-postales/00001").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json()["codigo"], "codigo_postal_unknown");
    assert!(r.json()["mensaje"]
        .as_str()
        .unwrap()
        .starts_with("El código postal no existe en el catálogo"));

    let r = app.get("/api/v1/codigos-postales/6600").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["codigo"], "codigo_postal_format");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn datos_generales_are_saved_whole_and_read_back_with_catalog_names() {
    let app = TestApp::new().await;
    let cookie = app.titular(MORAL).await;
    let r = app.get_con("/api/v1/datos-generales", &cookie).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert!(r.json()["datos"].is_null());
    assert_eq!(r.json()["pendientes"].as_array().unwrap().len(), 2);

    let r = app
        .json_con("PUT", "/api/v1/datos-generales", datos_moral(), &cookie)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let d = r.json();
    assert_eq!(d["datos"]["correo"], "Contacto@kemper.mx");
    assert_eq!(d["datos"]["celular"], "5512345678");
    assert_eq!(d["datos"]["domicilio_social"]["colonia"], "Juárez");
    assert_eq!(d["datos"]["domicilio_social"]["municipio"], "Cuauhtémoc");
    assert_eq!(d["datos"]["repse"]["fecha_registro"], "2024-03-15");
    assert_eq!(
        d["datos"]["repse"]["servicios"].as_array().unwrap().len(),
        2
    );
    // Only the acuse is missing now.
    assert_eq!(d["pendientes"].as_array().unwrap().len(), 1, "{d}");

    // Saving again replaces (services too), and a restart reads the same.
    let mut otra = datos_moral();
    otra["repse"]["servicios"] =
        json!([{"folio": "AR12345/2024-009", "descripcion": "Vigilancia"}]);
    otra["correo"] = json!("avisos@kemper.mx");
    let r = app
        .json_con("PUT", "/api/v1/datos-generales", otra, &cookie)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let r = app.get_con("/api/v1/datos-generales", &cookie).await;
    assert_eq!(r.json()["datos"]["correo"], "avisos@kemper.mx");
    assert_eq!(
        r.json()["datos"]["repse"]["servicios"],
        json!([{"folio": "AR12345/2024-009", "descripcion": "Vigilancia"}])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invalid_form_names_every_field_and_changes_nothing() {
    let app = TestApp::new().await;
    let cookie = app.titular(MORAL).await;
    let r = app
        .json_con("PUT", "/api/v1/datos-generales", datos_moral(), &cookie)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let mut mala = datos_moral();
    mala["correo"] = json!("sin-arroba");
    mala["domicilio_social"]["codigo_postal"] = json!("00001");
    mala["repse"]["fecha_registro"] = json!("31/02/2024");
    let r = app
        .json_con("PUT", "/api/v1/datos-generales", mala, &cookie)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
    let e = r.json();
    assert_eq!(e["codigo"], "form_invalid");
    let campos: Vec<&str> = e["campos"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["campo"].as_str().unwrap())
        .collect();
    assert_eq!(
        campos,
        [
            "correo",
            "domicilio_social.codigo_postal",
            "repse.fecha_registro"
        ]
    );
    assert!(e["campos"][1]["mensaje"]
        .as_str()
        .unwrap()
        .contains("no existe en el catálogo"));
    let r = app.get_con("/api/v1/datos-generales", &cookie).await;
    assert_eq!(r.json()["datos"]["correo"], "Contacto@kemper.mx");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_repse_acuse_must_be_a_pdf_by_its_bytes_and_can_be_viewed_and_deleted() {
    let app = TestApp::new().await;
    let cookie = app.titular(MORAL).await;
    // A Windows program renamed to .pdf.
    let exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff".to_vec();
    let r = app
        .bytes_con(
            "PUT",
            "/api/v1/repse/acuse",
            exe,
            &[("x-nombre-archivo", "acuse.pdf")],
            &cookie,
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
    assert_eq!(r.json()["codigo"], "file_not_pdf");

    let grande = {
        let mut v = pdf();
        v.resize(10 * 1024 * 1024 + 1, b' ');
        v
    };
    let r = app
        .bytes_con("PUT", "/api/v1/repse/acuse", grande, &[], &cookie)
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.text());
    assert_eq!(r.json()["codigo"], "file_too_large");

    let r = app
        .bytes_con(
            "PUT",
            "/api/v1/repse/acuse",
            pdf(),
            &[("x-nombre-archivo", "acuse%20padr%C3%B3n.pdf")],
            &cookie,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let a = r.json();
    assert_eq!(a["nombre"], "acuse padrón.pdf");
    use sha2::Digest;
    let sha: String = sha2::Sha256::digest(pdf())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(a["sha256"], sha);

    let r = app.get_con("/api/v1/repse/acuse", &cookie).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header("content-type"), "application/pdf");
    assert_eq!(r.body, pdf());
    let r = app.get_con("/api/v1/datos-generales", &cookie).await;
    assert_eq!(r.json()["acuse_repse"]["sha256"], sha);

    let r = app
        .bytes_con("DELETE", "/api/v1/repse/acuse", vec![], &[], &cookie)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    let r = app.get_con("/api/v1/repse/acuse", &cookie).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_persona_fisica_needs_no_domicilio_social() {
    let app = TestApp::new().await;
    let cookie = app.titular(FISICA).await;
    let mut d = datos_moral();
    d["domicilio_social_igual_fiscal"] = json!(null);
    d["domicilio_social"] = json!(null);
    let r = app
        .json_con("PUT", "/api/v1/datos-generales", d, &cookie)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["persona"], "fisica");
    assert!(r.json()["datos"]["domicilio_social"].is_null());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_session_the_account_is_closed() {
    let app = TestApp::new().await;
    for (metodo, ruta) in [
        ("GET", "/api/v1/datos-generales"),
        ("PUT", "/api/v1/datos-generales"),
        ("GET", "/api/v1/repse/acuse"),
        ("GET", "/api/v1/capturistas"),
        ("POST", "/api/v1/capturistas"),
    ] {
        let r = app.json_con(metodo, ruta, json!({}), "").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{metodo} {ruta}");
        assert_eq!(r.json()["codigo"], "auth_required");
    }
}
