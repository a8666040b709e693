//! Everything that is not the API: the generated `/config.json`, and the
//! built dashboard with `index.html` for deep links.

use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderValue},
    response::{IntoResponse, Response},
};
use serde_json::json;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use crate::{
    catalogue,
    demo::DEMO_TOKEN,
    error::ApiError,
    http::{ok, Origin},
    region::RegionScope,
    state::SharedState,
};

/// Tells the dashboard where this platform is and which token to use, so it
/// connects without asking: the auth service, and each region's API (see
/// `region`). Generated per request (the origin depends on how the client
/// reached us), and never cached.
pub async fn config_json(State(state): State<SharedState>, origin: Origin) -> Response {
    let regions: Vec<_> = state
        .regions()
        .iter()
        .map(|region| {
            json!({
                "name": region.name,
                "display_name": region.display_name,
                "api_url": format!("{}{}", origin.root(), catalogue::api_prefix(region)),
            })
        })
        .collect();
    let mut response = ok(&json!({
        "auth_url": origin.root(),
        "regions": regions,
        "demo_token": DEMO_TOKEN,
    }));
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn is_api_path(path: &str) -> bool {
    path == "/v1" || path.starts_with("/v1/")
}

/// Unknown API paths get a JSON 404 (never the dashboard), and so does
/// anything under a region prefix; other paths are files of the dashboard,
/// or its `index.html` for client-side routes.
pub async fn fallback(State(state): State<SharedState>, request: Request) -> Response {
    let prefixed = request
        .extensions()
        .get::<RegionScope>()
        .is_some_and(|scope| !scope.prefix.is_empty());
    if prefixed || is_api_path(request.uri().path()) {
        return ApiError::no_route().into_response();
    }
    let Some(dist) = state.settings.dist.clone() else {
        return ApiError::no_route().into_response();
    };
    let service = ServeDir::new(&dist).fallback(ServeFile::new(dist.join("index.html")));
    match service.oneshot(request).await {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    }
}
