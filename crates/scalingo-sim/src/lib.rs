//! A local Scalingo platform: a stateful implementation of the Scalingo API
//! (the Applications part and what a dashboard shows beside it) with
//! realistic demo data, which also serves the built dashboard.
//!
//! Request and response bodies are the `scalingo_api` models the dashboard
//! uses, so both sides share one definition of the wire format.
//!
//! Beside the faithful platform, it can misbehave on purpose, to show how a
//! client copes: random faults (`chaos`), the documented rate limit
//! (`traffic`), and data made to break careless user interfaces
//! ([`hostile`]).

mod auth;
mod catalogue;
mod chaos;
pub mod config;
mod csp_reports;
pub mod demo;
mod error;
pub mod hostile;
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
mod traffic;

pub use config::{ChaosConfig, DemoKind, SimConfig};
pub use demo::{DEMO_TOKEN, GRACE_TOKEN};
pub use routes::router;
pub use server::{start, RunningSim};
pub use state::{SharedState, SimState};
pub use traffic::{RequestCounts, TokenCount};
