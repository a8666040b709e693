//! `scalingo-gateway`: the dashboard for a real Scalingo account, served
//! by a small server that holds the API token, so that users never handle
//! one and the browser never sees one.
//!
//! It serves the built dashboard (`dist/`, see `scalingo_dist`) with a
//! `config.json` that points the dashboard at the gateway itself (see
//! `files`), and forwards the dashboard's API requests, on the same origin,
//! to the auth service and to each region's API with its own bearer (see
//! `forward`).
//!
//! What it guarantees:
//! - the API token is read from the environment only (`SCALINGO_API_TOKEN`,
//!   never the command line, which every user of the machine can read),
//!   exchanged for a bearer that is kept in memory and renewed before it
//!   expires (see `upstream`), and never written to a response or a log
//!   line (see [`ApiToken`]);
//! - the token routes of the auth service are not forwarded, so no page
//!   can obtain a bearer or mint a token through it;
//! - it answers no CORS and refuses requests a browser marks as sent by
//!   another site (see `guard`): other pages cannot act with its token;
//! - with `--read-only` it forwards reads only (`GET`, `HEAD`): every other
//!   request is answered 403 `{"error": "…read-only…", "code": "read_only"}`;
//! - it listens on loopback unless told otherwise.
//!
//! What it does not do: authenticate its users. Whoever reaches it acts
//! with its token; put it behind your portal's authentication, or keep it
//! on loopback.

mod config;
mod error;
mod files;
mod forward;
mod guard;
mod server;
mod state;
mod upstream;

pub use config::{ApiToken, GatewayConfig, SCALINGO_AUTH};
pub use server::{start, RunningGateway};
