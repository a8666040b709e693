//! One component per route.

mod app_list;
mod app_page;
mod connect;
mod not_found;

pub use app_list::AppListPage;
pub use app_page::AppPage;
pub use connect::ConnectPage;
pub use not_found::NotFound;
