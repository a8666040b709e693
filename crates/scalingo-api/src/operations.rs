//! Asynchronous operations (scale, restart, one-off start) that the
//! `Location` header of a 202 response points to.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::lenient;

/// `pending` → `running` → `done` or `error`; unknown values are kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum OperationStatus {
    Pending,
    Running,
    Done,
    Error,
    Other(String),
}

impl OperationStatus {
    pub fn as_str(&self) -> &str {
        match self {
            OperationStatus::Pending => "pending",
            OperationStatus::Running => "running",
            OperationStatus::Done => "done",
            OperationStatus::Error => "error",
            OperationStatus::Other(other) => other,
        }
    }

    /// True once the operation will not change any more.
    pub fn is_finished(&self) -> bool {
        matches!(self, OperationStatus::Done | OperationStatus::Error)
    }
}

impl From<String> for OperationStatus {
    fn from(value: String) -> Self {
        match value.as_str() {
            "pending" => OperationStatus::Pending,
            "running" => OperationStatus::Running,
            "done" => OperationStatus::Done,
            "error" => OperationStatus::Error,
            _ => OperationStatus::Other(value),
        }
    }
}

impl From<OperationStatus> for String {
    fn from(value: OperationStatus) -> Self {
        value.as_str().to_owned()
    }
}

impl fmt::Display for OperationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Data of a finished `start-one-off` operation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StartOneOffData {
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub attach_url: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub container_id: Option<String>,
}

/// An operation, as `GET /apps/:app/operations/:id` returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Operation {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub app_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub created_at: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub finished_at: Option<String>,
    #[serde(default = "pending", deserialize_with = "status")]
    pub status: OperationStatus,
    /// `scale`, `restart`, `start`, `start-one-off`…
    #[serde(default, rename = "type", deserialize_with = "lenient::string")]
    pub kind: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub error: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub message: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_object"
    )]
    pub start_one_off_data: Option<StartOneOffData>,
}

fn pending() -> OperationStatus {
    OperationStatus::Pending
}

fn status<'de, D: serde::Deserializer<'de>>(d: D) -> Result<OperationStatus, D::Error> {
    Ok(lenient::opt_string_into(d)?.unwrap_or(OperationStatus::Pending))
}

/// `{"operation": …}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OperationResponse {
    pub operation: Operation,
}

/// The operation id at the end of a `Location` URL
/// (`…/apps/<app>/operations/<id>`), if it has that shape.
pub fn operation_id_from_location(location: &str) -> Option<&str> {
    let path = location.split(['?', '#']).next()?;
    let mut segments = path.trim_end_matches('/').rsplit('/');
    let id = segments.next()?;
    (segments.next()? == "operations" && !id.is_empty()).then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_id_is_read_from_location() {
        assert_eq!(
            operation_id_from_location(
                "https://api.osc-fr1.scalingo.com/v1/apps/demo/operations/66aa01"
            ),
            Some("66aa01")
        );
        assert_eq!(
            operation_id_from_location("/v1/apps/demo/operations/x?y=1"),
            Some("x")
        );
        assert_eq!(operation_id_from_location("/v1/apps/demo"), None);
        assert_eq!(operation_id_from_location(""), None);
    }

    #[test]
    fn unknown_status_is_kept() {
        let op: Operation =
            serde_json::from_str(r#"{"id":"1","status":"paused","type":"scale"}"#).unwrap();
        assert_eq!(op.status, OperationStatus::Other("paused".into()));
        assert!(!op.status.is_finished());
        let op: Operation = serde_json::from_str(r#"{"id":"1","status":null}"#).unwrap();
        assert_eq!(op.status, OperationStatus::Pending);
    }
}
