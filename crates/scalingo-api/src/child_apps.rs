//! Child applications (review apps created through the API).

use serde::{Deserialize, Serialize};

use crate::{lenient, App, Meta};

/// `{"child_apps": […], "meta": {"pagination": …}}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChildAppsResponse {
    #[serde(default, deserialize_with = "lenient::vec")]
    pub child_apps: Vec<App>,
    #[serde(default, deserialize_with = "lenient::opt_object")]
    pub meta: Option<Meta>,
}
