//! Issue 17: the outbox (written with the change, delivered once by any replica, again after a
//! worker dies mid-send), the notices (sent to signature, presented with the acuse attached,
//! capturista deactivated), the inbox, the reminders walked through a whole filing month with an
//! injected clock, the calendar feeds read back with an independent iCalendar parser, the despacho
//! board, and a real SMTP server process receiving the acuse.

use crate::capturistas::{ANA, CLAVE};
use crate::cuenta::MORAL;
use crate::helpers::TestApp;
use crate::informativas::{archivo, id};
use app::api::ports::Destinatario;
use async_trait::async_trait;
use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use server::avisos::{encolar, NuevoAviso, Rol};
use server::infra::correo::{Cartero, Mensaje};
use server::persistence::entities::aviso;
use std::sync::Arc;

const FISICA: (&str, &str) = ("CACX7605101P8_FIEL", "CACX7605101P8");

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().to_utc()
}

impl TestApp {
    /// ANA (capturista) registers a Normal 2026-3 with one contract and `n` workers and sends it
    /// to signature; its id.
    async fn en_firma_por_capturista(&self, ana: &str) -> i64 {
        let r = self.nueva(ana, "2026", "3", "normal").await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let i = id(&r);
        let r = self.contrato(ana, i, json!({})).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        let cid = id(&r);
        let r = self
            .cargar(ana, i, cid, "carga-avisos-1", archivo(0, 3))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.text());
        self.enviar(ana, i).await;
        i
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_contratista_hears_of_signature_and_both_get_the_acuse_attached() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let ana = app.ana_trabajando_para(&c, MORAL.1).await;
    let i = app.en_firma_por_capturista(&ana).await;

    let correos = app.correos().await;
    let lista = correos
        .iter()
        .find(|m| m.asunto.contains("lista para firmar"))
        .expect("aviso de envío a firma");
    assert_eq!(lista.para_correo, "Contacto@kemper.mx");
    assert!(lista.texto.contains("Ana Muñoz Gámez"), "{}", lista.texto);
    assert!(
        lista.texto.contains(&format!("/informativas/{i}")),
        "{}",
        lista.texto
    );
    // The inbox has it too, with how the mail went, and the page renders it on the server.
    let b = app
        .avisos
        .bandeja(&Destinatario::Contratista(MORAL.1.into()), 1)
        .await
        .unwrap();
    assert_eq!(b.avisos[0].tipo, "enviada_a_firma");
    assert!(b.avisos[0]
        .entrega
        .contains("Enviado por correo a Contacto@kemper.mx"));
    let pagina = app.get_con("/avisos", &c).await.text();
    assert!(pagina.contains("está lista para firmar"), "{pagina}");

