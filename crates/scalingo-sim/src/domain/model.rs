//! The records of the platform state: what is kept in memory and in the data
//! file. API bodies are rendered from them (see `render`), so a record keeps
//! ids and dates rather than URLs or names of other records.

use scalingo_api::{
    AppStatus, CollaboratorStatus, ContainerSize, DataAccessConsent, DeploymentStatus,
    OperationStatus, Stack,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{
    catalogue::{default_region, RegionRecord},
    time::Timestamp,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserRecord {
    /// `us-<uuid>`.
    pub id: String,
    pub username: String,
    pub email: String,
    pub fullname: String,
    pub company: Option<String>,
    pub location: Option<String>,
    pub created_at: Timestamp,
    /// Without one, the free-usage rule applies (when it is enabled).
    pub has_payment_method: bool,
}

impl UserRecord {
    /// Who the platform's own events are by: no user (a crash is nobody's
    /// doing; clients show "the platform").
    pub fn platform() -> UserRecord {
        UserRecord {
            id: String::new(),
            username: String::new(),
            email: String::new(),
            fullname: String::new(),
            company: None,
            location: None,
            created_at: super::time::now(),
            has_payment_method: false,
        }
    }
}

/// A long-lived API token (`tk-us-…`), exchanged for bearer tokens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApiTokenRecord {
    pub token: String,
    pub user_id: String,
    pub name: String,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectRecord {
    /// `pr-<uuid>`.
    pub id: String,
    pub name: String,
    /// Projects are regional, like the apps in them (data files from
    /// before regions have everything in the default one).
    #[serde(default = "default_region")]
    pub region: String,
    pub default: bool,
    pub owner_id: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// One process type of the formation (`web`, `worker`…). It has its own id
/// and date so that scale operations can refer to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContainerTypeRecord {
    pub id: String,
    pub name: String,
    pub amount: u32,
    /// Size name (`M`).
    pub size: String,
    /// Empty when the Procfile decides.
    pub command: String,
    pub created_at: Timestamp,
}

/// One container instance, as `ps` lists it, with one-off containers in the
/// same list (`kind` is `one-off`).
///
/// Operations plan every change of a container when they start, as the
/// moments below; `Platform::settle` applies the ones that have passed. So
/// the state at any moment follows from the record alone, and a restart of
/// the simulator in the middle of an operation carries on where it was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContainerRecord {
    pub id: String,
    /// Process type, `one-off` or `postdeploy`.
    pub kind: String,
    pub type_index: u64,
    /// `booting`, `running`, `crashed`, `stopping`…
    pub state: String,
    pub command: String,
    /// Size name (`M`).
    pub size: String,
    /// When it appeared (booted).
    pub created_at: Timestamp,
    /// When a booting container turns `running` (never when `None`).
    #[serde(default)]
    pub running_at: Option<Timestamp>,
    /// When it turns `stopping`.
    #[serde(default)]
    pub stopping_at: Option<Timestamp>,
    /// When it leaves `ps`.
    #[serde(default)]
    pub gone_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppRecord {
    /// 24-hex ObjectId.
    pub id: String,
    /// Unique in its region (the same name may exist in another one).
    pub name: String,
    /// The one region whose API knows the app.
    #[serde(default = "default_region")]
    pub region: String,
    pub owner_id: String,
    pub project_id: String,
    pub stack_id: String,
    /// Empty unless this is a child app. A name, not an id, because children
    /// keep it when their parent is deleted.
    pub parent_app_name: String,
    pub status: AppStatus,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub last_deployed_at: Option<Timestamp>,
    /// Username of the pusher.
    pub last_deployed_by: Option<String>,
    pub last_deployment_id: Option<String>,
    pub git_source: Option<String>,
    pub force_https: bool,
    pub sticky_session: bool,
    pub router_logs: bool,
    pub hds_resource: bool,
    pub flags: Map<String, Value>,
    pub limits: Map<String, Value>,
    pub private_networks_ids: Vec<String>,
    pub data_access_consent: Option<DataAccessConsent>,
    /// Empty until the first deployment.
    pub formation: Vec<ContainerTypeRecord>,
    pub containers: Vec<ContainerRecord>,
    /// Containers an operation will start later (listed once `created_at`
    /// has passed).
    #[serde(default)]
    pub upcoming_containers: Vec<ContainerRecord>,
    /// `type_index` of the last one-off container (they count up).
    #[serde(default)]
    pub last_one_off_index: u64,
    /// Containers that have left `ps`, newest last (a bounded number, see
    /// `lifecycle::settle`): the logs still show what they wrote and when
    /// they stopped.
    #[serde(default)]
    pub past_containers: Vec<ContainerRecord>,
    /// The build cache was reset (`DELETE /apps/:app/caches/deployment`):
    /// the next build starts from nothing, and fills it again.
    #[serde(default)]
    pub build_cache_reset: bool,
}

impl AppRecord {
    pub fn is_child(&self) -> bool {
        !self.parent_app_name.is_empty()
    }
}

/// A collaborator of an app, or a pending invitation (`user_id` is `None`
/// until it is accepted).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollaboratorRecord {
    pub id: String,
    pub app_id: String,
    pub email: String,
    pub user_id: Option<String>,
    pub status: CollaboratorStatus,
    pub is_limited: bool,
    /// Part of the invitation link of a pending invitation.
    pub invitation_token: String,
    pub created_at: Timestamp,
}

/// The user an event is attributed to, frozen at event time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventUser {
    pub id: String,
    pub username: String,
    pub email: String,
}

