//! The catalogues notifiers are built from, readable without a token:
//! notification platforms (`GET /notification_platforms`, `…/:id`,
//! `…/search?name=`), the event types a notifier can select
//! (`GET /event_types`) and their categories (`GET /event_categories`).
//!
//! Event type names (`app_deployed`, `app_crashed`…) are not the `type` of
//! the timeline's events (`deployment`, `crash`…).

use serde::{Deserialize, Serialize};

use crate::lenient;

/// A platform a notifier sends through.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NotificationPlatform {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    /// `email`, `webhook`, `slack`, `rocket_chat`… (a notifier's `type`).
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub display_name: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub logo_url: Option<String>,
    /// The event types a notifier of this platform may select.
    #[serde(default, deserialize_with = "lenient::strings")]
    pub available_event_ids: Vec<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub description: String,
}

/// `{"notification_platforms": […]}`: the list and the search.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NotificationPlatformsResponse {
    #[serde(default, deserialize_with = "lenient::vec")]
    pub notification_platforms: Vec<NotificationPlatform>,
}

/// `{"notification_platform": …}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NotificationPlatformResponse {
    pub notification_platform: NotificationPlatform,
}

/// Something that happens to an app that a notifier can be told about.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventType {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    /// `app_deployed`, `app_crashed`, `variable_bulk_edited`…
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub display_name: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub description: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub category_id: Option<String>,
    /// The message's template (platform-side; shown as text if at all).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub template: Option<String>,
}

/// `{"event_types": […]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventTypesResponse {
    #[serde(default, deserialize_with = "lenient::vec")]
    pub event_types: Vec<EventType>,
}

/// A group of event types, in the order `position` gives.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventCategory {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::string")]
    pub display_name: String,
    #[serde(default, deserialize_with = "lenient::i64")]
    pub position: i64,
}

/// `{"event_categories": […]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventCategoriesResponse {
    #[serde(default, deserialize_with = "lenient::vec")]
    pub event_categories: Vec<EventCategory>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogues_read_leniently() {
        let platforms: NotificationPlatformsResponse = serde_json::from_str(
            r#"{"notification_platforms":[{"id":"p1","name":"slack","display_name":"Slack",
                "logo_url":null,"available_event_ids":["e1",2],"description":"Chat"},null]}"#,
        )
        .unwrap();
        assert_eq!(platforms.notification_platforms.len(), 1);
        assert_eq!(
            platforms.notification_platforms[0].available_event_ids,
            ["e1", "2"]
        );
        let types: EventTypesResponse = serde_json::from_str(
            r#"{"event_types":[{"id":"e1","name":"app_deployed","category_id":"c1"}]}"#,
        )
        .unwrap();
        assert_eq!(types.event_types[0].name, "app_deployed");
        let categories: EventCategoriesResponse = serde_json::from_str(
            r#"{"event_categories":[{"id":"c1","name":"app","position":"2"}]}"#,
        )
        .unwrap();
        assert_eq!(categories.event_categories[0].position, 2);
    }
}
