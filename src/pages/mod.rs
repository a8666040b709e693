//! One component per route.

mod app;
mod app_list;
mod connect;
mod not_found;

pub use app::AppPage;
pub use app_list::AppListPage;
pub use connect::ConnectPage;
pub use not_found::NotFound;
