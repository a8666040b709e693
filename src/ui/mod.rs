//! Generic UI primitives. They know nothing of the API or the router.

mod dialog;
mod empty_state;
mod error_panel;
mod skeleton;

pub use dialog::Dialog;
pub use empty_state::EmptyState;
pub use error_panel::ErrorPanel;
pub use skeleton::Skeleton;
