//! Alerts: a metric of a process type above (or below) a limit for some
//! time sends a notification through the app's notifiers. The object, the
//! bodies of a creation and an update, and the rules shared by the
//! dashboard (live feedback) and the simulator (its 422 bodies).
//!
//! `limit` is in the API's unit: a ratio of the container's capacity for
//! `cpu`, `memory` and `swap` (`0.8` is 80 %; see
//! [`TriggerMetric::to_api`]), milliseconds for `p95_response_time`,
//! requests or errors per minute for the others. `duration_before_trigger`
//! is in nanoseconds, `remind_every` a Go duration (see `go_duration`).

use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{
    autoscalers::metric, lenient, metric_names, parse_reminder, FieldErrors, TriggerMetric,
};

/// An alert, as listed, shown, created and updated.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Alert {
    /// `al-…`.
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub app_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub container_type: String,
    #[serde(default, deserialize_with = "metric")]
    pub metric: TriggerMetric,
    /// In the API's unit (a ratio for `cpu`, `memory`, `swap`).
    #[serde(default, deserialize_with = "lenient::f64")]
    pub limit: f64,
    /// Sent when the metric goes below the limit rather than above.
    #[serde(default, deserialize_with = "lenient::bool")]
    pub send_when_below: bool,
    /// Nanoseconds the metric must stay beyond the limit.
    #[serde(default, deserialize_with = "lenient::u64")]
    pub duration_before_trigger: u64,
    /// A Go duration (`30m`, `1h30m`); empty for no reminder.
    #[serde(default, deserialize_with = "lenient::string")]
    pub remind_every: String,
    /// Ids of the app's notifiers it sends to.
    #[serde(default, deserialize_with = "lenient::strings")]
    pub notifiers: Vec<String>,
    #[serde(default, deserialize_with = "lenient::bool")]
    pub disabled: bool,
    /// E.g. `{"recipient": "user"}`.
    #[serde(
        default,
        skip_serializing_if = "Map::is_empty",
        deserialize_with = "lenient::object"
    )]
    pub metadata: Map<String, Value>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub created_at: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub updated_at: Option<String>,
}

impl Alert {
    /// How long the metric must stay beyond the limit.
    pub fn trigger_delay(&self) -> Duration {
        Duration::from_nanos(self.duration_before_trigger)
    }

    /// How often it is sent again while it lasts; `None` for never (or a
    /// value that does not read).
    pub fn reminder(&self) -> Option<Duration> {
        parse_reminder(&self.remind_every).filter(|d| !d.is_zero())
    }

    /// The limit for people: `80%`, `300 ms`.
    pub fn limit_text(&self) -> String {
        self.metric.format(self.limit)
    }
}

/// `{"alerts": […]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AlertsResponse {
    #[serde(default, deserialize_with = "lenient::vec")]
    pub alerts: Vec<Alert>,
}

/// `{"alert": …}`: show, create, update.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AlertResponse {
    pub alert: Alert,
}

/// What a creation sends.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewAlert {
    #[serde(default, deserialize_with = "lenient::string")]
    pub container_type: String,
    #[serde(default, deserialize_with = "metric")]
    pub metric: TriggerMetric,
    #[serde(default, deserialize_with = "lenient::f64")]
    pub limit: f64,
    #[serde(default, deserialize_with = "lenient::bool")]
    pub send_when_below: bool,
    #[serde(default, deserialize_with = "lenient::u64")]
    pub duration_before_trigger: u64,
    /// A Go duration; left out for no reminder.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub remind_every: Option<String>,
    #[serde(default, deserialize_with = "lenient::strings")]
    pub notifiers: Vec<String>,
}

/// Body of `POST /apps/:app/alerts`: `{"alert": {…}}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateAlertRequest {
    pub alert: NewAlert,
}

/// What an update changes; fields left `None` are not sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AlertUpdate {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub container_type: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string_into"
    )]
    pub metric: Option<TriggerMetric>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_f64"
    )]
    pub limit: Option<f64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_bool"
    )]
    pub send_when_below: Option<bool>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_u64"
    )]
    pub duration_before_trigger: Option<u64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_string"
    )]
    pub remind_every: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "opt_strings"
    )]
    pub notifiers: Option<Vec<String>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_bool"
    )]
    pub disabled: Option<bool>,
}

fn opt_strings<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    lenient::strings(d).map(Some)
}

/// Body of `PATCH /apps/:app/alerts/:id`: `{"alert": {…}}` (the platform
/// also takes the fields unwrapped, as the Go client sends them).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateAlertRequest {
    pub alert: AlertUpdate,
}

/// An alert as a form or a request has it, before it is checked: `limit`
/// in the API's unit, `None` when missing or not a number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlertDraft<'a> {
    pub container_type: &'a str,
    pub metric: &'a str,
    pub limit: Option<f64>,
    /// A Go duration (or nanoseconds); `None` or empty for no reminder.
    pub remind_every: Option<&'a str>,
    pub notifiers: &'a [String],
}

