//! Typed models of the Scalingo API (the Applications part and what a
//! dashboard shows beside it), and the validation rules shared by the
//! dashboard (live validation) and the simulator (422 bodies).
//!
//! Every model is lenient on input: unknown fields are ignored, missing
//! optional fields become `None` or a default, `null` where a string or a
//! number was expected does not fail, and enums keep values they do not know.
//! API data is untrusted; a parse error must never be the reason a page dies.

pub mod addons;
pub mod alerts;
pub mod app;
pub mod auth;
pub mod autoscalers;
pub mod child_apps;
pub mod collaborators;
pub mod containers;
pub mod deployments;
pub mod depth;
pub mod domains;
pub mod errors;
pub mod events;
pub mod go_duration;
pub mod lenient;
pub mod logs;
pub mod metrics;
pub mod notification_platforms;
pub mod notifiers;
pub mod operations;
pub mod pagination;
pub mod projects;
pub mod run;
pub mod stacks;
pub mod tls;
pub mod trigger_metrics;
pub mod validation;
pub mod variables;

pub use addons::*;
pub use alerts::*;
pub use app::*;
pub use auth::*;
pub use autoscalers::*;
pub use child_apps::*;
pub use collaborators::*;
pub use containers::*;
pub use deployments::*;
pub use depth::*;
pub use domains::*;
pub use errors::*;
pub use events::*;
pub use go_duration::*;
pub use logs::*;
pub use metrics::*;
pub use notification_platforms::*;
pub use notifiers::*;
pub use operations::*;
pub use pagination::*;
pub use projects::*;
pub use run::*;
pub use stacks::*;
pub use tls::*;
pub use trigger_metrics::*;
pub use validation::*;
pub use variables::*;
