//! Authentication (token exchange, bearer claims), the current user and the
//! regions.

use base64::{
    engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD},
    Engine,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::lenient;

/// `POST /v1/tokens/exchange` → `{"token": "<JWT>"}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TokenResponse {
    #[serde(default, deserialize_with = "lenient::string")]
    pub token: String,
}

/// The `Authorization` header of a token exchange: Basic auth with an empty
/// user name and the API token as password.
pub fn exchange_authorization(api_token: &str) -> String {
    format!("Basic {}", STANDARD.encode(format!(":{api_token}")))
}

/// The API token inside an exchange's `Authorization` header, if it has the
/// expected shape.
pub fn api_token_from_authorization(header: &str) -> Option<String> {
    let encoded = header.strip_prefix("Basic ")?.trim();
    let decoded = String::from_utf8(STANDARD.decode(encoded).ok()?).ok()?;
    let (_user, password) = decoded.split_once(':')?;
    (!password.is_empty()).then(|| password.to_owned())
}

/// The claims of a bearer token the dashboard needs. The signature is not
/// checked by clients; they only read `exp` to re-exchange in time.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BearerClaims {
    #[serde(default, deserialize_with = "lenient::string")]
    pub iss: String,
    /// Seconds since the Unix epoch.
    #[serde(default, deserialize_with = "lenient::u64")]
    pub iat: u64,
    /// Seconds since the Unix epoch.
    #[serde(default, deserialize_with = "lenient::u64")]
    pub exp: u64,
    /// The user's id (`us-…`).
    #[serde(default, deserialize_with = "lenient::string")]
    pub uuid: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub rnd: String,
}

/// Reads the claims of a JWT without verifying it.
pub fn bearer_claims(token: &str) -> Option<BearerClaims> {
    let payload = token.split('.').nth(1)?;
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The current user (`GET /v1/users/self`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct User {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub username: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub email: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub fullname: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub company: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub location: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub created_at: Option<String>,
    #[serde(default, deserialize_with = "lenient::object")]
    pub flags: Map<String, Value>,
    #[serde(default, deserialize_with = "lenient::object")]
    pub limits: Map<String, Value>,
}

impl User {
    /// The name to greet the user with.
    pub fn display_name(&self) -> &str {
        match self.fullname.as_deref() {
            Some(full) if !full.trim().is_empty() => full,
            _ => &self.username,
        }
    }
}

/// `{"user": …}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UserResponse {
    pub user: User,
}

/// A region of the platform and its endpoints.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Region {
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub display_name: String,
    /// Base URL of the regional API (without `/v1`).
    #[serde(default, deserialize_with = "lenient::string")]
    pub api: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub dashboard: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub database_api: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub ssh: Option<String>,
    #[serde(default, deserialize_with = "lenient::bool")]
    pub default: bool,
}

/// `{"regions": […]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RegionsResponse {
    #[serde(default, deserialize_with = "lenient::vec")]
    pub regions: Vec<Region>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_auth_round_trip() {
        let header = exchange_authorization("tk-us-123");
        assert_eq!(header, "Basic OnRrLXVzLTEyMw==");
        assert_eq!(
            api_token_from_authorization(&header).as_deref(),
            Some("tk-us-123")
        );
        assert_eq!(api_token_from_authorization("Bearer x"), None);
        assert_eq!(api_token_from_authorization("Basic !!!"), None);
        assert_eq!(
            api_token_from_authorization(&exchange_authorization("")),
            None
        );
    }

    #[test]
    fn reads_claims_without_verifying() {
        let payload =
            URL_SAFE_NO_PAD.encode(r#"{"iss":"Scalingo","iat":10,"exp":3610,"uuid":"us-1"}"#);
        let claims = bearer_claims(&format!("eyJhbGciOiJIUzUxMiJ9.{payload}.sig")).unwrap();
        assert_eq!(
            (claims.iat, claims.exp, claims.uuid.as_str()),
            (10, 3610, "us-1")
        );
        assert_eq!(bearer_claims("not-a-jwt"), None);
        assert_eq!(bearer_claims("a.%%%.c"), None);
    }
}