/// Every rule `draft` breaks, per field (`container_type`, `metric`,
/// `limit`, `remind_every`, `notifiers`); empty when it is valid.
/// `is_notifier` says whether an id is one of the app's notifiers (the
/// dashboard offers only those and may answer `true`). Whether the process
/// type exists is the caller's business.
pub fn alert_errors(draft: &AlertDraft<'_>, is_notifier: impl Fn(&str) -> bool) -> FieldErrors {
    let mut errors = FieldErrors::new();
    let mut add = |field: &str, message: String| {
        errors.entry(field.to_owned()).or_default().push(message);
    };
    let kind = draft.container_type.trim();
    if kind.is_empty() {
        add("container_type", "can't be blank".to_owned());
    }
    match TriggerMetric::known(draft.metric).filter(TriggerMetric::for_alerts) {
        _ if draft.metric.trim().is_empty() => add("metric", "can't be blank".to_owned()),
        None => add(
            "metric",
            format!(
                "is not a valid metric ({})",
                metric_names(&TriggerMetric::ALERT)
            ),
        ),
        Some(metric) if !kind.is_empty() && !metric.applies_to(kind) => {
            add("metric", "is only available for web containers".to_owned())
        }
        Some(_) => {}
    }
    match draft.limit {
        None => add("limit", "can't be blank".to_owned()),
        Some(limit) if !limit.is_finite() || limit <= 0.0 => {
            add("limit", "must be greater than 0".to_owned())
        }
        Some(_) => {}
    }
    if let Some(text) = draft.remind_every.filter(|t| !t.trim().is_empty()) {
        if parse_reminder(text).is_none() {
            add(
                "remind_every",
                "is not a valid duration (for example 30m or 1h30m)".to_owned(),
            );
        }
    }
    if draft.notifiers.iter().all(|id| id.trim().is_empty()) {
        add("notifiers", "can't be blank".to_owned());
    } else if draft.notifiers.iter().any(|id| !is_notifier(id)) {
        add("notifiers", "must be notifiers of the app".to_owned());
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
    fn reads_the_reference_alert() {
        let body = r#"{"alert":{"id":"al-1","container_type":"web","metric":"memory","limit":0.8,
            "send_when_below":false,"duration_before_trigger":240000000000,"remind_every":"30m",
            "notifiers":["no-1"],"metadata":{"recipient":"user"}}}"#;
        let alert = serde_json::from_str::<AlertResponse>(body).unwrap().alert;
        assert_eq!(alert.metric, TriggerMetric::Memory);
        assert_eq!(alert.trigger_delay(), Duration::from_secs(240));
        assert_eq!(alert.reminder(), Some(Duration::from_secs(1800)));
        assert_eq!(alert.limit_text(), "80%");
        assert_eq!(alert.metadata["recipient"], "user");
        let nanos: Alert = serde_json::from_str(r#"{"remind_every":1800000000000}"#).unwrap();
        assert_eq!(nanos.reminder(), Some(Duration::from_secs(1800)));
        let never: Alert = serde_json::from_str(r#"{"remind_every":null}"#).unwrap();
        assert_eq!(never.reminder(), None);
        let odd: AlertsResponse = serde_json::from_str(
            r#"{"alerts":[{"metric":"load","limit":"x","notifiers":null},"x"]}"#,
        )
        .unwrap();
        assert_eq!(odd.alerts.len(), 1);
        assert_eq!(odd.alerts[0].limit, 0.0);
        assert!(odd.alerts[0].notifiers.is_empty());
    }

    #[test]
    fn request_bodies_have_the_reference_shapes() {
        let create = CreateAlertRequest {
            alert: NewAlert {
                container_type: "web".into(),
                metric: TriggerMetric::Memory,
                limit: 0.8,
                send_when_below: false,
                duration_before_trigger: 240_000_000_000,
                remind_every: Some("30m".into()),
                notifiers: vec!["no-1".into()],
            },
        };
        assert_eq!(
            serde_json::to_string(&create).unwrap(),
            r#"{"alert":{"container_type":"web","metric":"memory","limit":0.8,"send_when_below":false,"duration_before_trigger":240000000000,"remind_every":"30m","notifiers":["no-1"]}}"#
        );
        let update = UpdateAlertRequest {
            alert: AlertUpdate {
                disabled: Some(true),
                notifiers: Some(vec!["no-2".into()]),
                ..AlertUpdate::default()
            },
        };
        assert_eq!(
            serde_json::to_string(&update).unwrap(),
            r#"{"alert":{"notifiers":["no-2"],"disabled":true}}"#
        );
    }

    #[test]
    fn rules_and_their_messages() {
        let notifiers = vec!["no-1".to_owned()];
        let known = |id: &str| id == "no-1";
        let valid = AlertDraft {
            container_type: "web",
            metric: "memory",
            limit: Some(0.8),
            remind_every: Some("30m"),
            notifiers: &notifiers,
        };
        assert!(alert_errors(&valid, known).is_empty());
        // Any positive limit: the platform takes any float.
        assert!(alert_errors(
            &AlertDraft {
                limit: Some(42.0),
                ..valid
            },
            known
        )
        .is_empty());
        let errors = alert_errors(
            &AlertDraft {
                container_type: "worker",
                metric: "p95_response_time",
                limit: Some(-1.0),
                remind_every: Some("soon"),
                notifiers: &["no-9".to_owned()],
            },
            known,
        );
        assert_eq!(
            messages(&errors, "metric"),
            ["is only available for web containers"]
        );
        assert_eq!(messages(&errors, "limit"), ["must be greater than 0"]);
        assert_eq!(
            messages(&errors, "remind_every"),
            ["is not a valid duration (for example 30m or 1h30m)"]
        );
        assert_eq!(
            messages(&errors, "notifiers"),
            ["must be notifiers of the app"]
        );
        let errors = alert_errors(
            &AlertDraft {
                container_type: " ",
                metric: "load",
                limit: None,
                remind_every: None,
                notifiers: &[],
            },
            known,
        );
        assert_eq!(messages(&errors, "container_type"), ["can't be blank"]);
        assert_eq!(
            messages(&errors, "metric"),
            ["is not a valid metric (cpu, memory, swap, p95_response_time, 5XX, all, rpm_per_container)"]
        );
        assert_eq!(messages(&errors, "limit"), ["can't be blank"]);
        assert_eq!(messages(&errors, "notifiers"), ["can't be blank"]);
        assert!(!errors.contains_key("remind_every"));
    }
}
