//! `/api/v1/informativas/…`: informativas, their contracts and workers, bulk uploads. Anyone
//! acting for the contratista (the contratista or a capturista it chose) captures and sends to
//! signature; only the contratista sends an informativa back to capture (domain.md §6). The RFC
//! always comes from the session.

use super::adjunto::csv_adjunto;
use super::auth::{exigir_contratista, exigir_titular};
use crate::error::ApiError;
use crate::informativas::Actor;
use crate::state::AppState;
use app::api::informativas::{
    AltaTrabajador, ContratoDetalle, ImportarContratos, InformativaDetalle, InformativaFila,
    NuevaInformativa, PaginaTrabajadores, ResultadoCarga, ResultadoImportacion, TrabajadorFila,
    CABECERA_CLAVE,
};
use app::api::sesion::SesionActual;
use app::domain::informativas::ContratoEntrada;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::{Extension, Json, Router};
use serde::Deserialize;

type Sesion = Option<Extension<SesionActual>>;

/// The routes, nested under `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/informativas", get(listar).post(crear))
        .route("/informativas/{id}", get(detalle).delete(borrar))
        .route("/informativas/{id}/enviar-firma", post(enviar_firma))
        .route("/informativas/{id}/regresar-captura", post(regresar))
        .route(
            "/informativas/{id}/contratos",
            get(pagina_contratos).post(agregar_contrato),
        )
        .route(
            "/informativas/{id}/contratos/importar",
            post(importar).layer(DefaultBodyLimit::max(16 * 1024 * 1024)),
        )
        .route(
            "/informativas/{id}/contratos/{cid}",
            get(contrato).put(editar_contrato).delete(borrar_contrato),
        )
        .route("/informativas/{id}/contratos/{cid}/copiar", post(copiar))
        .route(
            "/informativas/{id}/contratos/{cid}/trabajadores",
            get(trabajadores).post(agregar_trabajador),
        )
        .route(
            "/informativas/{id}/contratos/{cid}/trabajadores/{nss}",
            axum::routing::delete(borrar_trabajador),
        )
        .route(
            "/informativas/{id}/contratos/{cid}/trabajadores/carga",
            // The handler streams the body and enforces the CSV limit itself.
            put(cargar).layer(DefaultBodyLimit::disable()),
        )
        .route(
            "/informativas/{id}/cargas/{clave}/rechazados",
            get(rechazados),
        )
        .route(
            "/informativas/{id}/cargas/{clave}/rechazados.xlsx",
            get(rechazados_xlsx),
        )
}

fn actor(actual: Sesion) -> Result<Actor, ApiError> {
    Ok(Actor::de(&exigir_contratista(actual)?))
}

/// `GET /api/v1/informativas`
async fn listar(
    State(state): State<AppState>,
    actual: Sesion,
) -> Result<Json<Vec<InformativaFila>>, ApiError> {
    let a = actor(actual)?;
    Ok(Json(state.informativas.listar(&a.rfc).await?))
}

/// `POST /api/v1/informativas`
async fn crear(
    State(state): State<AppState>,
    actual: Sesion,
    Json(n): Json<NuevaInformativa>,
) -> Result<(StatusCode, Json<InformativaFila>), ApiError> {
    let a = actor(actual)?;
    Ok((
        StatusCode::CREATED,
        Json(state.informativas.crear(&a, &n).await?),
    ))
}

/// `GET /api/v1/informativas/{id}`
async fn detalle(
    State(state): State<AppState>,
    actual: Sesion,
    Path(id): Path<i64>,
) -> Result<Json<InformativaDetalle>, ApiError> {
    let a = actor(actual)?;
    Ok(Json(state.informativas.detalle(&a.rfc, id).await?))
}

#[derive(serde::Deserialize)]
struct Despues {
    #[serde(default)]
    despues: i64,
}

