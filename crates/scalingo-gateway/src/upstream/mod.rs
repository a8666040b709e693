//! The real platform as the gateway reaches it: an HTTP client, the bearer
//! it holds (see `bearer`) and the regions (see `regions`).

mod bearer;
mod regions;

use std::time::Duration;

use crate::{
    config::{normalize_upstream, ApiToken},
    error::{unreachable, GatewayError},
};

pub struct Upstream {
    client: reqwest::Client,
    /// The auth service's base URL, without a trailing slash or `/v1`.
    auth: String,
    bearer: bearer::HeldBearer,
    regions: regions::RegionCache,
}

impl Upstream {
    pub fn new(upstream: &str, token: &ApiToken) -> Result<Upstream, String> {
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(60))
            // Redirects are the browser's to follow (their `Location` is
            // rewritten on the way back).
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("scalingo-gateway/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("the HTTP client cannot start: {e}"))?;
        Ok(Upstream {
            client,
            auth: normalize_upstream(upstream)?,
            bearer: bearer::HeldBearer::new(token),
            regions: regions::RegionCache::default(),
        })
    }

    /// The auth service's base URL.
    pub fn auth(&self) -> &str {
        &self.auth
    }

    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    /// Sends the request `build` makes with the held bearer; when the
    /// upstream answers 401, exchanges the token again and sends it once
    /// more (a bearer can be revoked or expire early).
    pub async fn send_with_bearer(
        &self,
        build: impl Fn(&str) -> reqwest::RequestBuilder,
    ) -> Result<reqwest::Response, GatewayError> {
        let bearer = self.bearer.current(&self.client, &self.auth).await?;
        let response = build(&bearer).send().await.map_err(|e| unreachable(&e))?;
        if response.status() != reqwest::StatusCode::UNAUTHORIZED {
            return Ok(response);
        }
        let renewed = self.bearer.renew(&self.client, &self.auth, &bearer).await?;
        build(&renewed).send().await.map_err(|e| unreachable(&e))
    }
}
