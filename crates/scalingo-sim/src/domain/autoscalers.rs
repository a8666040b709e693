//! Autoscalers of an app: one per process type, checked with the rules of
//! `scalingo_api::autoscaler_errors` plus the app's own process types, and
//! the events they record: `new_autoscaler` and `edit_autoscaler`
//! (`container_type`, `min_containers` and `max_containers` as strings,
//! `metric`, `target`, `target_text`), `delete_autoscaler`
//! (`container_type`, `metric`).
//!
//! They are kept and shown, and a manual scale of their type disables
//! them, but the simulator does not scale by itself: traffic grows with
//! the web containers, so an autoscaler on it would only run to one of
//! its bounds (see DIFFERENCES.md).

use chrono::SecondsFormat;
use scalingo_api::{autoscaler_errors, Autoscaler, AutoscalerDraft, TriggerMetric, GO_ZERO_TIME};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{
    error::{ApiError, ApiResult},
    ids,
    lifecycle::scale::ScaleTarget,
    model::{ContainerTypeRecord, Platform, UserRecord},
    time::Timestamp,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AutoscalerRecord {
    /// `au-<uuid>`.
    pub id: String,
    pub app_id: String,
    pub container_type: String,
    pub metric: String,
    /// In the API's unit (a ratio for `cpu`, `memory`, `swap`).
    pub target: f64,
    pub min_containers: u32,
    pub max_containers: u32,
    pub disabled: bool,
    /// The hidden alerts the platform drives it with (never listed).
    pub alert_id_scale_up: String,
    pub alert_id_scale_down: String,
    /// `None`: it never scaled.
    pub last_scale: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// How the Go side of the API writes dates: RFC 3339 with as many
/// fractional digits as needed.
pub fn go_time(at: &Timestamp) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

impl AutoscalerRecord {
    pub fn to_api(&self) -> Autoscaler {
        Autoscaler {
            id: self.id.clone(),
            app_id: Some(self.app_id.clone()),
            container_type: self.container_type.clone(),
            metric: TriggerMetric::from(self.metric.clone()),
            target: self.target,
            min_containers: self.min_containers,
            max_containers: self.max_containers,
            disabled: self.disabled,
            alert_id_scale_up: Some(self.alert_id_scale_up.clone()),
            alert_id_scale_down: Some(self.alert_id_scale_down.clone()),
            last_scale: Some(
                self.last_scale
                    .as_ref()
                    .map_or_else(|| GO_ZERO_TIME.to_owned(), go_time),
            ),
            created_at: Some(go_time(&self.created_at)),
            updated_at: Some(go_time(&self.updated_at)),
        }
    }

    fn event_data(&self) -> Value {
        json!({
            "container_type": self.container_type,
            "min_containers": self.min_containers.to_string(),
            "max_containers": self.max_containers.to_string(),
            "metric": self.metric,
            "target": self.target,
            "target_text": TriggerMetric::from(self.metric.clone()).format(self.target),
        })
    }
}

/// What an update asks for; `None` keeps the current value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AutoscalerChanges {
    pub metric: Option<String>,
    pub target: Option<f64>,
    pub min_containers: Option<i64>,
    pub max_containers: Option<i64>,
    pub disabled: Option<bool>,
}

impl Platform {
    pub fn autoscalers_of<'a>(
        &'a self,
        app_id: &'a str,
    ) -> impl Iterator<Item = &'a AutoscalerRecord> + 'a {
        self.autoscalers.iter().filter(move |a| a.app_id == app_id)
    }

    pub fn autoscaler(&self, app_id: &str, id: &str) -> ApiResult<&AutoscalerRecord> {
        self.autoscalers
            .iter()
            .find(|a| a.app_id == app_id && a.id == id)
            .ok_or_else(|| ApiError::not_found("autoscaler"))
    }

    /// The rules, plus a process type the app has: 422 on every broken one.
    fn check_autoscaler(
        &self,
        app_index: usize,
        draft: &AutoscalerDraft<'_>,
        except_id: Option<&str>,
    ) -> ApiResult<()> {
        let app = &self.apps[app_index];
        let kind = draft.container_type.trim();
        let taken = self
            .autoscalers_of(&app.id)
            .any(|a| a.container_type == kind && Some(a.id.as_str()) != except_id);
        let mut errors = autoscaler_errors(draft, taken);
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

    /// `POST /apps/:app/autoscalers`; enabled at once, as on the platform.
    pub fn add_autoscaler(
        &mut self,
        app_index: usize,
        user: &UserRecord,
        draft: &AutoscalerDraft<'_>,
        now: Timestamp,
    ) -> ApiResult<AutoscalerRecord> {
        self.check_autoscaler(app_index, draft, None)?;
        let bound = |n: Option<i64>| n.and_then(|n| u32::try_from(n).ok()).unwrap_or_default();
        let rng = &mut rand::rng();
        let record = AutoscalerRecord {
            id: ids::prefixed("au", rng),
            app_id: self.apps[app_index].id.clone(),
            container_type: draft.container_type.trim().to_owned(),
            metric: TriggerMetric::from(draft.metric.trim().to_owned())
                .as_str()
                .to_owned(),
            target: draft.target.unwrap_or_default(),
            min_containers: bound(draft.min_containers),
            max_containers: bound(draft.max_containers),
            disabled: false,
            alert_id_scale_up: ids::prefixed("al", rng),
            alert_id_scale_down: ids::prefixed("al", rng),
            last_scale: None,
            created_at: now,
            updated_at: now,
        };
        self.autoscalers.push(record.clone());
        self.push_event("new_autoscaler", app_index, user, record.event_data(), now);
        Ok(record)
    }

    /// `PATCH`/`PUT /apps/:app/autoscalers/:id`: 404 `autoscaler`, 422 on
    /// the rules as they would be after the change.
    pub fn update_autoscaler(
        &mut self,
        app_index: usize,
        user: &UserRecord,
        id: &str,
        changes: &AutoscalerChanges,
        now: Timestamp,
    ) -> ApiResult<AutoscalerRecord> {
        let current = self.autoscaler(&self.apps[app_index].id, id)?.clone();
        let metric = changes.metric.clone().unwrap_or(current.metric.clone());
        let draft = AutoscalerDraft {
            container_type: &current.container_type,
            metric: &metric,
            target: changes.target.or(Some(current.target)),
            min_containers: changes
                .min_containers
                .or(Some(i64::from(current.min_containers))),
            max_containers: changes
                .max_containers
                .or(Some(i64::from(current.max_containers))),
        };
        self.check_autoscaler(app_index, &draft, Some(id))?;
        let bound = |n: Option<i64>, was: u32| n.and_then(|n| u32::try_from(n).ok()).unwrap_or(was);
        let mut record = current.clone();
        record.metric = TriggerMetric::from(metric.trim().to_owned())
            .as_str()
            .to_owned();
        record.target = draft.target.unwrap_or(current.target);
        record.min_containers = bound(draft.min_containers, current.min_containers);
        record.max_containers = bound(draft.max_containers, current.max_containers);
        record.disabled = changes.disabled.unwrap_or(current.disabled);
        if record == current {
            return Ok(record);
        }
        record.updated_at = now;
        if let Some(slot) = self.autoscalers.iter_mut().find(|a| a.id == id) {
            *slot = record.clone();
        }
        self.push_event("edit_autoscaler", app_index, user, record.event_data(), now);
        Ok(record)
    }

    /// `DELETE /apps/:app/autoscalers/:id`: 404 `autoscaler`.
    pub fn delete_autoscaler(
        &mut self,
        app_index: usize,
        user: &UserRecord,
        id: &str,
        now: Timestamp,
    ) -> ApiResult<()> {
        let removed = self.autoscaler(&self.apps[app_index].id, id)?.clone();
        self.autoscalers.retain(|a| a.id != removed.id);
        let type_data = json!({
            "container_type": removed.container_type,
            "metric": removed.metric,
        });
        self.push_event("delete_autoscaler", app_index, user, type_data, now);
        Ok(())
    }

    /// A manual scale that changes the amount of a type disables that
    /// type's autoscaler (the platform does; its CLI asks first). A change
    /// of size alone leaves it be. Returns the types whose autoscaler was
    /// disabled.
    pub fn disable_autoscalers_on_scale(
        &mut self,
        app_index: usize,
        before: &[ContainerTypeRecord],
        targets: &[ScaleTarget],
        now: Timestamp,
    ) -> Vec<String> {
        let app_id = self.apps[app_index].id.clone();
        let mut disabled = Vec::new();
        for autoscaler in self
            .autoscalers
            .iter_mut()
            .filter(|a| a.app_id == app_id && !a.disabled)
        {
            let kind = &autoscaler.container_type;
            let amount_changes = targets.iter().any(|t| {
                &t.name == kind
                    && before
                        .iter()
                        .any(|b| &b.name == kind && b.amount != t.amount)
            });
            if amount_changes {
                autoscaler.disabled = true;
                autoscaler.updated_at = now;
                disabled.push(kind.clone());
            }
        }
        disabled
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{demo, time};

    fn platform() -> (Platform, usize, UserRecord) {
        let p = demo::generate(3, time::now());
        let index = p.apps.iter().position(|a| a.name == "shop-web").unwrap();
        let owner = p.user(&p.apps[index].owner_id).unwrap().clone();
        (p, index, owner)
    }

    fn draft<'a>(kind: &'a str, metric: &'a str) -> AutoscalerDraft<'a> {
        AutoscalerDraft {
            container_type: kind,
            metric,
            target: Some(0.7),
            min_containers: Some(2),
            max_containers: Some(5),
        }
    }

    #[test]
    fn one_per_type_of_the_app() {
        let (mut p, index, ada) = platform();
        let now = time::now();
        let created = p
            .add_autoscaler(index, &ada, &draft("web", "cpu"), now)
            .unwrap();
        assert!(created.id.starts_with("au-"));
        let again = p.add_autoscaler(index, &ada, &draft("web", "memory"), now);
        assert_eq!(
            again.unwrap_err().body.field_messages("container_type"),
            ["already has an autoscaler"]
        );
        let unknown = p.add_autoscaler(index, &ada, &draft("worker", "cpu"), now);
        assert_eq!(
            unknown.unwrap_err().body.field_messages("container_type"),
            ["is not a process type of this app"]
        );
        let event = p.events.last().unwrap();
        assert_eq!(event.kind, "new_autoscaler");
        assert_eq!(event.type_data["min_containers"], "2");
        assert_eq!(event.type_data["max_containers"], "5");
        assert_eq!(event.type_data["target_text"], "70%");
        let api = created.to_api();
        assert_eq!(api.last_scale.as_deref(), Some(GO_ZERO_TIME));
        assert_eq!(api.last_scaled_at(), None);
    }

    #[test]
    fn updates_are_checked_as_they_would_end() {
        let (mut p, index, ada) = platform();
        let now = time::now();
        let created = p
            .add_autoscaler(index, &ada, &draft("web", "cpu"), now)
            .unwrap();
        let events = p.events.len();
        let refused = p.update_autoscaler(
            index,
            &ada,
            &created.id,
            &AutoscalerChanges {
                min_containers: Some(6),
                ..AutoscalerChanges::default()
            },
            now,
        );
        assert_eq!(
            refused.unwrap_err().body.field_messages("max_containers"),
            ["must be greater than or equal to min_containers"]
        );
        let same = p
            .update_autoscaler(index, &ada, &created.id, &AutoscalerChanges::default(), now)
            .unwrap();
        assert_eq!(same, created);
        assert_eq!(p.events.len(), events);
        let changed = p
            .update_autoscaler(
                index,
                &ada,
                &created.id,
                &AutoscalerChanges {
                    metric: Some("rpm_per_container".into()),
                    target: Some(120.0),
                    disabled: Some(true),
                    ..AutoscalerChanges::default()
                },
                now,
            )
            .unwrap();
        assert!(changed.disabled);
        assert_eq!(p.events.last().unwrap().type_data["target_text"], "120 rpm");
        assert_eq!(
            p.update_autoscaler(index, &ada, "au-nope", &AutoscalerChanges::default(), now)
                .unwrap_err()
                .status,
            404
        );
    }

    #[test]
    fn a_manual_scale_of_the_amount_disables_it() {
        let (mut p, index, ada) = platform();
        let now = time::now();
        p.add_autoscaler(index, &ada, &draft("web", "cpu"), now)
            .unwrap();
        let before = p.apps[index].formation.clone();
        let web = before.iter().find(|t| t.name == "web").unwrap().clone();
        let resize = [ScaleTarget {
            name: "web".into(),
            amount: web.amount,
            size: "XL".into(),
        }];
        assert!(p
            .disable_autoscalers_on_scale(index, &before, &resize, now)
            .is_empty());
        let more = [ScaleTarget {
            name: "web".into(),
            amount: web.amount + 1,
            size: web.size.clone(),
        }];
        assert_eq!(
            p.disable_autoscalers_on_scale(index, &before, &more, now),
            ["web"]
        );
        let app_id = &p.apps[index].id;
        assert!(p.autoscalers_of(app_id).all(|a| a.disabled));
    }
}
