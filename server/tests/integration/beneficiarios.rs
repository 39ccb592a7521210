//! Issue 18, beneficiario access (Lineamientos 7): a contratista authorises a client by RFC;
//! the client, logged in with its own e.firma, sees only its own contracts in the provider's
//! presented filings — with their workers, the acuse and an XLSX read back with calamine —
//! and nothing of providers that did not authorise it or after revocation; every access is
//! audited and shown to the contratista.

use crate::cuenta::MORAL;
use crate::helpers::TestApp;
use crate::informativas::{archivo, id};
use axum::http::StatusCode;
use calamine::{Data, Reader, Xlsx};
use serde_json::json;

/// The client: the SAT test e.firma of a person (the company one expired in 2021).
const CLIENTE: (&str, &str) = ("CACX7605101P8_FIEL", "CACX7605101P8");
/// Another client of the same provider.
const OTRO: &str = "GODE561231GR8";

impl TestApp {
    /// MORAL presents a Normal 2026-3 with two contracts — 2 workers with CLIENTE, 2 with OTRO —
    /// and returns its id and folio.
    async fn dos_clientes(&self, c: &str) -> (i64, String) {
        let r = self.nueva(c, "2026", "3", "normal").await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let i = id(&r);
        let uno = id(&self
            .contrato(
                c,
                i,
                json!({"rfc_contratante": CLIENTE.1, "nombre_contratante": "Xochilt Casas Chávez"}),
            )
            .await);
        let otro = id(&self
            .contrato(
                c,
                i,
                json!({"rfc_contratante": OTRO, "nombre_contratante": "Otro Cliente SC"}),
            )
            .await);
        for (cid, clave, filas) in [
            (uno, "carga-cliente-a", archivo(0, 2)),
            (otro, "carga-cliente-b", archivo(2, 4)),
        ] {
            let r = self.cargar(c, i, cid, clave, filas).await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        }
        self.enviar(c, i).await;
        let folio = self.firmar(c, i).await;
        (i, folio)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_authorised_client_sees_only_its_contracts_and_the_provider_sees_each_access() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let (i, folio) = app.dos_clientes(&c).await;
    let cliente = app.titular(CLIENTE).await;

    // Not authorised yet: nothing, said in words; the files answer 404.
    let r = app.get_con("/mis-proveedores", &cliente).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.text().contains("Ningún proveedor te ha autorizado"),
        "{}",
        r.text()
    );
    let r = app
        .get_con(&format!("/mis-proveedores/{}.xlsx", MORAL.1), &cliente)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app
        .get_con(
            &format!("/mis-proveedores/{}/{i}/acuse.pdf", MORAL.1),
            &cliente,
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // The contratista authorises it with a plain form post; a wrong RFC is refused in Spanish.
    let r = app
        .formulario(
            "/api/fn/autorizaciones/nueva",
            &[("rfc", "AAA01")],
            "/autorizaciones",
            Some(&c),
        )
        .await;
    assert!(r.status.is_redirection(), "{}", r.status);
    let r = app
        .formulario(
            "/api/fn/autorizaciones/nueva",
            &[("rfc", "cacx7605101p8")],
            "/autorizaciones",
            Some(&c),
        )
        .await;
    assert!(r.status.is_redirection(), "{}", r.status);
    assert!(
        r.header("location").contains("hecho=autorizado"),
        "{}",
        r.header("location")
    );
    let r = app.get_con("/autorizaciones", &c).await;
    assert!(r.text().contains(CLIENTE.1), "{}", r.text());

    // The client sees its contract, its workers, not the other client's.
    let r = app.get_con("/mis-proveedores", &cliente).await;
    let html = r.text();
    assert!(html.contains("ESCUELA KEMPER URGATE SA DE CV"), "{html}");
    assert!(html.contains(&folio));
    assert!(html.contains("2 trabajadores"));
    assert!(
        !html.contains(OTRO) && !html.contains("Otro Cliente"),
        "{html}"
    );
    let r = app
        .get_con(&format!("/mis-proveedores/{}.xlsx", MORAL.1), &cliente)
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let mut libro = Xlsx::new(std::io::Cursor::new(r.body.clone())).unwrap();
    let filas: Vec<Vec<Data>> = libro
        .worksheet_range("Contratos")
        .unwrap()
        .rows()
        .map(|f| f.to_vec())
        .collect();
    assert_eq!(filas.len(), 3, "header + the client's 2 workers");
    assert!(filas[1..]
        .iter()
        .all(|f| f[2] == Data::String(CLIENTE.1.into())));
    assert!(matches!(&filas[1][7], Data::String(nss) if nss.len() == 11));
    let r = app
        .get_con(
            &format!("/mis-proveedores/{}/{i}/acuse.pdf", MORAL.1),
            &cliente,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.starts_with(b"%PDF"));

    // The provider sees every access.
    let r = app.get_con("/autorizaciones", &c).await;
    let html = r.text();
    assert!(html.contains("Consultó sus contratos"), "{html}");
    assert!(html.contains("Descargó sus contratos y trabajadores"));
    assert!(html.contains(&format!("Descargó el acuse acuse-{folio}.pdf")));

    // The provider revokes: nothing again.
    let r = app
        .formulario(
            "/api/fn/autorizaciones/revocar",
            &[("rfc", CLIENTE.1)],
            "/autorizaciones",
            Some(&c),
        )
        .await;
    assert!(
        r.header("location").contains("hecho=revocado"),
        "{}",
        r.header("location")
    );
    let r = app.get_con("/mis-proveedores", &cliente).await;
    assert!(r.text().contains("Ningún proveedor te ha autorizado"));
    let r = app
        .get_con(&format!("/mis-proveedores/{}.xlsx", MORAL.1), &cliente)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_presented_informativa_downloads_as_xlsx_with_nss_as_text() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let (i, folio) = app.dos_clientes(&c).await;
    let r = app
        .get_con(&format!("/api/v1/informativas/{i}/presentada.xlsx"), &c)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert!(r
        .header("content-disposition")
        .contains(&format!("informativa-{folio}.xlsx")));
    let mut libro = Xlsx::new(std::io::Cursor::new(r.body.clone())).unwrap();
    let filas: Vec<Vec<Data>> = libro
        .worksheet_range("Presentada")
        .unwrap()
        .rows()
        .map(|f| f.to_vec())
        .collect();
    assert_eq!(filas.len(), 5);
    assert_eq!(filas[0][7], Data::String("NSS".into()));
    assert!(filas[1..]
        .iter()
        .all(|f| matches!(&f[7], Data::String(n) if n.len() == 11)));
    assert!(filas[1..].iter().all(|f| matches!(f[9], Data::Float(_))));
    // Another contratista's session cannot read it.
    let otro = app.titular(CLIENTE).await;
    let r = app
        .get_con(&format!("/api/v1/informativas/{i}/presentada.xlsx"), &otro)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