/// An entry of the timeline, in the API's own shape. `app_name` and the
/// project are frozen at event time (a rename does not rewrite history).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    pub id: String,
    /// The region of the app, so that each region's `/events` keeps
    /// listing what happened to apps since deleted.
    #[serde(default = "default_region")]
    pub region: String,
    pub created_at: Timestamp,
    #[serde(rename = "type")]
    pub kind: String,
    pub app_id: String,
    pub app_name: String,
    pub project_id: String,
    pub project_name: String,
    pub user: EventUser,
    pub type_data: Value,
}

/// An asynchronous operation (scale, restart, attached one-off). Planned
/// whole when it is created: `running_at` and `finishes_at` say when its
/// status moves, `error` whether it will fail; `Platform::settle` moves it
/// and applies its end to the app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OperationRecord {
    pub id: String,
    pub app_id: String,
    /// `scale`, `restart` or `start-one-off`.
    #[serde(rename = "type")]
    pub kind: String,
    pub created_at: Timestamp,
    /// When it turns from `pending` to `running`.
    pub running_at: Timestamp,
    /// When it ends (its `finished_at`).
    pub finishes_at: Timestamp,
    /// The status as of the last settling.
    pub status: OperationStatus,
    /// Set once it has finished.
    pub finished_at: Option<Timestamp>,
    /// The message it ends with when it fails.
    pub error: Option<String>,
    /// The app's status once it ends (`None`: left alone).
    pub final_status: Option<AppStatus>,
    /// The formation put back when it ends (a failed scale).
    pub restore_formation: Option<Vec<ContainerTypeRecord>>,
    /// The container a `start-one-off` started.
    pub container_id: Option<String>,
    /// The container type reported as crashed when it fails (a `crash`
    /// event, as the platform writes when containers fail to start).
    #[serde(default)]
    pub failing_type: Option<String>,
}

/// An environment variable of an app. Values are kept as set: an alias
/// (`$OTHER`) is resolved only when a list asks for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariableRecord {
    /// 24-hex ObjectId.
    pub id: String,
    pub app_id: String,
    pub name: String,
    pub value: String,
}

/// Why a deployment fails, which its output tells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BuildFailure {
    /// The language's usual failure: a dependency that cannot be
    /// installed (`build-error`).
    Dependencies,
    /// The build stops with this message (the simulator's
    /// `fail-next-operation` control, `build-error`).
    Message { text: String },
    /// The source could not be fetched or unpacked (`build-error`).
    Source { text: String },
    /// The new containers crashed on start and printed this
    /// (`crashed-error`); the previous version keeps running.
    Crash { logs: String },
}

