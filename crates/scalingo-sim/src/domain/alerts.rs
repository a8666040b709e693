//! Alerts of an app, checked with the rules of `scalingo_api::alert_errors`
//! plus the app's own process types and notifiers, and the events they
//! record: `new_alert` (`container_type`, `metric`, `limit`, `limit_text`,
//! `send_when_below`) and `delete_alert` (`container_type`, `metric`). An
//! update records nothing (the platform has no event for it).
//!
//! They are kept and shown; the simulator does not evaluate them against
//! its metrics, so no `alert` event is ever recorded (see DIFFERENCES.md).

use scalingo_api::{alert_errors, Alert, AlertDraft, TriggerMetric};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map};

use super::{
    autoscalers::go_time,
    error::{ApiError, ApiResult},
    ids,
    model::{Platform, UserRecord},
    time::Timestamp,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlertRecord {
    /// `al-<uuid>`.
    pub id: String,
    pub app_id: String,
    pub container_type: String,
    pub metric: String,
    /// In the API's unit (a ratio for `cpu`, `memory`, `swap`).
    pub limit: f64,
    pub send_when_below: bool,
    /// Nanoseconds.
    pub duration_before_trigger: u64,
    /// A Go duration as given (nanoseconds given are written as one);
    /// empty for no reminder.
    pub remind_every: String,
    /// Ids of the app's notifiers.
    pub notifiers: Vec<String>,
    pub disabled: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl AlertRecord {
    pub fn to_api(&self) -> Alert {
        Alert {
            id: self.id.clone(),
            app_id: Some(self.app_id.clone()),
            container_type: self.container_type.clone(),
            metric: TriggerMetric::from(self.metric.clone()),
            limit: self.limit,
            send_when_below: self.send_when_below,
            duration_before_trigger: self.duration_before_trigger,
            remind_every: self.remind_every.clone(),
            notifiers: self.notifiers.clone(),
            disabled: self.disabled,
            metadata: Map::new(),
            created_at: Some(go_time(&self.created_at)),
            updated_at: Some(go_time(&self.updated_at)),
        }
    }
}

/// What a creation asks for, read from the request (the rules are checked
/// here).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AlertFields {
    pub container_type: String,
    pub metric: String,
    pub limit: Option<f64>,
    pub send_when_below: bool,
    pub duration_before_trigger: u64,
    pub remind_every: String,
    pub notifiers: Vec<String>,
}

/// What an update asks for; `None` keeps the current value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AlertChanges {
    pub container_type: Option<String>,
    pub metric: Option<String>,
    pub limit: Option<f64>,
    pub send_when_below: Option<bool>,
    pub duration_before_trigger: Option<u64>,
    pub remind_every: Option<String>,
    pub notifiers: Option<Vec<String>>,
    pub disabled: Option<bool>,
}

