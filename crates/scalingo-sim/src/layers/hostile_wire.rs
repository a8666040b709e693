//! The hostile demo's wire quirks (see `domain::hostile::wire`) as a layer
//! around the regional API: successful JSON responses about the probe apps
//! are read back, patched and sent on. Only added to the router of a
//! hostile platform, so a normal demo never buffers a response for it.

use std::sync::Arc;

use axum::{
    body::{to_bytes, Body},
    extract::{Request, State},
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};
use serde_json::Value;

use crate::{
    domain::hostile::wire::{patch, target},
    http::response::{is_json, JSON_CONTENT_TYPE},
};

/// The name of the app an identifier (a name or an id) designates now,
/// looked up in the platform once the response is made.
pub type AppNames = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// Patches the JSON answers of `/v1/apps…` about probe apps.
pub async fn middleware(State(names): State<AppNames>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    let Some(target) = target(&path) else {
        return response;
    };
    if !response.status().is_success() || !is_json(&response) {
        return response;
    }
    let probe = match target.app() {
        Some(ident) => match names(ident) {
            Some(name) => Some(name),
            None => return response,
        },
        None => None,
    };
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, usize::MAX).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let Ok(mut value) = serde_json::from_slice::<Value>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    patch(&target, probe.as_deref(), &mut value);
    let patched = serde_json::to_vec(&value).unwrap_or_else(|_| bytes.to_vec());
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(JSON_CONTENT_TYPE),
    );
    Response::from_parts(parts, Body::from(patched))
}
