//! One request through the proxy: `/_proxy/auth/<rest>` or
//! `/_proxy/regions/<name>/<rest>` to upstream and back (see `proxy`).

use axum::{
    body::{to_bytes, Body},
    extract::{Request, State},
    http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};

use super::{
    error::{unreachable, ProxyError},
    guard, Upstream,
};
use crate::{
    error::{ApiError, ApiResult},
    http::{Origin, X_DRY_RUN, X_REQUEST_ID},
    state::SharedState,
};

/// The largest request body forwarded.
const MAX_BODY: usize = 16 * 1024 * 1024;

/// Request headers sent on (`Authorization` is the held bearer; cookies
/// and everything else stay here).
const FORWARDED: [HeaderName; 4] = [
    header::CONTENT_TYPE,
    header::ACCEPT,
    X_DRY_RUN,
    X_REQUEST_ID,
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

/// Where a proxied path goes.
#[derive(Debug, PartialEq, Eq)]
enum Destination<'a> {
    /// The auth service, at `rest`.
    Auth(&'a str),
    /// Region `name`'s API, at `rest`.
    Region { name: &'a str, rest: &'a str },
}

/// The destination of a raw (still percent-encoded) path.
fn destination(path: &str) -> Option<Destination<'_>> {
    let rest = path.strip_prefix("/_proxy/")?;
    if let Some(rest) = rest.strip_prefix("auth") {
        return (rest.is_empty() || rest.starts_with('/')).then_some(Destination::Auth(rest));
    }
    let rest = rest.strip_prefix("regions/")?;
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

/// Token routes would hand the bearer to the browser or mint tokens.
fn is_token_route(rest: &str) -> bool {
    rest == "/v1/tokens" || rest.starts_with("/v1/tokens/") || rest.starts_with("/v1/tokens?")
}

/// `location` on one of `bases` (upstream base → proxied base, tried in
/// order), as the proxied URL; unchanged when it is elsewhere.
fn rewrite_location(location: &str, bases: &[(String, String)]) -> String {
    for (upstream, proxied) in bases {
        if let Some(rest) = location.strip_prefix(upstream.as_str()) {
            if rest.is_empty() || rest.starts_with('/') || rest.starts_with('?') {
                return format!("{proxied}{rest}");
            }
        }
    }
    location.to_owned()
}

pub async fn forward(
    State(state): State<SharedState>,
    origin: Origin,
    request: Request,
) -> Response {
    let Some(upstream) = state.proxy.as_ref() else {
        return ApiError::no_route().into_response();
    };
    match upstream.forward(&origin, request).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    }
}

impl Upstream {
    async fn forward(&self, origin: &Origin, request: Request) -> ApiResult<Response> {
        guard::same_origin_only(request.headers())?;
        let path = request.uri().path().to_owned();
        if has_dot_segments(&path) {
            return Err(ProxyError::BadPath.into());
        }
        let destination = destination(&path).ok_or_else(ApiError::no_route)?;
        let (base, rest, region) = match destination {
            Destination::Auth(rest) if is_token_route(rest) => {
                return Err(ProxyError::Refused {
                    message: "token routes are not forwarded: the proxy holds the token",
                    code: "token_routes_refused",
                }
                .into());
            }
            Destination::Auth(rest) => (self.auth.clone(), rest, None),
            Destination::Region { name, rest } => {
                (self.region(name).await?.api, rest, Some(name.to_owned()))
            }
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
        let body = to_bytes(request.into_body(), MAX_BODY).await.map_err(|_| {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                scalingo_api::ErrorBody::message("the request body is too large to forward"),
            )
        })?;
        let answer = self
            .send_with_bearer(|bearer| {
                self.client
                    .request(method.clone(), &url)
                    .headers(headers.clone())
                    .bearer_auth(bearer)
                    .body(body.clone())
            })
            .await?;
        let bases = self.proxied_bases(origin, region.as_deref()).await;
        self.relay(answer, &bases).await
    }

    /// Upstream bases and their proxied equivalents, the region the request
    /// went to first (the default region's API may share its origin with
    /// the auth service), then the longest.
    async fn proxied_bases(&self, origin: &Origin, region: Option<&str>) -> Vec<(String, String)> {
        let root = origin.root();
        let mut regions = self.regions().await.unwrap_or_default();
        regions.sort_by_key(|r| {
            (
                Some(r.name.as_str()) != region,
                std::cmp::Reverse(r.api.len()),
            )
        });
        let mut bases: Vec<(String, String)> = regions
            .into_iter()
            .map(|r| (r.api, format!("{root}/_proxy/regions/{}", r.name)))
            .collect();
        bases.push((self.auth.clone(), format!("{root}/_proxy/auth")));
        bases
    }

    async fn relay(
        &self,
        answer: reqwest::Response,
        bases: &[(String, String)],
    ) -> ApiResult<Response> {
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
        if let Some(location) = answer
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
        {
            let rewritten = rewrite_location(location, bases);
            if let Ok(value) = HeaderValue::from_str(&rewritten) {
                headers.insert(header::LOCATION, value);
            }
        }
        let body = answer.bytes().await.map_err(|e| unreachable(&e))?;
        let mut response = Response::new(Body::from(body));
        *response.status_mut() = status;
        *response.headers_mut() = headers;
        Ok(response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxied_paths_find_their_destination() {
        assert_eq!(
            destination("/_proxy/auth/v1/users/self"),
            Some(Destination::Auth("/v1/users/self"))
        );
        assert_eq!(
            destination("/_proxy/regions/osc-fr1/v1/apps"),
            Some(Destination::Region {
                name: "osc-fr1",
                rest: "/v1/apps"
            })
        );
        assert_eq!(destination("/_proxy/authx"), None);
        assert_eq!(destination("/_proxy/regions/"), None);
        assert!(has_dot_segments("/_proxy/regions/r/v1/../../x"));
        assert!(has_dot_segments("/_proxy/regions/r/%2E%2e/x"));
        assert!(!has_dot_segments("/_proxy/regions/r/v1/apps/a.b"));
        assert!(is_token_route("/v1/tokens/exchange"));
        assert!(is_token_route("/v1/tokens"));
        assert!(!is_token_route("/v1/tokensmith"));
    }

    #[test]
    fn locations_on_upstream_point_back_at_the_proxy() {
        let bases = vec![
            (
                "http://up:1/regions/sec".to_owned(),
                "http://me/_proxy/regions/sec".to_owned(),
            ),
            (
                "http://up:1".to_owned(),
                "http://me/_proxy/regions/fr".to_owned(),
            ),
            ("http://up:1".to_owned(), "http://me/_proxy/auth".to_owned()),
        ];
        assert_eq!(
            rewrite_location("http://up:1/v1/apps/a/operations/o", &bases),
            "http://me/_proxy/regions/fr/v1/apps/a/operations/o"
        );
        assert_eq!(
            rewrite_location("http://up:1/regions/sec/v1/x", &bases),
            "http://me/_proxy/regions/sec/v1/x"
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
