//! One-off containers: `run`, and `stop` and `kill` on a container.
//!
//! `run`: 404 `app`; 422 on `command` (blank) and `size` (unknown), in one
//! body; 400 for an app never deployed (there is no image to run: the
//! reference says nothing, the simulator refuses plainly); 422 on `one-off`
//! at the limit of 10 per app (the reference gives the limit, not the
//! status; a 422 names the field the UI can show). Then 200: detached runs
//! have no operation, attached ones (the default) an operation
//! `start-one-off`, also in `Location`.
//!
//! `stop` and `kill` take a container id, or a label (`one-off-1234`) for
//! convenience: 404 `container`, then for `stop` 400 for anything but a
//! one-off (not about a field, so not a 422), and for `kill` 422 on
//! `signal` for anything but SIGUSR1 and SIGUSR2.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::Response,
    routing::post,
    Router,
};
use scalingo_api::{FieldErrors, ACCEPTED_SIGNALS};
use serde_json::{json, Value};

use super::caller::CurrentUser;
use crate::{
    domain::{
        error::{ApiError, ApiResult},
        lifecycle::{
            one_off::{running_one_offs, start_one_off, stop_one_off, MAX_PER_APP},
            OperationPlan,
        },
        model::{AppRecord, ContainerRecord},
        origin::Origin,
        time,
    },
    http::{
        extract::{ApiRegion, JsonBody},
        response::{empty, no_content, ok, with_location},
    },
    state::SharedState,
};

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/v1/apps/{app}/run", post(run))
        .route("/v1/apps/{app}/containers/{container}/stop", post(stop))
        .route("/v1/apps/{app}/containers/{container}/kill", post(kill))
}

/// The size the platform uses when a run names none.
const DEFAULT_SIZE: &str = "M";

struct RunParams {
    command: String,
    size: String,
    detached: bool,
}

fn run_params(body: &Value) -> RunParams {
    let text = |key: &str| {
        body.get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .unwrap_or_default()
            .to_owned()
    };
    let size = text("size");
    RunParams {
        command: text("command"),
        size: if size.is_empty() {
            DEFAULT_SIZE.to_owned()
        } else {
            size
        },
        detached: matches!(body.get("detached"), Some(Value::Bool(true)))
            || body.get("detached").and_then(Value::as_str) == Some("true"),
    }
}

async fn run(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    origin: Origin,
    Path(ident): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let params = run_params(&body);
    let timing = state.settings.timing;
    let (container, memory, app_name, operation) = state
        .mutate(|p| {
            let now = time::now();
            let (index, _) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            let mut errors = FieldErrors::new();
            if params.command.is_empty() {
                errors.insert("command".to_owned(), vec!["can't be blank".to_owned()]);
            }
            let memory = p.container_size(&params.size).map(|s| s.memory);
            if memory.is_none() {
                let message = format!("'{}' → no such container size", params.size);
                errors.insert("size".to_owned(), vec![message]);
            }
            if !errors.is_empty() {
                return Err(ApiError::validation(errors));
            }
            let app = &p.apps[index];
            if app.formation.is_empty() && app.last_deployed_at.is_none() {
                return Err(ApiError::bad_request(
                    "this app has never been deployed: there is no image to run a one-off from",
                ));
            }
            if running_one_offs(app) >= MAX_PER_APP {
                return Err(ApiError::field(
                    "one-off",
                    format!(
                        "can't run more than {MAX_PER_APP} one-off containers at the same time \
                         on an app, contact us at support@scalingo.com if you need more"
                    ),
                ));
            }
            let plan = (!params.detached).then(|| {
                let error = p.take_failure();
                let finishes_at = now + timing.start_one_off();
                (error, finishes_at)
            });
            let fails_at = plan
                .as_ref()
                .and_then(|(error, at)| error.as_ref().map(|_| *at));
            let app = &mut p.apps[index];
            let container = start_one_off(
                app,
                &params.command,
                &params.size,
                params.detached,
                now,
                timing,
                fails_at,
            );
            let app_name = app.name.clone();
            let operation = plan.map(|(error, finishes_at)| {
                p.push_operation(OperationPlan {
                    kind: "start-one-off",
                    app_id: p.apps[index].id.clone(),
                    created_at: now,
                    running_at: now + timing.one_off_pending(),
                    finishes_at,
                    error,
                    final_status: None,
                    restore_formation: None,
                    container_id: Some(container.id.clone()),
                    failing_type: None,
                })
            });
            let type_data = json!({ "command": params.command, "detached": params.detached });
            p.push_event("run", index, &user, type_data, now);
            Ok((container, memory.unwrap_or_default(), app_name, operation))
        })
        .await?;
    let mut body = json!({ "container": run_container(&container, memory, &app_name) });
    let location = operation.map(|id| {
        let url = origin.operation_url(&ident, &id);
        body["operation_url"] = json!(url);
        body["operation"] = json!(id);
        url
    });
    let mut response = ok(&body);
    if let Some(url) = location {
        with_location(&mut response, &url);
    }
    Ok(response)
}

/// The container of a run response. `memory` is a float, as the platform
/// sends it (`5.36870912e+08`).
fn run_container(container: &ContainerRecord, memory: u64, app_name: &str) -> Value {
    json!({
        "id": container.id,
        "type": container.kind,
        "type_index": container.type_index,
        "label": format!("{}-{}", container.kind, container.type_index),
        "state": container.state,
        "command": container.command,
        "created_at": time::format(&container.created_at),
        "memory": memory as f64,
        "app": { "name": app_name },
    })
}

/// The container called `key` (an id or a label) in `ps`.
fn container_index(app: &AppRecord, key: &str) -> ApiResult<usize> {
    app.containers
        .iter()
        .position(|c| c.id == key)
        .or_else(|| {
            app.containers
                .iter()
                .position(|c| format!("{}-{}", c.kind, c.type_index) == key)
        })
        .ok_or_else(|| ApiError::not_found("container"))
}

async fn stop(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path((ident, key)): Path<(String, String)>,
) -> ApiResult<Response> {
    let timing = state.settings.timing;
    state
        .mutate(|p| {
            let (index, _) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            let app = &mut p.apps[index];
            let container = container_index(app, &key)?;
            let container = &mut app.containers[container];
            if container.kind != "one-off" {
                return Err(ApiError::bad_request(
                    "only one-off containers can be stopped",
                ));
            }
            stop_one_off(container, time::now(), timing);
            Ok(())
        })
        .await?;
    Ok(empty(StatusCode::ACCEPTED))
}

async fn kill(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path((ident, key)): Path<(String, String)>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    state.read(|p| {
        let (index, _) = p.accessible_app(region.as_str(), &ident, &user.id)?;
        container_index(&p.apps[index], &key).map(|_| ())
    })?;
    let signal = body
        .get("signal")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if !ACCEPTED_SIGNALS.contains(&signal) {
        return Err(ApiError::field(
            "signal",
            format!("must be one of {}", ACCEPTED_SIGNALS.join(", ")),
        ));
    }
    // Nothing to simulate: the process handles the signal as it sees fit.
    Ok(no_content())
}
