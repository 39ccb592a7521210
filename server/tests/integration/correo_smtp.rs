//! One message through a real SMTP conversation: the test starts a minimal SMTP server on
//! loopback, points the production mail backend at it (settings `correo = smtp`), and checks the
//! envelope and the UTF-8 message (a name with ñ) that arrive.

use base64ct::Encoding;
use server::config::{ModoCorreo, Settings};
use server::infra::correo::SeguridadSmtp;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// Accepts one connection, speaks just enough SMTP, returns (envelope lines, DATA).
async fn servidor_smtp(listener: TcpListener) -> (Vec<String>, String) {
    let (socket, _) = listener.accept().await.unwrap();
    let (lectura, mut escritura) = socket.into_split();
    let mut lineas = BufReader::new(lectura).lines();
    escritura.write_all(b"220 prueba ESMTP\r\n").await.unwrap();
    let mut sobre = Vec::new();
    let mut datos = String::new();
    while let Some(linea) = lineas.next_line().await.unwrap() {
        let orden = linea.to_ascii_uppercase();
        if orden.starts_with("EHLO") || orden.starts_with("HELO") {
            escritura
                .write_all(b"250-prueba\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
                .await
                .unwrap();
        } else if orden.starts_with("MAIL FROM") || orden.starts_with("RCPT TO") {
            sobre.push(linea.clone());
            escritura.write_all(b"250 OK\r\n").await.unwrap();
        } else if orden == "DATA" {
            escritura.write_all(b"354 adelante\r\n").await.unwrap();
            while let Some(l) = lineas.next_line().await.unwrap() {
                if l == "." {
                    break;
                }
                datos.push_str(&l);
                datos.push('\n');
            }
            escritura.write_all(b"250 recibido\r\n").await.unwrap();
        } else if orden == "QUIT" {
            escritura.write_all(b"221 adios\r\n").await.unwrap();
            break;
        } else {
            escritura.write_all(b"250 OK\r\n").await.unwrap();
        }
    }
    (sobre, datos)
}

/// Decodes the body according to its Content-Transfer-Encoding (lettre picks base64 or
/// quoted-printable for non-ASCII text).
fn cuerpo(datos: &str) -> String {
    let (encabezados, cuerpo) = datos.split_once("\n\n").unwrap();
    let cte = encabezados
        .lines()
        .find_map(|l| l.strip_prefix("Content-Transfer-Encoding: "))
        .unwrap_or("7bit")
        .trim()
        .to_ascii_lowercase();
    match cte.as_str() {
        "base64" => {
            let limpio: String = cuerpo.split_whitespace().collect();
            String::from_utf8(base64ct::Base64::decode_vec(&limpio).unwrap()).unwrap()
        }
        "quoted-printable" => {
            let unido = cuerpo.replace("=\n", "");
            let b = unido.as_bytes();
            let mut out = Vec::new();
            let mut i = 0;
            while i < b.len() {
                if b[i] == b'=' && i + 2 < b.len() {
                    out.push(u8::from_str_radix(&unido[i + 1..i + 3], 16).unwrap());
                    i += 3;
                } else {
                    out.push(b[i]);
                    i += 1;
                }
            }
            String::from_utf8(out).unwrap()
        }
        _ => cuerpo.to_string(),
    }
}

/// Decodes RFC 2047 `=?utf-8?b?…?=` words in a header value.
fn encabezado(datos: &str, nombre: &str) -> String {
    let valor = datos
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{nombre}: ")))
        .unwrap()
        .to_string();
    let mut out = String::new();
    for parte in valor.split(' ') {
        if let Some(b64) = parte
            .strip_prefix("=?utf-8?b?")
            .and_then(|p| p.strip_suffix("?="))
        {
            out.push_str(&String::from_utf8(base64ct::Base64::decode_vec(b64).unwrap()).unwrap());
        } else {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(parte);
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_goes_through_a_real_smtp_server_in_utf8() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let puerto = listener.local_addr().unwrap().port();
    let servidor = tokio::spawn(servidor_smtp(listener));

    let entorno = |k: &str| -> Option<String> {
        match k {
            "ICSOE_CORREO" => Some("smtp".into()),
            "ICSOE_SMTP_HOST" => Some("127.0.0.1".into()),
            "ICSOE_SMTP_PUERTO" => Some(puerto.to_string()),
            "ICSOE_SMTP_SEGURIDAD" => Some("ninguna".into()),
            "ICSOE_CORREO_REMITENTE" => Some("ICSOE <no-responder@icsoe.test>".into()),
            _ => None,
        }
    };
    let settings = Settings::load_from(None, entorno).unwrap();
    assert_eq!(settings.correo, ModoCorreo::Smtp);
    assert_eq!(settings.smtp.seguridad, SeguridadSmtp::Ninguna);
    let cartero = server::startup::cartero(&settings).unwrap();
    let mensaje = server::capturistas::avisos::invitacion(
        "Begoña Núñez",
        "begona@despacho.mx",
        "ESCUELA KEMPER URGATE SA DE CV",
        "https://icsoe.test/contrasena?token=abc123",
    );
    cartero.enviar(&mensaje).await.unwrap();

    let (sobre, datos) = tokio::time::timeout(std::time::Duration::from_secs(10), servidor)
        .await
        .unwrap()
        .unwrap();
    assert!(sobre[0].contains("<no-responder@icsoe.test>"), "{sobre:?}");
    assert!(sobre[1].contains("<begona@despacho.mx>"), "{sobre:?}");
    assert!(datos.contains("charset=utf-8"), "{datos}");
    assert_eq!(
        encabezado(&datos, "To"),
        "Begoña Núñez <begona@despacho.mx>",
        "{datos}"
    );
    let texto = cuerpo(&datos);
    assert!(texto.contains("Hola, Begoña Núñez:"), "{texto}");
    assert!(texto.contains("contraseña"), "{texto}");
    assert!(
        texto.contains("https://icsoe.test/contrasena?token=abc123"),
        "{texto}"
    );
}

#[test]
fn production_refuses_unencrypted_smtp_and_directory_mail() {
    let base = |k: &str| -> Option<String> {
        match k {
            "ICSOE_PROFILE" => Some("production".into()),
            "ICSOE_URL_PUBLICA" => Some("https://icsoe.example.mx".into()),
            _ => None,
        }
    };
    let e = Settings::load_from(None, base).unwrap_err().to_string();
    assert!(e.contains("ICSOE_CORREO=smtp"), "{e}");
    let sin_tls = |k: &str| match k {
        "ICSOE_CORREO" => Some("smtp".into()),
        "ICSOE_SMTP_HOST" => Some("smtp.example.mx".into()),
        "ICSOE_SMTP_SEGURIDAD" => Some("ninguna".into()),
        _ => base(k),
    };
    let e = Settings::load_from(None, sin_tls).unwrap_err().to_string();
    assert!(e.contains("sin cifrar"), "{e}");
}

#[test]
fn object_storage_needs_a_bucket() {
    let sin_bucket = |k: &str| (k == "ICSOE_ALMACEN").then(|| "s3".to_string());
    let e = Settings::load_from(None, sin_bucket)
        .unwrap_err()
        .to_string();
    assert!(e.contains("ICSOE_S3_BUCKET"), "{e}");
    let con_bucket = |k: &str| match k {
        "ICSOE_ALMACEN" => Some("s3".to_string()),
        "ICSOE_S3_BUCKET" => Some("icsoe-acuses".to_string()),
        _ => None,
    };
    let s = Settings::load_from(None, con_bucket).unwrap();
    assert_eq!(s.s3_bucket.as_deref(), Some("icsoe-acuses"));
}

/// A real SMTP server process (Python's aiosmtpd, installed by `.ci/run`) on loopback, writing
/// every message it accepts into a Maildir.
struct Aiosmtpd {
    hijo: std::process::Child,
    puerto: u16,
    dir: tempfile::TempDir,
}

impl Aiosmtpd {
    fn iniciar() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let puerto = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut hijo = std::process::Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{puerto}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(dir.path().join("buzon"))
            .spawn()
            .expect("python3 -m aiosmtpd (pip install aiosmtpd; .ci/run lo instala)");
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", puerto)).is_ok() {
                return Aiosmtpd { hijo, puerto, dir };
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let _ = hijo.kill();
        let _ = hijo.wait();
        panic!("aiosmtpd no abrió el puerto {puerto}");
    }

    /// Every message in the Maildir.
    fn mensajes(&self) -> Vec<Vec<u8>> {
        let mut todos = Vec::new();
        for sub in ["new", "cur"] {
            let d = self.dir.path().join("buzon").join(sub);
            if let Ok(archivos) = std::fs::read_dir(d) {
                for a in archivos.flatten() {
                    todos.push(std::fs::read(a.path()).unwrap());
                }
            }
        }
        todos
    }
}

impl Drop for Aiosmtpd {
    fn drop(&mut self) {
        let _ = self.hijo.kill();
        let _ = self.hijo.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_acuse_reaches_a_real_smtp_server_process_attached() {
    use crate::cuenta::MORAL;
    let smtp = Aiosmtpd::iniciar();
    let app = crate::helpers::TestApp::new().await;
    let c = app.contratista_listo().await;
    let i = app.en_firma(&c, 2).await;
    let folio = app.firmar(&c, i).await;
    // This process's outbox worker delivers through the production SMTP backend.
    let mut settings = app.settings.clone();
    settings.correo = ModoCorreo::Smtp;
    settings.smtp.host = "127.0.0.1".into();
    settings.smtp.puerto = smtp.puerto;
    settings.smtp.seguridad = SeguridadSmtp::Ninguna;
    let estado = server::startup::app_state(&settings, app.db.clone()).unwrap();
    let v = estado.avisos.repartidor.vaciar().await.unwrap();
    assert_eq!((v.enviados, v.fallidos), (1, 0));
    let mut recibidos = Vec::new();
    for _ in 0..50 {
        recibidos = smtp.mensajes();
        if !recibidos.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(recibidos.len(), 1);
    let correo = mailparse::parse_mail(&recibidos[0]).unwrap();
    let asunto = correo
        .headers
        .iter()
        .find(|h| h.get_key() == "Subject")
        .unwrap()
        .get_value();
    assert!(asunto.contains(&folio), "{asunto}");
    let para = correo
        .headers
        .iter()
        .find(|h| h.get_key() == "To")
        .unwrap()
        .get_value();
    assert!(para.contains("<Contacto@kemper.mx>"), "{para}");
    assert!(correo
        .headers
        .iter()
        .any(|h| h.get_key() == "Message-ID" && h.get_value().contains("aviso-")));
    let texto = correo.subparts[0].get_body().unwrap();
    assert!(
        texto.contains(&folio) && texto.contains("/verificar/"),
        "{texto}"
    );
    let pdf = correo
        .subparts
        .iter()
        .find(|p| p.ctype.mimetype == "application/pdf")
        .expect("el acuse adjunto");
    assert!(pdf
        .get_content_disposition()
        .params
        .get("filename")
        .is_some_and(|n| n == &format!("acuse-{folio}.pdf")));
    let bytes = pdf.get_body_raw().unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert!(String::from_utf8_lossy(&bytes).contains(&folio));
    let _ = MORAL;
}
