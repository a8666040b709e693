//! The formation (`containers`), the running containers (`ps`) and the
//! container sizes.

use axum::{
    extract::{Path, State},
    response::Response,
    routing::get,
    Router,
};
use scalingo_api::{ContainerSizesResponse, ContainersResponse, FormationResponse};

use super::caller::CurrentUser;
use crate::{
    domain::{
        catalogue,
        error::{ApiError, ApiResult},
        render,
    },
    http::{extract::ApiRegion, response::ok},
    state::SharedState,
};

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/v1/apps/{app}/containers", get(formation))
        .route("/v1/apps/{app}/ps", get(ps))
        .route("/v1/features/container_sizes", get(container_sizes))
}

async fn formation(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path(ident): Path<String>,
) -> ApiResult<Response> {
    let containers = state.read(|p| {
        let (index, _) = p.accessible_app(region.as_str(), &ident, &user.id)?;
        let app = &p.apps[index];
        Ok::<_, ApiError>(
            app.formation
                .iter()
                .map(|t| render::container_type(app, t))
                .collect(),
        )
    })?;
    Ok(ok(&FormationResponse { containers }))
}

async fn ps(
    State(state): State<SharedState>,
    CurrentUser(user): CurrentUser,
    region: ApiRegion,
    Path(ident): Path<String>,
) -> ApiResult<Response> {
    let containers = state.read(|p| {
        let (index, _) = p.accessible_app(region.as_str(), &ident, &user.id)?;
        let app = &p.apps[index];
        Ok::<_, ApiError>(
            app.containers
                .iter()
                .map(|c| render::container(p, app, c))
                .collect(),
        )
    })?;
    Ok(ok(&ContainersResponse { containers }))
}

/// No authentication needed: the sizes are public. Their SKUs name the
/// region.
async fn container_sizes(State(state): State<SharedState>, region: ApiRegion) -> Response {
    let container_sizes = state.read(|p| {
        p.container_sizes
            .iter()
            .map(|size| catalogue::size_in_region(size, region.as_str()))
            .collect()
    });
    ok(&ContainerSizesResponse { container_sizes })
}
