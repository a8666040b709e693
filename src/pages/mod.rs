//! One component per route.

mod activity;
pub mod app;
mod app_list;
pub mod chunks;
mod connect;
mod not_found;
pub mod url_query;

pub use activity::ActivityPage;
pub use app::AppPage;
pub use app_list::AppListPage;
pub use connect::ConnectPage;
pub use not_found::NotFound;
