//! The catalogues notifiers are built from, without authentication (as
//! recorded): see `domain::notification_catalogue` for their content.
//!
//! - `GET /notification_platforms` → 200 `{"notification_platforms": […]}`
//!   (`email`, `webhook`, `slack`, `rocket_chat`).
//! - `GET /notification_platforms/:id` → 200 `{"notification_platform"}`;
//!   404 `notification_platform`.
//! - `GET /notification_platforms/search?name=` → 200
//!   `{"notification_platforms": […]}`: the platforms whose name or display
//!   name contains `name`, in any case (all of them without `name`).
//! - `GET /event_types` → 200 `{"event_types": […]}`, `GET
//!   /event_categories` → 200 `{"event_categories": […]}`.

use axum::{extract::Path, response::Response, routing::get, Router};
use scalingo_api::{
    EventCategoriesResponse, EventTypesResponse, NotificationPlatformResponse,
    NotificationPlatformsResponse,
};

use crate::{
    domain::{
        error::{ApiError, ApiResult},
        notification_catalogue as catalogue,
    },
    http::{
        extract::{query_param, QueryMap},
        response::ok,
    },
    state::SharedState,
};

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/v1/notification_platforms", get(platforms))
        .route("/v1/notification_platforms/search", get(search))
        .route("/v1/notification_platforms/{id}", get(platform))
        .route("/v1/event_types", get(event_types))
        .route("/v1/event_categories", get(event_categories))
}

async fn platforms() -> Response {
    ok(&NotificationPlatformsResponse {
        notification_platforms: catalogue::platforms(),
    })
}

async fn platform(Path(id): Path<String>) -> ApiResult<Response> {
    let notification_platform =
        catalogue::platform(&id).ok_or_else(|| ApiError::not_found("notification_platform"))?;
    Ok(ok(&NotificationPlatformResponse {
        notification_platform,
    }))
}

async fn search(query: QueryMap) -> Response {
    let wanted = query_param(&query, "name")
        .unwrap_or_default()
        .trim()
        .to_lowercase();
    let notification_platforms = catalogue::platforms()
        .into_iter()
        .filter(|p| {
            p.name.to_lowercase().contains(&wanted)
                || p.display_name.to_lowercase().contains(&wanted)
        })
        .collect();
    ok(&NotificationPlatformsResponse {
        notification_platforms,
    })
}

async fn event_types() -> Response {
    ok(&EventTypesResponse {
        event_types: catalogue::event_types(),
    })
}

async fn event_categories() -> Response {
    ok(&EventCategoriesResponse {
        event_categories: catalogue::event_categories(),
    })
}
