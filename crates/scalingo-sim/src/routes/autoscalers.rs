//! Autoscalers: `GET/POST /apps/:app/autoscalers` and `GET/PATCH/PUT/DELETE
//! /apps/:app/autoscalers/:id` (see `domain::autoscalers` for the rules and
//! the events).
//!
//! - `GET` → 200 `{"autoscalers": […]}` / `{"autoscaler"}`; 404
//!   `autoscaler`.
//! - `POST {"autoscaler": {container_type, metric, target, min_containers,
//!   max_containers}}` → 201 `{"autoscaler"}`, enabled; 422 per field:
//!   `can't be blank`; a type the app does not have or that already has
//!   one; an unknown metric (the platform answered 500 in 2020), a router
//!   metric on another type than `web`; a target that is not above 0 (at
//!   most 100 % for `cpu`, `memory`, `swap`, ratios on the wire); a
//!   minimum under 2, a maximum under the minimum or over 10.
//! - `PATCH`/`PUT /:id` with any of `metric, target, min_containers,
//!   max_containers, disabled`, wrapped in `{"autoscaler"}` or not → 200
//!   `{"autoscaler"}`; the same 422s on the result.
//! - `DELETE /:id` → 204.
//!
//! Anyone who sees the app may read them; limited collaborators may not
//! change them (403 `{"error", "code": "forbidden"}`).

use axum::{
    extract::{Path, State},
    response::Response,
    routing::get,
    Router,
};
use scalingo_api::{AutoscalerDraft, AutoscalerResponse, AutoscalersResponse};

use super::{body_fields::Fields, caller::CurrentUser};
use crate::{
    domain::{
        autoscalers::AutoscalerChanges,
        error::{ApiError, ApiResult},
        time,
    },
    http::{
        extract::{ApiRegion, JsonBody},
        response::{created, no_content, ok},
    },
    state::SharedState,
};

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/v1/apps/{app}/autoscalers", get(list).post(create))
        .route(
            "/v1/apps/{app}/autoscalers/{id}",
            get(show).patch(update).put(update).delete(delete),
        )
}

async fn list(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path(ident): Path<String>,
) -> ApiResult<Response> {
    let autoscalers = state.read(|p| {
        let (index, _) = p.accessible_app(region.as_str(), &ident, &user.id)?;
        Ok::<_, ApiError>(
            p.autoscalers_of(&p.apps[index].id)
                .map(|a| a.to_api())
                .collect(),
        )
    })?;
    Ok(ok(&AutoscalersResponse { autoscalers }))
}

async fn show(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path((ident, id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let autoscaler = state.read(|p| {
        let (index, _) = p.accessible_app(region.as_str(), &ident, &user.id)?;
        p.autoscaler(&p.apps[index].id, &id).map(|a| a.to_api())
    })?;
    Ok(ok(&AutoscalerResponse { autoscaler }))
}

async fn create(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path(ident): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let mut fields = Fields::of(&body, "autoscaler");
    let container_type = fields.string("container_type").unwrap_or_default();
    let metric = fields.string("metric").unwrap_or_default();
    let target = fields.number("target");
    let min_containers = fields.whole("min_containers");
    let max_containers = fields.whole("max_containers");
    let now = time::now();
    let autoscaler = state
        .mutate(|p| {
            let (index, role) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            role.refuse_limited("manage", "the autoscalers of this app")?;
            fields.finish()?;
            let draft = AutoscalerDraft {
                container_type: &container_type,
                metric: &metric,
                target,
                min_containers,
                max_containers,
            };
            p.add_autoscaler(index, &user, &draft, now)
        })
        .await?;
    Ok(created(&AutoscalerResponse {
        autoscaler: autoscaler.to_api(),
    }))
}

async fn update(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path((ident, id)): Path<(String, String)>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let mut fields = Fields::of(&body, "autoscaler");
    let changes = AutoscalerChanges {
        metric: fields.string("metric"),
        target: fields.number("target"),
        min_containers: fields.whole("min_containers"),
        max_containers: fields.whole("max_containers"),
        disabled: fields.boolean("disabled"),
    };
    let now = time::now();
    let autoscaler = state
        .mutate(|p| {
            let (index, role) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            role.refuse_limited("manage", "the autoscalers of this app")?;
            p.autoscaler(&p.apps[index].id, &id)?;
            fields.finish()?;
            p.update_autoscaler(index, &user, &id, &changes, now)
        })
        .await?;
    Ok(ok(&AutoscalerResponse {
        autoscaler: autoscaler.to_api(),
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
            role.refuse_limited("manage", "the autoscalers of this app")?;
            p.delete_autoscaler(index, &user, &id, now)
        })
        .await?;
    Ok(no_content())
}
