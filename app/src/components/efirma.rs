//! The one e.firma selector, used by login (`/ingresar`) and by "Firmar y presentar": the
//! certificate (`.cer`), the private key (`.key`) and its password, as the IMSS guide asks for
//! them. The files are read and the key decrypted **in this browser** (WebAssembly); only the
//! certificate and a signature ever travel. Every check the browser can make is made before the
//! server is asked: a FIEL and not a CSD, valid at the **server's** time (the device clock may be
//! wrong), the RFC typed, the password, and that key and certificate are one pair. Each refusal is
//! shown under the field the user has to fix.

// Browser-only: `File.arrayBuffer` and the decryption exist only in the hydrated bundle. The
// server renders the fields; the pages keep their buttons disabled ("Cargando…") until hydrated.
#![cfg_attr(
    not(feature = "hydrate"),
    allow(unused_variables, dead_code, reason = "handlers are browser-only")
)]

use crate::efirma::{Certificado, EfirmaError, LlavePrivada};
use leptos::prelude::*;

/// Which field an error belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CampoEfirma {
    /// The RFC typed (login only).
    Rfc,
    /// `.cer`.
    Certificado,
    /// `.key`.
    Llave,
    /// The key's password.
    Contrasena,
    /// Not a field: the server or the network.
    General,
}

/// A refusal, with the field to fix and the stable code a support agent reads.
#[derive(Clone, Debug, PartialEq)]
pub struct ErrorEfirma {
    /// Where it is shown.
    pub campo: CampoEfirma,
    /// Spanish, says how to fix it.
    pub mensaje: String,
    /// Stable snake_case code (`data-codigo`).
    pub codigo: String,
}

impl CampoEfirma {
    /// Where each e.firma refusal belongs.
    pub fn de(error: &EfirmaError) -> Self {
        match error {
            EfirmaError::NoEsLlave | EfirmaError::LlaveNoCorresponde => Self::Llave,
            EfirmaError::ContrasenaIncorrecta => Self::Contrasena,
            EfirmaError::RfcNoCoincide { .. } => Self::Rfc,
            _ => Self::Certificado,
        }
    }
}

/// The selector's state, shared by the page that owns it (a `Copy` handle).
#[derive(Clone, Copy)]
pub struct Efirma {
    /// The password typed (wiped after use).
    pub contrasena: RwSignal<String>,
    /// The error shown, if any.
    pub error: RwSignal<Option<ErrorEfirma>>,
    /// Counts the user's changes (a file chosen, the password typed): a page that showed "validada"
    /// goes back to capture when it moves.
    pub cambios: RwSignal<u32>,
    /// Milliseconds to add to the device clock to get the server's.
    desfase_ms: RwSignal<i64>,
    #[cfg(feature = "hydrate")]
    archivos: StoredValue<(Option<web_sys::File>, Option<web_sys::File>), LocalStorage>,
}

/// A certificate and its decrypted key, checked as one pair. Dropping it wipes the key.
pub struct EfirmaAbierta {
    /// The certificate.
    pub certificado: Certificado,
    /// The decrypted key.
    pub llave: LlavePrivada,
}

impl EfirmaAbierta {
    /// The certificate in base64 DER, as `/api/v1` receives it.
    pub fn certificado_base64(&self) -> String {
        use base64ct::Encoding;
        base64ct::Base64::encode_string(self.certificado.der())
    }

    /// RSA-SHA256 signature of `mensaje`, in base64.
    pub fn firmar_base64(&self, mensaje: &[u8]) -> String {
        use base64ct::Encoding;
        base64ct::Base64::encode_string(&self.llave.firmar(mensaje))
    }
}

impl Efirma {
    /// A new selector; asks the server for its clock so validity is judged by the server's time.
    pub fn nueva() -> Self {
        let efirma = Self {
            contrasena: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            cambios: RwSignal::new(0),
            desfase_ms: RwSignal::new(0),
            #[cfg(feature = "hydrate")]
            archivos: StoredValue::new_local((None, None)),
        };
        let hora = Resource::new(|| (), |_| crate::api::sesion::hora_servidor());
        Effect::new(move |_| {
            if let Some(Ok(servidor)) = hora.get() {
                #[cfg(feature = "hydrate")]
                efirma
                    .desfase_ms
                    .set(servidor.timestamp_millis() - js_sys::Date::now() as i64);
            }
        });
        efirma
    }

