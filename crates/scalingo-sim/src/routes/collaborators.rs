//! Collaborators of an app (the owner is not listed).

use axum::{
    extract::{Path, State},
    response::Response,
    routing::get,
    Router,
};
use scalingo_api::CollaboratorsResponse;

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
    Router::new().route("/v1/apps/{app}/collaborators", get(list))
}

async fn list(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    origin: Origin,
    Path(ident): Path<String>,
) -> ApiResult<Response> {
    let collaborators = state.read(|p| {
        let (index, _) = p.accessible_app(region.as_str(), &ident, &user.id)?;
        let app = &p.apps[index];
        Ok::<_, ApiError>(
            p.collaborators_of(&app.id)
                .map(|c| render::collaborator(p, app, c, &origin))
                .collect(),
        )
    })?;
    Ok(ok(&CollaboratorsResponse { collaborators }))
}
