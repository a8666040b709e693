//! The typed API client: the one place that speaks HTTP to Scalingo.
//!
//! Every call returns `Result<T, ApiError>`; failures carry the API's own
//! message. A 401 triggers one token re-exchange and one retry.

mod actions;
mod addons;
mod alerts;
mod answer;
mod app_api;
mod apps;
mod auth;
mod autoscalers;
mod catalog;
pub(crate) mod client;
mod collaborators;
pub mod config;
mod containers;
mod deployments;
mod domains;
mod environment;
mod error;
pub mod logs;
pub mod metrics;
pub mod session;
pub mod traffic;

pub use actions::Started;
pub use app_api::{use_app_api, AppApi};
pub use client::{use_api, Answer, ApiClient, Base, Call, RecentReads};
pub use containers::ChildAppsPage;
pub use deployments::DeploymentsPage;
pub use error::ApiError;
