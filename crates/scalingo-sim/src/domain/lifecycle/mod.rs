//! How the platform changes over time: operations (scale, restart, attached
//! one-offs), deployments and container lifecycles, planned when a request
//! starts them and applied by `Platform::settle` as their moments pass.

pub mod addon;
pub mod deployment;
pub mod domain;
pub mod one_off;
pub mod operation;
pub mod restart;
pub mod scale;
mod settle;
pub mod timing;

#[cfg(test)]
mod tests;

pub use deployment::DeploymentOrder;
pub use operation::{OperationPlan, DEFAULT_FAILURE};
pub use timing::Timing;
