//! Stored files (the REPSE acuse PDFs, later the acuses ICSOE issues) behind [`Almacen`]: a local
//! directory by default ([`AlmacenLocal`]); S3 or any S3-compatible object store in production
//! ([`AlmacenObjetos`], through the `object_store` crate). Keys are chosen by the caller and never
//! come from user input (no path traversal).

use anyhow::Context;
use async_trait::async_trait;
use std::path::PathBuf;

/// A key segment for any text (an RFC with `&` or `Ñ`, say): ASCII letters and digits stay,
/// every other byte becomes `_` and two hex digits. Safe for the local directory and for S3
/// (whose keys treat `&` and non-ASCII specially), and one-to-one, since `_` never appears
/// unescaped in the output's source characters.
pub fn segmento(texto: &str) -> String {
    let mut s = String::with_capacity(texto.len());
    for b in texto.bytes() {
        if b.is_ascii_alphanumeric() {
            s.push(char::from(b));
        } else {
            s.push_str(&format!("_{b:02X}"));
        }
    }
    s
}

/// A stored file read piece by piece (for a download: the server never holds it whole).
pub type Flujo = std::pin::Pin<
    Box<dyn futures_util::Stream<Item = Result<bytes::Bytes, std::io::Error>> + Send>,
>;

/// A place to keep bytes by key.
#[async_trait]
pub trait Almacen: Send + Sync {
    /// Stores `bytes` under `clave`, replacing what was there.
    async fn guardar(&self, clave: &str, bytes: &[u8]) -> anyhow::Result<()>;
    /// The bytes under `clave`, or `None`.
    async fn leer(&self, clave: &str) -> anyhow::Result<Option<Vec<u8>>>;
    /// The bytes under `clave` as a stream, or `None`. The default reads them whole (enough for
    /// small stores in tests); both real stores stream.
    async fn leer_flujo(&self, clave: &str) -> anyhow::Result<Option<Flujo>> {
        Ok(self.leer(clave).await?.map(|b| {
            Box::pin(futures_util::stream::once(async move {
                Ok(bytes::Bytes::from(b))
            })) as Flujo
        }))
    }
    /// Removes `clave` (no error when absent).
    async fn borrar(&self, clave: &str) -> anyhow::Result<()>;
    /// Stores the file at `ruta` under `clave`. The default reads it whole (the object store;
    /// its files are the listado's, tens of MB); the local store copies it without reading it
    /// into memory.
    async fn guardar_archivo(&self, clave: &str, ruta: &std::path::Path) -> anyhow::Result<()> {
        let bytes = tokio::fs::read(ruta)
            .await
            .with_context(|| format!("no se pudo leer {}", ruta.display()))?;
        self.guardar(clave, &bytes).await
    }
}

/// Files under a directory; writes go to a temporary name and are renamed, so a crash never
/// leaves half a file under a real key.
pub struct AlmacenLocal {
    raiz: PathBuf,
}

impl AlmacenLocal {
    /// Files live under `raiz` (created on first write).
    pub fn new(raiz: PathBuf) -> Self {
        AlmacenLocal { raiz }
    }

    fn ruta(&self, clave: &str) -> anyhow::Result<PathBuf> {
        let valida = !clave.is_empty()
            && clave.split('/').all(|p| {
                !p.is_empty()
                    && p != "."
                    && p != ".."
                    && p.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
            });
        anyhow::ensure!(valida, "clave de almacenamiento inválida: {clave}");
        Ok(self.raiz.join(clave))
    }

    /// Writes `clave` through `escribir` into a temporary name beside it, then renames it.
    async fn colocar<F, Fut>(&self, clave: &str, escribir: F) -> anyhow::Result<()>
    where
        F: FnOnce(PathBuf) -> Fut,
        Fut: std::future::Future<Output = std::io::Result<()>>,
    {
        let ruta = self.ruta(clave)?;
        if let Some(dir) = ruta.parent() {
            tokio::fs::create_dir_all(dir)
                .await
                .with_context(|| format!("no se pudo crear {}", dir.display()))?;
        }
        let temporal = ruta.with_extension("parcial");
        escribir(temporal.clone())
            .await
            .with_context(|| format!("no se pudo escribir {}", temporal.display()))?;
        tokio::fs::rename(&temporal, &ruta)
            .await
            .with_context(|| format!("no se pudo mover a {}", ruta.display()))?;
        Ok(())
    }
}

#[async_trait]
impl Almacen for AlmacenLocal {
    async fn guardar(&self, clave: &str, bytes: &[u8]) -> anyhow::Result<()> {
        self.colocar(clave, |temporal| async move {
            tokio::fs::write(temporal, bytes).await
        })
        .await
    }

    async fn guardar_archivo(&self, clave: &str, origen: &std::path::Path) -> anyhow::Result<()> {
        self.colocar(clave, |temporal| async move {
            tokio::fs::copy(origen, temporal).await.map(|_| ())
        })
        .await
    }

    async fn leer(&self, clave: &str) -> anyhow::Result<Option<Vec<u8>>> {
        match tokio::fs::read(self.ruta(clave)?).await {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).context("no se pudo leer el archivo guardado"),
        }
    }

    async fn leer_flujo(&self, clave: &str) -> anyhow::Result<Option<Flujo>> {
        match tokio::fs::File::open(self.ruta(clave)?).await {
            Ok(f) => Ok(Some(Box::pin(tokio_util::io::ReaderStream::with_capacity(
                f,
                64 * 1024,
            )))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).context("no se pudo abrir el archivo guardado"),
        }
    }

    async fn borrar(&self, clave: &str) -> anyhow::Result<()> {
        match tokio::fs::remove_file(self.ruta(clave)?).await {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e).context("no se pudo borrar el archivo guardado"),
        }
    }
}

