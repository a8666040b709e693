//! What clients asked of the API, and the rate limit (see `layers::rate_limit`):
//!
//! - `GET /_sim/requests` → 200 `{"total", "refused", "max_last_minute",
//!   "peak_last_minute", "limit", "window_seconds", "tokens":
//!   {"<user>:<token tail>": {"last_minute", "peak_last_minute", "total",
//!   "refused"}}}`: `last_minute` counts the accepted requests in the
//!   window now, `peak_last_minute` the most it ever held.
//! - `DELETE /_sim/requests` forgets the counts (and the window): 204.
//! - `POST /_sim/rate-limit` `{"limit": 60}` (requests per window) or
//!   `{"limit": null}` (none) → 200 as `GET /_sim/requests`; 422 on
//!   `limit` for anything else.

use axum::{
    extract::State,
    response::Response,
    routing::{get, post},
    Router,
};
use serde_json::{json, Map, Value};

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
        .route("/_sim/requests", get(show).delete(reset))
        .route("/_sim/rate-limit", post(set_limit))
}

/// The counts and the limit, as `GET /_sim/requests` shows them.
fn counts_json(state: &SharedState) -> Value {
    let counts = state.request_counts();
    let tokens: Map<String, Value> = counts
        .by_token
        .iter()
        .map(|(label, c)| {
            let count = json!({
                "last_minute": c.last_minute,
                "peak_last_minute": c.peak_last_minute,
                "total": c.total,
                "refused": c.refused,
            });
            (label.clone(), count)
        })
        .collect();
    json!({
        "total": counts.total,
        "refused": counts.refused,
        "max_last_minute": counts.max_last_minute,
        "peak_last_minute": counts.peak_last_minute,
        "limit": state.traffic.limit(),
        "window_seconds": state.traffic.window().as_secs_f64(),
        "tokens": tokens,
    })
}

async fn show(State(state): State<SharedState>) -> Response {
    ok(&counts_json(&state))
}

async fn reset(State(state): State<SharedState>) -> Response {
    state.traffic.reset();
    no_content()
}

async fn set_limit(
    State(state): State<SharedState>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let limit = match body.get("limit") {
        None | Some(Value::Null) => None,
        Some(value) => Some(
            value
                .as_u64()
                .filter(|n| (1..=u64::from(u32::MAX)).contains(n))
                .ok_or_else(|| {
                    ApiError::field("limit", "must be a whole number above 0, or null")
                })? as u32,
        ),
    };
    state.traffic.set_limit(limit);
    Ok(ok(&counts_json(&state)))
}
