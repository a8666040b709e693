//! Controls of the simulator itself, outside the API (`/_sim/…`), for tests
//! and demos. No authentication: they only exist on a local simulator.
//!
//! - `POST /_sim/fail-next-operation` (`{"message": "…"}`, optional) makes
//!   the next operation created end in `error` with that message: 200
//!   `{"fail_next_operation": {"message": "…"}}`.
//! - `DELETE /_sim/fail-next-operation` disarms it: 204.
//! - `POST /_sim/logs/drop-streams` closes every open logs stream (see
//!   `routes::logs`).
//! - `/_sim/attach/:container_id` is where attached one-offs point; nothing
//!   can attach to a simulated container, so it says so (501).

use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::{any, post},
    Router,
};
use scalingo_api::ErrorBody;
use serde_json::{json, Value};

use crate::{
    error::{ApiError, ApiResult},
    http::{ok, JsonBody},
    state::SharedState,
};

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route(
            "/_sim/fail-next-operation",
            post(arm_failure).delete(disarm_failure),
        )
        .route("/_sim/attach/{container}", any(attach))
}

async fn arm_failure(
    State(state): State<SharedState>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let message = body
        .get("message")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let message = state.fail_next_operation(message).await?;
    Ok(ok(
        &json!({ "fail_next_operation": { "message": message } }),
    ))
}

async fn disarm_failure(State(state): State<SharedState>) -> ApiResult<Response> {
    state
        .mutate(|p| {
            p.fail_next_operation = None;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn attach() -> ApiError {
    ApiError::new(
        StatusCode::NOT_IMPLEMENTED,
        ErrorBody::message(
            "attaching a terminal to a one-off container is not simulated; \
             run it detached and read its logs",
        ),
    )
}
