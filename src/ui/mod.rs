//! Generic UI primitives. They know nothing of the API or the router.

mod confirm_dialog;
mod dialog;
mod empty_state;
mod error_panel;
mod skeleton;
mod switch;

pub use confirm_dialog::ConfirmDialog;
pub use dialog::Dialog;
pub use empty_state::EmptyState;
pub use error_panel::ErrorPanel;
pub use skeleton::Skeleton;
pub use switch::Switch;
