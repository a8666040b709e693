//! The addon catalogue, public as on the platform (no bearer needed; one
//! is accepted): `GET /addon_providers`, `GET /addon_providers/:id/plans`
//! and `GET /addon_categories` (see `domain::addons::catalogue`).
//!
//! - `GET /addon_providers[?category_id=]` → 200 `{"addon_providers":
//!   […]}`, each with its category and its plans (disabled plans left
//!   out). An unknown category gives an empty list; `dedicated` is
//!   ignored (the simulator has no dedicated databases).
//! - `GET /addon_providers/:id/plans[?show_all=true]` → 200 `{"plans":
//!   […]}`, disabled plans only with `show_all`; 404 `addon_provider`.
//! - `GET /addon_categories` → 200 `{"addon_categories": […]}`, in their
//!   order.
//!
//! Logos are the simulator's (`/_sim/addon-logos/<id>.svg`, see
//! `sim_addons`), as absolute URLs on the request's origin.

use axum::{
    extract::{Path, State},
    response::Response,
    routing::get,
    Router,
};
use scalingo_api::{AddonCategoriesResponse, AddonProvidersResponse, PlansResponse};

use crate::{
    domain::{
        addons::render,
        error::{ApiError, ApiResult},
        origin::Origin,
    },
    http::{
        extract::{query_param, QueryMap},
        response::ok,
    },
    state::SharedState,
};

pub fn routes() -> Router<SharedState> {
    Router::new()
        .route("/v1/addon_providers", get(providers))
        .route("/v1/addon_providers/{id}/plans", get(plans))
        .route("/v1/addon_categories", get(categories))
}

async fn providers(State(state): State<SharedState>, origin: Origin, query: QueryMap) -> Response {
    let category = query_param(&query, "category_id").filter(|c| !c.trim().is_empty());
    let addon_providers = state.read(|p| {
        p.addon_providers
            .iter()
            .filter(|provider| {
                category
                    .as_deref()
                    .is_none_or(|wanted| provider.category.as_ref().is_some_and(|c| c.id == wanted))
            })
            .map(|provider| render::provider(provider, &origin))
            .collect()
    });
    ok(&AddonProvidersResponse { addon_providers })
}

async fn plans(
    State(state): State<SharedState>,
    Path(id): Path<String>,
    query: QueryMap,
) -> ApiResult<Response> {
    let show_all = query_param(&query, "show_all").is_some_and(|v| v.trim() == "true");
    let plans = state.read(|p| {
        p.addon_provider(&id)
            .map(|provider| render::plans(&provider.plans, show_all))
            .ok_or_else(|| ApiError::not_found("addon_provider"))
    })?;
    Ok(ok(&PlansResponse { plans }))
}

async fn categories(State(state): State<SharedState>) -> Response {
    let addon_categories = state.read(|p| p.addon_categories.clone());
    ok(&AddonCategoriesResponse { addon_categories })
}
