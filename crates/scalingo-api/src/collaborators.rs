//! Collaborators of an application (the owner is not one of them): the
//! object, the bodies of an invitation and of a change of role, and the
//! e-mail rule shared by the dashboard (checked while typing) and the
//! simulator (its 422 bodies).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::{lenient, FieldErrors};

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
    /// Whether the collaborator's account has two-factor authentication.
    #[serde(default, deserialize_with = "lenient::bool")]
    pub tfa_status: bool,
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

    /// True while the invitation waits for its answer.
    pub fn is_pending(&self) -> bool {
        self.status == CollaboratorStatus::Pending
    }
}

/// `{"collaborators": […]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CollaboratorsResponse {
    #[serde(default, deserialize_with = "lenient::vec")]
    pub collaborators: Vec<Collaborator>,
}

/// `{"collaborator": …}`: the answer of an invitation (201) and of a change
/// of role (200). An object on the wire; the documentation shows an array
/// for the invitation, so a list is read as its first item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CollaboratorResponse {
    #[serde(deserialize_with = "object_or_first")]
    pub collaborator: Collaborator,
}

fn object_or_first<'de, D: Deserializer<'de>>(d: D) -> Result<Collaborator, D::Error> {
    let value = match Value::deserialize(d)? {
        Value::Array(items) => items.into_iter().next().unwrap_or(Value::Null),
        other => other,
    };
    Ok(match value {
        value @ Value::Object(_) => serde_json::from_value(value).unwrap_or_default(),
        _ => Collaborator::default(),
    })
}

/// Who to invite, and with which role. The platform makes a collaborator
/// limited unless told otherwise: a missing `is_limited` reads as `true`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewCollaborator {
    #[serde(default, deserialize_with = "lenient::string")]
    pub email: String,
    #[serde(default = "limited", deserialize_with = "limited_unless_false")]
    pub is_limited: bool,
}

impl Default for NewCollaborator {
    fn default() -> Self {
        NewCollaborator {
            email: String::new(),
            is_limited: limited(),
        }
    }
}

fn limited() -> bool {
    true
}

fn limited_unless_false<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(lenient::opt_bool(d)?.unwrap_or(true))
}

/// Body of `POST /apps/:app/collaborators`: `{"collaborator": {"email",
/// "is_limited"}}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct InviteCollaboratorRequest {
    pub collaborator: NewCollaborator,
}

/// The only change a collaborator takes: its role.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CollaboratorUpdate {
    #[serde(default, deserialize_with = "lenient::bool")]
    pub is_limited: bool,
}

/// Body of `PATCH /apps/:app/collaborators/:id`: `{"collaborator":
/// {"is_limited"}}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateCollaboratorRequest {
    pub collaborator: CollaboratorUpdate,
}

/// The longest e-mail address, in characters (RFC 5321's path limit).
pub const MAX_EMAIL_LEN: usize = 254;

/// True when `email` looks like an address mail can be sent to: one `@`,
/// a local part, and a domain with a dot, no spaces, no empty labels. As
/// strict as the platform needs to be, not RFC 5322.
pub fn is_valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let printable = |part: &str| {
        !part.is_empty()
            && part.chars().all(|c| {
                !c.is_whitespace()
                    && !c.is_control()
                    && !matches!(
                        c,
                        '@' | '<' | '>' | ',' | ';' | '"' | '(' | ')' | '[' | ']' | '\\'
                    )
            })
    };
    printable(local)
        && printable(domain)
        && !local.starts_with('.')
        && !local.ends_with('.')
        && domain.contains('.')
        && domain
            .split('.')
            .all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'))
        && email.chars().count() <= MAX_EMAIL_LEN
}

/// Every rule `email` breaks, as the API words it (fragments to prefix
/// with the field name); empty when it is valid. A blank address breaks
/// both, as recorded: `["can't be blank", "is invalid"]`.
pub fn email_errors(email: &str) -> Vec<String> {
    let email = email.trim();
    let mut errors = Vec::new();
    if email.is_empty() {
        errors.push("can't be blank".to_owned());
    }
    if !is_valid_email(email) {
        errors.push("is invalid".to_owned());
    }
    errors
}

/// The body of a 422 about an invitation: `{"email": […]}`, or empty.
pub fn invitation_errors(email: &str) -> FieldErrors {
    let mut errors = FieldErrors::new();
    let messages = email_errors(email);
    if !messages.is_empty() {
        errors.insert("email".to_owned(), messages);
    }
    errors
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

    #[test]
    fn the_invitation_answer_is_an_object_or_a_list() {
        let object: CollaboratorResponse = serde_json::from_str(
            r#"{"collaborator":{"id":"c1","email":"a@b.co","tfa_status":true}}"#,
        )
        .unwrap();
        assert_eq!(object.collaborator.id, "c1");
        assert!(object.collaborator.tfa_status);
        let list: CollaboratorResponse =
            serde_json::from_str(r#"{"collaborator":[{"id":"c2","status":"pending"}]}"#).unwrap();
        assert_eq!(list.collaborator.id, "c2");
        assert!(list.collaborator.is_pending());
        let odd: CollaboratorResponse = serde_json::from_str(r#"{"collaborator":[]}"#).unwrap();
        assert_eq!(odd.collaborator, Collaborator::default());
    }

    #[test]
    fn invitations_are_limited_unless_said_otherwise() {
        let body = InviteCollaboratorRequest {
            collaborator: NewCollaborator {
                email: "bob@example.org".into(),
                is_limited: false,
            },
        };
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"collaborator":{"email":"bob@example.org","is_limited":false}}"#
        );
        let read: InviteCollaboratorRequest =
            serde_json::from_str(r#"{"collaborator":{"email":"x@y.z"}}"#).unwrap();
        assert!(read.collaborator.is_limited);
        let read: NewCollaborator =
            serde_json::from_str(r#"{"email":"x@y.z","is_limited":null}"#).unwrap();
        assert!(read.is_limited);
        assert!(NewCollaborator::default().is_limited);
        let update = UpdateCollaboratorRequest {
            collaborator: CollaboratorUpdate { is_limited: true },
        };
        assert_eq!(
            serde_json::to_string(&update).unwrap(),
            r#"{"collaborator":{"is_limited":true}}"#
        );
    }

    #[test]
    fn emails_are_checked_as_the_platform_words_it() {
        for valid in [
            "ada@example.com",
            "first.last+tag@sub.example.co.uk",
            "x@y.io",
            "élise@exemple.fr",
        ] {
            assert!(email_errors(valid).is_empty(), "{valid}");
        }
        assert_eq!(email_errors(""), ["can't be blank", "is invalid"]);
        assert_eq!(email_errors("   "), ["can't be blank", "is invalid"]);
        for invalid in [
            "ada",
            "ada@",
            "@example.com",
            "ada@example",
            "ada@@example.com",
            "a da@example.com",
            "ada@exa mple.com",
            ".ada@example.com",
            "ada.@example.com",
            "ada@example..com",
            "ada@-example.com",
            "<script>alert(1)</script>@example.com",
            "ada@exam\nple.com",
        ] {
            assert_eq!(email_errors(invalid), ["is invalid"], "{invalid}");
        }
        let long = format!("{}@example.com", "a".repeat(250));
        assert_eq!(email_errors(&long), ["is invalid"]);
        assert!(invitation_errors("ada@example.com").is_empty());
        assert_eq!(
            serde_json::to_string(&crate::ErrorBody::validation(invitation_errors(""))).unwrap(),
            r#"{"errors":{"email":["can't be blank","is invalid"]}}"#
        );
    }
}
