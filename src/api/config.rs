//! Runtime configuration, read from `config.json` beside the app so that one
//! build serves any environment (the real Scalingo API, the local platform,
//! an internal proxy).

use serde::Deserialize;

/// One region's regional API.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RegionConfig {
    pub name: String,
    #[serde(default)]
    pub display_name: String,
    /// Base URL of the regional API, without `/v1`.
    pub api_url: String,
}

/// The content of `config.json`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RuntimeConfig {
    /// Base URL of the auth service (token exchange, user), without `/v1`.
    pub auth_url: String,
    pub regions: Vec<RegionConfig>,
    /// A token the local platform publishes so that the dashboard connects
    /// without a prompt. Never set for a real deployment.
    #[serde(default)]
    pub demo_token: Option<String>,
    /// Hides and refuses every change, for wall screens and people who only
    /// watch (Scalingo tokens cannot be scoped to reading).
    #[serde(default)]
    pub read_only: bool,
    /// The API URLs are a same-origin proxy that holds the token and adds
    /// it to every request: the dashboard sends none and asks for none.
    #[serde(default)]
    pub proxy: bool,
}

impl RuntimeConfig {
    /// Parses and checks `config.json`. Empty or path-only URLs are resolved
    /// against `origin` (the page's), so a same-origin proxy needs no host.
    pub fn parse(json: &str, origin: &str) -> Result<Self, String> {
        let mut config: RuntimeConfig =
            serde_json::from_str(json).map_err(|e| format!("config.json is not valid: {e}"))?;
        if config.regions.is_empty() {
            return Err("config.json lists no region".to_owned());
        }
        config.auth_url = resolve_base(&config.auth_url, origin)?;
        for region in &mut config.regions {
            if region.name.trim().is_empty() {
                return Err("config.json has a region without a name".to_owned());
            }
            region.api_url = resolve_base(&region.api_url, origin)?;
            if region.display_name.is_empty() {
                region.display_name = region.name.clone();
            }
        }
        config.demo_token = config.demo_token.filter(|t| !t.trim().is_empty());
        Ok(config)
    }

    /// The region used for apps whose region is not known yet.
    pub fn default_region(&self) -> &RegionConfig {
        &self.regions[0]
    }

    pub fn region(&self, name: &str) -> Option<&RegionConfig> {
        self.regions.iter().find(|r| r.name == name)
    }
}

fn resolve_base(url: &str, origin: &str) -> Result<String, String> {
    let url = url.trim().trim_end_matches('/');
    if url.is_empty() {
        return Ok(origin.trim_end_matches('/').to_owned());
    }
    if url.starts_with('/') && !url.starts_with("//") {
        return Ok(format!("{}{url}", origin.trim_end_matches('/')));
    }
    if url.starts_with("https://") || url.starts_with("http://") {
        return Ok(url.to_owned());
    }
    Err(format!("config.json: `{url}` is not an http(s) URL"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGIN: &str = "http://127.0.0.1:8080";

    #[test]
    fn resolves_relative_and_empty_urls() {
        let config = RuntimeConfig::parse(
            r#"{"auth_url":"","regions":[{"name":"osc-fr1","api_url":"/proxy/"}],"demo_token":""}"#,
            ORIGIN,
        )
        .unwrap();
        assert_eq!(config.auth_url, ORIGIN);
        assert_eq!(
            config.default_region().api_url,
            "http://127.0.0.1:8080/proxy"
        );
        assert_eq!(config.default_region().display_name, "osc-fr1");
        assert_eq!(config.demo_token, None);
    }

    #[test]
    fn keeps_absolute_urls() {
        let config = RuntimeConfig::parse(
            r#"{"auth_url":"https://auth.scalingo.com/","regions":[
                {"name":"osc-fr1","display_name":"Paris","api_url":"https://api.osc-fr1.scalingo.com"}],
                "demo_token":"tk-us-x","unknown":1}"#,
            ORIGIN,
        )
        .unwrap();
        assert_eq!(config.auth_url, "https://auth.scalingo.com");
        assert_eq!(config.region("osc-fr1").unwrap().display_name, "Paris");
        assert_eq!(config.demo_token.as_deref(), Some("tk-us-x"));
    }

    #[test]
    fn rejects_bad_configs() {
        assert!(RuntimeConfig::parse("{", ORIGIN).is_err());
        assert!(RuntimeConfig::parse(r#"{"auth_url":"","regions":[]}"#, ORIGIN).is_err());
        assert!(RuntimeConfig::parse(
            r#"{"auth_url":"javascript:alert(1)","regions":[{"name":"a","api_url":""}]}"#,
            ORIGIN
        )
        .is_err());
        assert!(RuntimeConfig::parse(
            r#"{"auth_url":"","regions":[{"name":"a","api_url":"//evil.example"}]}"#,
            ORIGIN
        )
        .is_err());
    }
}
