//! `GET /apps/:app/operations/:id`: what clients poll after a 202.

use axum::{
    extract::{Path, State},
    response::Response,
    routing::get,
    Router,
};
use scalingo_api::OperationResponse;

use super::caller::CurrentUser;
use crate::{
    domain::{
        error::{ApiError, ApiResult},
        origin::Origin,
        render,
    },
    http::{extract::ApiRegion, response::ok},
    state::SharedState,
};

pub fn routes() -> Router<SharedState> {
    Router::new().route("/v1/apps/{app}/operations/{id}", get(show))
}

async fn show(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    origin: Origin,
    Path((ident, id)): Path<(String, String)>,
) -> ApiResult<Response> {
    let operation = state.read(|p| {
        let (index, _) = p.accessible_app(region.as_str(), &ident, &user.id)?;
        let app_id = &p.apps[index].id;
        p.operations
            .iter()
            .find(|op| op.id == id && &op.app_id == app_id)
            .map(|op| render::operation(op, &origin))
            .ok_or_else(|| ApiError::not_found("operation"))
    })?;
    Ok(ok(&OperationResponse { operation }))
}
