//! Issue 18, open data: a period's listado público and inconsistent list published as CSV and
//! XLSX (read back with the `csv` crate and calamine, an independent XLSX reader), names and never
//! RFCs, a replaced filing's rows gone from the next publication, the month's publication made
//! once by two replicas, older publications' files kept.

use crate::cuenta::MORAL;
use crate::helpers::TestApp;
use app::domain::calendar::{Anio, Cuatrimestre, Periodo};
use app::domain::listado::{Lista, ENCABEZADOS, ENCABEZADO_INCONSISTENCIA};
use calamine::{Data, Reader, Xlsx};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server::listado::clave_archivo;
use server::persistence::entities::{contrato, fila_listado, publicacion_listado};
use std::sync::Arc;

fn p2026_3() -> Periodo {
    Periodo::new(
        Anio::new(2026).unwrap(),
        Cuatrimestre::from_numero(3).unwrap(),
    )
}

impl TestApp {
    /// The contratista presents a Normal 2026-3 with one contract and `n` workers, and the
    /// period is published: its folio and the publication.
    async fn presentada_y_publicada(
        &self,
        n: usize,
    ) -> (String, server::listado::publicar::Publicacion) {
        let c = self.contratista_listo().await;
        let i = self.en_firma(&c, n).await;
        let folio = self.firmar(&c, i).await;
        let p = self
            .listado
            .publicar(p2026_3(), None)
            .await
            .unwrap()
            .unwrap();
        (folio, p)
    }

    /// A stored file of a publication.
    fn archivo_listado(&self, lista: Lista, id: i64, ext: &str) -> Vec<u8> {
        let raiz = self.settings.almacen_dir_efectivo();
        std::fs::read(raiz.join(clave_archivo(lista, 2026, 3, id, ext))).unwrap()
    }
}

