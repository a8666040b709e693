//! The bearer the proxy holds: exchanged from the API token when first
//! needed, again five minutes before it expires (as the official clients
//! do), and again when upstream refuses it. Exchanges are serialized: a
//! burst of requests after expiry makes one exchange, not one each.

use reqwest::{header, StatusCode};
use scalingo_api::{bearer_claims, exchange_authorization, ErrorBody, TokenResponse};
use tokio::sync::Mutex;

use super::{
    error::{unreachable, ProxyError},
    Upstream,
};
use crate::auth::unix_now;

/// Renew this long before `exp`.
const RENEW_BEFORE_SECONDS: u64 = 300;
/// The life assumed for a bearer whose `exp` cannot be read.
const ASSUMED_LIFE_SECONDS: u64 = 1800;

struct Held {
    bearer: String,
    /// Seconds since the epoch.
    renew_at: u64,
}

pub struct HeldBearer {
    /// The `Authorization` of the exchange, made once; holds the API token.
    exchange_authorization: String,
    held: Mutex<Option<Held>>,
}

impl HeldBearer {
    pub fn new(api_token: &str) -> Result<Self, String> {
        let token = api_token.trim();
        if token.is_empty() || token.contains(|c: char| c.is_whitespace() || c.is_control()) {
            return Err(
                "the API token (SCALINGO_API_TOKEN) is empty or has spaces in it".to_owned(),
            );
        }
        Ok(HeldBearer {
            exchange_authorization: exchange_authorization(token),
            held: Mutex::new(None),
        })
    }
}

impl Upstream {
    /// The bearer to send now, exchanged if there is none or it is due.
    pub(super) async fn bearer(&self) -> Result<String, ProxyError> {
        let mut held = self.bearer.held.lock().await;
        match held.as_ref() {
            Some(current) if unix_now() < current.renew_at => Ok(current.bearer.clone()),
            _ => {
                let fresh = self.exchange().await?;
                let bearer = fresh.bearer.clone();
                *held = Some(fresh);
                Ok(bearer)
            }
        }
    }

    /// A new bearer after upstream refused `refused` (unless another
    /// request already replaced it).
    pub(super) async fn renew(&self, refused: &str) -> Result<String, ProxyError> {
        let mut held = self.bearer.held.lock().await;
        if let Some(current) = held.as_ref().filter(|h| h.bearer != refused) {
            return Ok(current.bearer.clone());
        }
        let fresh = self.exchange().await?;
        let bearer = fresh.bearer.clone();
        *held = Some(fresh);
        Ok(bearer)
    }

    async fn exchange(&self) -> Result<Held, ProxyError> {
        let response = self
            .client
            .post(format!("{}/v1/tokens/exchange", self.auth))
            .header(header::AUTHORIZATION, &self.bearer.exchange_authorization)
            .header(header::ACCEPT, "application/json")
            .body(Vec::new())
            .send()
            .await
            .map_err(|e| unreachable(&e))?;
        let status = response.status();
        let body = response.bytes().await.map_err(|e| unreachable(&e))?;
        if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN {
            let message = serde_json::from_slice::<ErrorBody>(&body)
                .ok()
                .and_then(|e| e.error)
                .unwrap_or_else(|| status.to_string());
            return Err(ProxyError::TokenRefused(message));
        }
        if !status.is_success() {
            return Err(ProxyError::BadAnswer(format!(
                "the token exchange answered {status}"
            )));
        }
        let bearer = serde_json::from_slice::<TokenResponse>(&body)
            .map(|t| t.token)
            .ok()
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                ProxyError::BadAnswer("the token exchange returned no token".to_owned())
            })?;
        let now = unix_now();
        let renew_at = bearer_claims(&bearer)
            .map(|claims| {
                claims
                    .exp
                    .saturating_sub(RENEW_BEFORE_SECONDS)
                    .max(now + 30)
            })
            .unwrap_or(now + ASSUMED_LIFE_SECONDS);
        tracing::info!("the proxy exchanged its API token for a bearer");
        Ok(Held { bearer, renew_at })
    }
}

impl Upstream {
    /// Sends the request `build` makes with a bearer; when upstream answers
    /// 401, exchanges the token again and sends it once more.
    pub(super) async fn send_with_bearer(
        &self,
        build: impl Fn(&str) -> reqwest::RequestBuilder,
    ) -> Result<reqwest::Response, ProxyError> {
        let bearer = self.bearer().await?;
        let response = build(&bearer).send().await.map_err(|e| unreachable(&e))?;
        if response.status() != StatusCode::UNAUTHORIZED {
            return Ok(response);
        }
        let renewed = self.renew(&bearer).await?;
        build(&renewed).send().await.map_err(|e| unreachable(&e))
    }
}
