//! The timeline: events of an app (`GET /apps/:app/events`) or of the
//! current user (`GET /events`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{lenient, Meta};

/// Who an event is attributed to, frozen at event time.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventUser {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub username: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub email: String,
}

/// One entry of the timeline. `type_data` depends on `type` and is kept as
/// sent: the catalogue of types is long and grows, and a dashboard only
/// reads a few keys of a few types (see [`Event::scale_changes`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Event {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub created_at: Option<String>,
    /// `deployment`, `scale`, `restart`, `edit_app`, `new_app`…
    #[serde(default, rename = "type", deserialize_with = "lenient::string")]
    pub kind: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub app_id: Option<String>,
    /// The app's name when the event happened (a rename does not rewrite it).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub app_name: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_object")]
    pub user: Option<EventUser>,
    #[serde(default, deserialize_with = "lenient::object")]
    pub type_data: Map<String, Value>,
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
    pub project_name: Option<String>,
}

/// One side of a scale event: `"3:L"` is three L containers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaleValue {
    pub amount: u32,
    pub size: String,
}

impl ScaleValue {
    /// Reads `"<amount>:<size>"`; the documentation shows bare integers, so
    /// those are read too (with an empty size).
    pub fn parse(value: &Value) -> Option<ScaleValue> {
        match value {
            Value::String(text) => {
                let (amount, size) = text.split_once(':').unwrap_or((text, ""));
                Some(ScaleValue {
                    amount: amount.trim().parse().ok()?,
                    size: size.trim().to_owned(),
                })
            }
            Value::Number(n) => Some(ScaleValue {
                amount: u32::try_from(n.as_u64()?).ok()?,
                size: String::new(),
            }),
            _ => None,
        }
    }
}

/// What a scale event changed for one process type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaleChange {
    pub process_type: String,
    pub before: Option<ScaleValue>,
    pub after: Option<ScaleValue>,
}

impl Event {
    /// The process types a `scale` event changed, in name order; empty for
    /// other events.
    pub fn scale_changes(&self) -> Vec<ScaleChange> {
        if self.kind != "scale" {
            return Vec::new();
        }
        let side = |key: &str| self.type_data.get(key).and_then(Value::as_object);
        let (before, after) = (side("previous_containers"), side("containers"));
        let mut names: Vec<&String> = before
            .into_iter()
            .chain(after)
            .flat_map(|map| map.keys())
            .collect();
        names.sort();
        names.dedup();
        names
            .into_iter()
            .map(|name| ScaleChange {
                process_type: name.clone(),
                before: before.and_then(|m| m.get(name)).and_then(ScaleValue::parse),
                after: after.and_then(|m| m.get(name)).and_then(ScaleValue::parse),
            })
            .collect()
    }
}

/// `{"events": […], "meta": {"pagination": …}}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventsResponse {
    #[serde(default, deserialize_with = "lenient::vec")]
    pub events: Vec<Event>,
    #[serde(default, deserialize_with = "lenient::opt_object")]
    pub meta: Option<Meta>,
}

/// `{"event": …}` of `GET /apps/:app/events/:id`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventResponse {
    pub event: Event,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_recorded_scale_event() {
        let body = r#"{"events":[{"id":"e1","created_at":"2024-03-02T10:20:00.000Z",
            "type":"scale","app_id":"a1","app_name":"demo",
            "user":{"id":"us-1","username":"alice","email":"a@example.org"},
            "type_data":{"previous_containers":{"web":"2:M"},"containers":{"web":"3:L","clock":0}}}],
            "meta":{"pagination":{"current_page":1,"previous_page":null,"next_page":2,
            "total_pages":2,"total_count":31}}}"#;
        let response: EventsResponse = serde_json::from_str(body).unwrap();
        let event = &response.events[0];
        assert_eq!(event.user.as_ref().unwrap().username, "alice");
        let changes = event.scale_changes();
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0].process_type, "clock");
        assert_eq!(changes[0].before, None);
        assert_eq!(changes[0].after.as_ref().unwrap().amount, 0);
        let web = &changes[1];
        assert_eq!(
            web.before,
            Some(ScaleValue {
                amount: 2,
                size: "M".into()
            })
        );
        assert_eq!(web.after.as_ref().unwrap().size, "L");
        let pagination = response.meta.unwrap().pagination.unwrap();
        assert_eq!(
            (pagination.next_page, pagination.total_count),
            (Some(2), 31)
        );
    }

    #[test]
    fn odd_events_do_not_fail() {
        let body = r#"{"events":[{"id":1,"type":null,"type_data":null,"user":"x"},"junk"]}"#;
        let response: EventsResponse = serde_json::from_str(body).unwrap();
        assert_eq!(response.events.len(), 1);
        assert_eq!(response.events[0].id, "1");
        assert!(response.events[0].type_data.is_empty());
        assert!(response.events[0].scale_changes().is_empty());
        assert_eq!(ScaleValue::parse(&Value::from("x:L")), None);
    }
}
