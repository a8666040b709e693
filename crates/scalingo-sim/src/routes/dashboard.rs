//! Everything that is not the API: the generated `config.json`, and the
//! built dashboard under its base path (see `scalingo_dist`), with a
//! Content-Security-Policy whose violations are reported to
//! `/_sim/csp-reports`.

use axum::{
    extract::{FromRequestParts, Request, State},
    http::{header, HeaderValue},
    response::{IntoResponse, Redirect, Response},
};
use scalingo_dist::{content_security_policy, origin_of, place, Place};
use serde_json::{json, Value};

use crate::{
    domain::{catalogue, demo::DEMO_TOKEN, error::ApiError, origin::Origin},
    http::{extract::RegionScope, paths::is_reserved, response::ok},
    state::SharedState,
};

/// Tells the dashboard where this platform is and which token to use, so it
/// connects without asking: the auth service, and each region's API (see
/// `server::regions`). Generated per request (the origin depends on how the client
/// reached us), and never cached.
pub async fn config_json(State(state): State<SharedState>, origin: Origin) -> Response {
    let mut response = ok(&dashboard_config(&state, &origin));
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn dashboard_config(state: &SharedState, origin: &Origin) -> Value {
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
    json!({
        "auth_url": origin.root(),
        "regions": regions,
        "demo_token": DEMO_TOKEN,
    })
}

/// What the dashboard connects to besides its own origin: the origins of
/// the URLs of `config.json` (the simulator's own, unless they are
/// elsewhere).
fn connect_sources(state: &SharedState, origin: &Origin) -> Vec<String> {
    let config = dashboard_config(state, origin);
    let urls = std::iter::once(&config["auth_url"]).chain(
        config["regions"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|r| &r["api_url"]),
    );
    std::iter::once(origin.root().to_owned())
        .chain(urls.filter_map(Value::as_str).filter_map(origin_of))
        .collect()
}

/// Unknown API paths get a JSON 404 (never the dashboard), and so does
/// anything under a region prefix or outside the base path; other paths
/// are files of the dashboard, or its `index.html` for client-side routes.
pub async fn fallback(State(state): State<SharedState>, request: Request) -> Response {
    let prefixed = request
        .extensions()
        .get::<RegionScope>()
        .is_some_and(|scope| !scope.prefix.is_empty());
    if prefixed || is_reserved(request.uri().path()) {
        return ApiError::no_route().into_response();
    }
    let base = state.settings.base_path.clone();
    let path = request.uri().path().to_owned();
    let inside = match place(&base, &path) {
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
    let Some(dist) = state.settings.dist.clone() else {
        return ApiError::no_route().into_response();
    };
    let report_uri = format!("{}/_sim/csp-reports", origin.root());
    let policy = content_security_policy(&connect_sources(&state, &origin), Some(&report_uri));
    scalingo_dist::serve(&dist, &inside, Request::from_parts(parts, body), &policy).await
}
