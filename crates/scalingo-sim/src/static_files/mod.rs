//! Everything that is not the API: the generated `config.json`, and the
//! built dashboard with `index.html` for client-side routes, under its base
//! path (see `base_path`), with its security headers (see `security`),
//! caching headers (see `caching`) and, when the build wrote them, the
//! `.br` and `.gz` copies of its files for clients that accept them.

mod base_path;
mod caching;
mod security;

use axum::{
    body::Body,
    extract::{FromRequestParts, Request, State},
    http::{header, HeaderValue, Uri},
    response::{IntoResponse, Redirect, Response},
};
use serde_json::{json, Value};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use crate::{
    catalogue,
    demo::DEMO_TOKEN,
    error::{ApiError, ApiResult},
    http::{ok, Origin},
    region::RegionScope,
    state::SharedState,
};
use base_path::Place;
pub use security::origin_of;

/// Tells the dashboard where this platform is and which token to use, so it
/// connects without asking: the auth service, and each region's API (see
/// `region`). In proxy mode, the proxy's own routes, and no token (see
/// `proxy`). Generated per request (the origin depends on how the client
/// reached us), and never cached.
pub async fn config_json(State(state): State<SharedState>, origin: Origin) -> Response {
    match dashboard_config(&state, &origin).await {
        Ok(config) => {
            let mut response = ok(&config);
            response
                .headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(error) => error.into_response(),
    }
}

async fn dashboard_config(state: &SharedState, origin: &Origin) -> ApiResult<Value> {
    if let Some(upstream) = &state.proxy {
        return upstream.dashboard_config(origin).await;
    }
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
    Ok(json!({
        "auth_url": origin.root(),
        "regions": regions,
        "demo_token": DEMO_TOKEN,
    }))
}

/// What the dashboard connects to besides its own origin: the origins of
/// the URLs of `config.json` (the simulator's own, unless they are
/// elsewhere), or in proxy mode the upstream's hosts.
async fn connect_sources(state: &SharedState, origin: &Origin) -> Vec<String> {
    if let Some(upstream) = &state.proxy {
        return upstream.browser_sources().await;
    }
    let Ok(config) = dashboard_config(state, origin).await else {
        return Vec::new();
    };
    let urls = std::iter::once(&config["auth_url"]).chain(
        config["regions"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| &r["api_url"]),
    );
    urls.filter_map(Value::as_str)
        .filter_map(origin_of)
        .collect()
}

/// Paths of the API and of the simulator's own routes: never the
/// dashboard (see `config::normalize_base_path`).
fn is_api_path(path: &str) -> bool {
    ["/v1", "/_sim", "/_proxy", "/_logs", "/regions"]
        .iter()
        .any(|root| path == *root || path.strip_prefix(root).is_some_and(|r| r.starts_with('/')))
}

/// Unknown API paths get a JSON 404 (never the dashboard), and so does
/// anything under a region prefix or outside the base path; other paths
/// are files of the dashboard, or its `index.html` for client-side routes.
pub async fn fallback(State(state): State<SharedState>, request: Request) -> Response {
    let prefixed = request
        .extensions()
        .get::<RegionScope>()
        .is_some_and(|scope| !scope.prefix.is_empty());
    if prefixed || is_api_path(request.uri().path()) {
        return ApiError::no_route().into_response();
    }
    let base = state.settings.base_path.clone();
    let path = request.uri().path().to_owned();
    let inside = match base_path::place(&base, &path) {
        Place::Dashboard(inside) => inside.to_owned(),
        Place::RedirectToBase => return Redirect::temporary(&base).into_response(),
        Place::Outside => return ApiError::no_route().into_response(),
    };
    let (mut parts, body) = request.into_parts();
    let origin = match Origin::from_request_parts(&mut parts, &state).await {
        Ok(origin) => origin,
        Err(never) => match never {},
    };
    if inside == "/config.json" {
        return config_json(State(state), origin).await;
    }
    // A path no file can have (a segment longer than file names may be: a
    // deep link to an app name of thousands of characters) is a route of
    // the dashboard: its index, not an error of the file system.
    let inside = if inside.split('/').any(|segment| segment.len() > 255) {
        "/".to_owned()
    } else {
        inside
    };
    let Some(uri) = with_path(&parts.uri, &inside) else {
        return ApiError::no_route().into_response();
    };
    parts.uri = uri;
    let mut response = serve_file(&state, Request::from_parts(parts, body)).await;
    caching::set_cache_control(&inside, &mut response);
    let policy =
        security::content_security_policy(origin.root(), &connect_sources(&state, &origin).await);
    security::set_security_headers(&policy, &mut response);
    response
}

/// A file of the dist directory, its `.br` or `.gz` copy when the client
/// accepts it and the build wrote one, or `index.html`.
async fn serve_file(state: &SharedState, request: Request) -> Response {
    let Some(dist) = state.settings.dist.clone() else {
        return ApiError::no_route().into_response();
    };
    let index = ServeFile::new(dist.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    let service = ServeDir::new(&dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(index);
    let mut response = match service.oneshot(request).await {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    };
    // Which copy is sent depends on `Accept-Encoding`: caches must know.
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    response
}

/// `uri` with its path replaced, the query kept.
fn with_path(uri: &Uri, path: &str) -> Option<Uri> {
    let path_and_query = match uri.query() {
        Some(query) => format!("{path}?{query}"),
        None => path.to_owned(),
    };
    path_and_query.parse().ok()
}
