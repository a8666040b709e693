//! What is not forwarded: the dashboard (see `scalingo_dist`) and its
//! `config.json`, which points it at the gateway:
//!
//! ```json
//! {"auth_url": "<base>_proxy/auth",
//!  "regions": [{"name", "display_name", "api_url": "<base>_proxy/regions/<name>"}],
//!  "proxy": true, "read_only": <--read-only>}
//! ```
//!
//! Paths without a host: the page resolves them against its own origin,
//! so the gateway needs to know no public name, and nothing it writes
//! depends on the `Host` a client sends. With `"proxy": true` the
//! dashboard shows no connect screen and sends no `Authorization`.
//!
//! The Content-Security-Policy lets the page reach, besides the gateway,
//! the upstream's hosts and their siblings (`api.osc-fr1.scalingo.com` →
//! `*.osc-fr1.scalingo.com`): the signed logs URLs the API hands out point
//! there, and the browser opens them directly.

use std::time::Duration;

use axum::{
    extract::{Request, State},
    http::{header, HeaderValue},
    response::{IntoResponse, Redirect, Response},
};
use scalingo_dist::{content_security_policy, origin_of, place, Place};
use serde_json::{json, Value};

use crate::{
    error::GatewayError,
    state::{Gateway, SharedGateway},
};

/// The dashboard's configuration (502 when the upstream cannot tell its
/// regions: the dashboard then says so).
pub async fn config_json(State(gateway): State<SharedGateway>) -> Response {
    match dashboard_config(&gateway).await {
        Ok(config) => {
            let mut response = (
                [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
                config.to_string(),
            )
                .into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json; charset=utf-8"),
            );
            response
        }
        Err(error) => error.into_response(),
    }
}

async fn dashboard_config(gateway: &Gateway) -> Result<Value, GatewayError> {
    let root = gateway.proxy_root();
    let regions: Vec<Value> = gateway
        .upstream
        .regions()
        .await?
        .iter()
        .map(|region| {
            json!({
                "name": region.name,
                "display_name": region.display_name,
                "api_url": format!("{root}/regions/{}", region.name),
            })
        })
        .collect();
    Ok(json!({
        "auth_url": format!("{root}/auth"),
        "regions": regions,
        "proxy": true,
        "read_only": gateway.read_only,
    }))
}

/// The dashboard's files under the base path; the root redirects to it;
/// anything else is a JSON 404.
pub async fn dashboard(State(gateway): State<SharedGateway>, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let inside = match place(&gateway.base_path, &path) {
        Place::Dashboard(inside) => inside.to_owned(),
        Place::RedirectToBase => return Redirect::temporary(&gateway.base_path).into_response(),
        Place::Outside => return GatewayError::NotFound.into_response(),
    };
    let policy = content_security_policy(&browser_sources(&gateway).await, None);
    scalingo_dist::serve(&gateway.dist, &inside, request, &policy).await
}

/// What the browser reaches directly: the upstream's origins and their
/// sibling hosts. From the regions known so far, read if need be; the
/// auth origin alone if the upstream does not answer soon (a page must
/// not wait on a failing upstream).
async fn browser_sources(gateway: &Gateway) -> Vec<String> {
    let upstream = &gateway.upstream;
    let regions = tokio::time::timeout(Duration::from_secs(2), upstream.regions())
        .await
        .ok()
        .and_then(Result::ok)
        .unwrap_or_default();
    let urls = std::iter::once(upstream.auth()).chain(regions.iter().map(|r| r.api.as_str()));
    let mut sources = Vec::new();
    for origin in urls.filter_map(origin_of) {
        for source in [Some(origin.clone()), sibling_wildcard(&origin)]
            .into_iter()
            .flatten()
        {
            if !sources.contains(&source) {
                sources.push(source);
            }
        }
    }
    sources
}

/// `scheme://*.<parent domain>` for a host name of three labels or more.
fn sibling_wildcard(origin: &str) -> Option<String> {
    let (scheme, authority) = origin.split_once("://")?;
    let host = authority.split(':').next()?;
    let is_name = host.contains(|c: char| c.is_ascii_alphabetic()) && !host.contains(['[', ']']);
    let (_, parent) = host.split_once('.')?;
    (is_name && parent.contains('.')).then(|| format!("{scheme}://*.{parent}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sibling_hosts_are_allowed_by_wildcard() {
        assert_eq!(
            sibling_wildcard("https://api.osc-fr1.scalingo.com").as_deref(),
            Some("https://*.osc-fr1.scalingo.com")
        );
        assert_eq!(sibling_wildcard("http://127.0.0.1:8080"), None);
        assert_eq!(sibling_wildcard("http://localhost:8080"), None);
        assert_eq!(sibling_wildcard("https://scalingo.com"), None);
    }
}
