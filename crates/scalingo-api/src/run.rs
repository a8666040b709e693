//! One-off containers: run, stop, send a signal.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::lenient;

/// Body of `POST /apps/:app/run`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RunRequest {
    #[serde(default, deserialize_with = "lenient::string")]
    pub command: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub env: BTreeMap<String, String>,
    /// Defaults to `M` on the server.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub size: Option<String>,
    #[serde(default, deserialize_with = "lenient::bool")]
    pub detached: bool,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_bool"
    )]
    pub has_uploads: Option<bool>,
}

/// The container a run started.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RunContainer {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, rename = "type", deserialize_with = "lenient::string")]
    pub kind: String,
    #[serde(default, deserialize_with = "lenient::u64")]
    pub type_index: u64,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub label: Option<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub state: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub command: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub created_at: Option<String>,
    /// Bytes; the API sends it as a float (`5.36870912e+08`).
    #[serde(default, deserialize_with = "lenient::u64")]
    pub memory: u64,
    /// A partial app object (`{"name": …}`).
    #[serde(default, deserialize_with = "lenient::object")]
    pub app: Map<String, Value>,
}

/// Response of `POST /apps/:app/run` (200).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RunResponse {
    pub container: RunContainer,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub operation_url: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub operation: Option<String>,
    /// Legacy field still modelled by the Go client.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub attach_url: Option<String>,
}

/// Body of `POST /apps/:app/containers/:id/kill`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SignalRequest {
    #[serde(default, deserialize_with = "lenient::string")]
    pub signal: String,
}

/// The signals the API accepts for `kill`.
pub const ACCEPTED_SIGNALS: [&str; 2] = ["SIGUSR1", "SIGUSR2"];
