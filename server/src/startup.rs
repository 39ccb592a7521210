//! Building the application from `Settings`: database, services, router, listener. `main` and
//! the integration tests go through the same code.

use crate::capturistas::Capturistas;
use crate::config::{ClockSetting, ModoCorreo, Settings};
use crate::cuenta::Cuenta;
use crate::infra::almacen::{Almacen, AlmacenLocal, AlmacenObjetos};
use crate::infra::clock::{FixedClock, SystemClock};
use crate::infra::correo::{Cartero, CarteroDirectorio, CarteroSmtp};
use crate::persistence::{self, dias_inhabiles::SeaOrmDiasInhabiles};
use crate::routes::build_router;
use crate::state::AppState;
use anyhow::Context;
use app::api::ports::{Clock, Services};
use app::domain::cuenta::CatalogoPostal;
use axum::Router;
use leptos::config::{Env, LeptosOptions};
use sea_orm::DatabaseConnection;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;

/// A bound, ready-to-serve application.
pub struct Application {
    listener: TcpListener,
    router: Router,
    proxies: Arc<Vec<crate::auth::proxies::Red>>,
}

impl Application {
    /// Connects to the database, migrates it, builds the router and binds the listener (port 0
    /// picks a free port, for tests).
    pub async fn build(settings: &Settings) -> anyhow::Result<Self> {
        let db = persistence::connect(&settings.database_url).await?;
        persistence::migrate(&db).await?;
        let state = app_state(settings, db)?;
        crate::mantenimiento::Mantenimiento {
            db: state.db.clone(),
            almacen: state.informativas.almacen.clone(),
            inactividad: chrono::Duration::minutes(settings.sesion_minutos),
            retencion_rechazados: chrono::Duration::days(settings.retencion_rechazados_dias),
        }
        .iniciar(
            state.services.clock.clone(),
            std::time::Duration::from_secs(10 * 60),
        );
        // The outbox worker and the reminders run in every process (issue 17): claims and unique
        // keys make several replicas safe.
        tokio::spawn(
            state
                .avisos
                .repartidor
                .clone()
                .correr(std::future::pending::<()>()),
        );
        iniciar_recordatorios(
            state.avisos.clone(),
            std::time::Duration::from_secs(15 * 60),
        );
        iniciar_listado(
            state.listado.clone(),
            std::time::Duration::from_secs(60 * 60),
        );
        let listener = TcpListener::bind(settings.bind)
            .await
            .with_context(|| format!("no se pudo escuchar en {}", settings.bind))?;
        let proxies = state.proxies.clone();
        Ok(Application {
            listener,
            router: build_router(state),
            proxies,
        })
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Serves until `shutdown` completes, then lets requests in flight finish
    /// ([`crate::servidor`]: TCP_NODELAY, header-read timeout, connections per client).
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        crate::servidor::servir(self.listener, self.router, self.proxies, shutdown).await
    }
}

/// Runs the reminders every `cada` (the first run at start, so a server that was down catches up).
fn iniciar_recordatorios(avisos: Arc<crate::avisos::Avisos>, cada: std::time::Duration) {
    tokio::spawn(async move {
        let mut intervalo = tokio::time::interval(cada);
        intervalo.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            intervalo.tick().await;
            if let Err(e) = avisos.recordar(avisos.clock.now()).await {
                tracing::warn!(codigo = e.codigo.as_str(), mensaje = %e.mensaje, "recordatorios: la corrida falló");
            }
        }
    });
}

/// The monthly listado público (Lineamientos 6.2: within the first five business days): every
/// hour each process checks whether this month's publication of each period exists; the month's
/// unique key lets only one replica make it.
fn iniciar_listado(listado: Arc<crate::listado::Listado>, cada: std::time::Duration) {
    tokio::spawn(async move {
        let mut intervalo = tokio::time::interval(cada);
        intervalo.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            intervalo.tick().await;
            if let Err(e) = listado.publicar_mes().await {
                tracing::warn!(codigo = e.codigo.as_str(), mensaje = %e.mensaje, "listado: la publicación mensual falló");
            }
        }
    });
}