    /// Shows `mensaje` under `campo`.
    pub fn fallar(self, campo: CampoEfirma, mensaje: impl Into<String>, codigo: &str) {
        self.error.set(Some(ErrorEfirma {
            campo,
            mensaje: mensaje.into(),
            codigo: codigo.to_string(),
        }));
    }

    /// The error of `campo`, rendered where the page puts it.
    pub fn error_de(self, campo: CampoEfirma) -> impl IntoView {
        move || {
            self.error
                .get()
                .filter(|e| e.campo == campo)
                .map(|e| {
                    view! {
                        <p class="campo__error" role="alert" id=id_error(campo) data-codigo=e.codigo>{e.mensaje}</p>
                    }
                })
        }
    }

    fn cambio(self) {
        self.error.set(None);
        self.cambios.update(|n| *n += 1);
    }

    /// Reads both files and opens the e.firma: a FIEL, valid now, of `rfc` when given, with the
    /// password typed and a key that belongs to the certificate. On a refusal the error is shown
    /// under its field and `None` comes back. The password is wiped from the page either way.
    #[cfg(feature = "hydrate")]
    pub async fn abrir(self, rfc: Option<String>) -> Option<EfirmaAbierta> {
        self.error.set(None);
        let (cer, key) = self.archivos.get_value();
        let Some(cer) = cer else {
            self.fallar(
                CampoEfirma::Certificado,
                "Elige el archivo .cer de la e.firma.",
                "efirma_not_certificate",
            );
            return None;
        };
        let Some(key) = key else {
            self.fallar(
                CampoEfirma::Llave,
                "Elige el archivo .key de la e.firma.",
                "efirma_not_key",
            );
            return None;
        };
        // Let the "Validando…" message paint before the heavy work (PBKDF2 + 3DES + RSA).
        crate::browser::http::pausa(30).await;
        let (Some(cer_bytes), Some(key_bytes)) = (
            crate::browser::http::leer_archivo(&cer).await,
            crate::browser::http::leer_archivo(&key).await,
        ) else {
            self.fallar(
                CampoEfirma::General,
                "El navegador no pudo leer los archivos. Elígelos de nuevo.",
                "file_unreadable",
            );
            return None;
        };
        let ms = js_sys::Date::now() as i64 + self.desfase_ms.get_untracked();
        let ahora = chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default();
        let contrasena = zeroize::Zeroizing::new(self.contrasena.get_untracked());
        match abrir_bytes(&cer_bytes, &key_bytes, contrasena, rfc.as_deref(), ahora) {
            Ok(abierta) => {
                self.contrasena.set(String::new());
                Some(abierta)
            }
            Err(e) => {
                use crate::domain::error::DomainError;
                self.fallar(CampoEfirma::de(&e), e.to_string(), e.code().as_str());
                None
            }
        }
    }
}

/// Every local check, in the order the user fixes things: the certificate, then the RFC, then
/// the key and its password.
pub fn abrir_bytes(
    cer: &[u8],
    key: &[u8],
    contrasena: zeroize::Zeroizing<String>,
    rfc: Option<&str>,
    ahora: chrono::DateTime<chrono::Utc>,
) -> Result<EfirmaAbierta, EfirmaError> {
    let certificado = Certificado::parse(cer)?;
    certificado.exigir_fiel()?;
    certificado.exigir_vigencia(ahora)?;
    if let Some(rfc) = rfc {
        certificado.exigir_rfc(rfc)?;
    }
    let llave = LlavePrivada::descifrar(key, contrasena)?;
    llave.exigir_par(&certificado)?;
    Ok(EfirmaAbierta { certificado, llave })
}

fn id_error(campo: CampoEfirma) -> &'static str {
    match campo {
        CampoEfirma::Rfc => "efirma-rfc-error",
        CampoEfirma::Certificado => "efirma-cer-error",
        CampoEfirma::Llave => "efirma-key-error",
        CampoEfirma::Contrasena => "efirma-contrasena-error",
        CampoEfirma::General => "efirma-error",
    }
}

fn descrito_por(efirma: Efirma, campo: CampoEfirma) -> impl Fn() -> Option<&'static str> {
    move || {
        efirma
            .error
            .with(|e| e.as_ref().is_some_and(|e| e.campo == campo))
            .then(|| id_error(campo))
    }
}

