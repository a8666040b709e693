//! App-wide state, provided as contexts.

pub mod config;
pub mod session;
