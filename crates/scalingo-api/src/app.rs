//! The application object and the requests that create and change it.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::lenient;

/// The state of an application, as `GET /apps/:app` reports it.
///
/// Values this version does not know are kept in `Other` so they can still be
/// shown as sent.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum AppStatus {
    New,
    Running,
    Stopped,
    Crashed,
    Restarting,
    Scaling,
    Booting,
    Other(String),
}

impl AppStatus {
    pub fn as_str(&self) -> &str {
        match self {
            AppStatus::New => "new",
            AppStatus::Running => "running",
            AppStatus::Stopped => "stopped",
            AppStatus::Crashed => "crashed",
            AppStatus::Restarting => "restarting",
            AppStatus::Scaling => "scaling",
            AppStatus::Booting => "booting",
            AppStatus::Other(other) => other,
        }
    }

    /// True while an operation (scale, restart, deployment) is under way.
    pub fn is_transitional(&self) -> bool {
        matches!(
            self,
            AppStatus::Restarting | AppStatus::Scaling | AppStatus::Booting
        )
    }
}

impl From<String> for AppStatus {
    fn from(value: String) -> Self {
        match value.as_str() {
            "new" => AppStatus::New,
            "running" => AppStatus::Running,
            "stopped" => AppStatus::Stopped,
            "crashed" => AppStatus::Crashed,
            "restarting" => AppStatus::Restarting,
            "scaling" => AppStatus::Scaling,
            "booting" => AppStatus::Booting,
            _ => AppStatus::Other(value),
        }
    }
}

impl From<AppStatus> for String {
    fn from(value: AppStatus) -> Self {
        value.as_str().to_owned()
    }
}

impl fmt::Display for AppStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The owner of an application (a user).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Owner {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub username: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub email: String,
    #[serde(
        default,
        deserialize_with = "lenient::object",
        skip_serializing_if = "Map::is_empty"
    )]
    pub flags: Map<String, Value>,
}

/// The project an application belongs to, as embedded in the app object.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProjectRef {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
}

/// Related links of an application.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AppLinks {
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub deployments_stream: Option<String>,
}

/// Who may access the application's containers and databases, and until when.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DataAccessConsent {
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub app_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub user_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub containers_until: Option<String>,
    /// The API documentation's example spells it `database_until`.
    #[serde(
        default,
        alias = "database_until",
        deserialize_with = "lenient::opt_string"
    )]
    pub databases_until: Option<String>,
}

/// An application, as listed, shown, created and updated by the API.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct App {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub region: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub created_at: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub updated_at: Option<String>,
    /// Empty or absent unless this is a child (review) app.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub parent_app_name: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub git_url: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub url: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub base_url: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string_into")]
    pub status: Option<AppStatus>,
    #[serde(default, deserialize_with = "lenient::opt_object")]
    pub owner: Option<Owner>,
    #[serde(default, deserialize_with = "lenient::opt_object")]
    pub project: Option<ProjectRef>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub last_deployed_at: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub last_deployed_by: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub last_deployment_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_object")]
    pub links: Option<AppLinks>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub git_source: Option<String>,
    #[serde(default, deserialize_with = "lenient::object")]
    pub flags: Map<String, Value>,
    /// Only operator-set overrides; empty for the default limits.
    #[serde(default, deserialize_with = "lenient::object")]
    pub limits: Map<String, Value>,
    #[serde(default, deserialize_with = "lenient::bool")]
    pub force_https: bool,
    #[serde(default, deserialize_with = "lenient::bool")]
    pub sticky_session: bool,
    #[serde(default, deserialize_with = "lenient::bool")]
    pub router_logs: bool,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub stack_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::bool")]
    pub hds_resource: bool,
    #[serde(default, deserialize_with = "lenient::strings")]
    pub private_networks_ids: Vec<String>,
    #[serde(default, deserialize_with = "lenient::opt_object")]
    pub data_access_consent: Option<DataAccessConsent>,
}

impl App {
    /// The parent's name when this is a child app (`""` means none).
    pub fn parent(&self) -> Option<&str> {
        self.parent_app_name.as_deref().filter(|p| !p.is_empty())
    }
}

/// `{"app": …}`: the body of show, create, update, rename and transfer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AppResponse {
    pub app: App,
}

/// `{"apps": […]}`: the body of the application list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AppsResponse {
    #[serde(default, deserialize_with = "lenient::vec")]
    pub apps: Vec<App>,
}

/// Parameters of `POST /apps` (and of `POST /apps/:parent/child_apps`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewApp {
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub git_source: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub stack_id: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub project_id: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_bool"
    )]
    pub hds_resource: Option<bool>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub parent_id: Option<String>,
}

/// `{"app": {…}}` wrapper of a creation request.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateAppRequest {
    pub app: NewApp,
}

/// The settings `PATCH /apps/:app` can change; absent fields are left alone.
/// `owner` (an email or user id) transfers the ownership.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AppUpdate {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_bool"
    )]
    pub force_https: Option<bool>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_bool"
    )]
    pub sticky_session: Option<bool>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_bool"
    )]
    pub router_logs: Option<bool>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub stack_id: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub project_id: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub owner: Option<String>,
}

impl AppUpdate {
    pub fn is_empty(&self) -> bool {
        self == &AppUpdate::default()
    }
}

/// `{"app": {…}}` wrapper of a settings update or an ownership transfer.
/// `current_name` confirms a transfer (the docs put it in the query string,
/// recorded traffic in the body; both are accepted).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateAppRequest {
    pub app: AppUpdate,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub current_name: Option<String>,
}

/// Body of `POST /apps/:app/rename`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RenameRequest {
    #[serde(default, deserialize_with = "lenient::string")]
    pub current_name: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub new_name: String,
}
