//! The server builder: the state assembled from the configuration
//! (`build`), the routes and layers assembled into one application (`app`),
//! requests routed to their region (`regions`), and a simulator serving on
//! a socket (`running`).

mod app;
mod build;
mod regions;
mod running;

pub use app::router;
pub use running::{start, RunningSim};
