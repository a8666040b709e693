//! App-wide state, provided as contexts.

pub mod fleet;
pub mod notices;
pub mod operations;
pub mod parking;
pub mod preferences;
pub mod query;
