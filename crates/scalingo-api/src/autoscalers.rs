//! Autoscalers: one per process type, keeping a metric near its target by
//! changing the number of containers between two bounds. The object, the
//! bodies of a creation and an update, and the rules shared by the
//! dashboard (live feedback) and the simulator (its 422 bodies).
//!
//! `target` is in the API's unit (a ratio for `cpu`, `memory` and `swap`):
//! see [`TriggerMetric::to_api`] and [`TriggerMetric::from_api`] to show it.

use serde::{Deserialize, Serialize};

use crate::{lenient, metric_names, FieldErrors, TriggerMetric, MAX_CONTAINERS_PER_TYPE};

/// The fewest containers an autoscaler may leave (fault tolerance).
pub const MIN_AUTOSCALER_CONTAINERS: i64 = 2;

/// How Go writes "never": its zero time (an autoscaler's `last_scale`).
pub const GO_ZERO_TIME: &str = "0001-01-01T00:00:00Z";

/// True for a date that means "never": empty, or Go's zero time in any of
/// its spellings (`0001-01-01T00:00:00Z`, with a fraction or an offset).
pub fn is_never(date: &str) -> bool {
    let date = date.trim();
    date.is_empty() || date.starts_with("0001-01-01")
}

/// An autoscaler, as listed, shown, created and updated.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Autoscaler {
    /// `au-…` (recorded as `sc-…` in 2020).
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
    pub target: f64,
    #[serde(default, deserialize_with = "lenient::u32")]
    pub min_containers: u32,
    #[serde(default, deserialize_with = "lenient::u32")]
    pub max_containers: u32,
    /// Scaling the type by hand disables it.
    #[serde(default, deserialize_with = "lenient::bool")]
    pub disabled: bool,
    /// The two alerts the platform drives it with (not listed with the
    /// app's alerts).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub alert_id_scale_up: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub alert_id_scale_down: Option<String>,
    /// Go's zero time when it never scaled (see [`Autoscaler::last_scaled_at`]).
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub last_scale: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub created_at: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub updated_at: Option<String>,
}

pub(crate) fn metric<'de, D: serde::Deserializer<'de>>(d: D) -> Result<TriggerMetric, D::Error> {
    Ok(lenient::opt_string_into(d)?.unwrap_or_default())
}

impl Autoscaler {
    /// When it last changed the number of containers; `None` if it never
    /// did (Go's zero time, `null` or nothing).
    pub fn last_scaled_at(&self) -> Option<&str> {
        self.last_scale.as_deref().filter(|date| !is_never(date))
    }

    pub fn is_enabled(&self) -> bool {
        !self.disabled
    }

    /// The target for people: `80%`, `150 rpm`.
    pub fn target_text(&self) -> String {
        self.metric.format(self.target)
    }
}

/// `{"autoscalers": […]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AutoscalersResponse {
    #[serde(default, deserialize_with = "lenient::vec")]
    pub autoscalers: Vec<Autoscaler>,
}

/// `{"autoscaler": …}`: show, create, update.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AutoscalerResponse {
    pub autoscaler: Autoscaler,
}

/// What a creation sends.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NewAutoscaler {
    #[serde(default, deserialize_with = "lenient::string")]
    pub container_type: String,
    #[serde(default, deserialize_with = "metric")]
    pub metric: TriggerMetric,
    #[serde(default, deserialize_with = "lenient::f64")]
    pub target: f64,
    #[serde(default, deserialize_with = "lenient::u32")]
    pub min_containers: u32,
    #[serde(default, deserialize_with = "lenient::u32")]
    pub max_containers: u32,
}

/// Body of `POST /apps/:app/autoscalers`: `{"autoscaler": {container_type,
/// metric, target, min_containers, max_containers}}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateAutoscalerRequest {
    pub autoscaler: NewAutoscaler,
}

/// What an update changes; fields left `None` are not sent. The process
/// type cannot change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AutoscalerUpdate {
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
    pub target: Option<f64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_u64"
    )]
    pub min_containers: Option<u64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_u64"
    )]
    pub max_containers: Option<u64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient::opt_bool"
    )]
    pub disabled: Option<bool>,
}

/// Body of `PATCH /apps/:app/autoscalers/:id`: `{"autoscaler": {…}}` (the
/// platform also takes the fields unwrapped, as the Go client sends them).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdateAutoscalerRequest {
    pub autoscaler: AutoscalerUpdate,
}

