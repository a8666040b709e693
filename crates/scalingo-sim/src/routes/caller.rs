//! Who is calling: the user of a request authenticated with
//! `Authorization: Bearer <JWT>`, checked against the token signer and the
//! platform's users.

use axum::{
    extract::FromRequestParts,
    http::{header, request::Parts},
};

use crate::{
    domain::{
        error::{ApiError, NOT_AUTHORIZED},
        model::UserRecord,
        tokens::unix_now,
    },
    state::SharedState,
};

/// The user of a request authenticated with `Authorization: Bearer <JWT>`;
/// 401 `{"error"}` otherwise.
#[derive(Debug, Clone)]
pub struct CurrentUser(pub UserRecord);

impl FromRequestParts<SharedState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &SharedState,
    ) -> Result<Self, Self::Rejection> {
        let header = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .ok_or_else(|| ApiError::unauthorized(NOT_AUTHORIZED))?;
        let token = header
            .split_once(' ')
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .ok_or_else(|| ApiError::unauthorized(NOT_AUTHORIZED))?;
        let claims = state
            .signer
            .verify(token, unix_now())
            .map_err(|e| ApiError::unauthorized(e.message()))?;
        state
            .read(|platform| platform.user(&claims.uuid).cloned())
            .map(CurrentUser)
            .ok_or_else(|| ApiError::unauthorized(NOT_AUTHORIZED))
    }
}
