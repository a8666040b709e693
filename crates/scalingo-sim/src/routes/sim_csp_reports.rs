//! Content-Security-Policy violation reports (see `csp_reports`):
//!
//! - `POST /_sim/csp-reports` with an `application/csp-report` or
//!   `application/reports+json` body (any JSON is taken) → 204; 400 for a
//!   body that is not JSON. The dashboard's policy names this URL in its
//!   `report-uri`.
//! - `GET /_sim/csp-reports` → 200 `{"reports": [...]}`, oldest first, as
//!   sent (the last 200).
//! - `DELETE /_sim/csp-reports` forgets them: 204.

use axum::{extract::State, response::Response, routing::post, Router};
use serde_json::json;

use crate::{
    domain::error::ApiResult,
    http::{
        extract::JsonBody,
        response::{no_content, ok},
    },
    state::SharedState,
};

pub fn routes() -> Router<SharedState> {
    Router::new().route("/_sim/csp-reports", post(add).get(list).delete(clear))
}

async fn add(State(state): State<SharedState>, JsonBody(body): JsonBody) -> ApiResult<Response> {
    let added = state.csp_reports.add(body);
    tracing::warn!(added, "Content-Security-Policy violation reported");
    Ok(no_content())
}

async fn list(State(state): State<SharedState>) -> Response {
    ok(&json!({ "reports": state.csp_reports.list() }))
}

async fn clear(State(state): State<SharedState>) -> Response {
    state.csp_reports.clear();
    no_content()
}
