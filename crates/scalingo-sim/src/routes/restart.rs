//! `POST /apps/:app/restart`: a rolling restart of process types (`web`)
//! or single containers (`web-1`), everything when the scope is empty.
//!
//! Statuses, in the order they are checked: 404 `app`; 422 on `scope` for
//! items that are neither a type nor the label of a container; 409 while a
//! scale or restart runs; 400 when there is nothing to restart (a new or
//! stopped app: the reference says nothing, and this is not about a field,
//! so not a 422). Then 202, empty `text/plain` body, `Location`.

use axum::{
    extract::{Path, State},
    response::Response,
    routing::post,
    Router,
};
use scalingo_api::{AppStatus, FieldErrors};
use serde_json::{json, Value};

use super::caller::CurrentUser;
use crate::{
    domain::{
        error::{ApiError, ApiResult},
        lifecycle::{
            restart::{plan_restart, restart_targets},
            OperationPlan,
        },
        origin::Origin,
        time,
    },
    http::{
        extract::{ApiRegion, JsonBody},
        response::accepted,
    },
    state::SharedState,
};

pub fn routes() -> Router<SharedState> {
    Router::new().route("/v1/apps/{app}/restart", post(restart))
}

/// `scope` as a list; absent, `null` or `[]` is everything, and a single
/// string is read as a one-item list.
fn scope(body: &Value) -> Vec<String> {
    match body.get("scope") {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect(),
        Some(Value::String(item)) if !item.trim().is_empty() => vec![item.trim().to_owned()],
        _ => Vec::new(),
    }
}

async fn restart(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    origin: Origin,
    Path(ident): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let scope = scope(&body);
    let timing = state.settings.timing;
    let operation = state
        .mutate(|p| {
            let now = time::now();
            let (index, _) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            let targets = restart_targets(&p.apps[index], &scope).map_err(|unknown| {
                let mut errors = FieldErrors::new();
                errors.insert(
                    "scope".to_owned(),
                    unknown
                        .iter()
                        .map(|item| format!("'{item}' → no such process type"))
                        .collect(),
                );
                ApiError::validation(errors)
            })?;
            p.ensure_idle(&p.apps[index].id)?;
            if targets.is_empty() {
                return Err(ApiError::bad_request(
                    "this app has no running container to restart",
                ));
            }
            let error = p.take_failure();
            let app = &mut p.apps[index];
            let previous_status = app.status.clone();
            let finishes_at = plan_restart(app, &targets, now, timing, error.is_some());
            app.status = AppStatus::Restarting;
            app.updated_at = now;
            let final_status = if error.is_some() {
                previous_status
            } else {
                AppStatus::Running
            };
            let id = p.push_operation(OperationPlan {
                kind: "restart",
                app_id: p.apps[index].id.clone(),
                created_at: now,
                running_at: now + timing.pending(),
                finishes_at,
                error,
                final_status: Some(final_status),
                restore_formation: None,
                container_id: None,
                failing_type: scope
                    .first()
                    .map(|label| label.split('-').next().unwrap_or(label).to_owned())
                    .or_else(|| {
                        p.apps[index]
                            .formation
                            .iter()
                            .find(|t| t.amount > 0)
                            .map(|t| t.name.clone())
                    }),
            });
            let scope_data = (!scope.is_empty()).then(|| scope.clone());
            let type_data = json!({ "scope": scope_data, "reason": "user_restart" });
            p.push_event("restart", index, &user, type_data, now);
            Ok(id)
        })
        .await?;
    Ok(accepted::<()>(
        &origin.operation_url(&ident, &operation),
        None,
    ))
}
