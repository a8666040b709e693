//! How a gateway is started: where it listens, what it forwards to, with
//! which token, what it serves and whether it refuses changes.

use std::{
    fmt,
    net::{IpAddr, Ipv4Addr},
    path::PathBuf,
};

/// The auth service of the real platform: where the token is exchanged
/// and the regions are listed.
pub const SCALINGO_AUTH: &str = "https://auth.scalingo.com";

/// The first segments of the gateway's own paths under its base path: the
/// dashboard cannot be served under them (see `scalingo_dist::place`).
pub const PROXY_SEGMENT: &str = "_proxy";

/// A Scalingo API token (`tk-us-…`). It can be used, never shown: its
/// `Debug` is redacted and it has no `Display`, so that no log line or
/// error message can carry it by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiToken(String);

impl ApiToken {
    /// `Err` for an empty token, or one with spaces or control characters
    /// (a token pasted with its line break, say).
    pub fn new(token: &str) -> Result<ApiToken, String> {
        let token = token.trim();
        if token.is_empty() || token.contains(|c: char| c.is_whitespace() || c.is_control()) {
            return Err("the API token is empty or has spaces in it".to_owned());
        }
        Ok(ApiToken(token.to_owned()))
    }

    pub(crate) fn secret(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiToken(<redacted>)")
    }
}

/// Settings of one gateway (the command line, or what tests pass to
/// [`crate::start`]).
#[derive(Debug, Clone)]
pub struct GatewayConfig {
    /// Loopback unless told otherwise: whoever reaches the gateway acts
    /// with its token.
    pub host: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// The auth service's base URL; the regions and their APIs are read
    /// from it. A trailing `/v1` is ignored.
    pub upstream: String,
    pub token: ApiToken,
    /// The built dashboard (`dist/`).
    pub dist: PathBuf,
    /// Where everything is served: `/`, or a prefix such as
    /// `/portal/scalingo/` (the dashboard built for it, its `config.json`
    /// and the forwarded API alike).
    pub base_path: String,
    /// Refuse every request but `GET` and `HEAD` with a 403, whatever the
    /// page asks: a read-only dashboard that does not depend on the
    /// browser's good will.
    pub read_only: bool,
}

impl GatewayConfig {
    /// A gateway on a free loopback port, to the real platform, serving
    /// `dist` at the root, for `token`.
    pub fn new(token: ApiToken, dist: PathBuf) -> GatewayConfig {
        GatewayConfig {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            upstream: SCALINGO_AUTH.to_owned(),
            token,
            dist,
            base_path: "/".to_owned(),
            read_only: false,
        }
    }
}

/// `url` without a trailing slash or `/v1`, if it is an HTTP URL this
/// build can reach.
pub(crate) fn normalize_upstream(url: &str) -> Result<String, String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upstreams_are_normalized() {
        assert_eq!(
            normalize_upstream("http://127.0.0.1:8080/v1/").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert_eq!(normalize_upstream(SCALINGO_AUTH).unwrap(), SCALINGO_AUTH);
        assert!(normalize_upstream("ftp://auth.scalingo.com").is_err());
        assert!(normalize_upstream("auth.scalingo.com").is_err());
    }

    #[test]
    fn the_token_is_never_printed() {
        let token = ApiToken::new(" tk-us-secret\n").unwrap();
        assert_eq!(token.secret(), "tk-us-secret");
        let config = GatewayConfig::new(token, PathBuf::from("dist"));
        assert!(!format!("{config:?}").contains("secret"));
        assert!(ApiToken::new("tk us").is_err());
        assert!(ApiToken::new("  ").is_err());
    }
}
