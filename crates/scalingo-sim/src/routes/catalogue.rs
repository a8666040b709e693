//! Stacks (public) and the projects of the current user.

use axum::{extract::State, response::Response, routing::get, Router};
use scalingo_api::{ProjectsResponse, StacksResponse};

use super::caller::CurrentUser;
use crate::{
    domain::render,
    http::{extract::ApiRegion, response::ok},
    state::SharedState,
};

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/v1/features/stacks", get(stacks))
        .route("/v1/projects", get(projects))
}

/// No authentication needed: the stacks are public.
async fn stacks(State(state): State<SharedState>) -> Response {
    let stacks = state.read(|p| p.stacks.clone());
    ok(&StacksResponse { stacks })
}

/// The user's projects in the region (projects are regional).
async fn projects(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
) -> Response {
    let projects = state.read(|p| {
        p.projects_of(region.as_str(), &user.id)
            .map(|project| render::project(p, project))
            .collect()
    });
    ok(&ProjectsResponse { projects })
}
