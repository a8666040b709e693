//! App-wide state, provided as contexts.

pub mod config;
pub mod notices;
pub mod operations;
pub mod session;
