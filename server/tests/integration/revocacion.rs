//! Issue 19, certificate revocation: a CA made by the test (openssl) issues two e.firmas for the
//! same RFC, revokes one, and answers OCSP on loopback (`openssl ocsp`). Login and signing refuse
//! the revoked one with `efirma_revoked` and take the good one; with the responder down, the
//! `ICSOE_OCSP_FALLA` setting decides (`abierta` lets it through, `cerrada` answers
//! `efirma_revocation_unavailable`).
//!
//! The responder stamps its answers with the machine's real time, so this test's injected clock
//! is the real now, and every certificate is issued relative to it: nothing here depends on a
//! date that will pass.

use crate::helpers::TestApp;
use crate::informativas::archivo;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use base64ct::Encoding;
use serde_json::json;
use server::auth::revocacion::FallaOcsp;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

const RFC: &str = "EKU9003173C9";

fn openssl(dir: &Path, args: &[&str]) {
    let s = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .expect("openssl");
    assert!(
        s.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&s.stderr)
    );
}

const CONFIG: &str = "\
[ ca ]
default_ca = ac
[ ac ]
dir = .
database = index.txt
new_certs_dir = emitidos
serial = serie
default_md = sha256
default_days = 365
policy = cualquiera
unique_subject = no
[ cualquiera ]
x500UniqueIdentifier = optional
commonName = supplied
organizationName = optional
countryName = optional
[ raiz ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign, digitalSignature
[ efirma ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation, keyAgreement
";

/// The test's CA, its two e.firmas (`vigente`, `revocada`) and the responder.
struct Autoridad {
    dir: tempfile::TempDir,
    responder: Option<Child>,
    puerto: u16,
}

impl Drop for Autoridad {
    fn drop(&mut self) {
        if let Some(mut r) = self.responder.take() {
            let _ = r.kill();
            let _ = r.wait();
        }
    }
}

fn puerto_libre() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Autoridad {
    fn nueva() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("ac.cnf"), CONFIG).unwrap();
        std::fs::write(d.join("index.txt"), "").unwrap();
        std::fs::write(d.join("serie"), "1000\n").unwrap();
        std::fs::create_dir(d.join("emitidos")).unwrap();
        std::fs::create_dir(d.join("confianza")).unwrap();
        openssl(
            d,
            &[
                "req",
                "-new",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "ac.key",
                "-out",
                "ac.csr",
                "-subj",
                "/CN=AC OCSP DE PRUEBA/O=ICSOE/C=MX",
            ],
        );
        openssl(
            d,
            &[
                "ca",
                "-batch",
                "-config",
                "ac.cnf",
                "-selfsign",
                "-keyfile",
                "ac.key",
                "-in",
                "ac.csr",
                "-out",
                "confianza/ac.pem",
                "-extensions",
                "raiz",
                "-notext",
                "-days",
                "3650",
            ],
        );
        for nombre in ["vigente", "revocada"] {
            openssl(
                d,
                &[
                    "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout",
                    &format!("{nombre}.key"), "-out", &format!("{nombre}.csr"), "-subj",
                    &format!("/x500UniqueIdentifier={RFC}/CN=ESCUELA KEMPER URGATE SA DE CV/O=ESCUELA KEMPER URGATE SA DE CV/C=MX"),
                ],
            );
            openssl(
                d,
                &[
                    "ca",
                    "-batch",
                    "-config",
                    "ac.cnf",
                    "-cert",
                    "confianza/ac.pem",
                    "-keyfile",
                    "ac.key",
                    "-in",
                    &format!("{nombre}.csr"),
                    "-out",
                    &format!("{nombre}.pem"),
                    "-extensions",
                    "efirma",
                    "-notext",
                    "-preserveDN",
                    "-startdate",
                    &(chrono::Utc::now() - chrono::Duration::days(1))
                        .format("%Y%m%d%H%M%SZ")
                        .to_string(),
                ],
            );
            openssl(
                d,
                &[
                    "x509",
                    "-in",
                    &format!("{nombre}.pem"),
                    "-outform",
                    "DER",
                    "-out",
                    &format!("{nombre}.cer"),
                ],
            );
        }
        openssl(
            d,
            &[
                "ca",
                "-config",
                "ac.cnf",
                "-cert",
                "confianza/ac.pem",
                "-keyfile",
                "ac.key",
                "-revoke",
                "revocada.pem",
            ],
        );
        // The SAT's test CAs too, so the fixtures' e.firma still logs in.
        for e in
            std::fs::read_dir(crate::helpers::raiz().join("fixtures/sat-test-certs/sat-test-ca"))
                .unwrap()
        {
            let e = e.unwrap().path();
            std::fs::copy(&e, d.join("confianza").join(e.file_name().unwrap())).unwrap();
        }
        Autoridad {
            dir,
            responder: None,
            puerto: puerto_libre(),
        }
    }

    fn ruta(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }

    /// Starts `openssl ocsp` on loopback and waits until it says it accepts connections (a probe
    /// connection would hang it: it serves one connection at a time and waits for a request).
    fn responder(&mut self) {
        use std::io::BufRead;
        let mut hijo = Command::new("openssl")
            .args([
                "ocsp",
                "-index",
                "index.txt",
                "-port",
                &self.puerto.to_string(),
                "-rsigner",
                "confianza/ac.pem",
                "-rkey",
                "ac.key",
                "-CA",
                "confianza/ac.pem",
                "-ndays",
                "1",
            ])
            .current_dir(self.dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("openssl ocsp");
        let mut lineas = std::io::BufReader::new(hijo.stderr.take().unwrap()).lines();
        self.responder = Some(hijo);
        for linea in lineas.by_ref() {
            if linea
                .unwrap_or_default()
                .contains("waiting for OCSP client connections")
            {
                // Keep draining its messages so it never blocks on a full pipe.
                std::thread::spawn(move || lineas.for_each(drop));
                return;
            }
        }
        panic!("openssl ocsp no arrancó en el puerto {}", self.puerto);
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.puerto)
    }

    /// `RSA-SHA256(texto)` with `nombre`'s key, base64.
    fn firmar(&self, nombre: &str, texto: &str) -> String {
        use std::io::Write;
        let mut h = Command::new("openssl")
            .args(["dgst", "-sha256", "-sign", &format!("{nombre}.key")])
            .current_dir(self.dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        h.stdin.take().unwrap().write_all(texto.as_bytes()).unwrap();
        let o = h.wait_with_output().unwrap();
        assert!(o.status.success());
        base64ct::Base64::encode_string(&o.stdout)
    }

    fn cer(&self, nombre: &str) -> String {
        base64ct::Base64::encode_string(
            &std::fs::read(self.ruta(&format!("{nombre}.cer"))).unwrap(),
        )
    }
}

impl TestApp {
    async fn con_ocsp(ac: &Autoridad, url: String, falla: FallaOcsp) -> TestApp {
        let confianza = ac.ruta("confianza");
        TestApp::configurado(&chrono::Utc::now().to_rfc3339(), move |s| {
            s.confianza_dir = confianza;
            s.ocsp_url = Some(url);
            s.ocsp_falla = falla;
        })
        .await
    }

    async fn entrar_con(&self, ac: &Autoridad, nombre: &str) -> crate::helpers::Respuesta {
        let r = self
            .post_json("/api/v1/auth/reto", json!({"rfc": RFC}), None)
            .await;
        let reto = r.json()["reto"].as_str().unwrap().to_string();
        self.post_json(
            "/api/v1/auth/efirma",
            json!({"reto": reto, "certificado": ac.cer(nombre), "firma": ac.firmar(nombre, &reto)}),
            None,
        )
        .await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_efirma_can_neither_log_in_nor_sign() {
    let mut ac = Autoridad::nueva();
    ac.responder();
    let app = TestApp::con_ocsp(&ac, ac.url(), FallaOcsp::Cerrada).await;
    let r = app.entrar_con(&ac, "revocada").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.text());
    assert_eq!(r.json()["codigo"], "efirma_revoked");
    assert!(r.json()["mensaje"].as_str().unwrap().contains("revocado"));
    let r = app.entrar_con(&ac, "vigente").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());

    // Signing: the contratista (its SAT test e.firma, which this responder does not know — an
    // uncertain answer — so the fail-open app is used) prepares an informativa and signs it.
    let app = TestApp::con_ocsp(&ac, ac.url(), FallaOcsp::Abierta).await;
    let c = app.contratista_listo().await;
    let (i, cid) = app.normal_con_contrato(&c).await;
    let r = app
        .cargar(&c, i, cid, "carga-ocsp-0001", archivo(0, 2))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    app.enviar(&c, i).await;
    let cadena = app.cadena(&c, i).await;
    for (nombre, esperado) in [
        ("revocada", StatusCode::UNAUTHORIZED),
        ("vigente", StatusCode::OK),
    ] {
        let r = app
            .send(
                Request::post(format!("/api/v1/informativas/{i}/presentar"))
                    .header("content-type", "application/json")
                    .header("cookie", &c)
                    .header("idempotency-key", format!("firma-ocsp-{nombre}"))
                    .body(Body::from(
                        json!({"cadena": cadena, "certificado": ac.cer(nombre), "firma": ac.firmar(nombre, &cadena)})
                            .to_string(),
                    ))
                    .unwrap(),
            )
            .await;
        assert_eq!(r.status, esperado, "{nombre}: {}", r.text());
        if esperado != StatusCode::OK {
            assert_eq!(r.json()["codigo"], "efirma_revoked");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_responder_follows_the_fail_open_or_closed_setting() {
    let ac = Autoridad::nueva();
    // Nothing listens on `ac.puerto`: the responder is down.
    let abierta = TestApp::con_ocsp(&ac, ac.url(), FallaOcsp::Abierta).await;
    let r = abierta.entrar_con(&ac, "revocada").await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "fail-open lets it through: {}",
        r.text()
    );
    let cerrada = TestApp::con_ocsp(&ac, ac.url(), FallaOcsp::Cerrada).await;
    let r = cerrada.entrar_con(&ac, "vigente").await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.text());
    assert_eq!(r.json()["codigo"], "efirma_revocation_unavailable");
    // Without a responder configured nothing is asked.
    let sin = TestApp::configurado(&chrono::Utc::now().to_rfc3339(), |s| {
        s.confianza_dir = ac.ruta("confianza");
    })
    .await;
    assert_eq!(sin.entrar_con(&ac, "revocada").await.status, StatusCode::OK);
}
