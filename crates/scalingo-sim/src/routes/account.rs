//! What the auth service answers: token exchange, the current user, regions.
//! Region-independent: served at the root only.

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

use super::caller::CurrentUser;
use crate::{
    domain::{
        catalogue,
        error::{ApiError, ApiResult},
        origin::Origin,
        render,
        tokens::unix_now,
    },
    http::response::ok,
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

/// Every region, with its API's base URL on this origin (see `server::regions`).
/// The dashboard is one for all regions, at the root; the simulator has no
/// database API, so it points at the region's API.
async fn regions(State(state): State<SharedState>, _user: CurrentUser, origin: Origin) -> Response {
    let regions = state
        .regions()
        .iter()
        .map(|region| {
            let api = format!("{}{}", origin.root(), catalogue::api_prefix(region));
            Region {
                name: region.name.clone(),
                display_name: region.display_name.clone(),
                dashboard: Some(origin.root().to_owned()),
                database_api: Some(api.clone()),
                api,
                ssh: Some(format!("{}:22", region.git_host)),
                default: region.default,
            }
        })
        .collect();
    ok(&RegionsResponse { regions })
}