/// Files in an object store (`ICSOE_ALMACEN=s3`): S3, or an S3-compatible service through
/// `AWS_ENDPOINT`. Credentials and region come from the standard `AWS_*` variables.
pub struct AlmacenObjetos {
    tienda: std::sync::Arc<dyn object_store::ObjectStore>,
}

impl AlmacenObjetos {
    /// Over any `object_store` implementation.
    pub fn new(tienda: std::sync::Arc<dyn object_store::ObjectStore>) -> Self {
        AlmacenObjetos { tienda }
    }

    /// An S3 bucket configured from the `AWS_*` environment variables.
    pub fn s3(bucket: &str) -> anyhow::Result<Self> {
        let s3 = object_store::aws::AmazonS3Builder::from_env()
            .with_bucket_name(bucket)
            .build()
            .with_context(|| format!("no se pudo configurar el bucket S3 «{bucket}»"))?;
        Ok(Self::new(std::sync::Arc::new(s3)))
    }
}

#[async_trait]
impl Almacen for AlmacenObjetos {
    async fn guardar(&self, clave: &str, bytes: &[u8]) -> anyhow::Result<()> {
        self.tienda
            .put(
                &object_store::path::Path::from(clave),
                bytes.to_vec().into(),
            )
            .await
            .with_context(|| format!("no se pudo guardar {clave} en el almacén de objetos"))?;
        Ok(())
    }

    async fn leer(&self, clave: &str) -> anyhow::Result<Option<Vec<u8>>> {
        match self
            .tienda
            .get(&object_store::path::Path::from(clave))
            .await
        {
            Ok(r) => Ok(Some(
                r.bytes().await.context("lectura interrumpida")?.to_vec(),
            )),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e).with_context(|| format!("no se pudo leer {clave}")),
        }
    }

    async fn leer_flujo(&self, clave: &str) -> anyhow::Result<Option<Flujo>> {
        use futures_util::StreamExt;
        match self
            .tienda
            .get(&object_store::path::Path::from(clave))
            .await
        {
            Ok(r) => Ok(Some(Box::pin(
                r.into_stream().map(|t| t.map_err(std::io::Error::other)),
            ))),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e).with_context(|| format!("no se pudo leer {clave}")),
        }
    }

    async fn borrar(&self, clave: &str) -> anyhow::Result<()> {
        match self
            .tienda
            .delete(&object_store::path::Path::from(clave))
            .await
        {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e).with_context(|| format!("no se pudo borrar {clave}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfcs_with_ampersand_or_enye_become_safe_distinct_key_segments() {
        assert_eq!(segmento("H&E951128469"), "H_26E951128469");
        assert_eq!(segmento("IAÑL750210963"), "IA_C3_91L750210963");
        assert_eq!(segmento("EKU9003173C9"), "EKU9003173C9");
        assert_ne!(segmento("A&B"), segmento("A_26B"));
        let local = AlmacenLocal::new(std::path::PathBuf::from("/tmp"));
        assert!(local
            .ruta(&format!("repse/{}/x.pdf", segmento("IAÑL750210963")))
            .is_ok());
    }

    #[tokio::test]
    async fn stores_reads_replaces_and_deletes() {
        let dir = tempfile::tempdir().unwrap();
        let a = AlmacenLocal::new(dir.path().to_path_buf());
        a.guardar("acuses/EKU9003173C9/repse.pdf", b"uno")
            .await
            .unwrap();
        a.guardar("acuses/EKU9003173C9/repse.pdf", b"dos")
            .await
            .unwrap();
        assert_eq!(
            a.leer("acuses/EKU9003173C9/repse.pdf")
                .await
                .unwrap()
                .unwrap(),
            b"dos"
        );
        let mut flujo = a
            .leer_flujo("acuses/EKU9003173C9/repse.pdf")
            .await
            .unwrap()
            .unwrap();
        let mut leido = Vec::new();
        while let Some(t) = futures_util::StreamExt::next(&mut flujo).await {
            leido.extend_from_slice(&t.unwrap());
        }
        assert_eq!(leido, b"dos");
        a.borrar("acuses/EKU9003173C9/repse.pdf").await.unwrap();
        assert!(a
            .leer_flujo("acuses/EKU9003173C9/repse.pdf")
            .await
            .unwrap()
            .is_none());
        assert!(a
            .leer("acuses/EKU9003173C9/repse.pdf")
            .await
            .unwrap()
            .is_none());
        a.borrar("acuses/EKU9003173C9/repse.pdf").await.unwrap();
    }

    #[tokio::test]
    async fn the_object_store_adapter_stores_reads_and_deletes() {
        let a = AlmacenObjetos::new(std::sync::Arc::new(object_store::memory::InMemory::new()));
        assert!(a.leer("repse/X/a.pdf").await.unwrap().is_none());
        a.guardar("repse/X/a.pdf", b"%PDF-").await.unwrap();
        assert_eq!(a.leer("repse/X/a.pdf").await.unwrap().unwrap(), b"%PDF-");
        a.borrar("repse/X/a.pdf").await.unwrap();
        a.borrar("repse/X/a.pdf").await.unwrap();
        assert!(a.leer("repse/X/a.pdf").await.unwrap().is_none());
    }

    #[tokio::test]
    async fn keys_cannot_leave_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        let a = AlmacenLocal::new(dir.path().to_path_buf());
        for clave in ["../x", "/etc/passwd", "a//b", "a/./b", ""] {
            assert!(a.guardar(clave, b"x").await.is_err(), "{clave}");
        }
    }
}
