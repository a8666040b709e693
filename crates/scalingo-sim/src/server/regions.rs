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
//! (`http::extract::RegionScope`), and the regional router answers, with
//! its layers (chaos, the hostile quirks: see `server::app`). Handlers read
//! the region with `ApiRegion`; absolute URLs get the prefix from `Origin`.
//!
//! A region marked down (`POST /_sim/regions/<name>/down`) answers 503 on
//! its whole API, as a region whose provider fails does; the dashboard files
//! at the root are not part of any region and keep being served.

use axum::{
    extract::Request,
    http::{uri::PathAndQuery, Uri},
    response::{IntoResponse, Response},
    Router,
};
use tower::ServiceExt;

use crate::{
    domain::{catalogue, error::ApiError},
    http::{extract::RegionScope, paths::is_regional_api},
    state::SharedState,
};

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
/// the region it is addressed to; a region that is down answers 503.
pub async fn dispatch(state: SharedState, regional: Router, mut request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let scope = match split_prefixed(&path) {
        Some((name, rest)) => {
            let Some(region) = state.regions().iter().find(|r| r.name == name) else {
                return ApiError::no_route().into_response();
            };
            if state.is_region_down(&region.name) {
                return ApiError::unavailable(503).into_response();
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
            if is_regional_api(&path) && state.is_region_down(&name) {
                return ApiError::unavailable(503).into_response();
            }
            RegionScope {
                name,
                prefix: String::new(),
            }
        }
    };
    request.extensions_mut().insert(scope);
    match regional.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_split_and_queries_stay() {
        assert_eq!(
            split_prefixed("/regions/osc-secnum-fr1/v1/apps"),
            Some(("osc-secnum-fr1", "/v1/apps"))
        );
        assert_eq!(split_prefixed("/regions/x"), Some(("x", "/")));
        assert_eq!(split_prefixed("/v1/apps"), None);
        let uri: Uri = "/regions/r/v1/apps?page=2".parse().unwrap();
        assert_eq!(with_path(&uri, "/v1/apps").unwrap(), "/v1/apps?page=2");
    }
}
