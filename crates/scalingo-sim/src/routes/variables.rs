//! Environment variables: `GET/POST/PUT/DELETE /apps/:app/variables` and
//! `PATCH/DELETE /apps/:app/variables/:id` (see `domain::variables` for
//! the rules and the events).
//!
//! - `GET [?aliases=false]` → 200 `{"variables": […]}`, in creation order;
//!   with `aliases=false`, `$OTHER` values are resolved (an alias that
//!   leads nowhere is kept as written).
//! - `POST {"variable": {"name", "value"}}` → 201 `{"variable"}`; 422 on
//!   the rules (an empty body gives the recorded `{"errors": {"name":
//!   ["can't be blank", "must start with a letter"], "value": ["can't be
//!   blank"]}}`) or `name: ["has already been taken"]`.
//! - `PUT {"variables": [{"name", "value"}…]}` → 200 `{"variables"}`, the
//!   variables of the request as they are now; 422 per item
//!   (`variables-<index>-name`…), or `variables: ["can't be blank"]`.
//! - `PATCH /:id {"variable": {"value"}}` → 200 `{"variable"}`; 404
//!   `variable`; 422 on `value`. The name cannot change.
//! - `DELETE /:id` → 204; 404 `variable`.
//! - `DELETE` with `{"variable_ids": […]}` in the body or
//!   `variable_ids[]=…` in the query → 204; 404 `variable` when one id is
//!   not the app's (nothing is deleted then); 422 without ids.
//!
//! Bodies are also read without their root object (`{"name", "value"}`),
//! as the platform accepts both for updates.
//!
//! Limited collaborators: the reference says they see the names but not
//! the values, without saying how the API hides them. Here their lists
//! leave `value` out of each variable (the key is absent, names and ids
//! are kept), so a client can tell a hidden value from an empty one (a
//! value is never empty). Every change is a 403 for them (`{"error",
//! "code": "forbidden"}`, like the other changes their role refuses), and
//! their view of the timeline has the values taken out of variable events
//! (see `routes::events`).

use axum::{
    extract::{rejection::QueryRejection, Path, Query, State},
    response::Response,
    routing::{get, patch},
    Router,
};
use scalingo_api::{NewVariable, VariableResponse, VariablesResponse};
use serde_json::Value;

use super::caller::CurrentUser;
use crate::{
    domain::{
        error::{ApiError, ApiResult},
        render, time,
    },
    http::{
        extract::{query_param, ApiRegion, JsonBody, QueryMap},
        response::{created, no_content, ok},
    },
    state::SharedState,
};

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route(
            "/v1/apps/{app}/variables",
            get(list).post(create).put(bulk_edit).delete(bulk_delete),
        )
        .route(
            "/v1/apps/{app}/variables/{id}",
            patch(update).delete(delete),
        )
}

/// The object under `key`, or the body itself (both are accepted); what is
/// not an object reads as an empty one, so the rules say what is missing.
fn wrapped<'a>(body: &'a Value, key: &str) -> &'a Value {
    match body.get(key) {
        Some(inner) => inner,
        None => body,
    }
}

fn new_variable(value: &Value) -> NewVariable {
    match value {
        Value::Object(_) => serde_json::from_value(value.clone()).unwrap_or_default(),
        _ => NewVariable::default(),
    }
}

async fn list(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path(ident): Path<String>,
    query: QueryMap,
) -> ApiResult<Response> {
    let resolve = query_param(&query, "aliases").is_some_and(|v| v.trim() == "false");
    let variables = state.read(|p| {
        let (index, role) = p.accessible_app(region.as_str(), &ident, &user.id)?;
        let app_id = &p.apps[index].id;
        Ok::<_, ApiError>(
            p.variables_of(app_id)
                .map(|v| {
                    let value = (!role.is_limited()).then(|| {
                        if resolve {
                            p.resolved_value(app_id, &v.value)
                        } else {
                            v.value.clone()
                        }
                    });
                    render::variable(v, value)
                })
                .collect(),
        )
    })?;
    Ok(ok(&VariablesResponse { variables }))
}

async fn create(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path(ident): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let new = new_variable(wrapped(&body, "variable"));
    let now = time::now();
    let variable = state
        .mutate(|p| {
            let (index, role) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            role.refuse_limited("change", "the environment of this app")?;
            p.add_variable(index, &user, &new, now)
        })
        .await?;
    let value = Some(variable.value.clone());
    Ok(created(&VariableResponse {
        variable: render::variable(&variable, value),
    }))
}

async fn update(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path((ident, id)): Path<(String, String)>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let value = new_variable(wrapped(&body, "variable")).value;
    let now = time::now();
    let variable = state
        .mutate(|p| {
            let (index, role) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            role.refuse_limited("change", "the environment of this app")?;
            p.update_variable(index, &user, &id, &value, now)
        })
        .await?;
    let value = Some(variable.value.clone());
    Ok(ok(&VariableResponse {
        variable: render::variable(&variable, value),
    }))
}

async fn delete(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path((ident, id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let now = time::now();
    state
        .mutate(|p| {
            let (index, role) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            role.refuse_limited("change", "the environment of this app")?;
            p.delete_variable(index, &user, &id, now)
        })
        .await?;
    Ok(no_content())
}

async fn bulk_edit(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path(ident): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    // Item by item, so that a bad item keeps its index in the errors.
    let items: Vec<NewVariable> = match body.get("variables") {
        Some(Value::Array(items)) => items.iter().map(new_variable).collect(),
        _ => Vec::new(),
    };
    let now = time::now();
    let variables = state
        .mutate(|p| {
            let (index, role) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            role.refuse_limited("change", "the environment of this app")?;
            if items.is_empty() {
                return Err(ApiError::field("variables", "can't be blank"));
            }
            p.upsert_variables(index, &user, &items, now)
        })
        .await?;
    Ok(ok(&VariablesResponse {
        variables: variables
            .iter()
            .map(|v| render::variable(v, Some(v.value.clone())))
            .collect(),
    }))
}

/// The ids of a bulk deletion: the body's `variable_ids` (the
/// documentation, scalingo.js), or the query's `variable_ids[]` (recorded
/// traffic; `variable_ids` too).
fn ids_to_delete(
    body: &Value,
    pairs: &Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Vec<String> {
    let mut ids: Vec<String> = match body.get("variable_ids") {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        Some(Value::String(id)) => vec![id.clone()],
        _ => Vec::new(),
    };
    if let Ok(Query(pairs)) = pairs {
        ids.extend(
            pairs
                .iter()
                .filter(|(key, _)| key == "variable_ids[]" || key == "variable_ids")
                .map(|(_, id)| id.clone()),
        );
    }
    ids.retain(|id| !id.trim().is_empty());
    ids.dedup();
    ids
}

async fn bulk_delete(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path(ident): Path<String>,
    pairs: Result<Query<Vec<(String, String)>>, QueryRejection>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let ids = ids_to_delete(&body, &pairs);
    let now = time::now();
    state
        .mutate(|p| {
            let (index, role) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            role.refuse_limited("change", "the environment of this app")?;
            p.delete_variables(index, &user, &ids, now)
        })
        .await?;
    Ok(no_content())
}
