//! One request through the gateway: `<base>_proxy/auth/<rest>` to the
//! auth service, `<base>_proxy/regions/<name>/<rest>` to that region's
//! API, and the answer back.
//!
//! Sent on: the method, the query, the body (up to 16 MiB) and the
//! headers a client of the API sets (`Content-Type`, `Accept`,
//! `X-Dry-Run`, `X-Request-ID`); `Authorization` is the gateway's bearer,
//! whatever the browser sent, and cookies stay here. Brought back: the
//! status, the body and the headers a client reads (`Content-Type`,
//! `Location`, `Retry-After`, pagination, request id); a `Location` on
//! the upstream is rewritten to its path on the gateway.

use axum::{
    body::{to_bytes, Body},
    extract::{Request, State},
    http::{header, HeaderMap, HeaderName, HeaderValue},
    response::{IntoResponse, Response},
};

use crate::{
    error::{unreachable, GatewayError, TOKEN_ROUTE},
    state::SharedGateway,
};

/// The largest request body forwarded.
const MAX_BODY: usize = 16 * 1024 * 1024;

/// Request headers sent on.
const FORWARDED: [HeaderName; 4] = [
    header::CONTENT_TYPE,
    header::ACCEPT,
    HeaderName::from_static("x-dry-run"),
    HeaderName::from_static("x-request-id"),
];

/// Response headers brought back, besides `Location` (rewritten) and the
/// `x-pagination…`/`x-ratelimit…` families.
const RELAYED: [&str; 10] = [
    "content-type",
    "retry-after",
    "link",
    "x-total-count",
    "x-per-page",
    "x-page",
    "x-request-id",
    "etag",
    "last-modified",
    "content-disposition",
];

/// Where a forwarded path goes.
#[derive(Debug, PartialEq, Eq)]
enum Destination<'a> {
    /// The auth service, at `rest`.
    Auth(&'a str),
    /// Region `name`'s API, at `rest`.
    Region { name: &'a str, rest: &'a str },
}

/// The destination of a raw (still percent-encoded) path below the
/// gateway's `_proxy/`.
fn destination(path: &str) -> Option<Destination<'_>> {
    if let Some(rest) = path.strip_prefix("auth") {
        return (rest.is_empty() || rest.starts_with('/')).then_some(Destination::Auth(rest));
    }
    let rest = path.strip_prefix("regions/")?;
    let (name, rest) = match rest.find('/') {
        Some(slash) => rest.split_at(slash),
        None => (rest, ""),
    };
    (!name.is_empty()).then_some(Destination::Region { name, rest })
}

/// `.` and `..` segments, encoded or not: they could leave the API's path.
fn has_dot_segments(path: &str) -> bool {
    path.split('/').any(|segment| {
        let decoded = segment.to_ascii_lowercase().replace("%2e", ".");
        decoded == "." || decoded == ".."
    })
}

/// `/v1/tokens…` of the auth service: they would hand the bearer to the
/// browser, list the account's tokens, or mint new ones.
fn is_token_route(rest: &str) -> bool {
    rest == "/v1/tokens" || rest.starts_with("/v1/tokens/") || rest.starts_with("/v1/tokens?")
}

/// `location` on one of `bases` (upstream base → gateway path, tried in
/// order), as its path on the gateway; unchanged when it is elsewhere.
fn rewrite_location(location: &str, bases: &[(String, String)]) -> String {
    for (upstream, gateway) in bases {
        if let Some(rest) = location.strip_prefix(upstream.as_str()) {
            if rest.is_empty() || rest.starts_with('/') || rest.starts_with('?') {
                return format!("{gateway}{rest}");
            }
        }
    }
    location.to_owned()
}

pub async fn forward(State(gateway): State<SharedGateway>, request: Request) -> Response {
    match forwarded(&gateway, request).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    }
}