    let folio = app.firmar(&c, i).await;
    let correos = app.correos().await;
    let acuses: Vec<&Mensaje> = correos
        .iter()
        .filter(|m| m.asunto.contains(&folio))
        .collect();
    let mut para: Vec<&str> = acuses.iter().map(|m| m.para_correo.as_str()).collect();
    para.sort_unstable();
    assert_eq!(para, ["Contacto@kemper.mx", "ana.muñoz@despacho.mx"]);
    for m in &acuses {
        assert_eq!(m.adjuntos.len(), 1);
        assert_eq!(m.adjuntos[0].nombre, format!("acuse-{folio}.pdf"));
        assert!(m.adjuntos[0].bytes.starts_with(b"%PDF"));
        assert!(m.texto.contains("/verificar/"), "{}", m.texto);
    }
    // The capturista's own inbox: the invitation without a usable token, then the acuse.
    let b = app
        .avisos
        .bandeja(&Destinatario::Capturista(ANA.into()), 1)
        .await
        .unwrap();
    let tipos: Vec<&str> = b.avisos.iter().map(|a| a.tipo.as_str()).collect();
    assert_eq!(tipos, ["presentada", "invitacion"]);
    assert!(
        b.avisos[1].texto.contains("token=…"),
        "{}",
        b.avisos[1].texto
    );
    // Delivered once: draining again sends nothing new.
    let antes = app.correo.mensajes().len();
    assert_eq!(app.correos().await.len(), antes);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deactivating_a_capturista_tells_her_and_a_missing_address_stays_in_the_inbox() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    app.ana_trabajando_para(&c, MORAL.1).await;
    let r = app
        .post_json(
            &format!("/api/v1/capturistas/{ANA}/desactivar"),
            json!({}),
            Some(&c),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let m = app.correos().await;
    assert!(
        m.last().unwrap().asunto.contains("te desactivó"),
        "{:?}",
        m.last()
    );
    // A contratista without datos generales has no address: the notice is in its inbox only.
    let sin = app.titular(FISICA).await;
    app.avisos
        .recordar(t("2027-01-18T09:00:00-06:00"))
        .await
        .unwrap();
    let b = app
        .avisos
        .bandeja(&Destinatario::Contratista(FISICA.1.into()), 1)
        .await
        .unwrap();
    assert_eq!(b.avisos.len(), 1);
    assert!(
        b.avisos[0].asunto.contains("hoy vence"),
        "{}",
        b.avisos[0].asunto
    );
    assert!(b.avisos[0].entrega_fallida);
    assert!(app
        .get_con("/avisos", &sin)
        .await
        .text()
        .contains("No hay un correo registrado"));
}

fn aviso_de_prueba(n: usize) -> NuevoAviso {
    NuevoAviso {
        rol: Rol::Contratista,
        destinatario: MORAL.1.into(),
        rfc: MORAL.1.into(),
        para_nombre: "Kemper".into(),
        para_correo: Some(format!("buzon{n}@kemper.mx")),
        tipo: "prueba",
        asunto: format!("Aviso {n}"),
        texto: "Texto".into(),
        enlace: None,
        informativa_id: None,
        adjuntar_acuse: false,
        clave: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_replicas_drain_one_outbox_and_each_notice_goes_once() {
    let app = TestApp::new().await;
    let avisos: Vec<NuevoAviso> = (0..60).map(aviso_de_prueba).collect();
    encolar(&app.db, avisos, t("2026-11-21T12:00:00-06:00"))
        .await
        .unwrap();
    let otra =
        server::startup::app_state_con(&app.settings, app.db.clone(), Arc::new(app.correo.clone()))
            .unwrap();
    let (a, b) = tokio::join!(
        app.avisos.repartidor.vaciar(),
        otra.avisos.repartidor.vaciar()
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.enviados + b.enviados, 60, "{a:?} {b:?}");
    let mut asuntos: Vec<String> = app
        .correo
        .mensajes()
        .into_iter()
        .map(|m| m.asunto)
        .collect();
    asuntos.sort();
    asuntos.dedup();
    assert_eq!(asuntos.len(), 60);
    assert_eq!(app.correo.mensajes().len(), 60);
}

/// An app with one notice queued at noon, and a second replica over the same database whose
/// mail goes to `cartero`.
async fn una_replica_con(cartero: Arc<dyn Cartero>) -> (TestApp, server::state::AppState) {
    let app = TestApp::new().await;
    encolar(
        &app.db,
        vec![aviso_de_prueba(1)],
        t("2026-11-21T12:00:00-06:00"),
    )
    .await
    .unwrap();
    let otra = server::startup::app_state_con(&app.settings, app.db.clone(), cartero).unwrap();
    (app, otra)
}

/// A mail server that never answers: the worker is stuck mid-send.
struct Colgado;

#[async_trait]
impl Cartero for Colgado {
    async fn enviar(&self, _m: &Mensaje) -> anyhow::Result<()> {
        std::future::pending().await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_killed_mid_send_leaves_its_notice_to_be_sent_once_after_the_lease() {
    let (mut app, colgada) = una_replica_con(Arc::new(Colgado)).await;
    let tarea = tokio::spawn(async move { colgada.avisos.repartidor.vuelta().await });
    // Wait until it holds the row, then kill it (what `kill -9` does to its process).
    for _ in 0..100 {
        let f = aviso::Entity::find().one(&app.db).await.unwrap().unwrap();
        if f.estado == "enviando" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    tarea.abort();
    let f = aviso::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!(f.estado, "enviando");
    // Another replica during the lease: it does not steal it.
    assert_eq!(app.correos().await.len(), 0);
    // After the lease (10 minutes): sent once.
    app.reiniciar("2026-11-21T12:11:00-06:00");
    assert_eq!(app.correos().await.len(), 1);
    assert_eq!(app.correos().await.len(), 1);
    let f = aviso::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!((f.estado.as_str(), f.intentos), ("enviado", 2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_mail_server_is_retried_with_backoff_and_the_inbox_says_so() {
    struct Caido;
    #[async_trait]
    impl Cartero for Caido {
        async fn enviar(&self, _m: &Mensaje) -> anyhow::Result<()> {
            anyhow::bail!("conexión rechazada")
        }
    }
    let (mut app, caida) = una_replica_con(Arc::new(Caido)).await;
    let v = caida.avisos.repartidor.vaciar().await.unwrap();
    assert_eq!((v.enviados, v.fallidos), (0, 1));
    let f = aviso::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!(f.estado, "pendiente");
    assert_eq!(f.siguiente_intento, t("2026-11-21T12:01:00-06:00"));
    assert!(f.ultimo_error.unwrap().contains("conexión rechazada"));
    // Not before its time; then delivered.
    assert_eq!(app.correos().await.len(), 0);
    app.reiniciar("2026-11-21T12:01:00-06:00");
    assert_eq!(app.correos().await.len(), 1);
}

/// Every day from 28 December 2026 to 5 February 2027 at 09:00 (central time): the days on which
/// new reminders were written, and how many.
async fn caminar(
    app: &mut TestApp,
    hasta: &str,
    despues: impl Fn(&str) -> bool,
) -> Vec<(String, u64)> {
    let mut dias = Vec::new();
    let mut dia = chrono::NaiveDate::from_ymd_opt(2026, 12, 28).unwrap();
    let fin = chrono::NaiveDate::parse_from_str(hasta, "%Y-%m-%d").unwrap();
    while dia <= fin {
        // The server's clock walks too (the worker judges what is due by it).
        app.reiniciar(&format!("{dia}T09:00:00-06:00"));
        let ahora = t(&format!("{dia}T09:00:00-06:00"));
        let r = app.avisos.recordar(ahora).await.unwrap();
        // Idempotent: a second run (another replica, a restart) writes nothing.
        assert_eq!(app.avisos.recordar(ahora).await.unwrap().nuevos, 0);
        if r.nuevos > 0 {
            dias.push((dia.to_string(), r.nuevos));
        }
        if despues(&dia.to_string()) {
            app.correos().await;
        }
        dia = dia.succ_opt().unwrap();
    }
    dias
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminders_walk_the_filing_month_once_each_and_stop_when_presented() {
    let mut app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let ana = app.ana_trabajando_para(&c, MORAL.1).await;
    app.titular(FISICA).await;
    let i = app.en_firma_por_capturista(&ana).await;
    app.correos().await;
    let antes = app.correo.mensajes().len();
    // Ana opts out; the contratistas keep them.
    app.avisos
        .preferir(&Destinatario::Capturista(ANA.into()), false)
        .await
        .unwrap();

    // Until 14 January, the last reminder not delivered yet when the contratista presents.
    let dias = caminar(&mut app, "2027-01-14", |d| d != "2027-01-14").await;
    assert_eq!(
        dias,
        [
            ("2027-01-04".to_string(), 2),
            ("2027-01-07".to_string(), 2),
            ("2027-01-14".to_string(), 2)
        ]
    );
    // Weeks later the session is long gone: the contratista logs in again to sign.
    let c = app.titular(MORAL).await;
    app.firmar(&c, i).await;
    app.correos().await;
    // The queued reminder of a period just presented is not mailed.
    let omitido = aviso::Entity::find()
        .filter(aviso::Column::Rfc.eq(MORAL.1))
        .filter(aviso::Column::Tipo.eq("recordatorio"))
        .filter(aviso::Column::Clave.contains("dos_dias"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(omitido.estado, "omitido");
    // From then on only the persona física (no address) is reminded: due date and "vencida".
    let dias = caminar(&mut app, "2027-02-05", |_| true).await;
    assert_eq!(
        dias,
        [("2027-01-18".to_string(), 1), ("2027-01-19".to_string(), 1)]
    );
    let vencida = aviso::Entity::find()
        .filter(aviso::Column::Clave.contains("vencida"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(vencida.texto.contains("$58,655.00"), "{}", vencida.texto);
    assert!(vencida.texto.contains("$234,620.00"), "{}", vencida.texto);
    // Mailed: the contratista's three reminders before it presented (Ana opted out).
    let nuevos: Vec<Mensaje> = app.correo.mensajes().into_iter().skip(antes).collect();
    let recordatorios: Vec<&Mensaje> = nuevos
        .iter()
        .filter(|m| m.asunto.contains("vence") || m.asunto.contains("faltan"))
        .collect();
    assert_eq!(recordatorios.len(), 2, "{recordatorios:?}");
    assert!(recordatorios
        .iter()
        .all(|m| m.para_correo == "Contacto@kemper.mx"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_down_for_days_sends_only_the_latest_reminder() {
    let app = TestApp::new().await;
    app.contratista_listo().await;
    let r = app
        .avisos
        .recordar(t("2027-01-16T10:00:00-06:00"))
        .await
        .unwrap();
    assert_eq!((r.que.as_str(), r.nuevos), ("2026-3 dos_dias", 1));
    let claves: Vec<String> = aviso::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|a| a.clave)
        .collect();
    assert_eq!(claves.len(), 1);
    assert!(claves[0].contains(":dos_dias:"));
}

fn eventos(ics: &str) -> Vec<(String, String, String)> {
    let lector = ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes()));
    let mut salida = Vec::new();
    for cal in lector {
        let cal = cal.expect("iCalendar válido");
        for e in cal.events {
            let valor = |n: &str| {
                e.properties
                    .iter()
                    .find(|p| p.name == n)
                    .and_then(|p| p.value.clone())
                    .unwrap_or_default()
            };
            salida.push((valor("UID"), valor("DTSTART"), valor("SUMMARY")));
        }
    }
    salida
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_calendar_feeds_parse_and_the_private_one_is_revocable() {
    let app = TestApp::new().await;
    let r = app.get("/calendario.ics").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.header("content-type").starts_with("text/calendar"));
    let publico = eventos(&r.text());
    assert_eq!(publico.len(), 6, "{publico:?}");
    let tercero = publico
        .iter()
        .find(|e| e.0.starts_with("vencimiento-2026-3@"))
        .unwrap();
    assert_eq!(tercero.1, "20270118");
    // Stable UIDs: a second download names the same events.
    assert_eq!(eventos(&app.get("/calendario.ics").await.text()), publico);

    let c = app.contratista_listo().await;
    let i = app.en_firma(&c, 2).await;
    app.firmar(&c, i).await;
    let url = app
        .avisos
        .calendario_nuevo(MORAL.1)
        .await
        .unwrap()
        .url
        .unwrap();
    let ruta = url.split_once("://").unwrap().1;
    let ruta = &ruta[ruta.find('/').unwrap()..];
    let privado = eventos(&app.get(ruta).await.text());
    // 2026-3 is presented: five pending periods, under the contratista's own UIDs.
    assert_eq!(privado.len(), 5, "{privado:?}");
    assert!(privado
        .iter()
        .all(|e| !e.0.starts_with("vencimiento-2026-3")));
    assert!(privado.iter().all(|e| e.0.contains("-eku9003173c9@")));
    assert!(privado[0].2.contains("ESCUELA KEMPER"), "{:?}", privado[0]);
    // A new link revokes the old; revoking closes it.
    let otra = app
        .avisos
        .calendario_nuevo(MORAL.1)
        .await
        .unwrap()
        .url
        .unwrap();
    assert_eq!(app.get(ruta).await.status, StatusCode::NOT_FOUND);
    let ruta2 = &otra[otra.find("/calendario/").unwrap()..];
    assert_eq!(app.get(ruta2).await.status, StatusCode::OK);
    app.avisos.calendario_revocar(MORAL.1).await.unwrap();
    assert_eq!(app.get(ruta2).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get("/calendario/privado/nada.ics").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_despacho_board_lists_each_contratista_and_period_on_the_server() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let ana = app.ana_trabajando_para(&c, MORAL.1).await;
    let i = app.en_firma_por_capturista(&ana).await;
    let html = app.get_con("/despacho", &ana).await.text();
    assert!(html.contains("Tablero del despacho"), "{html}");
    assert!(
        html.contains(r#"data-rfc="EKU9003173C9" data-periodo="2026-3" data-estado="en_firma""#),
        "{html}"
    );
    assert!(html.contains(r#"data-periodo="2026-2" data-estado="sin_registrar""#));
    // The overdue 2026-2 comes before 2026-3.
    assert!(html.find(r#"data-periodo="2026-2""#) < html.find(r#"data-periodo="2026-3""#));
    // One tap: the form picks the contratista and opens the informativa.
    assert!(
        html.contains(&format!(r#"name="destino" value="/informativas/{i}""#)),
        "{html}"
    );
    // The contratista's panel shows the same rows for itself.
    let panel = app.get_con("/panel", &c).await.text();
    assert!(
        panel.contains(r#"data-periodo="2026-3" data-estado="en_firma""#),
        "{panel}"
    );
    let _ = (CLAVE, Duration::zero());
}
