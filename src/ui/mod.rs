//! Generic UI primitives. They know nothing of the API or the router.

mod button;
mod confirm_dialog;
mod dialog;
mod empty_state;
mod error_panel;
mod field_errors;
mod form_shell;
mod skeleton;
mod switch;

pub use button::{Button, ButtonSize, ButtonVariant};
pub use confirm_dialog::ConfirmDialog;
pub use dialog::{open_until_closed, Dialog};
pub use empty_state::EmptyState;
pub use error_panel::ErrorPanel;
pub use field_errors::FieldErrors;
pub use form_shell::{FormError, FormShell, SubmitButton};
pub use skeleton::Skeleton;
pub use switch::Switch;
