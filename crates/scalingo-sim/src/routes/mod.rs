//! The HTTP surface: one module per area of the API, each contributing its
//! routes to the root (region-independent) or to every region's API. The
//! server builder (`server::app`) adds the layers and the region dispatch.

mod account;
mod addon_catalogue;
mod addons;
mod alerts;
mod app_update;
mod apps;
mod autoscalers;
mod body_fields;
mod caller;
mod catalogue;
mod child_apps;
mod collaborators;
mod containers;
mod dashboard;
mod deployments;
mod deployments_stream;
mod domains;
mod events;
mod logs;
mod logs_archives;
mod logs_stream;
mod notification_catalogue;
mod notifiers;
mod one_offs;
mod operations;
mod pagination;
mod recommended;
mod restart;
mod scale;
mod scale_request;
mod sim_addons;
mod sim_chaos;
mod sim_control;
mod sim_csp_reports;
mod sim_invitations;
mod sim_notifier_tests;
mod sim_traffic;
mod sources;
mod stats;
mod variables;

use axum::{routing::get, Router};

use crate::{domain::error::ApiError, state::SharedState};

/// The auth routes, `/config.json` and the simulator's controls, served at
/// the root only.
pub fn root() -> Router<SharedState> {
    Router::new()
        .merge(account::routes())
        .merge(sim_control::routes())
        .merge(sim_addons::routes())
        .route("/config.json", get(dashboard::config_json))
        .method_not_allowed_fallback(method_not_allowed)
}

/// The API of one region (paths without the region prefix), and the
/// dashboard's files for what is not the API.
pub fn regional() -> Router<SharedState> {
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
        .merge(variables::routes())
        .merge(addon_catalogue::routes())
        .merge(addons::routes())
        .merge(domains::routes())
        .merge(autoscalers::routes())
        .merge(alerts::routes())
        .merge(notifiers::routes())
        .merge(notification_catalogue::routes())
        .merge(deployments::routes())
        .merge(deployments_stream::routes())
        .merge(sources::routes())
        .fallback(dashboard::fallback)
        .method_not_allowed_fallback(method_not_allowed)
}

async fn method_not_allowed() -> ApiError {
    ApiError::method_not_allowed()
}
