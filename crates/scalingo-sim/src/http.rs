//! HTTP plumbing shared by every route: JSON bodies in and out, the origin
//! absolute URLs are built from, request ids, caching and CORS headers.

use std::time::Duration;

use axum::{
    body::{Body, Bytes},
    extract::{FromRequest, FromRequestParts, Request},
    http::{
        header::{self, HeaderName, HeaderValue},
        request::Parts,
        Method, StatusCode,
    },
    middleware::Next,
    response::{IntoResponse, Response},
};
use serde::Serialize;
use serde_json::Value;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::{error::ApiError, ids, region::RegionScope, state::SharedState};

pub const JSON_CONTENT_TYPE: &str = "application/json; charset=utf-8";
pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
pub const X_DRY_RUN: HeaderName = HeaderName::from_static("x-dry-run");

/// A JSON response with the content type Rails sends.
pub fn json_response<T: Serialize>(status: StatusCode, body: &T) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => (
            status,
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static(JSON_CONTENT_TYPE),
            )],
            bytes,
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "response body does not serialize");
            let body = format!(r#"{{"error":"{}"}}"#, scalingo_api::INTERNAL_ERROR_MESSAGE);
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(JSON_CONTENT_TYPE),
                )],
                body,
            )
                .into_response()
        }
    }
}

/// 200 with a JSON body.
pub fn ok<T: Serialize>(body: &T) -> Response {
    json_response(StatusCode::OK, body)
}

/// 202 with `Location` pointing at the operation that carries on the work,
/// and a JSON body (scale) or none (restart: the platform sends an empty
/// `text/plain` body).
pub fn accepted<T: Serialize>(location: &str, body: Option<&T>) -> Response {
    let mut response = match body {
        Some(body) => json_response(StatusCode::ACCEPTED, body),
        None => empty(StatusCode::ACCEPTED),
    };
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// An empty `text/plain` response (202s without a body).
pub fn empty(status: StatusCode) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        )],
    )
        .into_response()
}

/// `<origin>/v1/apps/<app>/operations/<id>`, with the app as the client
/// named it (the platform echoes the path).
pub fn operation_url(origin: &Origin, app: &str, operation_id: &str) -> String {
    format!(
        "{}/v1/apps/{app}/operations/{operation_id}",
        origin.as_str()
    )
}

/// A request body read as JSON, with the platform's 400 when it is not.
/// An empty body reads as `null`, so each route decides what is missing.
pub struct JsonBody(pub Value);

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|rejection| ApiError::invalid_json(rejection.body_text()))?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(JsonBody(Value::Null));
        }
        serde_json::from_slice(&bytes)
            .map(JsonBody)
            .map_err(ApiError::invalid_json)
    }
}

/// Where the request reached this simulator, which every absolute URL in a
/// response starts with, so that links point back at it under whatever
/// name the client used: `root` is `scheme://host[:port]`, `api` the base
/// URL of the region's API that took the request (the root, or the root
/// and `/regions/<name>`; see `region`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    root: String,
    api: String,
}

impl Origin {
    /// An origin at the root (no region prefix).
    pub fn new(root: impl Into<String>) -> Self {
        let root = root.into();
        Origin {
            api: root.clone(),
            root,
        }
    }

    /// The same origin for a region served under `prefix`.
    pub fn with_prefix(&self, prefix: &str) -> Self {
        Origin {
            root: self.root.clone(),
            api: format!("{}{prefix}", self.root),
        }
    }

    /// The API base with a WebSocket scheme.
    pub fn websocket(&self) -> String {
        if let Some(rest) = self.api.strip_prefix("https://") {
            format!("wss://{rest}")
        } else if let Some(rest) = self.api.strip_prefix("http://") {
            format!("ws://{rest}")
        } else {
            self.api.clone()
        }
    }

    /// The base URL of the region's API (what its URLs start with).
    pub fn as_str(&self) -> &str {
        &self.api
    }

    /// `scheme://host[:port]`: for what is not regional (the dashboard's
    /// pages, the auth service, the simulator's controls).
    pub fn root(&self) -> &str {
        &self.root
    }
}

fn plausible_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 255
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']' | '_'))
}

impl FromRequestParts<SharedState> for Origin {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &SharedState,
    ) -> Result<Self, Self::Rejection> {
        let scheme = match parts
            .headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
        {
            Some(proto) if proto.eq_ignore_ascii_case("https") => "https",
            _ => "http",
        };
        let host = parts
            .headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
            .or_else(|| parts.uri.authority().map(|a| a.to_string()))
            .filter(|h| plausible_host(h))
            .unwrap_or_else(|| state.fallback_host());
        let origin = Origin::new(format!("{scheme}://{host}"));
        Ok(match parts.extensions.get::<RegionScope>() {
            Some(scope) => origin.with_prefix(&scope.prefix),
            None => origin,
        })
    }
}

