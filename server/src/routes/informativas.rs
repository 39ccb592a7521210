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
    NuevaInformativa, PaginaContratos, PaginaTrabajadores, ResultadoCarga, ResultadoImportacion,
    TrabajadorFila, CABECERA_CLAVE,
};
use app::api::sesion::SesionActual;
#[allow(unused_imports, reason = "named by the OpenAPI annotations")]
use app::api::AppError;
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
#[utoipa::path(
    get,
    path = "/api/v1/informativas",
    tag = "Informativas",
    summary = "Las informativas del contratista",
    responses((status = 200, body = Vec<InformativaFila>), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
async fn listar(
    State(state): State<AppState>,
    actual: Sesion,
) -> Result<Json<Vec<InformativaFila>>, ApiError> {
    let a = actor(actual)?;
    Ok(Json(state.informativas.listar(&a.rfc).await?))
}

/// `POST /api/v1/informativas`
#[utoipa::path(
    post,
    path = "/api/v1/informativas",
    tag = "Informativas",
    summary = "Registra una informativa (Normal o Sin información)",
    request_body = NuevaInformativa,
    responses((status = 201, body = InformativaFila), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · anio_format · anio_out_of_range · periodo_format · periodo_not_started · body_invalid (400) · informativa_exists · datos_incompletos (409)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
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
#[utoipa::path(
    get,
    path = "/api/v1/informativas/{id}",
    tag = "Informativas",
    summary = "Una informativa con su estado, contratos y hallazgos",
    params(("id" = i64, Path, description = "Id de la informativa")),
    responses((status = 200, body = InformativaDetalle), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · not_found (404)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
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
#[utoipa::path(
    get,
    path = "/api/v1/informativas/{id}/contratos",
    tag = "Contratos",
    summary = "La página siguiente de contratos",
    params(("id" = i64, Path, description = "Id de la informativa"), ("despues" = Option<i64>, Query, description = "Id del último contrato de la página anterior")),
    responses((status = 200, body = PaginaContratos), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · not_found (404)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
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
#[utoipa::path(
    delete,
    path = "/api/v1/informativas/{id}",
    tag = "Informativas",
    summary = "Borra un borrador en captura",
    params(("id" = i64, Path, description = "Id de la informativa")),
    responses((status = 204, description = "Borrada"), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · not_found (404) · informativa_state (409)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
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
#[utoipa::path(
    post,
    path = "/api/v1/informativas/{id}/enviar-firma",
    tag = "Informativas",
    summary = "Envía a firma del contratista",
    params(("id" = i64, Path, description = "Id de la informativa")),
    responses((status = 200, body = InformativaFila), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · not_found (404) · informativa_state · hallazgos_open · carga_en_curso (409)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
async fn enviar_firma(
    State(state): State<AppState>,
    actual: Sesion,
    Path(id): Path<i64>,
) -> Result<Json<InformativaFila>, ApiError> {
    let a = actor(actual)?;
    Ok(Json(state.informativas.enviar_firma(&a, id).await?))
}

/// `POST /api/v1/informativas/{id}/regresar-captura`: the contratista only.
#[utoipa::path(
    post,
    path = "/api/v1/informativas/{id}/regresar-captura",
    tag = "Informativas",
    summary = "Regresa a captura (solo el contratista)",
    params(("id" = i64, Path, description = "Id de la informativa")),
    responses((status = 200, body = InformativaFila), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · forbidden (403: solo el contratista con su e.firma) · not_found (404) · informativa_state (409)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
async fn regresar(
    State(state): State<AppState>,
    actual: Sesion,
    Path(id): Path<i64>,
) -> Result<Json<InformativaFila>, ApiError> {
    let a = Actor::de(&exigir_titular(actual)?);
    Ok(Json(state.informativas.regresar(&a, id).await?))
}

/// `POST /api/v1/informativas/{id}/contratos`
#[utoipa::path(
    post,
    path = "/api/v1/informativas/{id}/contratos",
    tag = "Contratos",
    summary = "Agrega un contrato",
    params(("id" = i64, Path, description = "Id de la informativa")),
    request_body = ContratoEntrada,
    responses((status = 201, body = ContratoDetalle), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · form_invalid (400, cada campo en campos) · rfc_contratista · servicio_unknown · fecha_out_of_period (400) · informativa_state · carga_en_curso (409) · not_found (404)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
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
#[utoipa::path(
    post,
    path = "/api/v1/informativas/{id}/contratos/importar",
    tag = "Contratos",
    summary = "Importa contratos de un CSV (todo o nada)",
    params(("id" = i64, Path, description = "Id de la informativa")),
    request_body = ImportarContratos,
    responses((status = 200, body = ResultadoImportacion), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · file_header · file_empty · file_too_large · body_invalid (400) · informativa_state (409) · not_found (404)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
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
#[utoipa::path(
    get,
    path = "/api/v1/informativas/{id}/contratos/{cid}",
    tag = "Contratos",
    summary = "Un contrato",
    params(("id" = i64, Path, description = "Id de la informativa"), ("cid" = i64, Path, description = "Id del contrato")),
    responses((status = 200, body = ContratoDetalle), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · not_found (404)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
async fn contrato(
    State(state): State<AppState>,
    actual: Sesion,
    Path((id, cid)): Path<(i64, i64)>,
) -> Result<Json<ContratoDetalle>, ApiError> {
    let a = actor(actual)?;
    Ok(Json(state.informativas.contrato(&a.rfc, id, cid).await?))
}

/// `PUT /api/v1/informativas/{id}/contratos/{cid}`
#[utoipa::path(
    put,
    path = "/api/v1/informativas/{id}/contratos/{cid}",
    tag = "Contratos",
    summary = "Cambia un contrato",
    params(("id" = i64, Path, description = "Id de la informativa"), ("cid" = i64, Path, description = "Id del contrato")),
    request_body = ContratoEntrada,
    responses((status = 200, body = ContratoDetalle), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · form_invalid (400, cada campo en campos) · rfc_contratista · servicio_unknown · fecha_out_of_period (400) · informativa_state · carga_en_curso (409) · not_found (404)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
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
#[utoipa::path(
    delete,
    path = "/api/v1/informativas/{id}/contratos/{cid}",
    tag = "Contratos",
    summary = "Borra un contrato y sus trabajadores",
    params(("id" = i64, Path, description = "Id de la informativa"), ("cid" = i64, Path, description = "Id del contrato")),
    responses((status = 204, description = "Borrado"), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · not_found (404) · informativa_state · carga_en_curso (409)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
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
#[utoipa::path(
    post,
    path = "/api/v1/informativas/{id}/contratos/{cid}/copiar",
    tag = "Contratos",
    summary = "Copia un contrato (sin trabajadores)",
    params(("id" = i64, Path, description = "Id de la informativa"), ("cid" = i64, Path, description = "Id del contrato")),
    responses((status = 201, body = ContratoDetalle), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · not_found (404) · informativa_state (409)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
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
#[utoipa::path(
    get,
    path = "/api/v1/informativas/{id}/contratos/{cid}/trabajadores",
    tag = "Trabajadores",
    summary = "Una página de trabajadores, con búsqueda por NSS o CURP",
    params(("id" = i64, Path, description = "Id de la informativa"), ("cid" = i64, Path, description = "Id del contrato"), ("despues" = Option<String>, Query, description = "NSS del último trabajador de la página anterior"), ("buscar" = Option<String>, Query, description = "Parte de un NSS o una CURP")),
    responses((status = 200, body = PaginaTrabajadores), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · not_found (404)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
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
#[utoipa::path(
    post,
    path = "/api/v1/informativas/{id}/contratos/{cid}/trabajadores",
    tag = "Trabajadores",
    summary = "Agrega un trabajador",
    params(("id" = i64, Path, description = "Id de la informativa"), ("cid" = i64, Path, description = "Id del contrato")),
    request_body = AltaTrabajador,
    responses((status = 201, body = TrabajadorFila), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · form_invalid · nss_format · curp_format · sbc_format (400) · duplicate_nss · duplicate_curp · informativa_state · carga_en_curso (409) · not_found (404)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
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
#[utoipa::path(
    delete,
    path = "/api/v1/informativas/{id}/contratos/{cid}/trabajadores/{nss}",
    tag = "Trabajadores",
    summary = "Borra un trabajador",
    params(("id" = i64, Path, description = "Id de la informativa"), ("cid" = i64, Path, description = "Id del contrato"), ("nss" = String, Path, description = "NSS de 11 dígitos")),
    responses((status = 204, description = "Borrado"), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · not_found (404) · informativa_state · carga_en_curso (409)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
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
#[utoipa::path(
    put,
    path = "/api/v1/informativas/{id}/contratos/{cid}/trabajadores/carga",
    tag = "Trabajadores",
    summary = "Carga masiva: el CSV NSS,CURP,SBC en el cuerpo; reintentar con la misma Idempotency-Key no duplica",
    params(("id" = i64, Path, description = "Id de la informativa"), ("cid" = i64, Path, description = "Id del contrato"), ("Idempotency-Key" = String, Header, description = "8 a 64 letras, dígitos, - o _; una nueva por carga")),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = ResultadoCarga), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · idempotency_key · file_header · file_empty · file_unreadable (400) · file_too_large (413) · informativa_state · carga_en_curso (409) · not_found (404)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
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
#[utoipa::path(
    get,
    path = "/api/v1/informativas/{id}/cargas/{clave}/rechazados.xlsx",
    tag = "Trabajadores",
    summary = "Las filas rechazadas, en Excel",
    params(("id" = i64, Path, description = "Id de la informativa"), ("clave" = String, Path, description = "La Idempotency-Key de la carga")),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · not_found (404)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
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
#[utoipa::path(
    get,
    path = "/api/v1/informativas/{id}/cargas/{clave}/rechazados",
    tag = "Trabajadores",
    summary = "Las filas rechazadas de una carga, en CSV con MOTIVO",
    params(("id" = i64, Path, description = "Id de la informativa"), ("clave" = String, Path, description = "La Idempotency-Key de la carga")),
    responses((status = 200, content_type = "text/csv", body = String), (status = "4XX", body = AppError, description = "auth_required (401: sin sesión) · terms_pending (403) · api_token_invalid (401) · api_token_scope (403) · rate_limited (429) · not_found (404)"), (status = "5XX", body = AppError, description = "database_unavailable · timeout (503) · internal (500)")),
    security(("cookie" = []), ("bearer" = []))
)]
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

/// This module's part of the OpenAPI document (`routes::openapi`).
#[derive(utoipa::OpenApi)]
#[openapi(paths(
    listar,
    crear,
    detalle,
    pagina_contratos,
    borrar,
    enviar_firma,
    regresar,
    agregar_contrato,
    importar,
    contrato,
    editar_contrato,
    borrar_contrato,
    copiar,
    trabajadores,
    agregar_trabajador,
    borrar_trabajador,
    cargar,
    rechazados,
    rechazados_xlsx
))]
pub(super) struct Documento;
