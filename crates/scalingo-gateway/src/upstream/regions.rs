//! The upstream's regions (`GET <auth>/v1/regions`), read when first
//! needed and kept ten minutes: each region's API is where
//! `_proxy/regions/<name>/…` goes.

use std::{
    sync::RwLock,
    time::{Duration, Instant},
};

use serde_json::Value;

use super::Upstream;
use crate::error::{unreachable, GatewayError};

const KEPT_FOR: Duration = Duration::from_secs(600);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpstreamRegion {
    pub name: String,
    pub display_name: String,
    /// The base URL of the region's API, without a trailing slash.
    pub api: String,
}

#[derive(Default)]
pub struct RegionCache {
    kept: RwLock<Option<(Instant, Vec<UpstreamRegion>)>>,
}

/// The regions of a `{"regions": [...]}` body; the API's URL is `api`
/// (the platform's name) or `api_url`. Regions without a plain name or an
/// HTTP URL are skipped.
fn parse_regions(body: &Value) -> Vec<UpstreamRegion> {
    let text =
        |region: &Value, key: &str| region.get(key).and_then(Value::as_str).map(str::to_owned);
    body.get("regions")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|region| {
            let name = text(region, "name").filter(|n| {
                !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            })?;
            let api = text(region, "api")
                .or_else(|| text(region, "api_url"))
                .filter(|u| u.starts_with("http://") || u.starts_with("https://"))?;
            Some(UpstreamRegion {
                display_name: text(region, "display_name").unwrap_or_else(|| name.clone()),
                name,
                api: api.trim_end_matches('/').to_owned(),
            })
        })
        .collect()
}

impl Upstream {
    pub async fn regions(&self) -> Result<Vec<UpstreamRegion>, GatewayError> {
        if let Some((at, regions)) = self
            .regions
            .kept
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
        {
            if at.elapsed() < KEPT_FOR {
                return Ok(regions.clone());
            }
        }
        let url = format!("{}/v1/regions", self.auth);
        let response = self
            .send_with_bearer(|bearer| {
                self.client
                    .get(&url)
                    .bearer_auth(bearer)
                    .header(reqwest::header::ACCEPT, "application/json")
            })
            .await?;
        let status = response.status();
        let body = response.bytes().await.map_err(|e| unreachable(&e))?;
        if !status.is_success() {
            return Err(GatewayError::BadAnswer(format!(
                "the regions list answered {status}"
            )));
        }
        let regions = serde_json::from_slice::<Value>(&body)
            .map(|body| parse_regions(&body))
            .unwrap_or_default();
        if regions.is_empty() {
            return Err(GatewayError::BadAnswer(
                "the regions list names no usable region".to_owned(),
            ));
        }
        *self.regions.kept.write().unwrap_or_else(|e| e.into_inner()) =
            Some((Instant::now(), regions.clone()));
        Ok(regions)
    }

    pub async fn region(&self, name: &str) -> Result<UpstreamRegion, GatewayError> {
        self.regions()
            .await?
            .into_iter()
            .find(|r| r.name == name)
            .ok_or(GatewayError::UnknownRegion)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn regions_name_their_api_one_way_or_the_other() {
        let body = json!({"regions": [
            {"name": "osc-fr1", "display_name": "Paris", "api": "https://api.osc-fr1.scalingo.com/"},
            {"name": "osc-secnum-fr1", "api_url": "http://127.0.0.1:1/regions/osc-secnum-fr1"},
            {"name": "no-api"},
            {"name": "../x", "api": "http://x"},
            {"name": "ftp", "api": "ftp://x"},
        ]});
        let regions = parse_regions(&body);
        assert_eq!(regions.len(), 2);
        assert_eq!(regions[0].api, "https://api.osc-fr1.scalingo.com");
        assert_eq!(regions[1].display_name, "osc-secnum-fr1");
    }
}
