//! A local Scalingo platform: a stateful implementation of the Scalingo API
//! (the Applications part and what a dashboard shows beside it) with demo
//! data, which also serves the built dashboard.
//!
//! Request and response bodies are the `scalingo_api` models the dashboard
//! uses, so both sides share one definition of the wire format.
//!
//! The crate is in layers, each importing only the ones below it, so that
//! no module needs another that needs it back:
//! - `domain`: the platform without HTTP: records, time, ids, catalogue,
//!   platform rules, lifecycles, telemetry, logs, the demo and hostile
//!   data; errors are plain data;
//! - `http`: responses (errors included), extractors, CORS and the headers
//!   of every answer;
//! - `layers`: the misbehaviour a client is tested against, as middleware
//!   around the regional API: chaos, the rate limit and the hostile demo's
//!   wire quirks;
//! - `state` and `routes`: the shared state and one module per area of the
//!   API;
//! - `server`: assembles the state, the routes and the layers, routes
//!   regions, and serves on a socket.
//!
//! How the simulator differs from the real API is written down in
//! `DIFFERENCES.md` beside this crate's manifest.

pub mod config;
mod csp_reports;
mod domain;
mod http;
mod layers;
mod persist;
mod routes;
mod server;
pub mod state;
mod uploads;

pub use config::{ChaosConfig, DemoKind, SimConfig};
pub use domain::demo::{DEMO_TOKEN, GRACE_TOKEN};
pub use domain::{demo, hostile, model};
pub use layers::rate_limit::{RequestCounts, TokenCount};
pub use server::{router, start, RunningSim};
pub use state::{SharedState, SimState};
