//! A local Scalingo platform: a stateful implementation of the Scalingo API
//! (the Applications part and what a dashboard shows beside it) with
//! realistic demo data, which also serves the built dashboard.
//!
//! Request and response bodies are the `scalingo_api` models the dashboard
//! uses, so both sides share one definition of the wire format.

mod auth;
mod catalogue;
pub mod config;
pub mod demo;
mod error;
mod http;
mod ids;
mod lifecycle;
mod logs;
mod metrics;
pub mod model;
mod persist;
mod platform;
mod region;
mod render;
mod routes;
mod server;
pub mod state;
mod static_files;
mod telemetry;
mod time;

pub use config::SimConfig;
pub use demo::{DEMO_TOKEN, GRACE_TOKEN};
pub use routes::router;
pub use server::{start, RunningSim};
pub use state::{SharedState, SimState};
