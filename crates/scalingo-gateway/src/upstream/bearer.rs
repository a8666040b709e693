//! The bearer the gateway holds: exchanged from the API token when first
//! needed, again five minutes before it expires (as the official clients
//! do), and again when the upstream refuses it. Exchanges are serialized:
//! a burst of requests after expiry makes one exchange, not one each.

use std::time::{SystemTime, UNIX_EPOCH};

use reqwest::{header, StatusCode};
use scalingo_api::{bearer_claims, exchange_authorization, ErrorBody, TokenResponse};
use tokio::sync::Mutex;

use crate::{
    config::ApiToken,
    error::{unreachable, GatewayError},
};

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
    /// The `Authorization` of the exchange (Basic, with the API token):
    /// made once, sent to the auth service only.
    exchange_authorization: String,
    held: Mutex<Option<Held>>,
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

impl HeldBearer {
    pub fn new(token: &ApiToken) -> Self {
        HeldBearer {
            exchange_authorization: exchange_authorization(token.secret()),
            held: Mutex::new(None),
        }
    }

    /// The bearer to send now, exchanged if there is none or it is due.
    pub async fn current(
        &self,
        client: &reqwest::Client,
        auth: &str,
    ) -> Result<String, GatewayError> {
        let mut held = self.held.lock().await;
        if let Some(current) = held.as_ref().filter(|h| unix_now() < h.renew_at) {
            return Ok(current.bearer.clone());
        }
        let fresh = self.exchange(client, auth).await?;
        let bearer = fresh.bearer.clone();
        *held = Some(fresh);
        Ok(bearer)
    }

    /// A new bearer after the upstream refused `refused` (unless another
    /// request already replaced it).
    pub async fn renew(
        &self,
        client: &reqwest::Client,
        auth: &str,
        refused: &str,
    ) -> Result<String, GatewayError> {
        let mut held = self.held.lock().await;
        if let Some(current) = held.as_ref().filter(|h| h.bearer != refused) {
            return Ok(current.bearer.clone());
        }
        let fresh = self.exchange(client, auth).await?;
        let bearer = fresh.bearer.clone();
        *held = Some(fresh);
        Ok(bearer)
    }

    async fn exchange(&self, client: &reqwest::Client, auth: &str) -> Result<Held, GatewayError> {
        let response = client
            .post(format!("{auth}/v1/tokens/exchange"))
            .header(header::AUTHORIZATION, &self.exchange_authorization)
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
            tracing::error!(%status, "the upstream refused the gateway's API token");
            return Err(GatewayError::TokenRefused(message));
        }
        if !status.is_success() {
            return Err(GatewayError::BadAnswer(format!(
                "the token exchange answered {status}"
            )));
        }
        let bearer = serde_json::from_slice::<TokenResponse>(&body)
            .map(|t| t.token)
            .ok()
            .filter(|t| !t.is_empty())
            .ok_or_else(|| {
                GatewayError::BadAnswer("the token exchange returned no token".to_owned())
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
        tracing::info!(
            renew_in_seconds = renew_at.saturating_sub(now),
            "the gateway exchanged its API token for a bearer"
        );
        Ok(Held { bearer, renew_at })
    }
}