/// `GET /api/v1/informativas/{id}/contratos?despues={cid}`: the next page of contracts.
async fn pagina_contratos(
    State(state): State<AppState>,
    actual: Sesion,
    Path(id): Path<i64>,
    axum::extract::Query(q): axum::extract::Query<Despues>,
) -> Result<Json<app::api::informativas::PaginaContratos>, ApiError> {
    let a = actor(actual)?;
    Ok(Json(
        state
            .informativas
            .pagina_contratos(&a.rfc, id, q.despues)
            .await?,
    ))
}

/// `DELETE /api/v1/informativas/{id}`: a draft in capture.
async fn borrar(
    State(state): State<AppState>,
    actual: Sesion,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    let a = actor(actual)?;
    state.informativas.borrar(&a, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/informativas/{id}/enviar-firma`
async fn enviar_firma(
    State(state): State<AppState>,
    actual: Sesion,
    Path(id): Path<i64>,
) -> Result<Json<InformativaFila>, ApiError> {
    let a = actor(actual)?;
    Ok(Json(state.informativas.enviar_firma(&a, id).await?))
}

/// `POST /api/v1/informativas/{id}/regresar-captura`: the contratista only.
async fn regresar(
    State(state): State<AppState>,
    actual: Sesion,
    Path(id): Path<i64>,
) -> Result<Json<InformativaFila>, ApiError> {
    let a = Actor::de(&exigir_titular(actual)?);
    Ok(Json(state.informativas.regresar(&a, id).await?))
}

/// `POST /api/v1/informativas/{id}/contratos`
async fn agregar_contrato(
    State(state): State<AppState>,
    actual: Sesion,
    Path(id): Path<i64>,
    Json(e): Json<ContratoEntrada>,
) -> Result<(StatusCode, Json<ContratoDetalle>), ApiError> {
    let a = actor(actual)?;
    Ok((
        StatusCode::CREATED,
        Json(state.informativas.agregar_contrato(&a, id, &e).await?),
    ))
}

/// `POST /api/v1/informativas/{id}/contratos/importar`
async fn importar(
    State(state): State<AppState>,
    actual: Sesion,
    Path(id): Path<i64>,
    Json(p): Json<ImportarContratos>,
) -> Result<Json<ResultadoImportacion>, ApiError> {
    let a = actor(actual)?;
    Ok(Json(state.informativas.importar(&a, id, &p).await?))
}

/// `GET /api/v1/informativas/{id}/contratos/{cid}`
async fn contrato(
    State(state): State<AppState>,
    actual: Sesion,
    Path((id, cid)): Path<(i64, i64)>,
) -> Result<Json<ContratoDetalle>, ApiError> {
    let a = actor(actual)?;
    Ok(Json(state.informativas.contrato(&a.rfc, id, cid).await?))
}

/// `PUT /api/v1/informativas/{id}/contratos/{cid}`
async fn editar_contrato(
    State(state): State<AppState>,
    actual: Sesion,
    Path((id, cid)): Path<(i64, i64)>,
    Json(e): Json<ContratoEntrada>,
) -> Result<Json<ContratoDetalle>, ApiError> {
    let a = actor(actual)?;
    Ok(Json(
        state.informativas.editar_contrato(&a, id, cid, &e).await?,
    ))
}

/// `DELETE /api/v1/informativas/{id}/contratos/{cid}`
async fn borrar_contrato(
    State(state): State<AppState>,
    actual: Sesion,
    Path((id, cid)): Path<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    let a = actor(actual)?;
    state.informativas.borrar_contrato(&a, id, cid).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/v1/informativas/{id}/contratos/{cid}/copiar`
async fn copiar(
    State(state): State<AppState>,
    actual: Sesion,
    Path((id, cid)): Path<(i64, i64)>,
) -> Result<(StatusCode, Json<ContratoDetalle>), ApiError> {
    let a = actor(actual)?;
    Ok((
        StatusCode::CREATED,
        Json(state.informativas.copiar_contrato(&a, id, cid).await?),
    ))
}

/// Paging and search of the worker list.
#[derive(Debug, Deserialize)]
struct Consulta {
    despues: Option<String>,
    buscar: Option<String>,
}

/// `GET /api/v1/informativas/{id}/contratos/{cid}/trabajadores?despues=&buscar=`
async fn trabajadores(
    State(state): State<AppState>,
    actual: Sesion,
    Path((id, cid)): Path<(i64, i64)>,
    Query(q): Query<Consulta>,
) -> Result<Json<PaginaTrabajadores>, ApiError> {
    let a = actor(actual)?;
    Ok(Json(
        state
            .informativas
            .trabajadores(&a.rfc, id, cid, q.despues.as_deref(), q.buscar.as_deref())
            .await?,
    ))
}

/// `POST /api/v1/informativas/{id}/contratos/{cid}/trabajadores`
async fn agregar_trabajador(
    State(state): State<AppState>,
    actual: Sesion,
    Path((id, cid)): Path<(i64, i64)>,
    Json(t): Json<AltaTrabajador>,
) -> Result<(StatusCode, Json<TrabajadorFila>), ApiError> {
    let a = actor(actual)?;
    Ok((
        StatusCode::CREATED,
        Json(
            state
                .informativas
                .agregar_trabajador(&a, id, cid, &t)
                .await?,
        ),
    ))
}

/// `DELETE /api/v1/informativas/{id}/contratos/{cid}/trabajadores/{nss}`
async fn borrar_trabajador(
    State(state): State<AppState>,
    actual: Sesion,
    Path((id, cid, nss)): Path<(i64, i64, String)>,
) -> Result<StatusCode, ApiError> {
    let a = actor(actual)?;
    state
        .informativas
        .borrar_trabajador(&a, id, cid, &nss)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `PUT /api/v1/informativas/{id}/contratos/{cid}/trabajadores/carga`: the rows as a CSV body
/// (`NSS,CURP,SBC`, UTF-8), the batch's key in `Idempotency-Key`.
async fn cargar(
    State(state): State<AppState>,
    actual: Sesion,
    Path((id, cid)): Path<(i64, i64)>,
    headers: HeaderMap,
    cuerpo: Body,
) -> Result<Json<ResultadoCarga>, ApiError> {
    let a = actor(actual)?;
    let clave = headers
        .get(CABECERA_CLAVE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let limites = state.services.limites_csv;
    let _turno = state.informativas.turno_de_carga().await?;
    Ok(Json(
        state
            .informativas
            .cargar(&a, id, cid, clave, limites, cuerpo.into_data_stream())
            .await?,
    ))
}

/// `…/rechazados.xlsx`: the same rows as Excel (every cell text: NSS zeros survive).
async fn rechazados_xlsx(
    State(state): State<AppState>,
    actual: Sesion,
    Path((id, clave)): Path<(i64, String)>,
) -> Result<Response, ApiError> {
    let a = actor(actual)?;
    let bytes = state
        .informativas
        .rechazados_xlsx(&a.rfc, id, &clave)
        .await?;
    Ok(super::adjunto::adjunto(
        super::listado::XLSX,
        super::adjunto::Modo::Descarga,
        &format!("rechazados_{clave}.xlsx"),
        bytes,
    ))
}

/// `GET /api/v1/informativas/{id}/cargas/{clave}/rechazados`: the refused rows as CSV.
async fn rechazados(
    State(state): State<AppState>,
    actual: Sesion,
    Path((id, clave)): Path<(i64, String)>,
) -> Result<Response, ApiError> {
    let a = actor(actual)?;
    let flujo = state.informativas.rechazados(&a.rfc, id, &clave).await?;
    Ok(csv_adjunto(
        &format!("rechazados_{clave}.csv"),
        axum::body::Body::from_stream(flujo),
    ))
}