fn leer_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    let texto = std::str::from_utf8(bytes).unwrap();
    let texto = texto.strip_prefix('\u{feff}').expect("CSV con BOM");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(texto.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn leer_xlsx(bytes: Vec<u8>) -> Vec<Vec<Data>> {
    let mut libro = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let hoja = libro.sheet_names()[0].clone();
    libro
        .worksheet_range(&hoja)
        .unwrap()
        .rows()
        .map(|f| f.to_vec())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_period_is_published_as_csv_and_xlsx_with_names_and_no_rfcs() {
    let app = TestApp::new().await;
    let (folio, p) = app.presentada_y_publicada(3).await;
    assert_eq!((p.publico.filas, p.inconsistente.filas), (1, 0));

    let csv = leer_csv(&app.archivo_listado(Lista::Publico, p.publico.id, "csv"));
    assert_eq!(csv[0], ENCABEZADOS.map(str::to_string).to_vec());
    assert_eq!(csv.len(), 2);
    let fila = &csv[1];
    assert_eq!(fila[0], "ESCUELA KEMPER URGATE SA DE CV");
    assert_eq!(fila[1], "Moral");
    assert_eq!(fila[2], "Cliente Uno SA de CV");
    assert_eq!(fila[3], "Moral");
    assert_eq!(fila[5], "15/09/2026");
    assert_eq!(fila[7], "3");
    assert_eq!((fila[8].as_str(), fila[9].as_str()), ("2026", "3"));
    assert_eq!(fila[10], "Normal");
    assert_eq!(fila[11], folio);
    let todo = csv.concat().join("|");
    for privado in [MORAL.1, "AAA010101AAA", "compras@cliente.mx", "5512345678"] {
        assert!(!todo.contains(privado), "{privado} en el listado");
    }

    let xlsx = leer_xlsx(app.archivo_listado(Lista::Publico, p.publico.id, "xlsx"));
    assert_eq!(xlsx.len(), 2);
    assert_eq!(xlsx[0][0], Data::String(ENCABEZADOS[0].into()));
    assert_eq!(
        xlsx[1][0],
        Data::String("ESCUELA KEMPER URGATE SA DE CV".into())
    );
    assert_eq!(xlsx[1][7], Data::Float(3.0));
    assert_eq!(xlsx[1][11], Data::String(folio.clone()));

    // The page's rows are the same publication's.
    let filas = fila_listado::Entity::find()
        .filter(fila_listado::Column::PublicacionId.eq(p.publico.id))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(filas.len(), 1);
    assert_eq!(filas[0].folio, folio);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inconsistencies_are_listed_with_their_type_and_old_rows_go_but_old_files_stay() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let i = app.en_firma(&c, 2).await;
    app.firmar(&c, i).await;
    let primera = app
        .listado
        .publicar(p2026_3(), None)
        .await
        .unwrap()
        .unwrap();
    // Data the app itself would never accept (imported, or edited by hand): a contract without
    // workers and a declared count that no longer matches.
    contrato::Entity::update_many()
        .col_expr(contrato::Column::NumTrabajadores, Expr::value(0i64))
        .filter(contrato::Column::InformativaId.eq(i))
        .exec(&app.db)
        .await
        .unwrap();
    let segunda = app
        .listado
        .publicar(p2026_3(), None)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(segunda.inconsistente.filas, 1);
    let csv = leer_csv(&app.archivo_listado(Lista::Inconsistente, segunda.inconsistente.id, "csv"));
    assert_eq!(csv[0].last().unwrap(), ENCABEZADO_INCONSISTENCIA);
    assert_eq!(csv[1].last().unwrap(), "Contratos sin trabajadores");
    assert_eq!(csv[1][7], "0");
    // Only the latest publication keeps searchable rows; the first one's files stay.
    let viejas = fila_listado::Entity::find()
        .filter(fila_listado::Column::PublicacionId.eq(primera.publico.id))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(viejas, 0);
    let vieja = leer_csv(&app.archivo_listado(Lista::Publico, primera.publico.id, "csv"));
    assert_eq!(vieja[1][7], "2");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_publish_the_month_once_and_a_period_without_filings_is_not_published() {
    let app = TestApp::new().await;
    let c = app.contratista_listo().await;
    let i = app.en_firma(&c, 1).await;
    app.firmar(&c, i).await;
    let otra =
        server::startup::app_state_con(&app.settings, app.db.clone(), Arc::new(app.correo.clone()))
            .unwrap();
    let (a, b) = tokio::join!(app.listado.publicar_mes(), otra.listado.publicar_mes());
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.len() + b.len(), 1, "{a:?} {b:?}");
    // Again in the same month: nothing new.
    assert!(app.listado.publicar_mes().await.unwrap().is_empty());
    let publicaciones = publicacion_listado::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(publicaciones.len(), 2);
    assert!(publicaciones.iter().all(|p| p.completa
        && (p.anio, p.periodo) == (2026, 3)
        && p.mes.as_deref() == Some("2026-11")));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_the_api_and_the_downloads_show_the_latest_publication_to_anyone() {
    let app = TestApp::new().await;
    // Nothing published yet: said in words, not an empty table.
    let r = app.get("/listado-publico").await;
    assert_eq!(r.status, 200);
    assert!(
        r.text().contains("Todavía no hay ninguna publicación"),
        "{}",
        r.text()
    );
    let (folio, primera) = app.presentada_y_publicada(3).await;

    // The page, server-rendered, without a session.
    let r = app.get("/listado-publico?q=kemper").await;
    assert_eq!(r.status, 200);
    let html = r.text();
    assert!(html.contains("ESCUELA KEMPER URGATE SA DE CV"), "{html}");
    assert!(html.contains(&folio));
    assert!(html.contains("1 resultado para «kemper»"));
    for rfc in [MORAL.1, "AAA010101AAA"] {
        assert!(!html.contains(rfc), "{rfc} en la página pública");
    }
    assert!(html.contains("/listado-publico/2026/3.xlsx"));
    // A name that matches nothing; `%` is literal, not a wildcard.
    let r = app.get("/listado-publico?anio=2026&periodo=3&q=%25").await;
    assert!(r.text().contains("0 resultados"), "{}", r.text());

    // The API: the same use case.
    let r = app
        .get("/api/v1/listado-publico?anio=2026&periodo=3&q=cliente%20uno")
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let j = r.json();
    assert_eq!(j["total"], 1);
    assert_eq!(j["filas"][0]["folio"], folio.as_str());
    assert_eq!(j["filas"][0]["trabajadores"], 3);
    let r = app.get("/api/v1/listado-publico?anio=20x6").await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["codigo"], "anio_format");

    // Downloads with IMSS's names; an earlier publication by date.
    let r = app.get("/listado-publico/2026/3.xlsx").await;
    assert_eq!(r.status, 200);
    assert!(r.header("content-disposition").contains("LPT2026.xlsx"));
    assert_eq!(
        leer_xlsx(r.body.clone())[1][11],
        Data::String(folio.clone())
    );
    let r = app.get("/listado-publico/2026/3.csv").await;
    assert!(r.header("content-disposition").contains("LPT2026.csv"));
    assert_eq!(leer_csv(&r.body).len(), 2);
    let r = app.get("/listado-inconsistente/2026/3.xlsx").await;
    assert_eq!(r.status, 200);
    assert!(r.header("content-disposition").contains("LIIT2026.xlsx"));
    let r = app.get("/listado-publico/2026/1.csv").await;
    assert_eq!(r.status, 404);
    assert!(r.json()["mensaje"]
        .as_str()
        .unwrap()
        .contains("No hay publicación"));
    let r = app.get("/listado-publico/2026/3.pdf").await;
    assert_eq!(r.status, 404);
    let r = app.get("/listado-publico/2026/3.csv?fecha=ayer").await;
    assert_eq!(r.status, 400);
    assert!(r.json()["mensaje"]
        .as_str()
        .unwrap()
        .contains("no es una fecha"));
    let r = app
        .get("/listado-publico/2026/3.csv?fecha=2026-11-20")
        .await;
    assert_eq!(r.status, 404, "before the first publication there is none");
    let r = app
        .get("/listado-publico/2026/3.csv?fecha=2026-11-21")
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(leer_csv(&r.body)[1][11], folio);
    assert!(primera.publico.filas == 1);
}

/// A crowd searching names cannot take the database: searches take a turn (2 at once per
/// process); paging without a search needs none.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn name_searches_wait_for_a_turn_and_plain_pages_do_not() {
    let app = TestApp::new().await;
    app.presentada_y_publicada(1).await;
    let ocupadas = app
        .listado
        .busquedas
        .clone()
        .acquire_many_owned(server::listado::BUSQUEDAS_SIMULTANEAS as u32)
        .await
        .unwrap();
    let r = app.get("/api/v1/listado-publico?anio=2026&periodo=3").await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["total"], 1);
    let r = app
        .get("/api/v1/listado-publico?anio=2026&periodo=3&q=kemper")
        .await;
    assert_eq!(r.status, 503, "{}", r.text());
    assert_eq!(r.json()["codigo"], "timeout");
    assert!(r.json()["mensaje"]
        .as_str()
        .unwrap()
        .contains("muchas consultas"));
    drop(ocupadas);
    let r = app
        .get("/api/v1/listado-publico?anio=2026&periodo=3&q=kemper")
        .await;
    assert_eq!(r.json()["total"], 1);
}