async fn forwarded(gateway: &SharedGateway, request: Request) -> Result<Response, GatewayError> {
    let root = gateway.proxy_root();
    let path = request.uri().path().to_owned();
    if has_dot_segments(&path) {
        return Err(GatewayError::BadPath);
    }
    let below = path
        .strip_prefix(root.as_str())
        .and_then(|p| p.strip_prefix('/'))
        .ok_or(GatewayError::NotFound)?;
    let upstream = &gateway.upstream;
    let (base, rest, region) = match destination(below).ok_or(GatewayError::NotFound)? {
        Destination::Auth(rest) if is_token_route(rest) => return Err(TOKEN_ROUTE),
        Destination::Auth(rest) => (upstream.auth().to_owned(), rest, None),
        Destination::Region { name, rest } => (
            upstream.region(name).await?.api,
            rest,
            Some(name.to_owned()),
        ),
    };
    let url = match request.uri().query() {
        Some(query) => format!("{base}{rest}?{query}"),
        None => format!("{base}{rest}"),
    };
    let method = request.method().clone();
    let mut headers = HeaderMap::new();
    for name in FORWARDED {
        if let Some(value) = request.headers().get(&name) {
            headers.insert(name, value.clone());
        }
    }
    let body = to_bytes(request.into_body(), MAX_BODY)
        .await
        .map_err(|_| GatewayError::TooLarge)?;
    let answer = upstream
        .send_with_bearer(|bearer| {
            upstream
                .client()
                .request(method.clone(), &url)
                .headers(headers.clone())
                .bearer_auth(bearer)
                .body(body.clone())
        })
        .await?;
    let bases = gateway_bases(gateway, &root, region.as_deref()).await;
    relay(answer, &bases).await
}

/// Upstream bases and their paths on the gateway: the region the request
/// went to first (the default region's API may share its origin with the
/// auth service), then the longest.
async fn gateway_bases(
    gateway: &SharedGateway,
    root: &str,
    region: Option<&str>,
) -> Vec<(String, String)> {
    let mut regions = gateway.upstream.regions().await.unwrap_or_default();
    regions.sort_by_key(|r| {
        (
            Some(r.name.as_str()) != region,
            std::cmp::Reverse(r.api.len()),
        )
    });
    let mut bases: Vec<(String, String)> = regions
        .into_iter()
        .map(|r| (r.api, format!("{root}/regions/{}", r.name)))
        .collect();
    bases.push((gateway.upstream.auth().to_owned(), format!("{root}/auth")));
    bases
}

async fn relay(
    answer: reqwest::Response,
    bases: &[(String, String)],
) -> Result<Response, GatewayError> {
    let status = answer.status();
    let mut headers = HeaderMap::new();
    for (name, value) in answer.headers() {
        let name_text = name.as_str();
        if RELAYED.contains(&name_text)
            || name_text.starts_with("x-pagination")
            || name_text.starts_with("x-ratelimit")
        {
            headers.append(name.clone(), value.clone());
        }
    }
    let location = answer
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok());
    if let Some(location) = location {
        if let Ok(value) = HeaderValue::from_str(&rewrite_location(location, bases)) {
            headers.insert(header::LOCATION, value);
        }
    }
    let body = answer.bytes().await.map_err(|e| unreachable(&e))?;
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_paths_find_their_destination() {
        assert_eq!(
            destination("auth/v1/users/self"),
            Some(Destination::Auth("/v1/users/self"))
        );
        assert_eq!(
            destination("regions/osc-fr1/v1/apps"),
            Some(Destination::Region {
                name: "osc-fr1",
                rest: "/v1/apps"
            })
        );
        assert_eq!(destination("authx"), None);
        assert_eq!(destination("regions/"), None);
        assert_eq!(destination("v1/apps"), None);
        assert!(has_dot_segments("/_proxy/regions/r/v1/../../x"));
        assert!(has_dot_segments("/_proxy/regions/r/%2E%2e/x"));
        assert!(!has_dot_segments("/_proxy/regions/r/v1/apps/a.b"));
        assert!(is_token_route("/v1/tokens/exchange"));
        assert!(is_token_route("/v1/tokens"));
        assert!(!is_token_route("/v1/tokensmith"));
    }

    #[test]
    fn locations_on_the_upstream_point_back_at_the_gateway() {
        let bases = vec![
            (
                "http://up:1/regions/sec".to_owned(),
                "/_proxy/regions/sec".to_owned(),
            ),
            ("http://up:1".to_owned(), "/_proxy/regions/fr".to_owned()),
            ("http://up:1".to_owned(), "/_proxy/auth".to_owned()),
        ];
        assert_eq!(
            rewrite_location("http://up:1/v1/apps/a/operations/o", &bases),
            "/_proxy/regions/fr/v1/apps/a/operations/o"
        );
        assert_eq!(
            rewrite_location("http://up:1/regions/sec/v1/x", &bases),
            "/_proxy/regions/sec/v1/x"
        );
        assert_eq!(
            rewrite_location("http://up:12/v1/x", &bases),
            "http://up:12/v1/x"
        );
        assert_eq!(
            rewrite_location("https://elsewhere/x", &bases),
            "https://elsewhere/x"
        );
    }
}
