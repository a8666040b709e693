//! Chaos mode while running (see `layers::chaos`):
//!
//! - `GET /_sim/chaos` → 200 `{"enabled": false}`, or the settings
//!   (`seed`, `errors`, `rate_limited`, `malformed`, `latency_ms`,
//!   `ws_drops`), `"enabled": true`, the `requests` seen and the faults
//!   `injected` so far.
//! - `POST /_sim/chaos` with those settings (or `rate`, shared out; see
//!   `ChaosConfig::from_json`) turns it on, counters reset; `null`, `{}` or
//!   `{"enabled": false}` turns it off. Answers as `GET`; 422
//!   `{"errors": {"<setting>": [...]}}` for a bad setting.

use axum::{extract::State, response::Response, routing::get, Router};
use serde_json::Value;

use crate::{
    domain::error::{ApiError, ApiResult},
    http::{extract::JsonBody, response::ok},
    layers::chaos::ChaosConfig,
    state::SharedState,
};

pub fn routes() -> Router<SharedState> {
    Router::new().route("/_sim/chaos", get(show).post(set))
}

async fn show(State(state): State<SharedState>) -> Response {
    ok(&state.chaos.report())
}

/// The configuration a body asks for (`None`: off).
fn requested(body: &Value) -> ApiResult<Option<ChaosConfig>> {
    let Some(settings) = body.as_object() else {
        return match body {
            Value::Null => Ok(None),
            _ => Err(ApiError::bad_request(
                "the body must be a JSON object of chaos settings, or null",
            )),
        };
    };
    let off = settings.is_empty() || settings.get("enabled") == Some(&Value::Bool(false));
    if off {
        return Ok(None);
    }
    ChaosConfig::from_json(body)
        .map(Some)
        .map_err(|(field, message)| ApiError::field(&field, message))
}

async fn set(State(state): State<SharedState>, JsonBody(body): JsonBody) -> ApiResult<Response> {
    state.chaos.set(requested(&body)?);
    Ok(ok(&state.chaos.report()))
}