/// The three fields. `autocompletar` is the password's `autocomplete` (`current-password` at
/// login, where a password manager may keep it; `off` when signing).
#[component]
pub fn CamposEfirma(efirma: Efirma, autocompletar: &'static str) -> impl IntoView {
    let elegir = move |cual: CampoEfirma, ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            let archivo = crate::browser::http::archivo_elegido(&ev);
            efirma.archivos.update_value(|a| match cual {
                CampoEfirma::Certificado => a.0 = archivo,
                _ => a.1 = archivo,
            });
        }
        efirma.cambio();
    };
    view! {
        <div class="campo">
            <label for="efirma-cer">"Certificado (.cer)"</label>
            <input id="efirma-cer" type="file" accept=".cer,.crt,.pem"
                aria-describedby=descrito_por(efirma, CampoEfirma::Certificado)
                on:change=move |ev| elegir(CampoEfirma::Certificado, ev) />
            {efirma.error_de(CampoEfirma::Certificado)}
        </div>
        <div class="campo">
            <label for="efirma-key">"Clave privada (.key)"</label>
            <input id="efirma-key" type="file" accept=".key"
                aria-describedby=descrito_por(efirma, CampoEfirma::Llave)
                on:change=move |ev| elegir(CampoEfirma::Llave, ev) />
            {efirma.error_de(CampoEfirma::Llave)}
        </div>
        <div class="campo">
            <label for="efirma-contrasena">"Contraseña de la clave privada"</label>
            <input id="efirma-contrasena" type="password" autocomplete=autocompletar
                aria-describedby=descrito_por(efirma, CampoEfirma::Contrasena)
                prop:value=move || efirma.contrasena.get()
                on:input=move |ev| {
                    efirma.contrasena.set(event_target_value(&ev));
                    efirma.cambio();
                } />
            {efirma.error_de(CampoEfirma::Contrasena)}
        </div>
    }
}

/// The RFC's `aria-describedby` (the login page renders that field itself).
pub fn descrito_por_rfc(efirma: Efirma) -> impl Fn() -> Option<&'static str> {
    descrito_por(efirma, CampoEfirma::Rfc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use zeroize::Zeroizing;

    fn fixture(ruta: &str) -> Vec<u8> {
        let base = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/sat-test-certs/");
        std::fs::read(format!("{base}{ruta}")).unwrap_or_else(|e| panic!("{ruta}: {e}"))
    }

    fn abrir(carpeta: &str, clave: &str, rfc: Option<&str>) -> Result<EfirmaAbierta, EfirmaError> {
        let ahora = chrono::Utc
            .with_ymd_and_hms(2026, 11, 21, 18, 0, 0)
            .unwrap();
        abrir_bytes(
            &fixture(&format!("{carpeta}/certificate.cer")),
            &fixture(&format!("{carpeta}/private_key.key")),
            Zeroizing::new(clave.to_string()),
            rfc,
            ahora,
        )
    }

    fn clave(carpeta: &str) -> String {
        String::from_utf8(fixture(&format!("{carpeta}/password.txt"))).unwrap()
    }

    #[test]
    fn a_good_fiel_opens_and_its_signature_verifies() {
        let c = "EKU9003173C9_FIEL";
        let abierta = abrir(c, &clave(c), Some(" eku9003173c9 ")).unwrap();
        let firma = abierta.llave.firmar(b"||reto||");
        abierta.certificado.verificar(b"||reto||", &firma).unwrap();
        assert!(!abierta.certificado_base64().is_empty());
    }

    #[test]
    fn each_refusal_lands_under_the_field_to_fix() {
        let c = "EKU9003173C9_FIEL";
        let otro_rfc = abrir(c, &clave(c), Some("XAXX010101000")).err().unwrap();
        assert_eq!(CampoEfirma::de(&otro_rfc), CampoEfirma::Rfc);
        // The RFC is checked before the (slow) decryption: a wrong password is not reported first.
        let ambos = abrir(c, "no es", Some("XAXX010101000")).err().unwrap();
        assert_eq!(CampoEfirma::de(&ambos), CampoEfirma::Rfc);
        let clave_mala = abrir(c, "no es", None).err().unwrap();
        assert_eq!(clave_mala, EfirmaError::ContrasenaIncorrecta);
        assert_eq!(CampoEfirma::de(&clave_mala), CampoEfirma::Contrasena);
        let csd = abrir("EKU9003173C9_CSD", &clave("EKU9003173C9_CSD"), None)
            .err()
            .unwrap();
        assert_eq!(csd, EfirmaError::EsCsd);
        assert_eq!(CampoEfirma::de(&csd), CampoEfirma::Certificado);
    }
}