/// A deployment: a build, the push of its image and the start of its
/// containers. Planned whole when it is created, like an operation: the
/// moments below say when its status moves, `outcome` how it ends;
/// `Platform::settle` moves it and applies its end to the app. Its output
/// is not stored: it follows from the record (see `builds`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeploymentRecord {
    /// A UUID.
    pub id: String,
    pub app_id: String,
    pub created_at: Timestamp,
    /// When it leaves `queued`: its creation, unless another deployment of
    /// the app was under way (one at a time per app).
    pub building_at: Timestamp,
    /// When the image is pushed; `None` when the build fails.
    pub pushing_at: Option<Timestamp>,
    /// When the new containers start; `None` when the build fails.
    pub starting_at: Option<Timestamp>,
    /// When it ends (its `finished_at`).
    pub finishes_at: Timestamp,
    /// The status it ends with.
    pub outcome: DeploymentStatus,
    /// The status as of the last settling.
    pub status: DeploymentStatus,
    pub git_ref: String,
    /// The code of the deployment that was running when this one started.
    pub previous_git_ref: Option<String>,
    /// `deployment` (a `git push`) or `archive` (`POST /deployments`).
    #[serde(rename = "type")]
    pub kind: String,
    /// Bytes; `None` when no image was built.
    pub image_size: Option<u64>,
    pub stack_base_image: String,
    pub postdeploy_hook: Option<String>,
    pub pusher: EventUser,
    /// The buildpack that builds it (`ruby`, `nodejs`, `python`, `php`,
    /// `go`): what its output is made of.
    pub language: String,
    /// The build started without a cache (a first deployment, or one after
    /// a reset).
    pub cold_cache: bool,
    /// Why it fails (`None` for a deployment that succeeds).
    pub failure: Option<BuildFailure>,
    /// Where the archive came from (`archive` deployments).
    pub source_url: Option<String>,
    /// The app's status before the deployment (put back when it fails).
    pub status_before: AppStatus,
    /// The formation a first deployment gives the app, set when it
    /// succeeds.
    pub new_formation: Option<Vec<ContainerTypeRecord>>,
}

/// Everything the platform knows. Serialized as a whole into the data file:
/// a field added later needs `#[serde(default)]` so that existing data files
/// still load (or a new version number in `persist`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Platform {
    /// Bumped by every mutation; orders the writes of the data file.
    pub revision: u64,
    /// The default region first. Data files from before regions had one
    /// `region` (ignored now) and get the catalogue's.
    #[serde(default = "super::catalogue::regions")]
    pub regions: Vec<RegionRecord>,
    pub users: Vec<UserRecord>,
    pub tokens: Vec<ApiTokenRecord>,
    pub projects: Vec<ProjectRecord>,
    pub stacks: Vec<Stack>,
    pub container_sizes: Vec<ContainerSize>,
    pub apps: Vec<AppRecord>,
    pub collaborators: Vec<CollaboratorRecord>,
    pub events: Vec<EventRecord>,
    #[serde(default)]
    pub operations: Vec<OperationRecord>,
    /// Every app's environment, in creation order.
    #[serde(default)]
    pub variables: Vec<VariableRecord>,
    /// Every app's deployments, oldest first.
    #[serde(default)]
    pub deployments: Vec<DeploymentRecord>,
    /// Every app's autoscalers (one per process type).
    #[serde(default)]
    pub autoscalers: Vec<super::autoscalers::AutoscalerRecord>,
    /// Every app's alerts.
    #[serde(default)]
    pub alerts: Vec<super::alerts::AlertRecord>,
    /// Every app's notifiers (each app has a default e-mail one).
    #[serde(default)]
    pub notifiers: Vec<super::notifiers::NotifierRecord>,
    /// The notifications `POST …/notifiers/:id/test` sent, newest last (a
    /// bounded number; read with `GET /_sim/notifier-tests`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notifier_tests: Vec<super::notifiers::NotifierTestRecord>,
    /// The addon catalogue (data files from before addons get the
    /// simulator's, see `addons::catalogue`).
    #[serde(default = "super::addons::catalogue::categories")]
    pub addon_categories: Vec<scalingo_api::AddonCategory>,
    #[serde(default = "super::addons::catalogue::providers")]
    pub addon_providers: Vec<scalingo_api::AddonProvider>,
    /// Every app's addons, in creation order.
    #[serde(default)]
    pub addons: Vec<super::addons::AddonRecord>,
    /// Every app's custom domains, in creation order.
    #[serde(default)]
    pub domains: Vec<super::domains::DomainRecord>,
    /// Armed by `POST /_sim/fail-next-operation`: the next operation or
    /// deployment created fails with this message.
    #[serde(default)]
    pub fail_next_operation: Option<String>,
    /// Generated as the hostile demo (`--demo hostile`): its responses get
    /// the quirks of `hostile::wire` and its hostile apps log hostile
    /// lines. Absent from the data files of the normal demo.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hostile: bool,
}