/// An autoscaler as a form or a request has it, before it is checked:
/// numbers are `None` when missing (or not numbers), `target` in the API's
/// unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AutoscalerDraft<'a> {
    pub container_type: &'a str,
    pub metric: &'a str,
    pub target: Option<f64>,
    pub min_containers: Option<i64>,
    pub max_containers: Option<i64>,
}

/// Every rule `draft` breaks, per field (`container_type`, `metric`,
/// `target`, `min_containers`, `max_containers`); empty when it is valid.
/// `taken`: the process type already has another autoscaler (one per
/// type). Whether the type exists is the caller's business.
pub fn autoscaler_errors(draft: &AutoscalerDraft<'_>, taken: bool) -> FieldErrors {
    let mut errors = FieldErrors::new();
    let mut add = |field: &str, message: String| {
        errors.entry(field.to_owned()).or_default().push(message);
    };
    let kind = draft.container_type.trim();
    if kind.is_empty() {
        add("container_type", "can't be blank".to_owned());
    } else if taken {
        add("container_type", "already has an autoscaler".to_owned());
    }

    let metric = TriggerMetric::known(draft.metric).filter(TriggerMetric::for_autoscalers);
    match &metric {
        _ if draft.metric.trim().is_empty() => add("metric", "can't be blank".to_owned()),
        None => add(
            "metric",
            format!(
                "is not a valid metric ({})",
                metric_names(&TriggerMetric::AUTOSCALER)
            ),
        ),
        Some(metric) if !kind.is_empty() && !metric.applies_to(kind) => {
            add("metric", "is only available for web containers".to_owned())
        }
        Some(_) => {}
    }

    match draft.target {
        None => add("target", "can't be blank".to_owned()),
        Some(target) if !target.is_finite() || target <= 0.0 => {
            add("target", "must be greater than 0".to_owned())
        }
        Some(target)
            if target > 1.0
                && metric.as_ref().and_then(TriggerMetric::unit)
                    == Some(crate::MetricUnit::Percent) =>
        {
            add("target", "must be at most 100%".to_owned())
        }
        Some(_) => {}
    }

    let bound = |value: Option<i64>, least: i64, least_message: &str| match value {
        None => Some("can't be blank".to_owned()),
        Some(n) if n < least => Some(least_message.to_owned()),
        Some(n) if n > MAX_CONTAINERS_PER_TYPE => Some(format!(
            "must be less than or equal to {MAX_CONTAINERS_PER_TYPE}"
        )),
        Some(_) => None,
    };
    let min_message = format!("must be greater than or equal to {MIN_AUTOSCALER_CONTAINERS}");
    if let Some(message) = bound(
        draft.min_containers,
        MIN_AUTOSCALER_CONTAINERS,
        &min_message,
    ) {
        add("min_containers", message);
    }
    let least = draft
        .min_containers
        .unwrap_or(MIN_AUTOSCALER_CONTAINERS)
        .max(MIN_AUTOSCALER_CONTAINERS);
    let max_message = if draft
        .min_containers
        .is_some_and(|min| min >= MIN_AUTOSCALER_CONTAINERS)
    {
        "must be greater than or equal to min_containers".to_owned()
    } else {
        min_message.clone()
    };
    if let Some(message) = bound(draft.max_containers, least, &max_message) {
        add("max_containers", message);
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft<'a>(
        kind: &'a str,
        metric: &'a str,
        target: f64,
        min: i64,
        max: i64,
    ) -> AutoscalerDraft<'a> {
        AutoscalerDraft {
            container_type: kind,
            metric,
            target: Some(target),
            min_containers: Some(min),
            max_containers: Some(max),
        }
    }

    fn messages(errors: &FieldErrors, field: &str) -> Vec<String> {
        errors.get(field).cloned().unwrap_or_default()
    }

    #[test]
    fn reads_a_recorded_autoscaler() {
        let body = r#"{"autoscaler":{"id":"sc-1","app_id":"a1","container_type":"web",
            "metric":"cpu","target":0.8,"min_containers":2,"max_containers":"5",
            "disabled":false,"alert_id_scale_up":"al-1","alert_id_scale_down":"al-2",
            "last_scale":"0001-01-01T00:00:00Z","created_at":"2020-05-29T15:52:07.096123456Z"}}"#;
        let a = serde_json::from_str::<AutoscalerResponse>(body)
            .unwrap()
            .autoscaler;
        assert_eq!(a.metric, TriggerMetric::Cpu);
        assert_eq!((a.min_containers, a.max_containers), (2, 5));
        assert_eq!(a.last_scaled_at(), None);
        assert!(a.is_enabled());
        assert_eq!(a.target_text(), "80%");
        let scaled = Autoscaler {
            last_scale: Some("2024-03-02T10:00:00Z".into()),
            ..a
        };
        assert_eq!(scaled.last_scaled_at(), Some("2024-03-02T10:00:00Z"));
        assert!(is_never("0001-01-01T00:00:00.000Z"));
        assert!(is_never(""));
        let odd: AutoscalersResponse =
            serde_json::from_str(r#"{"autoscalers":[{"metric":"disk","target":null},7]}"#).unwrap();
        assert_eq!(odd.autoscalers.len(), 1);
        assert_eq!(odd.autoscalers[0].metric.as_str(), "disk");
    }

    #[test]
    fn request_bodies_have_the_reference_shapes() {
        let create = CreateAutoscalerRequest {
            autoscaler: NewAutoscaler {
                container_type: "web".into(),
                metric: TriggerMetric::RpmPerContainer,
                target: 150.0,
                min_containers: 2,
                max_containers: 6,
            },
        };
        assert_eq!(
            serde_json::to_string(&create).unwrap(),
            r#"{"autoscaler":{"container_type":"web","metric":"rpm_per_container","target":150.0,"min_containers":2,"max_containers":6}}"#
        );
        let update = UpdateAutoscalerRequest {
            autoscaler: AutoscalerUpdate {
                disabled: Some(false),
                ..AutoscalerUpdate::default()
            },
        };
        assert_eq!(
            serde_json::to_string(&update).unwrap(),
            r#"{"autoscaler":{"disabled":false}}"#
        );
    }

    #[test]
    fn a_valid_autoscaler_breaks_no_rule() {
        assert!(
            autoscaler_errors(&draft("web", "rpm_per_container", 150.0, 2, 10), false).is_empty()
        );
        assert!(autoscaler_errors(&draft("worker", "cpu", 0.8, 3, 3), false).is_empty());
    }

    #[test]
    fn each_rule_has_its_message() {
        let errors = autoscaler_errors(&draft("web", "cpu", 0.8, 1, 11), true);
        assert_eq!(
            messages(&errors, "container_type"),
            ["already has an autoscaler"]
        );
        assert_eq!(
            messages(&errors, "min_containers"),
            ["must be greater than or equal to 2"]
        );
        assert_eq!(
            messages(&errors, "max_containers"),
            ["must be less than or equal to 10"]
        );
        let errors = autoscaler_errors(&draft("web", "cpu", 0.8, 4, 3), false);
        assert_eq!(
            messages(&errors, "max_containers"),
            ["must be greater than or equal to min_containers"]
        );
        let errors = autoscaler_errors(&draft("worker", "p95_response_time", 300.0, 2, 4), false);
        assert_eq!(
            messages(&errors, "metric"),
            ["is only available for web containers"]
        );
        let errors = autoscaler_errors(&draft("web", "all", 300.0, 2, 4), false);
        assert_eq!(
            messages(&errors, "metric"),
            ["is not a valid metric (rpm_per_container, p95_response_time, 5XX, cpu, memory, swap)"]
        );
        let errors = autoscaler_errors(&draft("web", "memory", 80.0, 2, 4), false);
        assert_eq!(messages(&errors, "target"), ["must be at most 100%"]);
        let errors = autoscaler_errors(&draft("web", "5XX", 0.0, 2, 4), false);
        assert_eq!(messages(&errors, "target"), ["must be greater than 0"]);
        let errors = autoscaler_errors(&draft("web", "5XX", f64::NAN, 2, 4), false);
        assert_eq!(messages(&errors, "target"), ["must be greater than 0"]);
    }

    #[test]
    fn an_empty_draft_names_every_field() {
        let empty = AutoscalerDraft {
            container_type: "",
            metric: "",
            target: None,
            min_containers: None,
            max_containers: None,
        };
        let errors = autoscaler_errors(&empty, false);
        for field in [
            "container_type",
            "metric",
            "target",
            "min_containers",
            "max_containers",
        ] {
            assert_eq!(messages(&errors, field), ["can't be blank"], "{field}");
        }
        // Without a valid minimum, the maximum is held to the floor.
        let errors = autoscaler_errors(
            &AutoscalerDraft {
                min_containers: None,
                max_containers: Some(1),
                ..draft("web", "cpu", 0.5, 0, 0)
            },
            false,
        );
        assert_eq!(
            messages(&errors, "max_containers"),
            ["must be greater than or equal to 2"]
        );
    }
}
