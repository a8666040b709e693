//! Proxy mode (`--upstream <auth URL>`, token in `SCALINGO_API_TOKEN`): the
//! simulator simulates nothing and becomes a same-origin reverse proxy to a
//! real Scalingo that holds the API token, so the browser never sees it.
//!
//! - It exchanges the token at `<upstream>/v1/tokens/exchange` (Basic auth,
//!   empty user), keeps the bearer in memory, exchanges again five minutes
//!   before it expires, and once more when upstream answers 401 (then the
//!   request is sent again, once). See `bearer`.
//! - It reads the regions from `<upstream>/v1/regions` (`api` or `api_url`),
//!   kept ten minutes. See `regions`.
//! - `/_proxy/auth/<rest>` goes to `<upstream>/<rest>` and
//!   `/_proxy/regions/<name>/<rest>` to `<region api>/<rest>`: method,
//!   query, body, `Content-Type`, `Accept`, `X-Dry-Run` and `X-Request-ID`
//!   are sent on; `Authorization` is the held bearer whatever the browser
//!   sent, and cookies are not sent. Status, body and the headers a client
//!   reads (`Content-Type`, `Location`, `Retry-After`, pagination, request
//!   id) come back; a `Location` on an upstream API is rewritten to its
//!   `/_proxy/…` path. See `forward`.
//! - `config.json` is `{"auth_url": "<origin>/_proxy/auth", "regions":
//!   [{"name", "display_name", "api_url": "<origin>/_proxy/regions/<name>"}],
//!   "proxy": true}`: the dashboard then sends no `Authorization` and shows
//!   no connect screen.
//! - Logs URLs returned by upstream are signed and fetched by the browser
//!   directly: the dashboard's Content-Security-Policy allows the upstream
//!   hosts (and their sibling hosts, where the platform serves logs).
//!
//! Safety: the token is never logged nor sent to the browser (token routes,
//! `/_proxy/auth/v1/tokens…`, are refused: they would hand out a bearer or
//! mint tokens), the proxy answers no CORS, and it refuses requests a
//! browser marks as coming from another site (see `guard`), so other pages
//! cannot use the token through it. Bind it to loopback (the default).
//!
//! The HTTP client is reqwest with rustls: upstreams are `https://` (the
//! real API) or `http://` (another simulator, in tests).

mod bearer;
mod error;
mod forward;
mod guard;
mod regions;

use std::{fmt, time::Duration};

use serde_json::{json, Value};

pub use forward::forward;

use crate::{error::ApiResult, http::Origin, static_files::origin_of};
use error::ProxyError;

/// Where to forward to, and with which API token.
#[derive(Clone, PartialEq, Eq)]
pub struct ProxyConfig {
    /// The auth service's base URL (`https://auth.scalingo.com`; a trailing
    /// `/v1` is ignored).
    pub upstream: String,
    /// The API token (`tk-us-…`), from `SCALINGO_API_TOKEN`.
    pub token: String,
}

/// Never prints the token.
impl fmt::Debug for ProxyConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProxyConfig")
            .field("upstream", &self.upstream)
            .field("token", &"<redacted>")
            .finish()
    }
}

/// The upstream of a running proxy: its client, the held bearer and the
/// regions.
pub struct Upstream {
    client: reqwest::Client,
    /// The auth service's base URL, without a trailing slash or `/v1`.
    auth: String,
    bearer: bearer::HeldBearer,
    regions: regions::RegionCache,
}

/// `url` without a trailing slash or `/v1`, if it is an HTTP URL this
/// build can reach.
fn normalize_upstream(url: &str) -> Result<String, String> {
    let trimmed = url.trim().trim_end_matches('/');
    let trimmed = trimmed.strip_suffix("/v1").unwrap_or(trimmed);
    let parsed = reqwest::Url::parse(trimmed)
        .map_err(|e| format!("the upstream {url:?} is not a URL: {e}"))?;
    match parsed.scheme() {
        "http" | "https" => Ok(trimmed.to_owned()),
        other => Err(format!(
            "the upstream {url:?} has the scheme {other:?}; expected http or https"
        )),
    }
}

impl Upstream {
    pub fn new(config: &ProxyConfig) -> Result<Upstream, String> {
        let auth = normalize_upstream(&config.upstream)?;
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(60))
            // Redirects are the client's to follow (their `Location` is
            // rewritten on the way back).
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("scalingo-sim-proxy/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("the HTTP client cannot start: {e}"))?;
        Ok(Upstream {
            bearer: bearer::HeldBearer::new(&config.token)?,
            client,
            auth,
            regions: regions::RegionCache::default(),
        })
    }

    /// The dashboard's `config.json` in proxy mode (502 when upstream
    /// cannot tell its regions).
    pub async fn dashboard_config(&self, origin: &Origin) -> ApiResult<Value> {
        let regions = self.regions().await.map_err(ProxyError::into_api_error)?;
        let root = origin.root();
        let regions: Vec<Value> = regions
            .iter()
            .map(|region| {
                json!({
                    "name": region.name,
                    "display_name": region.display_name,
                    "api_url": format!("{root}/_proxy/regions/{}", region.name),
                })
            })
            .collect();
        Ok(json!({
            "auth_url": format!("{root}/_proxy/auth"),
            "regions": regions,
            "proxy": true,
        }))
    }

    /// What the browser reaches directly (signed logs and archive URLs):
    /// the upstream's origins, and their sibling hosts (`api.x.example` →
    /// `*.x.example`, where the platform serves logs). From the regions
    /// known so far, fetched if need be; the auth origin alone if upstream
    /// does not answer soon (pages must not wait on a failing upstream).
    pub async fn browser_sources(&self) -> Vec<String> {
        let regions = tokio::time::timeout(Duration::from_secs(2), self.regions())
            .await
            .ok()
            .and_then(Result::ok)
            .unwrap_or_default();
        let urls =
            std::iter::once(self.auth.as_str()).chain(regions.iter().map(|r| r.api.as_str()));
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
    fn upstreams_are_normalized() {
        assert_eq!(
            normalize_upstream("http://127.0.0.1:8080/v1/").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            normalize_upstream("https://auth.scalingo.com").unwrap(),
            "https://auth.scalingo.com"
        );
        assert!(normalize_upstream("ftp://auth.scalingo.com").is_err());
        assert!(normalize_upstream("auth.scalingo.com").is_err());
    }

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

    #[test]
    fn the_token_is_never_printed() {
        let config = ProxyConfig {
            upstream: "http://up".to_owned(),
            token: "tk-us-secret".to_owned(),
        };
        assert!(!format!("{config:?}").contains("secret"));
    }
}
