//! API-aware building blocks shared by pages.

mod app_facts;
mod app_table;
mod async_view;
mod container_table;
mod create_app_dialog;
mod date_time;
mod external_link;
mod formation_table;
mod status_badge;
mod top_bar;

pub use app_facts::AppFacts;
pub use app_table::AppTable;
pub use async_view::AsyncView;
pub use container_table::ContainerTable;
pub use create_app_dialog::CreateAppDialog;
pub use date_time::{now_ms, DateTime};
pub use external_link::ExternalLink;
pub use formation_table::FormationTable;
pub use status_badge::StatusBadge;
pub use top_bar::TopBar;
