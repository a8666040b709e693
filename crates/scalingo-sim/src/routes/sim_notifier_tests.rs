//! The simulator's record of test notifications: nothing leaves the
//! simulator, so `POST /apps/:app/notifiers/:id/test` keeps what it would
//! have sent, for a test to check (see `domain::notifiers`).
//!
//! - `GET /_sim/notifier-tests` → 200 `{"notifier_tests": [{notifier_id,
//!   app_id, app_name, notifier_name, type, type_data, active, sent_at,
//!   user_id}]}`, oldest first (the last hundred).
//! - `DELETE /_sim/notifier-tests` → 204, forgets them.

use axum::{extract::State, response::Response, routing::get, Router};
use serde_json::json;

use crate::{
    domain::{error::ApiResult, time},
    http::response::{no_content, ok},
    state::SharedState,
};

pub fn routes() -> Router<SharedState> {
    Router::new().route("/_sim/notifier-tests", get(list).delete(clear))
}

async fn list(State(state): State<SharedState>) -> Response {
    let tests: Vec<_> = state.read(|p| {
        p.notifier_tests
            .iter()
            .map(|t| {
                let mut value = json!(t);
                value["sent_at"] = json!(time::format(&t.sent_at));
                value
            })
            .collect()
    });
    ok(&json!({ "notifier_tests": tests }))
}

async fn clear(State(state): State<SharedState>) -> ApiResult<Response> {
    state
        .mutate(|p| {
            p.notifier_tests.clear();
            Ok(())
        })
        .await?;
    Ok(no_content())
}
