//! Issue 15, the accept loop over real sockets: a client that never finishes its request head is
//! disconnected, one client cannot hold more than its share of connections, and normal requests
//! keep being answered meanwhile.

use crate::helpers::TestApp;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

async fn servidor(app: &TestApp) -> (SocketAddr, tokio::sync::oneshot::Sender<()>) {
    let mut settings = app.settings.clone();
    settings.database_url = app.url_proceso();
    let aplicacion = server::startup::Application::build(&settings)
        .await
        .unwrap();
    let direccion = aplicacion.local_addr().unwrap();
    let (fin, señal) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(aplicacion.run_until(async move {
        let _ = señal.await;
    }));
    (direccion, fin)
}

fn salud(direccion: SocketAddr) -> String {
    let mut s = TcpStream::connect(direccion).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut r = String::new();
    s.read_to_string(&mut r).unwrap();
    r
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_half_sent_request_head_is_cut_and_others_are_served() {
    let app = TestApp::new().await;
    let (direccion, _fin) = servidor(&app).await;
    let resultado = tokio::task::spawn_blocking(move || {
        let mut lento = TcpStream::connect(direccion).unwrap();
        lento
            .write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Lento: ")
            .unwrap();
        lento
            .set_read_timeout(Some(Duration::from_secs(25)))
            .unwrap();
        let inicio = Instant::now();
        // Meanwhile a normal client is answered at once.
        assert!(salud(direccion).starts_with("HTTP/1.1 200"));
        let mut buf = [0u8; 256];
        let n = lento.read(&mut buf).unwrap_or(0);
        (
            inicio.elapsed(),
            String::from_utf8_lossy(&buf[..n]).into_owned(),
        )
    })
    .await
    .unwrap();
    let (espera, respuesta) = resultado;
    assert!(
        espera < Duration::from_secs(20),
        "la conexión siguió abierta {espera:?}"
    );
    assert!(
        respuesta.is_empty() || respuesta.starts_with("HTTP/1.1 408"),
        "{respuesta}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_client_cannot_hold_every_connection() {
    let app = TestApp::new().await;
    let (direccion, _fin) = servidor(&app).await;
    tokio::task::spawn_blocking(move || {
        let maximo = server::servidor::MAX_CONEXIONES_POR_CLIENTE as usize;
        let mut abiertas: Vec<TcpStream> = (0..maximo)
            .map(|_| TcpStream::connect(direccion).unwrap())
            .collect();
        // One more from the same address is closed without an answer.
        let mut extra = TcpStream::connect(direccion).unwrap();
        extra
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let _ = extra.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        let mut buf = [0u8; 64];
        assert_eq!(extra.read(&mut buf).unwrap_or(0), 0);
        // Once this client lets some go, it is served again.
        abiertas.truncate(maximo - 10);
        std::thread::sleep(Duration::from_millis(200));
        assert!(salud(direccion).starts_with("HTTP/1.1 200"));
        drop(abiertas);
    })
    .await
    .unwrap();
}
