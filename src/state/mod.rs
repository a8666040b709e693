//! App-wide state, provided as contexts.

pub mod config;
pub mod fleet;
pub mod notices;
pub mod operations;
pub mod parking;
pub mod preferences;
pub mod query;
pub mod session;