/// A name for this process's leases in the outbox (which replica holds a row).
fn nombre_proceso() -> String {
    let mut b = [0u8; 4];
    let _ = getrandom::getrandom(&mut b);
    format!(
        "{}-{}-{}",
        std::env::var("HOSTNAME").unwrap_or_else(|_| "icsoe".into()),
        std::process::id(),
        b.iter().map(|x| format!("{x:02x}")).collect::<String>()
    )
}

/// The mail backend the settings name.
pub fn cartero(settings: &Settings) -> anyhow::Result<Arc<dyn Cartero>> {
    let remitente: lettre::message::Mailbox = settings
        .correo_remitente
        .parse()
        .context("remitente de correo inválido")?;
    Ok(match settings.correo {
        ModoCorreo::Directorio => Arc::new(CarteroDirectorio::new(
            settings.correo_dir_efectivo(),
            remitente,
        )),
        ModoCorreo::Smtp => Arc::new(CarteroSmtp::new(&settings.smtp, remitente)?),
    })
}

/// The postal catalog, indexed once per process (tests build many states).
static CATALOGO: std::sync::OnceLock<Arc<CatalogoPostal>> = std::sync::OnceLock::new();

fn catalogo() -> anyhow::Result<Arc<CatalogoPostal>> {
    if let Some(c) = CATALOGO.get() {
        return Ok(c.clone());
    }
    let c = Arc::new(crate::catalogo::cargar()?);
    Ok(CATALOGO.get_or_init(|| c).clone())
}

/// The state for a database that is already migrated. Fails when the trust store cannot be
/// loaded, or when the production profile would trust the SAT's test CAs.
pub fn app_state(settings: &Settings, db: DatabaseConnection) -> anyhow::Result<AppState> {
    app_state_con(settings, db, cartero(settings)?)
}

