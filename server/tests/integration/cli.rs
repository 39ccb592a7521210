//! Migrations as the `icsoe migrate` subcommand runs them.

use crate::helpers::TestApp;
use server::persistence;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn migrations_are_recorded_and_running_them_again_changes_nothing() {
    let app = TestApp::new().await;
    let antes = persistence::applied_migrations(&app.db).await.unwrap();
    assert_eq!(antes, ["m20261121_000001_crear_dia_inhabil"]);
    persistence::migrate(&app.db).await.unwrap();
    assert_eq!(
        persistence::applied_migrations(&app.db).await.unwrap(),
        antes
    );
    assert_eq!(
        app.dias_inhabiles().listar().await.unwrap().len(),
        2,
        "la semilla no se duplica"
    );
}
