//! What handlers read from a request besides the state: its JSON body,
//! where it reached the simulator, the region it is addressed to, and its
//! query (with `current_name`, which may also be in the body).

use std::{collections::HashMap, net::SocketAddr};

use axum::{
    body::Bytes,
    extract::{rejection::QueryRejection, FromRequest, FromRequestParts, Query, Request},
    http::{header, request::Parts, HeaderMap, HeaderName},
};
use serde_json::Value;

use crate::domain::{catalogue, error::ApiError, origin::Origin};

pub const X_DRY_RUN: HeaderName = HeaderName::from_static("x-dry-run");
pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

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

/// The address the simulator listens on, put in every request by the
/// server: the host of absolute URLs when a request names none.
#[derive(Debug, Clone, Copy)]
pub struct ListeningOn(pub SocketAddr);

fn plausible_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 255
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']' | '_'))
}

impl<S: Send + Sync> FromRequestParts<S> for Origin {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
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
            .or_else(|| {
                let listening = parts.extensions.get::<ListeningOn>()?;
                Some(listening.0.to_string())
            })
            .unwrap_or_else(|| "localhost".to_owned());
        let origin = Origin::new(format!("{scheme}://{host}"));
        Ok(match parts.extensions.get::<RegionScope>() {
            Some(scope) => origin.with_prefix(&scope.prefix),
            None => origin,
        })
    }
}

/// The region a request is addressed to, and the path prefix its API is
/// served under here (empty at the root); put in the request by
/// `server::regions`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionScope {
    pub name: String,
    pub prefix: String,
}

/// The name of the region whose API a request reached (the default region
/// for what is not regional).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiRegion(pub String);

impl ApiRegion {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ApiRegion {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(ApiRegion(
            parts
                .extensions
                .get::<RegionScope>()
                .map(|scope| scope.name.clone())
                .unwrap_or_else(|| catalogue::DEFAULT_REGION.to_owned()),
        ))
    }
}

/// True when the request asks for validation only (`X-Dry-Run: true`).
pub fn is_dry_run(headers: &HeaderMap) -> bool {
    headers
        .get(X_DRY_RUN)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true") || v.trim() == "1")
}

/// Query parameters; a query that does not parse counts as empty.
pub type QueryMap = Result<Query<HashMap<String, String>>, QueryRejection>;

pub fn query_param(query: &QueryMap, key: &str) -> Option<String> {
    query.as_ref().ok().and_then(|q| q.0.get(key).cloned())
}

/// `current_name`, from the query string (docs) or the JSON body (recorded
/// traffic), at the root of the body or inside its `app` object.
pub fn current_name(query: &QueryMap, body: &Value) -> Option<String> {
    query_param(query, "current_name").or_else(|| {
        [
            body.get("current_name"),
            body.get("app").and_then(|a| a.get("current_name")),
        ]
        .into_iter()
        .flatten()
        .find_map(|v| v.as_str().map(str::to_owned))
    })
}
