//! Regions on one origin: the default region's API at the root
//! (`<origin>/v1/…`), every region's under `<origin>/regions/<name>/v1/…`
//! (the default one's too, as an alias). The real platform gives each
//! region a host of its own; a path prefix keeps the simulator on one
//! origin, so a browser needs no extra CORS or TLS set-up.
//!
//! The auth routes (`/v1/tokens/exchange`, `/v1/users/self`,
//! `/v1/regions`), `/config.json` and `/_sim/…` are region-independent and
//! served at the root only. Everything else goes through [`dispatch`]:
//! the prefix is stripped, the region is recorded in the request
//! ([`RegionScope`]), and the regional router answers. Handlers read the
//! region with [`ApiRegion`]; absolute URLs get the prefix from `Origin`.
//!
//! A region marked down (`POST /_sim/regions/<name>/down`) answers 503 on
//! its whole API, as a region whose provider fails does; the dashboard files
//! at the root are not part of any region and keep being served.

use axum::{
    extract::{FromRequestParts, Request},
    http::{request::Parts, uri::PathAndQuery, StatusCode, Uri},
    response::{IntoResponse, Response},
    Router,
};
use scalingo_api::ErrorBody;
use tower::ServiceExt;

use crate::{catalogue, error::ApiError, state::SharedState};

/// The message of a region whose API is down (the Go client's wording).
pub const UNAVAILABLE_MESSAGE: &str = "upstream provider returned an error, retry later";

/// The region a request is addressed to, and the path prefix its API is
/// served under here (empty at the root).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionScope {
    pub name: String,
    pub prefix: String,
}

/// The name of the region whose API a request reached (the default region
/// outside of [`dispatch`], which does not happen for regional routes).
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

/// 503 with the platform's message.
pub fn unavailable() -> ApiError {
    ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        ErrorBody::message(UNAVAILABLE_MESSAGE),
    )
}

/// Paths of the default region's API at the root; the rest of the root is
/// the dashboard's, which stays up when the region is down.
fn is_regional_root_path(path: &str) -> bool {
    ["/v1", "/_logs"]
        .iter()
        .any(|p| path == *p || path.strip_prefix(p).is_some_and(|r| r.starts_with('/')))
}

/// `/regions/<name>[/<rest>]` → (`name`, `/<rest>`).
fn split_prefixed(path: &str) -> Option<(&str, &str)> {
    let tail = path.strip_prefix("/regions/")?;
    Some(match tail.find('/') {
        Some(slash) => (&tail[..slash], &tail[slash..]),
        None => (tail, "/"),
    })
}

/// `uri` with its path replaced, the query kept.
fn with_path(uri: &Uri, path: &str) -> Option<Uri> {
    let path_and_query = match uri.query() {
        Some(query) => format!("{path}?{query}"),
        None => path.to_owned(),
    };
    let mut parts = uri.clone().into_parts();
    parts.path_and_query = Some(PathAndQuery::try_from(path_and_query).ok()?);
    Uri::from_parts(parts).ok()
}

/// Hands a request that no root route took to the regional router, with
/// the region it is addressed to.
pub async fn dispatch(state: SharedState, regional: Router, mut request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let scope = match split_prefixed(&path) {
        Some((name, rest)) => {
            let Some(region) = state.regions().iter().find(|r| r.name == name) else {
                return ApiError::no_route().into_response();
            };
            if state.is_region_down(&region.name) {
                return unavailable().into_response();
            }
            let Some(uri) = with_path(request.uri(), rest) else {
                return ApiError::no_route().into_response();
            };
            *request.uri_mut() = uri;
            RegionScope {
                name: region.name.clone(),
                prefix: catalogue::region_path(&region.name),
            }
        }
        None => {
            let name = state.default_region_name().to_owned();
            if is_regional_root_path(&path) && state.is_region_down(&name) {
                return unavailable().into_response();
            }
            RegionScope {
                name,
                prefix: String::new(),
            }
        }
    };
    request.extensions_mut().insert(scope);
    serve(&state, regional, request).await
}

/// Hands the request to the regional router, with chaos (see `chaos`) and
/// the hostile demo's quirks (see `hostile::wire`) on the API's requests.
async fn serve(state: &SharedState, regional: Router, mut request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let api = is_regional_root_path(&path);
    let plan = if api { state.chaos.next() } else { None };
    if let Some(plan) = &plan {
        if let Some(refusal) = plan.before(&mut request).await {
            return refusal;
        }
    }
    let method = request.method().clone();
    let mut response = match regional.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    if api && state.settings.hostile {
        response = crate::hostile::wire::patch_response(state, &path, response).await;
    }
    match plan {
        Some(plan) => plan.after(&method, response).await,
        None => response,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_split_and_root_paths_classify() {
        assert_eq!(
            split_prefixed("/regions/osc-secnum-fr1/v1/apps"),
            Some(("osc-secnum-fr1", "/v1/apps"))
        );
        assert_eq!(split_prefixed("/regions/x"), Some(("x", "/")));
        assert_eq!(split_prefixed("/v1/apps"), None);
        assert!(is_regional_root_path("/v1/apps"));
        assert!(is_regional_root_path("/_logs/apps/1/logs"));
        assert!(!is_regional_root_path("/v1x"));
        assert!(!is_regional_root_path("/apps/shop-api"));
        let uri: Uri = "/regions/r/v1/apps?page=2".parse().unwrap();
        assert_eq!(with_path(&uri, "/v1/apps").unwrap(), "/v1/apps?page=2");
    }
}
