//! The whole application: the routes of the root and of the regions, with
//! the layers in the order a request meets them.
//!
//! From the outside in: gzip for JSON answers, the request id and caching
//! headers, CORS (so that every answer, errors and refusals included, can
//! be read by a browser), request tracing, the net for a panicking
//! handler, then the rate limit. Requests no root route takes go to the
//! region dispatch (see `regions`), whose router has its own layers: chaos
//! outside, the hostile quirks inside, so a corrupted body is corrupted
//! after the quirks.

use std::sync::Arc;

use axum::{extract::Request, extract::State, middleware, Router};
use tower_http::{catch_panic::CatchPanicLayer, trace::TraceLayer};

use super::regions;
use crate::{
    http::{cors::cors_layer, headers},
    layers::{
        chaos,
        hostile_wire::{self, AppNames},
        rate_limit,
    },
    routes,
    state::SharedState,
};

/// The simulated platform with its layers.
pub fn router(state: SharedState) -> Router {
    let regional = regional_router(&state);
    routes::root()
        .fallback(move |State(state): State<SharedState>, request: Request| {
            regions::dispatch(state, regional.clone(), request)
        })
        .layer(middleware::from_fn_with_state(
            state.traffic.clone(),
            rate_limit::middleware,
        ))
        .layer(CatchPanicLayer::custom(headers::panic_response))
        // Requests are logged at debug level (`RUST_LOG=tower_http=debug`).
        .layer(TraceLayer::new_for_http())
        .layer(cors_layer(state.settings.allowed_origins.clone()))
        .layer(middleware::from_fn(headers::request_id_and_caching))
        // JSON answers gzip-compressed for clients that accept it, as the
        // platform's are (the dashboard's files have their own copies).
        .layer(headers::json_compression())
        .with_state(state)
}

/// The API of one region, as the dispatch hands it requests (their region
/// prefix stripped), with chaos and, on a hostile platform, the wire
/// quirks.
fn regional_router(state: &SharedState) -> Router {
    let mut regional = routes::regional().with_state(state.clone());
    if state.settings.hostile {
        regional = regional.layer(middleware::from_fn_with_state(
            app_names(state),
            hostile_wire::middleware,
        ));
    }
    regional.layer(middleware::from_fn_with_state(
        state.chaos.clone(),
        chaos::middleware,
    ))
}

/// The hostile layer's view of the platform: the name of an app, by name
/// or id.
fn app_names(state: &SharedState) -> AppNames {
    let state = state.clone();
    Arc::new(move |ident: &str| {
        state.read(|p| {
            p.apps
                .iter()
                .find(|a| a.id == ident || a.name == ident)
                .map(|a| a.name.clone())
        })
    })
}
