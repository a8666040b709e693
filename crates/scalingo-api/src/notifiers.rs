//! Notifiers: where an app's events and alerts are sent (e-mail, a webhook,
//! Slack, Rocket.Chat…). The object, its destination (`type_data`, whose
//! shape depends on the platform), the bodies of a creation and an update,
//! and the rules shared by the dashboard (live feedback) and the simulator
//! (its 422 bodies).

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{is_valid_email, lenient, FieldErrors};

/// The kind of a notifier: the name of its platform. Values this version
/// does not know are kept as sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum NotifierKind {
    #[default]
    Email,
    Webhook,
    Slack,
    RocketChat,
    Other(String),
}

impl NotifierKind {
    pub fn as_str(&self) -> &str {
        match self {
            NotifierKind::Email => "email",
            NotifierKind::Webhook => "webhook",
            NotifierKind::Slack => "slack",
            NotifierKind::RocketChat => "rocket_chat",
            NotifierKind::Other(other) => other,
        }
    }

    /// True for the kinds whose destination is a `webhook_url`.
    pub fn uses_webhook(&self) -> bool {
        matches!(
            self,
            NotifierKind::Webhook | NotifierKind::Slack | NotifierKind::RocketChat
        )
    }
}

impl From<String> for NotifierKind {
    fn from(value: String) -> Self {
        match value.as_str() {
            "email" => NotifierKind::Email,
            "webhook" => NotifierKind::Webhook,
            "slack" => NotifierKind::Slack,
            // The Go client's table spells it `rocker_chat`.
            "rocket_chat" | "rocker_chat" => NotifierKind::RocketChat,
            _ => NotifierKind::Other(value),
        }
    }
}

impl From<NotifierKind> for String {
    fn from(value: NotifierKind) -> Self {
        value.as_str().to_owned()
    }
}

impl fmt::Display for NotifierKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a notifier sends, read from its `type_data` by its kind.
#[derive(Debug, Clone, PartialEq)]
pub enum NotifierTypeData {
    /// Webhook, Slack, Rocket.Chat: `{"webhook_url"}`.
    Webhook { webhook_url: String },
    /// E-mail: collaborators by user id, and other addresses.
    Email {
        user_ids: Vec<String>,
        emails: Vec<String>,
    },
    /// Any other platform: the data as sent.
    Other(Map<String, Value>),
}

fn text(map: &Map<String, Value>, key: &str) -> String {
    match map.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn texts(map: &Map<String, Value>, key: &str) -> Vec<String> {
    match map.get(key) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        Some(Value::String(one)) if !one.is_empty() => vec![one.clone()],
        _ => Vec::new(),
    }
}

impl NotifierTypeData {
    /// The destination of a notifier of `kind` from its `type_data`.
    pub fn read(kind: &NotifierKind, data: &Map<String, Value>) -> Self {
        match kind {
            kind if kind.uses_webhook() => NotifierTypeData::Webhook {
                webhook_url: text(data, "webhook_url"),
            },
            NotifierKind::Email => NotifierTypeData::Email {
                user_ids: texts(data, "user_ids"),
                emails: texts(data, "emails"),
            },
            _ => NotifierTypeData::Other(data.clone()),
        }
    }

    /// The `type_data` object to send.
    pub fn to_map(&self) -> Map<String, Value> {
        match self {
            NotifierTypeData::Webhook { webhook_url } => {
                let mut map = Map::new();
                map.insert("webhook_url".to_owned(), Value::from(webhook_url.clone()));
                map
            }
            NotifierTypeData::Email { user_ids, emails } => {
                let mut map = Map::new();
                map.insert("user_ids".to_owned(), Value::from(user_ids.clone()));
                map.insert("emails".to_owned(), Value::from(emails.clone()));
                map
            }
            NotifierTypeData::Other(map) => map.clone(),
        }
    }
}

/// A notifier, as listed, shown, created and updated.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Notifier {
    /// `no-…`.
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub app_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    /// `email`, `webhook`, `slack`, `rocket_chat`…
    #[serde(default, rename = "type", deserialize_with = "kind")]
    pub kind: NotifierKind,
    #[serde(default, deserialize_with = "lenient::string")]
    pub platform_id: String,
    #[serde(default, deserialize_with = "lenient::bool")]
    pub active: bool,
    #[serde(default, deserialize_with = "lenient::bool")]
    pub send_all_events: bool,
    #[serde(default, deserialize_with = "lenient::bool")]
    pub send_all_alerts: bool,
    /// Ids of event types (see `EventType`).
    #[serde(default, deserialize_with = "lenient::strings")]
    pub selected_event_ids: Vec<String>,
    /// Its destination, as sent; see [`Notifier::destination`].
    #[serde(default, deserialize_with = "lenient::object")]
    pub type_data: Map<String, Value>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub created_at: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub updated_at: Option<String>,
}

