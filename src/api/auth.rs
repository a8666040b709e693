//! The auth service's calls: the token exchange and the current user.

use gloo_net::http::Method;
use scalingo_api::{exchange_authorization, TokenResponse, User, UserResponse};

use super::{ApiClient, ApiError, Base, Call};

impl ApiClient {
    /// `POST /v1/tokens/exchange`: an API token for a one-hour bearer.
    pub async fn exchange_token(&self, api_token: &str) -> Result<String, ApiError> {
        let call = Call::new(Method::POST, Base::Auth, "/v1/tokens/exchange")
            .header("Authorization", exchange_authorization(api_token));
        let token: TokenResponse = self.send_with(&call, None).await?.json()?;
        if token.token.is_empty() {
            return Err(ApiError::Decode(
                "the token exchange returned no token".to_owned(),
            ));
        }
        Ok(token.token)
    }

    /// `GET /v1/users/self` with `bearer` (none behind a proxy, which adds
    /// its own).
    pub async fn user_with(&self, bearer: Option<&str>) -> Result<User, ApiError> {
        let call = Call::new(Method::GET, Base::Auth, "/v1/users/self");
        let user: UserResponse = self.send_with(&call, bearer).await?.json()?;
        Ok(user.user)
    }
}
