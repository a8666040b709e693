//! Alerts: `GET/POST /apps/:app/alerts` and `GET/PATCH/PUT/DELETE
//! /apps/:app/alerts/:id` (see `domain::alerts` for the rules and the
//! events).
//!
//! - `GET` → 200 `{"alerts": […]}` / `{"alert"}`; 404 `alert`.
//! - `POST {"alert": {container_type, metric, limit, send_when_below,
//!   duration_before_trigger, remind_every, notifiers}}` → 201 `{"alert"}`;
//!   422 per field: `can't be blank`, a type the app does not have, an
//!   unknown metric or a router metric on another type than `web`, a limit
//!   that is not above 0, a `remind_every` that is no duration, no
//!   notifier or one that is not the app's.
//! - `PATCH`/`PUT /:id` with any of those fields and `disabled`, wrapped in
//!   `{"alert"}` or not → 200 `{"alert"}`; the same 422s on the result.
//! - `DELETE /:id` → 204.
//!
//! `duration_before_trigger` is whole nanoseconds (a Go duration string is
//! read too); `remind_every` a Go duration string, or whole nanoseconds
//! (how the Go client sends it on updates), kept as a string. Limited
//! collaborators may read but not change (403).

use axum::{
    extract::{Path, State},
    response::Response,
    routing::get,
    Router,
};
use scalingo_api::{
    format_go_duration, nanos_of, parse_go_duration, AlertResponse, AlertsResponse,
};
use serde_json::Value;

use super::{body_fields::Fields, caller::CurrentUser};
use crate::{
    domain::{
        alerts::{AlertChanges, AlertFields},
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
        .route("/v1/apps/{app}/alerts", get(list).post(create))
        .route(
            "/v1/apps/{app}/alerts/{id}",
            get(show).patch(update).put(update).delete(delete),
        )
}

/// `duration_before_trigger`: nanoseconds, or a Go duration string.
fn trigger_delay(fields: &mut Fields) -> Option<u64> {
    if let Some(Value::String(text)) = fields.raw("duration_before_trigger") {
        if let Some(duration) = parse_go_duration(&text) {
            return Some(nanos_of(duration));
        }
    }
    fields.unsigned("duration_before_trigger")
}

/// `remind_every`: a string as given, or nanoseconds written as a Go
/// duration.
fn reminder(fields: &mut Fields) -> Option<String> {
    match fields.raw("remind_every") {
        Some(Value::Number(_)) => fields
            .unsigned("remind_every")
            .map(|nanos| format_go_duration(std::time::Duration::from_nanos(nanos))),
        _ => fields.string("remind_every"),
    }
}

async fn list(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path(ident): Path<String>,
) -> ApiResult<Response> {
    let alerts = state.read(|p| {
        let (index, _) = p.accessible_app(region.as_str(), &ident, &user.id)?;
        Ok::<_, ApiError>(p.alerts_of(&p.apps[index].id).map(|a| a.to_api()).collect())
    })?;
    Ok(ok(&AlertsResponse { alerts }))
}

async fn show(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path((ident, id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let alert = state.read(|p| {
        let (index, _) = p.accessible_app(region.as_str(), &ident, &user.id)?;
        p.alert(&p.apps[index].id, &id).map(|a| a.to_api())
    })?;
    Ok(ok(&AlertResponse { alert }))
}

async fn create(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path(ident): Path<String>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let mut fields = Fields::of(&body, "alert");
    let alert = AlertFields {
        container_type: fields.string("container_type").unwrap_or_default(),
        metric: fields.string("metric").unwrap_or_default(),
        limit: fields.number("limit"),
        send_when_below: fields.boolean("send_when_below").unwrap_or_default(),
        duration_before_trigger: trigger_delay(&mut fields).unwrap_or_default(),
        remind_every: reminder(&mut fields).unwrap_or_default(),
        notifiers: fields.strings("notifiers").unwrap_or_default(),
    };
    let now = time::now();
    let alert = state
        .mutate(|p| {
            let (index, role) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            role.refuse_limited("manage", "the alerts of this app")?;
            fields.finish()?;
            p.add_alert(index, &user, &alert, now)
        })
        .await?;
    Ok(created(&AlertResponse {
        alert: alert.to_api(),
    }))
}

async fn update(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path((ident, id)): Path<(String, String)>,
    JsonBody(body): JsonBody,
) -> ApiResult<Response> {
    let mut fields = Fields::of(&body, "alert");
    let changes = AlertChanges {
        container_type: fields.string("container_type"),
        metric: fields.string("metric"),
        limit: fields.number("limit"),
        send_when_below: fields.boolean("send_when_below"),
        duration_before_trigger: trigger_delay(&mut fields),
        remind_every: reminder(&mut fields),
        notifiers: fields.strings("notifiers"),
        disabled: fields.boolean("disabled"),
    };
    let now = time::now();
    let alert = state
        .mutate(|p| {
            let (index, role) = p.accessible_app(region.as_str(), &ident, &user.id)?;
            role.refuse_limited("manage", "the alerts of this app")?;
            p.alert(&p.apps[index].id, &id)?;
            fields.finish()?;
            p.update_alert(index, &id, &changes, now)
        })
        .await?;
    Ok(ok(&AlertResponse {
        alert: alert.to_api(),
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
            role.refuse_limited("manage", "the alerts of this app")?;
            p.delete_alert(index, &user, &id, now)
        })
        .await?;
    Ok(no_content())
}