impl Platform {
    pub fn alerts_of<'a>(&'a self, app_id: &'a str) -> impl Iterator<Item = &'a AlertRecord> + 'a {
        self.alerts.iter().filter(move |a| a.app_id == app_id)
    }

    pub fn alert(&self, app_id: &str, id: &str) -> ApiResult<&AlertRecord> {
        self.alerts
            .iter()
            .find(|a| a.app_id == app_id && a.id == id)
            .ok_or_else(|| ApiError::not_found("alert"))
    }

    fn check_alert(&self, app_index: usize, fields: &AlertFields) -> ApiResult<()> {
        let app = &self.apps[app_index];
        let draft = AlertDraft {
            container_type: &fields.container_type,
            metric: &fields.metric,
            limit: fields.limit,
            remind_every: Some(&fields.remind_every),
            notifiers: &fields.notifiers,
        };
        let mut errors = alert_errors(&draft, |id| {
            self.notifiers
                .iter()
                .any(|n| n.app_id == app.id && n.id == id)
        });
        let kind = fields.container_type.trim();
        if !kind.is_empty() && !app.formation.iter().any(|t| t.name == kind) {
            errors.insert(
                "container_type".to_owned(),
                vec!["is not a process type of this app".to_owned()],
            );
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::validation(errors))
        }
    }

    /// `POST /apps/:app/alerts`.
    pub fn add_alert(
        &mut self,
        app_index: usize,
        user: &UserRecord,
        fields: &AlertFields,
        now: Timestamp,
    ) -> ApiResult<AlertRecord> {
        self.check_alert(app_index, fields)?;
        let metric = TriggerMetric::from(fields.metric.trim().to_owned());
        let record = AlertRecord {
            id: ids::prefixed("al", &mut rand::rng()),
            app_id: self.apps[app_index].id.clone(),
            container_type: fields.container_type.trim().to_owned(),
            metric: metric.as_str().to_owned(),
            limit: fields.limit.unwrap_or_default(),
            send_when_below: fields.send_when_below,
            duration_before_trigger: fields.duration_before_trigger,
            remind_every: fields.remind_every.trim().to_owned(),
            notifiers: fields.notifiers.clone(),
            disabled: false,
            created_at: now,
            updated_at: now,
        };
        self.alerts.push(record.clone());
        let type_data = json!({
            "container_type": record.container_type,
            "metric": record.metric,
            "limit": record.limit,
            "limit_text": metric.format(record.limit),
            "send_when_below": record.send_when_below,
        });
        self.push_event("new_alert", app_index, user, type_data, now);
        Ok(record)
    }

    /// `PATCH`/`PUT /apps/:app/alerts/:id`: 404 `alert`, 422 on the rules
    /// as they would be after the change.
    pub fn update_alert(
        &mut self,
        app_index: usize,
        id: &str,
        changes: &AlertChanges,
        now: Timestamp,
    ) -> ApiResult<AlertRecord> {
        let current = self.alert(&self.apps[app_index].id, id)?.clone();
        let fields = AlertFields {
            container_type: changes
                .container_type
                .clone()
                .unwrap_or(current.container_type.clone()),
            metric: changes.metric.clone().unwrap_or(current.metric.clone()),
            limit: changes.limit.or(Some(current.limit)),
            send_when_below: changes.send_when_below.unwrap_or(current.send_when_below),
            duration_before_trigger: changes
                .duration_before_trigger
                .unwrap_or(current.duration_before_trigger),
            remind_every: changes
                .remind_every
                .clone()
                .unwrap_or(current.remind_every.clone()),
            notifiers: changes
                .notifiers
                .clone()
                .unwrap_or(current.notifiers.clone()),
        };
        self.check_alert(app_index, &fields)?;
        let mut record = current.clone();
        record.container_type = fields.container_type.trim().to_owned();
        record.metric = TriggerMetric::from(fields.metric.trim().to_owned())
            .as_str()
            .to_owned();
        record.limit = fields.limit.unwrap_or(current.limit);
        record.send_when_below = fields.send_when_below;
        record.duration_before_trigger = fields.duration_before_trigger;
        record.remind_every = fields.remind_every.trim().to_owned();
        record.notifiers = fields.notifiers;
        record.disabled = changes.disabled.unwrap_or(current.disabled);
        if record != current {
            record.updated_at = now;
            if let Some(slot) = self.alerts.iter_mut().find(|a| a.id == id) {
                *slot = record.clone();
            }
        }
        Ok(record)
    }

    /// `DELETE /apps/:app/alerts/:id`: 404 `alert`.
    pub fn delete_alert(
        &mut self,
        app_index: usize,
        user: &UserRecord,
        id: &str,
        now: Timestamp,
    ) -> ApiResult<()> {
        let removed = self.alert(&self.apps[app_index].id, id)?.clone();
        self.alerts.retain(|a| a.id != removed.id);
        let type_data = json!({
            "container_type": removed.container_type,
            "metric": removed.metric,
        });
        self.push_event("delete_alert", app_index, user, type_data, now);
        Ok(())
    }

    /// What an app leaves behind when it is deleted: its autoscalers,
    /// alerts and notifiers.
    pub fn forget_app_settings(&mut self, app_id: &str) {
        self.autoscalers.retain(|a| a.app_id != app_id);
        self.alerts.retain(|a| a.app_id != app_id);
        self.notifiers.retain(|n| n.app_id != app_id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{demo, time};

    fn platform() -> (Platform, usize, UserRecord, String) {
        let p = demo::generate(3, time::now());
        let index = p.apps.iter().position(|a| a.name == "shop-web").unwrap();
        let owner = p.user(&p.apps[index].owner_id).unwrap().clone();
        let notifier = p
            .notifiers
            .iter()
            .find(|n| n.app_id == p.apps[index].id)
            .unwrap()
            .id
            .clone();
        (p, index, owner, notifier)
    }

    #[test]
    fn creation_checks_types_and_notifiers() {
        let (mut p, index, ada, notifier) = platform();
        let now = time::now();
        let mut fields = AlertFields {
            container_type: "web".into(),
            metric: "memory".into(),
            limit: Some(0.8),
            duration_before_trigger: 240_000_000_000,
            remind_every: "30m".into(),
            notifiers: vec![notifier.clone()],
            ..AlertFields::default()
        };
        let created = p.add_alert(index, &ada, &fields, now).unwrap();
        assert!(created.id.starts_with("al-"));
        let event = p.events.last().unwrap();
        assert_eq!(event.kind, "new_alert");
        assert_eq!(event.type_data["limit_text"], "80%");
        fields.container_type = "worker".into();
        fields.notifiers = vec!["no-elsewhere".into()];
        let refused = p.add_alert(index, &ada, &fields, now).unwrap_err();
        assert_eq!(
            refused.body.field_messages("container_type"),
            ["is not a process type of this app"]
        );
        assert_eq!(
            refused.body.field_messages("notifiers"),
            ["must be notifiers of the app"]
        );
        let updated = p
            .update_alert(
                index,
                &created.id,
                &AlertChanges {
                    disabled: Some(true),
                    remind_every: Some("1h".into()),
                    ..AlertChanges::default()
                },
                now,
            )
            .unwrap();
        assert!(updated.disabled);
        assert_eq!(updated.remind_every, "1h");
        assert_eq!(
            updated.to_api().reminder(),
            Some(std::time::Duration::from_secs(3600))
        );
        p.delete_alert(index, &ada, &created.id, now).unwrap();
        assert_eq!(p.events.last().unwrap().kind, "delete_alert");
        assert_eq!(
            p.delete_alert(index, &ada, &created.id, now)
                .unwrap_err()
                .status,
            404
        );
    }
}
