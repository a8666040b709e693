//! What the auth service answers: token exchange, the current user, regions.

use axum::{
    extract::State,
    http::{header, HeaderMap},
    response::Response,
    routing::{get, post},
    Router,
};
use scalingo_api::{
    api_token_from_authorization, Region, RegionsResponse, TokenResponse, UserResponse,
};

use crate::{
    auth::{unix_now, CurrentUser},
    error::{ApiError, ApiResult},
    http::{ok, Origin},
    render,
    state::SharedState,
};

pub fn routes() -> axum::Router<SharedState> {
    Router::new()
        .route("/v1/tokens/exchange", post(exchange))
        .route("/v1/users/self", get(current_user))
        .route("/v1/regions", get(regions))
}

/// Basic auth with the API token as password → a bearer JWT.
async fn exchange(State(state): State<SharedState>, headers: HeaderMap) -> ApiResult<Response> {
    let invalid = || ApiError::unauthorized("Invalid credentials");
    let api_token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(api_token_from_authorization)
        .ok_or_else(invalid)?;
    let user_id = state
        .read(|p| p.user_by_api_token(&api_token).map(|u| u.id.clone()))
        .ok_or_else(invalid)?;
    let token = state
        .signer
        .issue(&user_id, unix_now(), state.settings.token_ttl);
    Ok(ok(&TokenResponse { token }))
}

async fn current_user(CurrentUser(user): CurrentUser) -> Response {
    ok(&UserResponse {
        user: render::user(&user),
    })
}

async fn regions(State(state): State<SharedState>, _user: CurrentUser, origin: Origin) -> Response {
    let region = state.read(|p| p.region.clone());
    ok(&RegionsResponse {
        regions: vec![Region {
            name: region.name,
            display_name: region.display_name,
            api: origin.as_str().to_owned(),
            dashboard: Some(origin.as_str().to_owned()),
            database_api: Some(origin.as_str().to_owned()),
            ssh: Some(format!("{}:22", region.git_host)),
            default: region.default,
        }],
    })
}