fn kind<'de, D: serde::Deserializer<'de>>(d: D) -> Result<NotifierKind, D::Error> {
    Ok(lenient::opt_string_into(d)?.unwrap_or_else(|| NotifierKind::Other(String::new())))
}

impl Notifier {
    /// Where it sends.
    pub fn destination(&self) -> NotifierTypeData {
        NotifierTypeData::read(&self.kind, &self.type_data)
    }

    /// The webhook URL of a webhook-like notifier. Untrusted: show it as
    /// text, and link it only if [`is_web_url`] accepts it.
    pub fn webhook_url(&self) -> Option<String> {
        match self.destination() {
            NotifierTypeData::Webhook { webhook_url } if !webhook_url.is_empty() => {
                Some(webhook_url)
            }
            _ => None,
        }
    }
}

/// `{"notifiers": […]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NotifiersResponse {
    #[serde(default, deserialize_with = "lenient::vec")]
    pub notifiers: Vec<Notifier>,
}

/// `{"notifier": …}`: show, create, update.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NotifierResponse {
    pub notifier: Notifier,
}

/// What a creation sends (an update sends the same fields, all of them).
/// `active` is required by the platform, hence not optional here.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewNotifier {
    #[serde(default, deserialize_with = "lenient::string")]
    pub platform_id: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::bool")]
    pub active: bool,
    #[serde(default, deserialize_with = "lenient::bool")]
    pub send_all_events: bool,
    #[serde(default, deserialize_with = "lenient::bool")]
    pub send_all_alerts: bool,
    #[serde(default, deserialize_with = "lenient::strings")]
    pub selected_event_ids: Vec<String>,
    #[serde(default, deserialize_with = "lenient::object")]
    pub type_data: Map<String, Value>,
}

/// Body of `POST /apps/:app/notifiers` and `PATCH …/:id`: `{"notifier":
/// {…}}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateNotifierRequest {
    pub notifier: NewNotifier,
}

/// The same body for an update.
pub type UpdateNotifierRequest = CreateNotifierRequest;

/// True for an absolute `http://` or `https://` URL with a host: what may
/// be a link or a webhook. `javascript:`, `data:` and relative URLs are
/// not.
pub fn is_web_url(url: &str) -> bool {
    webhook_url_errors(url).is_empty()
}

/// Every rule a webhook URL breaks; empty when it is acceptable.
pub fn webhook_url_errors(url: &str) -> Vec<String> {
    let url = url.trim();
    if url.is_empty() {
        return vec!["can't be blank".to_owned()];
    }
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    let Some(rest) = rest else {
        return vec!["must be an http:// or https:// URL".to_owned()];
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if host.is_empty() || url.contains(char::is_whitespace) || url.contains(char::is_control) {
        return vec!["is not a valid URL".to_owned()];
    }
    Vec::new()
}

/// A notifier as a form or a request has it, before it is checked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NotifierDraft<'a> {
    pub name: &'a str,
    /// `None` when it was not sent: the platform requires it.
    pub active: Option<bool>,
    /// Read by its kind (see [`NotifierTypeData::read`]).
    pub type_data: &'a NotifierTypeData,
}

