//! Controls of the simulator itself, outside the API (`/_sim/…`), for tests
//! and demos. No authentication: they only exist on a local simulator.
//!
//! - `POST /_sim/fail-next-operation` (`{"message": "…"}`, optional) makes
//!   the next operation created end in `error` with that message, or the
//!   next deployment created (whichever comes first) end in `build-error`,
//!   the message in its output (without a message, the output is the
//!   buildpack's usual failure): 200 `{"fail_next_operation": {"message":
//!   "…"}}`.
//! - `DELETE /_sim/fail-next-operation` disarms it: 204.
//! - `POST /_sim/deployments/drop-streams` closes every open deployments
//!   stream without a close frame (clients reconnect): `{"dropped": n}`;
//! - `POST /_sim/logs/drop-streams` closes every open logs stream (see
//!   `routes::logs`).
//! - `POST /_sim/regions/:name/down` takes a region's API down: every
//!   request to it answers 503 `{"error": "upstream provider returned an
//!   error, retry later"}` (CORS headers included) until
//!   `POST /_sim/regions/:name/up`. Both answer 200 `{"region": {"name",
//!   "down"}}`, or 404 `{"resource": "region", "error": "not found"}`. The
//!   auth routes and the other regions are not affected; nothing is saved.
//! - `/_sim/attach/:container_id` is where attached one-offs point; nothing
//!   can attach to a simulated container, so it says so (501).
//! - `/_sim/chaos` (see `sim_chaos`), `/_sim/requests` and
//!   `/_sim/rate-limit` (see `sim_traffic`), `/_sim/csp-reports` (see
//!   `sim_csp_reports`), `/_sim/collaborators/:id/accept` and
//!   `/_sim/invitations/accept` (see `sim_invitations`),
//!   `/_sim/notifier-tests` (see `sim_notifier_tests`).

use axum::{
    extract::{Path, State},
    response::Response,
    routing::{any, post},
    Router,
};
use scalingo_api::ErrorBody;
use serde_json::{json, Value};

use crate::{
    domain::error::{ApiError, ApiResult},
    http::{
        extract::JsonBody,
        response::{no_content, ok},
    },
    state::SharedState,
};

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route(
            "/_sim/fail-next-operation",
            post(arm_failure).delete(disarm_failure),
        )
        .route("/_sim/attach/{container}", any(attach))
        .route("/_sim/logs/drop-streams", post(super::logs::drop_streams))
        .route(
            "/_sim/deployments/drop-streams",
            post(super::deployments_stream::drop_streams),
        )
        .route("/_sim/regions/{region}/down", post(region_down))
        .route("/_sim/regions/{region}/up", post(region_up))
        .merge(super::sim_chaos::routes())
        .merge(super::sim_traffic::routes())
        .merge(super::sim_csp_reports::routes())
        .merge(super::sim_invitations::routes())
        .merge(super::sim_notifier_tests::routes())
}

fn set_region(state: &SharedState, name: &str, down: bool) -> ApiResult<Response> {
    if !state.set_region_down(name, down) {
        return Err(ApiError::not_found("region"));
    }
    Ok(ok(&json!({ "region": { "name": name, "down": down } })))
}

async fn region_down(
    State(state): State<SharedState>,
    Path(name): Path<String>,
) -> ApiResult<Response> {
    set_region(&state, &name, true)
}

async fn region_up(
    State(state): State<SharedState>,
    Path(name): Path<String>,
) -> ApiResult<Response> {
    set_region(&state, &name, false)
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
    Ok(no_content())
}

async fn attach() -> ApiError {
    ApiError::new(
        501,
        ErrorBody::message(
            "attaching a terminal to a one-off container is not simulated; \
             run it detached and read its logs",
        ),
    )
}