/// [`app_state`] with a given mail backend (integration tests read messages from memory).
pub fn app_state_con(
    settings: &Settings,
    db: DatabaseConnection,
    cartero: Arc<dyn Cartero>,
) -> anyhow::Result<AppState> {
    let clock: Arc<dyn Clock> = match settings.clock {
        ClockSetting::System => Arc::new(SystemClock),
        ClockSetting::Fixed(instante) => Arc::new(FixedClock(instante)),
    };
    let dias_inhabiles: Arc<dyn app::api::ports::DiasInhabilesRepo> =
        Arc::new(SeaOrmDiasInhabiles::new(db.clone()));
    let parametros: Arc<dyn app::api::ports::ParametrosRepo> = Arc::new(
        crate::persistence::parametros::SeaOrmParametros::new(db.clone()),
    );
    let confianza = crate::auth::confianza::cargar(&settings.confianza_dir)?;
    if settings.profile == crate::config::Profile::Production && confianza.tiene_cas_de_prueba {
        anyhow::bail!(
            "el perfil production no admite las autoridades de PRUEBA del SAT en el almacén de confianza {}; \
             usa ICSOE_CONFIANZA_DIR con los certificados de producción del SAT",
            settings.confianza_dir.display()
        );
    }
    let sello = match &settings.sello_dir {
        Some(dir) => crate::infra::sello::Sello::cargar(dir)?,
        None => crate::infra::sello::Sello::desarrollo()?,
    };
    let verificacion = Arc::new(crate::auth::revocacion::VerificacionEfirma::new(
        confianza.almacen,
        settings.ocsp_url.clone(),
        settings.ocsp_falla,
    )?);
    let firma = Arc::new(crate::informativas::firma::Firma {
        verificacion: verificacion.clone(),
        sello,
        url_publica: settings.url_publica_efectiva(),
    });
    let auth = crate::auth::Autenticacion::new(
        db.clone(),
        clock.clone(),
        verificacion,
        chrono::Duration::minutes(settings.sesion_minutos),
    );
    let inactividad = chrono::Duration::minutes(settings.sesion_minutos);
    let almacen: Arc<dyn Almacen> = match &settings.s3_bucket {
        Some(bucket) => Arc::new(AlmacenObjetos::s3(bucket)?),
        None => Arc::new(AlmacenLocal::new(settings.almacen_dir_efectivo())),
    };
    let cuenta = Arc::new(Cuenta::new(
        db.clone(),
        clock.clone(),
        catalogo()?,
        almacen.clone(),
    ));
    let timbre = Arc::new(tokio::sync::Notify::new());
    let informativas = Arc::new(crate::informativas::Informativas::new(
        crate::informativas::Dependencias {
            db: db.clone(),
            clock: clock.clone(),
            cuenta: cuenta.clone(),
            almacen: almacen.clone(),
            dias: dias_inhabiles.clone(),
            parametros: parametros.clone(),
            firma,
            timbre: timbre.clone(),
        },
    ));
    let capturistas = Arc::new(Capturistas::new(
        db.clone(),
        clock.clone(),
        timbre.clone(),
        settings.url_publica_efectiva(),
        inactividad,
    ));
    let url_publica = settings
        .url_publica_efectiva()
        .trim_end_matches('/')
        .to_string();
    let repartidor = Arc::new(crate::avisos::repartidor::Repartidor::new(
        db.clone(),
        cartero,
        clock.clone(),
        informativas.clone(),
        nombre_proceso(),
        url_publica
            .split("://")
            .nth(1)
            .and_then(|h| h.split(['/', ':']).next())
            .unwrap_or("icsoe")
            .to_string(),
        timbre,
    ));
    let avisos = Arc::new(crate::avisos::Avisos {
        db: db.clone(),
        clock: clock.clone(),
        dias_inhabiles: dias_inhabiles.clone(),
        parametros: parametros.clone(),
        url_publica,
        repartidor,
    });
    let listado = Arc::new(crate::listado::Listado {
        db: db.clone(),
        clock: clock.clone(),
        almacen,
        temporal: settings.data_dir.join("temporal"),
        busquedas: Arc::new(tokio::sync::Semaphore::new(
            crate::listado::BUSQUEDAS_SIMULTANEAS,
        )),
    });
    let beneficiarios = Arc::new(crate::beneficiarios::Beneficiarios {
        db: db.clone(),
        clock: clock.clone(),
        informativas: informativas.clone(),
    });
    let auth = Arc::new(auth);
    let tokens_api = Arc::new(crate::tokens_api::TokensApi::new(
        db.clone(),
        clock.clone(),
        auth.clone(),
    ));
    let acceso = Arc::new(crate::casos::Acceso {
        auth: auth.clone(),
        capturistas: capturistas.clone(),
        cookie_segura: settings.profile == crate::config::Profile::Production,
    });
    let services = Services {
        clock,
        dias_inhabiles,
        parametros,
        limites_csv: settings.limites_csv,
        informativas: informativas.clone(),
        acceso: acceso.clone(),
        cuenta: cuenta.clone(),
        capturistas: capturistas.clone(),
        avisos: avisos.clone(),
        listado: listado.clone(),
        beneficiarios: beneficiarios.clone(),
        tokens_api: tokens_api.clone(),
    };
    Ok(AppState {
        leptos_options: leptos_options(settings),
        services,
        db,
        auth,
        cuenta,
        capturistas,
        acceso,
        informativas,
        avisos,
        listado,
        beneficiarios,
        tokens_api,
        metricas_token: settings.metricas_token.clone(),
        cookie_segura: settings.profile == crate::config::Profile::Production,
        proxies: Arc::new(settings.proxies_confiables.clone()),
        sesiones: Arc::default(),
    })
}

/// Leptos' site options from our settings (instead of `get_configuration`, which needs
/// variables only cargo-leptos sets).
pub fn leptos_options(settings: &Settings) -> LeptosOptions {
    let env = match std::env::var("LEPTOS_ENV").ok().as_deref() {
        Some("PROD") | Some("prod") | Some("production") => Env::PROD,
        _ => match settings.profile {
            crate::config::Profile::Production => Env::PROD,
            crate::config::Profile::Development => Env::DEV,
        },
    };
    LeptosOptions::builder()
        .output_name(app::OUTPUT_NAME)
        .site_root(settings.site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(settings.bind)
        .env(env)
        .build()
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "no se pudo escuchar Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "no se pudo escuchar SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("señal de apagado recibida; terminando las peticiones en curso");
}
