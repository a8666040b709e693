//! Synthetic but consistent telemetry: deterministic noise, and the history
//! of what ran when, shared by the logs and the metrics.

pub mod noise;
pub mod timeline;
