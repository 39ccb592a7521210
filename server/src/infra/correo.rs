//! Outgoing mail behind [`Cartero`]: real SMTP in production (lettre over rustls, STARTTLS or
//! implicit TLS, credentials from the settings), a directory of `.eml` files in development (the
//! end-to-end tests read invitations from there), and memory for integration tests.

use anyhow::Context;
use async_trait::async_trait;
use lettre::message::{header::ContentType, Mailbox};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// A file attached to a message (the acuse PDF).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Adjunto {
    /// File name (`acuse-SI2630000001.pdf`).
    pub nombre: String,
    /// MIME type.
    pub tipo: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// One plain-text message in Spanish (UTF-8), with its attachments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mensaje {
    /// Recipient's name (may carry accents and ñ).
    pub para_nombre: String,
    /// Recipient's address.
    pub para_correo: String,
    /// Subject.
    pub asunto: String,
    /// Body.
    pub texto: String,
    /// Attached files.
    pub adjuntos: Vec<Adjunto>,
    /// A stable `Message-ID` (the outbox row's): a copy re-sent after a crash between the mail
    /// server's acceptance and our record of it is recognisable as the same message.
    pub id_mensaje: Option<String>,
}

/// Sends mail.
#[async_trait]
pub trait Cartero: Send + Sync {
    /// Sends one message; an error means it was not handed over.
    async fn enviar(&self, m: &Mensaje) -> anyhow::Result<()>;
}

fn construir(remitente: &Mailbox, m: &Mensaje) -> anyhow::Result<Message> {
    use lettre::message::{Attachment, MultiPart, SinglePart};
    let para = Mailbox::new(
        Some(m.para_nombre.clone()),
        m.para_correo
            .parse()
            .with_context(|| format!("dirección inválida: {}", m.para_correo))?,
    );
    let b = Message::builder()
        .from(remitente.clone())
        .to(para)
        .subject(m.asunto.clone())
        .message_id(m.id_mensaje.clone());
    let mensaje = if m.adjuntos.is_empty() {
        b.header(ContentType::TEXT_PLAIN).body(m.texto.clone())
    } else {
        let mut partes = MultiPart::mixed().singlepart(SinglePart::plain(m.texto.clone()));
        for a in &m.adjuntos {
            let tipo = ContentType::parse(&a.tipo)
                .with_context(|| format!("tipo de adjunto inválido: {}", a.tipo))?;
            partes =
                partes.singlepart(Attachment::new(a.nombre.clone()).body(a.bytes.clone(), tipo));
        }
        b.multipart(partes)
    };
    mensaje.context("no se pudo armar el mensaje")
}

/// Whether `e` (from [`Cartero::enviar`]) can never succeed on a retry: the address itself is
/// unusable.
pub fn es_permanente(e: &anyhow::Error) -> bool {
    e.to_string().starts_with("dirección inválida")
}

/// Writes each message as an RFC 5322 `.eml` file (development and end-to-end tests).
pub struct CarteroDirectorio {
    dir: PathBuf,
    remitente: Mailbox,
}

impl CarteroDirectorio {
    /// Messages go to `dir` (created if missing).
    pub fn new(dir: PathBuf, remitente: Mailbox) -> Self {
        CarteroDirectorio { dir, remitente }
    }
}

#[async_trait]
impl Cartero for CarteroDirectorio {
    async fn enviar(&self, m: &Mensaje) -> anyhow::Result<()> {
        let mensaje = construir(&self.remitente, m)?;
        tokio::fs::create_dir_all(&self.dir)
            .await
            .with_context(|| format!("no se pudo crear {}", self.dir.display()))?;
        let mut aleatorio = [0u8; 6];
        getrandom::getrandom(&mut aleatorio).context("sin aleatoriedad")?;
        let nombre = format!(
            "{}-{}.eml",
            chrono::Utc::now().format("%Y%m%dT%H%M%S%.6f"),
            aleatorio
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        );
        let ruta = self.dir.join(nombre);
        tokio::fs::write(&ruta, mensaje.formatted())
            .await
            .with_context(|| format!("no se pudo escribir {}", ruta.display()))?;
        tracing::info!(para = %m.para_correo, archivo = %ruta.display(), "correo escrito en el directorio");
        Ok(())
    }
}

/// Keeps messages in memory (integration tests read them back).
#[derive(Clone, Default)]
pub struct CarteroMemoria {
    mensajes: Arc<Mutex<Vec<Mensaje>>>,
}

impl CarteroMemoria {
    /// Every message sent so far.
    pub fn mensajes(&self) -> Vec<Mensaje> {
        self.mensajes.lock().map(|m| m.clone()).unwrap_or_default()
    }
}

#[async_trait]
impl Cartero for CarteroMemoria {
    async fn enviar(&self, m: &Mensaje) -> anyhow::Result<()> {
        construir(
            &Mailbox::new(None, "icsoe@localhost".parse().context("remitente")?),
            m,
        )?;
        self.mensajes
            .lock()
            .map_err(|_| anyhow::anyhow!("buzón envenenado"))?
            .push(m.clone());
        Ok(())
    }
}

/// How the SMTP connection is secured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeguridadSmtp {
    /// Plain connection upgraded with STARTTLS (port 587); refuses to continue without TLS.
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only for a relay on the same host or a test server; production refuses it.
    Ninguna,
}

/// SMTP settings.
#[derive(Clone, Debug)]
pub struct ConfigSmtp {
    /// Server host name (also checked against its TLS certificate).
    pub host: String,
    /// Port.
    pub puerto: u16,
    /// Security.
    pub seguridad: SeguridadSmtp,
    /// User and password, when the server asks for them.
    pub credenciales: Option<(String, String)>,
}

/// Real SMTP delivery.
pub struct CarteroSmtp {
    transporte: AsyncSmtpTransport<Tokio1Executor>,
    remitente: Mailbox,
}

impl CarteroSmtp {
    /// A transport for these settings (no connection is made until the first message).
    pub fn new(c: &ConfigSmtp, remitente: Mailbox) -> anyhow::Result<Self> {
        let mut b = match c.seguridad {
            SeguridadSmtp::Starttls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&c.host)
                    .context("servidor SMTP inválido")?
            }
            SeguridadSmtp::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&c.host)
                .context("servidor SMTP inválido")?,
            SeguridadSmtp::Ninguna => {
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&c.host)
            }
        }
        .port(c.puerto)
        .timeout(Some(std::time::Duration::from_secs(20)));
        if let Some((u, p)) = &c.credenciales {
            b = b.credentials(Credentials::new(u.clone(), p.clone()));
        }
        Ok(CarteroSmtp {
            transporte: b.build(),
            remitente,
        })
    }
}

#[async_trait]
impl Cartero for CarteroSmtp {
    async fn enviar(&self, m: &Mensaje) -> anyhow::Result<()> {
        let mensaje = construir(&self.remitente, m)?;
        self.transporte
            .send(mensaje)
            .await
            .context("el servidor SMTP no aceptó el mensaje")?;
        tracing::info!(para = %m.para_correo, "correo enviado por SMTP");
        Ok(())
    }
}