/// Every rule `draft` breaks, per field: `name` and `active` (`can't be
/// blank`, as recorded), `webhook_url` for webhook-like notifiers, `emails`
/// for e-mail ones (a recipient is needed, each address valid); empty when
/// it is valid.
pub fn notifier_errors(draft: &NotifierDraft<'_>) -> FieldErrors {
    let mut errors = FieldErrors::new();
    let mut add = |field: &str, messages: Vec<String>| {
        if !messages.is_empty() {
            errors.entry(field.to_owned()).or_default().extend(messages);
        }
    };
    if draft.name.trim().is_empty() {
        add("name", vec!["can't be blank".to_owned()]);
    }
    if draft.active.is_none() {
        add("active", vec!["can't be blank".to_owned()]);
    }
    match draft.type_data {
        NotifierTypeData::Webhook { webhook_url } => {
            add("webhook_url", webhook_url_errors(webhook_url));
        }
        NotifierTypeData::Email { user_ids, emails } => {
            let invalid: Vec<&str> = emails
                .iter()
                .map(|e| e.trim())
                .filter(|e| !is_valid_email(e))
                .collect();
            if !invalid.is_empty() {
                add(
                    "emails",
                    vec![format!(
                        "contains an invalid address: {}",
                        invalid.join(", ")
                    )],
                );
            } else if emails.is_empty() && user_ids.iter().all(|id| id.trim().is_empty()) {
                add("emails", vec!["can't be blank".to_owned()]);
            }
        }
        NotifierTypeData::Other(_) => {}
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(errors: &FieldErrors, field: &str) -> Vec<String> {
        errors.get(field).cloned().unwrap_or_default()
    }

    #[test]
    fn reads_notifiers_of_every_kind() {
        let body = r#"{"notifiers":[
            {"id":"no-1","type":"webhook","name":"ops","active":true,"platform_id":"p1",
             "selected_event_ids":["e1"],"type_data":{"webhook_url":"https://hooks.example.com/x"}},
            {"id":"no-2","type":"email","type_data":{"user_ids":["us-1"],"emails":["a@b.co"]}},
            {"id":"no-3","type":"pigeon","type_data":{"loft":"Paris"}},
            {"id":"no-4","type":"slack","type_data":null,"active":"yes"},
            "junk"]}"#;
        let list: NotifiersResponse = serde_json::from_str(body).unwrap();
        assert_eq!(list.notifiers.len(), 4);
        let [webhook, email, other, slack] = &list.notifiers[..] else {
            panic!()
        };
        assert_eq!(
            webhook.webhook_url().as_deref(),
            Some("https://hooks.example.com/x")
        );
        assert_eq!(
            email.destination(),
            NotifierTypeData::Email {
                user_ids: vec!["us-1".into()],
                emails: vec!["a@b.co".into()]
            }
        );
        assert_eq!(other.kind.as_str(), "pigeon");
        assert!(
            matches!(other.destination(), NotifierTypeData::Other(map) if map["loft"] == "Paris")
        );
        assert_eq!(slack.kind, NotifierKind::Slack);
        assert_eq!(slack.webhook_url(), None);
        assert!(!slack.active);
    }

    #[test]
    fn the_request_body_has_the_reference_shape() {
        let body = CreateNotifierRequest {
            notifier: NewNotifier {
                platform_id: "p1".into(),
                name: "ops".into(),
                active: true,
                send_all_events: false,
                send_all_alerts: true,
                selected_event_ids: vec!["e1".into()],
                type_data: NotifierTypeData::Webhook {
                    webhook_url: "https://x.io/h".into(),
                }
                .to_map(),
            },
        };
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"notifier":{"platform_id":"p1","name":"ops","active":true,"send_all_events":false,"send_all_alerts":true,"selected_event_ids":["e1"],"type_data":{"webhook_url":"https://x.io/h"}}}"#
        );
    }

    #[test]
    fn webhook_urls_are_web_urls() {
        assert!(is_web_url("https://hooks.slack.com/services/T0/B0/X"));
        assert!(is_web_url("HTTP://example.com"));
        assert_eq!(webhook_url_errors(""), ["can't be blank"]);
        for bad in [
            "javascript:alert(1)",
            "ftp://x.io",
            "hooks.example.com",
            "//x.io",
        ] {
            assert_eq!(
                webhook_url_errors(bad),
                ["must be an http:// or https:// URL"],
                "{bad}"
            );
        }
        assert_eq!(webhook_url_errors("https:///path"), ["is not a valid URL"]);
        assert_eq!(webhook_url_errors("https://a b.io"), ["is not a valid URL"]);
    }

    #[test]
    fn rules_and_their_messages() {
        let webhook = NotifierTypeData::Webhook {
            webhook_url: "javascript:alert(1)".into(),
        };
        let errors = notifier_errors(&NotifierDraft {
            name: "",
            active: None,
            type_data: &webhook,
        });
        assert_eq!(
            serde_json::to_string(&errors).unwrap(),
            r#"{"active":["can't be blank"],"name":["can't be blank"],"webhook_url":["must be an http:// or https:// URL"]}"#
        );
        let email = NotifierTypeData::Email {
            user_ids: vec![],
            emails: vec!["ok@example.com".into(), "nope".into()],
        };
        let draft = NotifierDraft {
            name: "team",
            active: Some(true),
            type_data: &email,
        };
        assert_eq!(
            messages(&notifier_errors(&draft), "emails"),
            ["contains an invalid address: nope"]
        );
        let nobody = NotifierTypeData::Email {
            user_ids: vec![],
            emails: vec![],
        };
        assert_eq!(
            messages(
                &notifier_errors(&NotifierDraft {
                    type_data: &nobody,
                    ..draft
                }),
                "emails"
            ),
            ["can't be blank"]
        );
        let owner = NotifierTypeData::Email {
            user_ids: vec!["us-1".into()],
            emails: vec![],
        };
        assert!(notifier_errors(&NotifierDraft {
            type_data: &owner,
            ..draft
        })
        .is_empty());
    }
}
