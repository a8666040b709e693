//! Notifiers: `GET/POST /apps/:app/notifiers`, `GET/PATCH/PUT/DELETE
//! /apps/:app/notifiers/:id` and `POST …/:id/test` (see `domain::notifiers`
//! for the rules and the events).
//!
//! - `GET` → 200 `{"notifiers": […]}` (the default e-mail one first) /
//!   `{"notifier"}`; 404 `notifier`.
//! - `POST {"notifier": {platform_id, name, active, send_all_events,
//!   send_all_alerts, selected_event_ids, type_data}}` → 201
//!   `{"notifier"}`. 422 first: `name` and `active` (`can't be blank`; an
//!   empty body gives the recorded `{"errors": {"name": ["can't be
//!   blank"], "active": ["can't be blank"]}}`), `webhook_url` (an http(s)
//!   URL, for webhook, Slack and Rocket.Chat), `emails` (valid, and a
//!   recipient at all, for e-mail), `selected_event_ids` (the platform's
//!   event types); then 404 `notification_platform` for an unknown or
//!   missing `platform_id`. `selected_events` is read as
//!   `selected_event_ids` (the Go client's name).
//! - `PATCH`/`PUT /:id` with any of those fields, wrapped or not → 200
//!   `{"notifier"}` (the platform cannot change); the same 422s.
//! - `DELETE /:id` → 204; alerts stop sending to it.
//! - `POST /:id/test` → 200, empty body; the notification is recorded
//!   (read with `GET /_sim/notifier-tests`).
//!
//! Limited collaborators may read but not change or test (403).

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::Response,
    routing::{get, post},
    Router,
};
use scalingo_api::{NotifierResponse, NotifiersResponse};

use super::{body_fields::Fields, caller::CurrentUser};
use crate::{
    domain::{
        error::{ApiError, ApiResult},
        notifiers::NotifierFields,
        time,
    },
    http::{
        extract::{ApiRegion, JsonBody},
        response::{created, empty, no_content, ok},
    },
    state::SharedState,
};

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/v1/apps/{app}/notifiers", get(list).post(create))
        .route(
            "/v1/apps/{app}/notifiers/{id}",
            get(show).patch(update).put(update).delete(delete),
        )
        .route("/v1/apps/{app}/notifiers/{id}/test", post(test))
}

fn notifier_fields(fields: &mut Fields) -> NotifierFields {
    let selected = match fields.raw("selected_event_ids") {
        Some(_) => fields.strings("selected_event_ids"),
        None => fields.strings("selected_events"),
    };
    NotifierFields {
        platform_id: fields.string("platform_id"),
        name: fields.string("name"),
        active: fields.boolean("active"),
        send_all_events: fields.boolean("send_all_events"),
        send_all_alerts: fields.boolean("send_all_alerts"),
        selected_event_ids: selected,
        type_data: fields.object("type_data"),
    }
}

async fn list(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path(ident): Path<String>,
) -> ApiResult<Response> {
    let notifiers = state.read(|p| {
        let (index, _) = p.accessible_app(region.as_str(), &ident, &user.id)?;
        Ok::<_, ApiError>(
            p.notifiers_of(&p.apps[index].id)
                .map(|n| n.to_api())
                .collect(),
        )
    })?;
    Ok(ok(&NotifiersResponse { notifiers }))
}

async fn show(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path((ident, id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let notifier = state.read(|p| {
        let (index, _) = p.accessible_app(region.as_str(), &ident, &user.id)?;
        p.notifier(&p.apps[index].id, &id).map(|n| n.to_api())
    })?;
    Ok(ok(&NotifierResponse { notifier }))
}

async fn create(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path(ident): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let mut fields = Fields::of(&body, "notifier");
    let notifier = notifier_fields(&mut fields);
    let now = time::now();
    let notifier = state
        .mutate(|p| {
            let (index, role) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            role.refuse_limited("manage", "the notifiers of this app")?;
            fields.finish()?;
            p.add_notifier(index, &user, &notifier, now)
        })
        .await?;
    Ok(created(&NotifierResponse {
        notifier: notifier.to_api(),
    }))
}

async fn update(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path((ident, id)): Path<(String, String)>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let mut fields = Fields::of(&body, "notifier");
    let changes = notifier_fields(&mut fields);
    let now = time::now();
    let notifier = state
        .mutate(|p| {
            let (index, role) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            role.refuse_limited("manage", "the notifiers of this app")?;
            p.notifier(&p.apps[index].id, &id)?;
            fields.finish()?;
            p.update_notifier(index, &user, &id, &changes, now)
        })
        .await?;
    Ok(ok(&NotifierResponse {
        notifier: notifier.to_api(),
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
            role.refuse_limited("manage", "the notifiers of this app")?;
            p.delete_notifier(index, &user, &id, now)
        })
        .await?;
    Ok(no_content())
}

async fn test(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path((ident, id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let now = time::now();
    state
        .mutate(|p| {
            let (index, role) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            role.refuse_limited("manage", "the notifiers of this app")?;
            p.test_notifier(index, &user, &id, now)
        })
        .await?;
    Ok(empty(StatusCode::OK))
}
