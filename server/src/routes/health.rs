//! Liveness and readiness probes for load balancers and orchestrators.

use crate::error::ApiError;
use crate::state::AppState;
use app::api::AppError;
use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};
use std::time::Duration;

/// `GET /healthz`: the process answers. Never touches the database, so a slow database does not
/// get the process restarted.
pub async fn healthz() -> Json<Value> {
    Json(json!({ "estado": "ok" }))
}

/// `GET /readyz`: the database answers within 2 s; 503 `database_unavailable` otherwise, so the
/// balancer stops sending traffic until it recovers.
pub async fn readyz(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    match tokio::time::timeout(Duration::from_secs(2), state.db.ping()).await {
        Ok(Ok(())) => Ok(Json(json!({ "estado": "listo" }))),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "readyz: la base de datos no responde");
            Err(AppError::database_unavailable().into())
        }
        Err(_) => {
            tracing::warn!("readyz: la base de datos tardó más de 2 s");
            Err(AppError::database_unavailable().into())
        }
    }
}
