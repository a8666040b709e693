//! The HTTP surface: one module per area of the API, each contributing its
//! routes, assembled here with the cross-cutting layers.

mod account;
mod app_update;
mod apps;
mod catalogue;
mod child_apps;
mod collaborators;
mod containers;
mod events;
mod logs;
mod logs_archives;
mod one_offs;
mod operations;
mod pagination;
mod recommended;
mod restart;
mod scale;
mod scale_request;
mod sim_chaos;
mod sim_control;
mod sim_csp_reports;
mod sim_traffic;
mod stats;

use std::collections::HashMap;

use axum::{
    extract::{rejection::QueryRejection, Query, Request, State},
    middleware,
    response::IntoResponse,
    routing::get,
    Router,
};
use serde_json::Value;
use tower_http::{catch_panic::CatchPanicLayer, trace::TraceLayer};

use crate::{error::ApiError, http, region, state::SharedState, static_files, traffic};

/// The whole application: the simulated platform and its layers.
pub fn router(state: SharedState) -> Router {
    platform_routes(&state)
        .method_not_allowed_fallback(method_not_allowed)
        // Counts and limits requests per bearer (see `traffic`); inside
        // CORS, so that a 429 can be read by a browser.
        .layer(middleware::from_fn_with_state(
            state.clone(),
            traffic::count_and_limit,
        ))
        .layer(CatchPanicLayer::custom(http::panic_response))
        // Requests are logged at debug level (`RUST_LOG=tower_http=debug`).
        .layer(TraceLayer::new_for_http())
        // Around the regions' dispatch: their errors (a region down) carry
        // the CORS headers too, so that a browser can read them.
        .layer(http::cors_layer(state.settings.allowed_origins.clone()))
        .layer(middleware::from_fn(http::request_id_and_caching))
        // JSON answers gzip-compressed for clients that accept it, as the
        // platform's are (the dashboard's files have their own copies).
        .layer(http::json_compression())
        .with_state(state)
}

/// The auth routes, `/config.json` and the simulator's controls at the
/// root, then every region's API (see `region`), and the dashboard files.
fn platform_routes(state: &SharedState) -> Router<SharedState> {
    let regional = regional_router().with_state(state.clone());
    Router::new()
        .merge(account::routes())
        .merge(sim_control::routes())
        .route("/config.json", get(static_files::config_json))
        .fallback(move |State(state): State<SharedState>, request: Request| {
            region::dispatch(state, regional.clone(), request)
        })
}

/// The API of one region, as `region::dispatch` hands it requests (with
/// their region prefix stripped).
fn regional_router() -> Router<SharedState> {
    Router::new()
        .merge(apps::routes())
        .merge(app_update::routes())
        .merge(containers::routes())
        .merge(catalogue::routes())
        .merge(collaborators::routes())
        .merge(scale::routes())
        .merge(restart::routes())
        .merge(operations::routes())
        .merge(one_offs::routes())
        .merge(child_apps::routes())
        .merge(events::routes())
        .merge(logs::routes())
        .merge(logs_archives::routes())
        .merge(stats::routes())
        .fallback(static_files::fallback)
        .method_not_allowed_fallback(method_not_allowed)
}

async fn method_not_allowed() -> impl IntoResponse {
    ApiError::new(
        axum::http::StatusCode::METHOD_NOT_ALLOWED,
        scalingo_api::ErrorBody::message("method not allowed"),
    )
}

/// Query parameters; a query that does not parse counts as empty.
pub(crate) type QueryMap = Result<Query<HashMap<String, String>>, QueryRejection>;

pub(crate) fn query_param(query: &QueryMap, key: &str) -> Option<String> {
    query.as_ref().ok().and_then(|q| q.0.get(key).cloned())
}

/// `current_name`, from the query string (docs) or the JSON body (recorded
/// traffic), at the root of the body or inside its `app` object.
pub(crate) fn current_name(query: &QueryMap, body: &Value) -> Option<String> {
    query_param(query, "current_name").or_else(|| {
        [
            body.get("current_name"),
            body.get("app").and_then(|a| a.get("current_name")),
        ]
        .into_iter()
        .flatten()
        .find_map(|v| v.as_str().map(str::to_owned))
    })
}
