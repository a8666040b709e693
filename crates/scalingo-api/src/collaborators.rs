//! Collaborators of an application (the owner is not one of them).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::lenient;

/// Whether the invitation was accepted; unknown values are kept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum CollaboratorStatus {
    #[default]
    Pending,
    Accepted,
    UserAccountDeleted,
    Other(String),
}

impl CollaboratorStatus {
    pub fn as_str(&self) -> &str {
        match self {
            CollaboratorStatus::Pending => "pending",
            CollaboratorStatus::Accepted => "accepted",
            CollaboratorStatus::UserAccountDeleted => "user account deleted",
            CollaboratorStatus::Other(other) => other,
        }
    }
}

impl From<String> for CollaboratorStatus {
    fn from(value: String) -> Self {
        match value.as_str() {
            "pending" => CollaboratorStatus::Pending,
            "accepted" => CollaboratorStatus::Accepted,
            "user account deleted" => CollaboratorStatus::UserAccountDeleted,
            _ => CollaboratorStatus::Other(value),
        }
    }
}

impl From<CollaboratorStatus> for String {
    fn from(value: CollaboratorStatus) -> Self {
        value.as_str().to_owned()
    }
}

impl fmt::Display for CollaboratorStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A collaborator, as `GET /apps/:app/collaborators` lists it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Collaborator {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub email: String,
    /// `n/a` while the invitation is pending.
    #[serde(default, deserialize_with = "lenient::string")]
    pub username: String,
    /// `null` while the invitation is pending.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub user_id: Option<String>,
    #[serde(default, deserialize_with = "status")]
    pub status: CollaboratorStatus,
    /// A limited collaborator has a restricted role.
    #[serde(default, deserialize_with = "lenient::bool")]
    pub is_limited: bool,
    /// Empty once accepted.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub invitation_link: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub app_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub app_name: Option<String>,
}

fn status<'de, D: serde::Deserializer<'de>>(d: D) -> Result<CollaboratorStatus, D::Error> {
    Ok(lenient::opt_string_into(d)?.unwrap_or_default())
}

impl Collaborator {
    /// Only accepted collaborators with an account can receive an app.
    pub fn can_receive_ownership(&self) -> bool {
        self.status == CollaboratorStatus::Accepted
            && self.user_id.as_deref().is_some_and(|id| !id.is_empty())
    }
}

/// `{"collaborators": […]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CollaboratorsResponse {
    #[serde(default, deserialize_with = "lenient::vec")]
    pub collaborators: Vec<Collaborator>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pending_invitation_has_no_user() {
        let c: Collaborator = serde_json::from_str(
            r#"{"id":"c1","email":"a@b.c","username":"n/a","user_id":null,"status":"pending","is_limited":false}"#,
        )
        .unwrap();
        assert_eq!(c.status, CollaboratorStatus::Pending);
        assert!(!c.can_receive_ownership());
        let c: Collaborator =
            serde_json::from_str(r#"{"user_id":"us-1","status":"accepted"}"#).unwrap();
        assert!(c.can_receive_ownership());
        let c: Collaborator = serde_json::from_str(r#"{"status":"frozen"}"#).unwrap();
        assert_eq!(c.status.as_str(), "frozen");
    }
}
