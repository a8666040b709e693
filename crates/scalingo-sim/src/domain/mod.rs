//! The simulated platform without HTTP: what it holds (`model`), its rules
//! (`platform`, `catalogue`, `variables`), how it changes over time
//! (`lifecycle`), what it generates on demand (`telemetry`, `logs`,
//! `builds`), the demo and hostile data it starts with, and its errors as
//! plain data (`error`).
//!
//! Nothing here knows axum or the server's state: the layers above turn
//! these values into responses, so the rules can be read and tested alone.

pub mod addons;
pub mod alerts;
pub mod autoscalers;
pub mod builds;
pub mod catalogue;
pub mod collaboration;
pub mod demo;
pub mod domains;
pub mod error;
pub mod hostile;
pub mod ids;
pub mod lifecycle;
pub mod logs;
pub mod model;
pub mod notification_catalogue;
pub mod notifiers;
pub mod origin;
pub mod platform;
pub mod render;
pub mod telemetry;
pub mod time;
pub mod tokens;
pub mod variables;
