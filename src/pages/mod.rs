//! One component per route.

mod activity;
pub mod app;
mod app_list;
mod connect;
mod not_found;
mod typed_url_query;
pub mod url_query;

pub use activity::ActivityPage;
pub use app::AppPage;
pub use app_list::AppListPage;
pub use connect::ConnectPage;
pub use not_found::NotFound;
