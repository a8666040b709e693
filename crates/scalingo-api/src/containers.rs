//! Containers: sizes, the formation (container types) and the running
//! containers (`ps`), and the scale and restart requests.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::lenient;

/// A price as the current API states it (`pricings.default`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Pricing {
    /// A decimal string, e.g. `"0.000463"`.
    #[serde(default, deserialize_with = "lenient::string")]
    pub price: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub currency: String,
    /// `minute`, `hour`, `month`…
    #[serde(default, deserialize_with = "lenient::string")]
    pub period: String,
}

/// A container size (S, M, L, XL, 2XL, 3XL).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ContainerSize {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub human_name: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub human_cpu: String,
    /// Bytes.
    #[serde(default, deserialize_with = "lenient::u64")]
    pub memory: u64,
    /// Bytes; `null` where swap is being phased out.
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub swap: Option<u64>,
    #[serde(default, deserialize_with = "lenient::u64")]
    pub pids_limit: u64,
    /// Sort key, S = 2 … 3XL = 7.
    #[serde(default, deserialize_with = "lenient::i64")]
    pub ordinal: i64,
    /// Euro cents per hour (deprecated by the API, still sent).
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub hourly_price: Option<u64>,
    /// Euro cents per 30 days (deprecated by the API, still sent).
    #[serde(default, deserialize_with = "lenient::opt_u64")]
    pub thirtydays_price: Option<u64>,
    #[serde(default, deserialize_with = "lenient::object")]
    pub pricings: Map<String, Value>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub sku: String,
}

impl ContainerSize {
    /// The default pricing, when the API sends one that parses.
    pub fn default_pricing(&self) -> Option<Pricing> {
        self.pricings
            .get("default")
            .and_then(|p| serde_json::from_value(p.clone()).ok())
    }
}

/// `{"container_sizes": […]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ContainerSizesResponse {
    #[serde(default, deserialize_with = "lenient::vec")]
    pub container_sizes: Vec<ContainerSize>,
}

/// A running (or booting, stopping…) container, as `GET /apps/:app/ps` lists it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Container {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub app_id: Option<String>,
    /// Process type (`web`, `worker`), `one-off` or `postdeploy`.
    #[serde(default, rename = "type", deserialize_with = "lenient::string")]
    pub kind: String,
    #[serde(default, deserialize_with = "lenient::u64")]
    pub type_index: u64,
    /// `<type>-<type_index>`, e.g. `web-1`; older responses omit it.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub label: Option<String>,
    /// `booting`, `running`, `stopping`… (kept as sent).
    #[serde(default, deserialize_with = "lenient::string")]
    pub state: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub command: String,
    /// Legacy, usually empty: the size is in `container_size`.
    #[serde(default, deserialize_with = "lenient::string")]
    pub size: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub created_at: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub deleted_at: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_object")]
    pub container_size: Option<ContainerSize>,
}

impl Container {
    /// The name users know the container by, e.g. `web-1`.
    pub fn display_label(&self) -> String {
        match &self.label {
            Some(label) if !label.is_empty() => label.clone(),
            _ => format!("{}-{}", self.kind, self.type_index),
        }
    }

    /// The size name, from `container_size` or the legacy `size` field.
    pub fn size_name(&self) -> &str {
        match &self.container_size {
            Some(size) if !size.name.is_empty() => &size.name,
            _ => &self.size,
        }
    }
}

/// `{"containers": […]}` of `GET /apps/:app/ps`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ContainersResponse {
    #[serde(default, deserialize_with = "lenient::vec")]
    pub containers: Vec<Container>,
}

/// A container type of the formation: how many containers of which size.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ContainerType {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub id: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub app_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::u32")]
    pub amount: u32,
    #[serde(default, deserialize_with = "lenient::string")]
    pub size: String,
    /// Empty when the command comes from the Procfile or the buildpack.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub command: Option<String>,
}

/// `{"containers": […]}` of `GET /apps/:app/containers`, and the body of a
/// scale response (the complete formation after the request).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FormationResponse {
    #[serde(default, deserialize_with = "lenient::vec")]
    pub containers: Vec<ContainerType>,
}

/// One line of a scale request: the final amount, and optionally a new size.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScaleItem {
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    /// Kept signed so that a negative amount reaches validation instead of
    /// failing to parse.
    #[serde(default, deserialize_with = "lenient::i64")]
    pub amount: i64,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub size: Option<String>,
}

/// Body of `POST /apps/:app/scale`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScaleRequest {
    #[serde(default, deserialize_with = "lenient::vec")]
    pub containers: Vec<ScaleItem>,
}

/// Body of `POST /apps/:app/restart`: types (`web`) or labels (`web-1`);
/// empty or `null` restarts everything.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RestartRequest {
    #[serde(default, deserialize_with = "lenient::strings")]
    pub scope: Vec<String>,
}
