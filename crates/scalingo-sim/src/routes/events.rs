//! The timeline: `GET /apps/:app/events`, `GET /apps/:app/events/:id` and
//! `GET /events` (the current user's: events of the apps they can see, and
//! whatever they did to apps they no longer see, such as deleting them).
//!
//! All are regional, as on the platform: `/events` of a region lists the
//! events of that region's apps only (each event keeps the region of its
//! app, so deleted apps stay in their region's list). A client wanting
//! every region's activity asks each region and merges by date.
//!
//! Newest first, paginated (30 per page by default, as recorded for
//! `/events`; 400 for a `page` or `per_page` that is not a positive
//! integer). `from=N` keeps the last N hours and returns them all on one
//! page (the reference: it "overrides pagination"); N is 1 to 72, larger
//! values count as 72, anything but a positive integer is a 400.
//!
//! Variable events carry values on the platform. A limited collaborator,
//! who may not see the app's values, gets them without (`value` and
//! `old_value` taken out, names kept): the reference does not say what
//! the platform does, and anything else would hand them the values the
//! variables list hides.

use std::collections::HashSet;

use axum::{
    extract::{Path, State},
    response::Response,
    routing::get,
    Router,
};
use chrono::Duration;
use scalingo_api::{Event, EventResponse, EventUser, EventsResponse, Meta, Pagination};

use super::{
    caller::CurrentUser,
    pagination::{page_request, paginate},
};
use crate::{
    domain::{
        error::{ApiError, ApiResult},
        model::EventRecord,
        time::{self, Timestamp},
        variables::{without_values, VALUE_EVENTS},
    },
    http::{
        extract::{query_param, ApiRegion, QueryMap},
        response::ok,
    },
    state::SharedState,
};

const DEFAULT_PER_PAGE: u64 = 30;
const MAX_FROM_HOURS: i64 = 72;

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/v1/apps/{app}/events", get(app_events))
        .route("/v1/apps/{app}/events/{id}", get(app_event))
        .route("/v1/events", get(user_events))
}

/// An event as the API sends it; `hide_values`: for a limited
/// collaborator of its app.
fn event(record: &EventRecord, hide_values: bool) -> Event {
    let type_data = if hide_values && VALUE_EVENTS.contains(&record.kind.as_str()) {
        without_values(&record.type_data)
    } else {
        record.type_data.clone()
    };
    let type_data = match type_data {
        serde_json::Value::Object(map) => map,
        _ => serde_json::Map::new(),
    };
    Event {
        id: record.id.clone(),
        created_at: Some(time::format(&record.created_at)),
        kind: record.kind.clone(),
        app_id: Some(record.app_id.clone()),
        app_name: Some(record.app_name.clone()),
        user: Some(EventUser {
            id: record.user.id.clone(),
            username: record.user.username.clone(),
            email: record.user.email.clone(),
        }),
        type_data,
        project_id: Some(record.project_id.clone()),
        project_name: Some(record.project_name.clone()),
    }
}

/// The start of the `from` window, if one is asked for.
fn window_start(query: &QueryMap) -> ApiResult<Option<Timestamp>> {
    let Some(text) = query_param(query, "from") else {
        return Ok(None);
    };
    let hours = text
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|h| *h > 0)
        .ok_or_else(|| ApiError::bad_request("from must be a positive number of hours"))?;
    Ok(Some(
        time::now() - Duration::hours(hours.min(MAX_FROM_HOURS)),
    ))
}

/// The page (or window) of `records`, newest first; `limited` says which
/// apps the caller is a limited collaborator of.
fn respond(
    records: Vec<&EventRecord>,
    query: &QueryMap,
    limited: impl Fn(&str) -> bool,
) -> ApiResult<EventsResponse> {
    let event = |record: &EventRecord| event(record, limited(&record.app_id));
    let mut records = records;
    // Stable: events of the same millisecond keep their recording order,
    // reversed.
    records.reverse();
    records.sort_by_key(|r| std::cmp::Reverse(r.created_at));
    if let Some(start) = window_start(query)? {
        let events: Vec<Event> = records
            .into_iter()
            .filter(|r| r.created_at >= start)
            .map(event)
            .collect();
        let total_count = events.len() as u64;
        let meta = Meta {
            pagination: Some(Pagination {
                current_page: 1,
                total_pages: 1,
                total_count,
                ..Pagination::default()
            }),
        };
        return Ok(EventsResponse {
            events,
            meta: Some(meta),
        });
    }
    let request = page_request(query, DEFAULT_PER_PAGE)?;
    let (page, meta) = paginate(records, request);
    Ok(EventsResponse {
        events: page.into_iter().map(event).collect(),
        meta: Some(meta),
    })
}

async fn app_events(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path(ident): Path<String>,
    query: QueryMap,
) -> ApiResult<Response> {
    let response = state.read(|p| {
        let (index, role) = p.accessible_app(region.as_str(), &ident, &user.id)?;
        let app_id = &p.apps[index].id;
        respond(
            p.events.iter().filter(|e| &e.app_id == app_id).collect(),
            &query,
            |_| role.is_limited(),
        )
    })?;
    Ok(ok(&response))
}

async fn app_event(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path((ident, id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let event = state.read(|p| {
        let (index, role) = p.accessible_app(region.as_str(), &ident, &user.id)?;
        let app_id = &p.apps[index].id;
        p.events
            .iter()
            .find(|e| e.id == id && &e.app_id == app_id)
            .map(|e| event(e, role.is_limited()))
            .ok_or_else(|| ApiError::not_found("event"))
    })?;
    Ok(ok(&EventResponse { event }))
}

async fn user_events(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    query: QueryMap,
) -> ApiResult<Response> {
    let response = state.read(|p| {
        // One pass over the apps: a large demo has thousands of them.
        let visible: HashSet<&str> = p
            .visible_apps(region.as_str(), &user.id)
            .map(|a| a.id.as_str())
            .collect();
        let limited: HashSet<&str> = p
            .collaborators
            .iter()
            .filter(|c| c.is_limited && c.user_id.as_deref() == Some(user.id.as_str()))
            .map(|c| c.app_id.as_str())
            .collect();
        respond(
            p.events
                .iter()
                .filter(|e| e.region == region.as_str())
                .filter(|e| e.user.id == user.id || visible.contains(e.app_id.as_str()))
                .collect(),
            &query,
            |app_id| limited.contains(app_id),
        )
    })?;
    Ok(ok(&response))
}
