//! The Scalingo dashboard: a Leptos single-page app that talks to the
//! Scalingo API from the browser.
//!
//! - `logic`: plain functions and types (filtering, formatting, URL state),
//!   tested on the host with `#[test]`;
//! - `api`: the typed API client, the one place that speaks HTTP;
//! - `state`: app-wide contexts (runtime configuration, session);
//! - `ui`: generic components that know nothing of the API or the router;
//! - `components`: API-aware building blocks; `pages`: one route each.

pub mod api;
mod app;
#[cfg(feature = "bench")]
pub mod bench;
pub mod browser;
pub mod chunks;
pub mod components;
pub mod logic;
pub mod pages;
pub mod perf;
pub mod state;
pub mod ui;

pub use app::App;
