//! The accept loop: what `axum::serve` does, plus the bounds a public filing service needs on
//! deadline day (issue 15):
//!
//! - `TCP_NODELAY` on every accepted socket: a page is written in pieces, and Nagle's algorithm
//!   held the last small segment until the client's delayed ACK (~40 ms per page).
//! - A **header-read timeout** ([`LECTURA_ENCABEZADOS`]): a client that sends half a request line
//!   and stops (slowloris) is disconnected instead of holding a connection for minutes.
//! - **Connections per client address** ([`MAX_CONEXIONES_POR_CLIENTE`]): one client cannot take
//!   every socket. Peers that are trusted proxies are exempt (all users come through them).
//! - Graceful shutdown: on the signal, stop accepting and let requests in flight finish.

use crate::auth::proxies::Red;
use axum::extract::connect_info::ConnectInfo;
use axum::Router;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;

/// A client must send a complete request head within this time.
pub const LECTURA_ENCABEZADOS: Duration = Duration::from_secs(10);
/// Open connections one client address may hold at once (a browser opens about six; an office
/// behind one address has many browsers).
pub const MAX_CONEXIONES_POR_CLIENTE: u32 = 256;

/// Open connections per client address.
#[derive(Clone, Default)]
struct Conteo(Arc<Mutex<HashMap<IpAddr, u32>>>);

/// Releases its client's slot when the connection ends.
struct Turno {
    conteo: Conteo,
    ip: IpAddr,
}

impl Conteo {
    fn tomar(&self, ip: IpAddr) -> Option<Turno> {
        let mut m = self.0.lock().ok()?;
        let n = m.entry(ip).or_insert(0);
        if *n >= MAX_CONEXIONES_POR_CLIENTE {
            return None;
        }
        *n += 1;
        Some(Turno {
            conteo: self.clone(),
            ip,
        })
    }
}

impl Drop for Turno {
    fn drop(&mut self) {
        if let Ok(mut m) = self.conteo.0.lock() {
            if let Some(n) = m.get_mut(&self.ip) {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    m.remove(&self.ip);
                }
            }
        }
    }
}

/// Serves `router` on `listener` until `apagado` completes, then waits for the connections in
/// flight.
pub async fn servir(
    listener: TcpListener,
    router: Router,
    proxies: Arc<Vec<Red>>,
    apagado: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let conteo = Conteo::default();
    let cierre = GracefulShutdown::new();
    let mut constructor = Builder::new(TokioExecutor::new());
    constructor
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(LECTURA_ENCABEZADOS);
    let constructor = Arc::new(constructor);
    tokio::pin!(apagado);
    loop {
        let (tcp, peer) = tokio::select! {
            aceptada = listener.accept() => match aceptada {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors and the like: wait a moment instead of spinning.
                    tracing::warn!(error = %e, "no se pudo aceptar una conexión");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut apagado => break,
        };
        let turno = if proxies.iter().any(|r| r.contiene(peer.ip())) {
            None
        } else {
            match conteo.tomar(peer.ip()) {
                Some(t) => Some(t),
                None => {
                    tracing::warn!(cliente = %peer.ip(), "demasiadas conexiones de un cliente");
                    continue;
                }
            }
        };
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!(error = %e, "no se pudo activar TCP_NODELAY");
        }
        let servicio = TowerToHyperService::new(
            router
                .clone()
                .layer(axum::Extension(ConnectInfo::<SocketAddr>(peer))),
        );
        let conexion = constructor
            .serve_connection_with_upgrades(TokioIo::new(tcp), servicio)
            .into_owned();
        let conexion = cierre.watch(conexion);
        tokio::spawn(async move {
            let _turno = turno;
            if let Err(e) = conexion.await {
                tracing::debug!(error = %e, "conexión terminada con error");
            }
        });
    }
    drop(listener);
    cierre.shutdown().await;
    Ok(())
}