/// True when the request asks for validation only (`X-Dry-Run: true`).
pub fn is_dry_run(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(X_DRY_RUN)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true") || v.trim() == "1")
}

/// Echoes the client's `X-Request-ID` (or makes one up) on every response,
/// and sets the caching headers the API sends on JSON responses.
pub async fn request_id_and_caching(req: Request, next: Next) -> Response {
    let request_id = req
        .headers()
        .get(&X_REQUEST_ID)
        .filter(|v| !v.is_empty() && v.len() <= 200)
        .cloned()
        .unwrap_or_else(|| {
            HeaderValue::from_str(&ids::uuid(&mut rand::rng()))
                .unwrap_or(HeaderValue::from_static("request"))
        });
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    headers.insert(X_REQUEST_ID, request_id);
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if is_json && !headers.contains_key(header::CACHE_CONTROL) {
        let value = if response.status().is_success() {
            "max-age=0, private, must-revalidate"
        } else {
            "no-cache"
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

/// Compresses JSON bodies of more than a few hundred bytes (gzip): a list of
/// apps or a metric series shrinks tenfold. Other bodies pass as they are
/// (files come with their own compressed copies, archives are already
/// gzip, streams must not be buffered).
pub fn json_compression() -> tower_http::compression::CompressionLayer<
    tower_http::compression::predicate::And<
        tower_http::compression::predicate::SizeAbove,
        JsonAnswer,
    >,
> {
    use tower_http::compression::{
        predicate::{Predicate, SizeAbove},
        CompressionLayer,
    };
    CompressionLayer::new()
        .gzip(true)
        .compress_when(SizeAbove::new(512).and(JsonAnswer))
}

/// The compression predicate of JSON responses.
#[derive(Debug, Clone, Copy)]
pub struct JsonAnswer;

impl tower_http::compression::Predicate for JsonAnswer {
    fn should_compress<B>(&self, response: &axum::http::Response<B>) -> bool
    where
        B: axum::body::HttpBody,
    {
        response
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"application/json"))
    }
}

/// Whether a browser page of `origin` may call the API: a loopback origin
/// (a dev server on another port, e.g. `trunk serve`), or one named with
/// `--allow-origin`. Not any site: the demo token is public, and a page
/// the developer happens to visit must not be able to drive the local
/// platform. The dashboard the simulator serves itself is same-origin and
/// needs no CORS.
pub fn origin_allowed(origin: &str, allowed: &[String]) -> bool {
    if allowed.iter().any(|a| a.trim_end_matches('/') == origin) {
        return true;
    }
    let Some(rest) = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
    else {
        return false;
    };
    let host = match rest.strip_prefix('[') {
        // IPv6: `[::1]:8080`.
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => rest.split(':').next().unwrap_or_default(),
    };
    if rest.contains('/') || rest.contains('@') {
        return false;
    }
    matches!(host, "localhost" | "127.0.0.1" | "::1")
}

/// CORS for the API: the origins of [`origin_allowed`]; `Location` is
/// exposed for operation polling.
pub fn cors_layer(allowed: Vec<String>) -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::predicate(move |origin, _| {
            origin
                .to_str()
                .is_ok_and(|origin| origin_allowed(origin, &allowed))
        }))
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
            Method::HEAD,
            Method::OPTIONS,
        ])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            X_DRY_RUN,
            X_REQUEST_ID,
        ])
        .expose_headers([header::LOCATION, X_REQUEST_ID])
        .max_age(Duration::from_secs(600))
}

/// The 500 of a handler that panicked (it should not; this is the net).
pub fn panic_response(_panic: Box<dyn std::any::Any + Send + 'static>) -> Response<Body> {
    tracing::error!("a request handler panicked");
    ApiError::internal().into_response()
}

#[cfg(test)]
mod tests {
    use super::origin_allowed;

    #[test]
    fn only_loopback_and_named_origins_are_allowed() {
        let none: Vec<String> = Vec::new();
        for origin in [
            "http://localhost:5173",
            "http://127.0.0.1:8080",
            "https://localhost",
            "http://[::1]:3000",
        ] {
            assert!(origin_allowed(origin, &none), "{origin}");
        }
        for origin in [
            "https://evil.example",
            "http://localhost.evil.example",
            "http://127.0.0.1.evil.example:80",
            "null",
            "file://",
        ] {
            assert!(!origin_allowed(origin, &none), "{origin}");
        }
        let named = vec!["https://portal.example.com/".to_owned()];
        assert!(origin_allowed("https://portal.example.com", &named));
    }
}
