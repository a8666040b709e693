//! Projects: the folders apps are grouped in (`GET /v1/projects`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{lenient, Owner};

/// A project of the current user.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// `pr-<uuid>`.
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    /// The project new apps go to when no project is given.
    #[serde(default, deserialize_with = "lenient::bool")]
    pub default: bool,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub created_at: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub updated_at: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_object")]
    pub owner: Option<Owner>,
    #[serde(default, deserialize_with = "lenient::object")]
    pub flags: Map<String, Value>,
}

/// `{"projects": […]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProjectsResponse {
    #[serde(default, deserialize_with = "lenient::vec")]
    pub projects: Vec<Project>,
}

/// `{"project": …}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProjectResponse {
    pub project: Project,
}
