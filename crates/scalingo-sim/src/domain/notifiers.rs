//! Notifiers of an app: the default e-mail one every app has, the ones
//! added through the API (checked with `scalingo_api::notifier_errors`,
//! their platform and event types with the catalogue), the events they
//! record (`new_notifier`, `edit_notifier`, `delete_notifier` with
//! `notifier_name`, `active`, `send_all_events`, `selected_events` (event
//! type names), `notifier_type`, `notifier_type_data`, `platform_name`),
//! and the test notifications they send (nothing leaves the simulator:
//! they are kept in a list a test can read, see `routes::sim_notifier_tests`).

use std::collections::HashSet;

use rand::Rng;
use scalingo_api::{notifier_errors, Notifier, NotifierDraft, NotifierKind, NotifierTypeData};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::{
    error::{ApiError, ApiResult},
    ids,
    model::{AppRecord, Platform, UserRecord},
    notification_catalogue::{self as catalogue, event_type_id, event_type_name, CRITICAL_EVENTS},
    time::{self, Timestamp},
};

/// How many test notifications are remembered.
const TESTS_KEPT: usize = 100;

/// The name of the notifier every app starts with.
pub const DEFAULT_NOTIFIER_NAME: &str = "Default notifier";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotifierRecord {
    /// `no-<uuid>`.
    pub id: String,
    pub app_id: String,
    pub name: String,
    pub platform_id: String,
    /// The platform's name (`email`, `webhook`…): the notifier's `type`.
    pub kind: String,
    pub active: bool,
    pub send_all_events: bool,
    pub send_all_alerts: bool,
    pub selected_event_ids: Vec<String>,
    pub type_data: Map<String, Value>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// A test notification, as `POST …/notifiers/:id/test` sent it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotifierTestRecord {
    pub notifier_id: String,
    pub app_id: String,
    pub app_name: String,
    pub notifier_name: String,
    #[serde(rename = "type")]
    pub kind: String,
    /// Where it went, as the notifier says it (`type_data`).
    pub type_data: Map<String, Value>,
    /// Whether the notifier was active (a test is sent either way).
    pub active: bool,
    pub sent_at: Timestamp,
    /// Who asked for it.
    pub user_id: String,
}

impl NotifierRecord {
    pub fn to_api(&self) -> Notifier {
        Notifier {
            id: self.id.clone(),
            app_id: Some(self.app_id.clone()),
            name: self.name.clone(),
            kind: NotifierKind::from(self.kind.clone()),
            platform_id: self.platform_id.clone(),
            active: self.active,
            send_all_events: self.send_all_events,
            send_all_alerts: self.send_all_alerts,
            selected_event_ids: self.selected_event_ids.clone(),
            type_data: self.type_data.clone(),
            created_at: Some(time::format(&self.created_at)),
            updated_at: Some(time::format(&self.updated_at)),
        }
    }

    fn event_data(&self) -> Value {
        let selected: Vec<&str> = self
            .selected_event_ids
            .iter()
            .filter_map(|id| event_type_name(id))
            .collect();
        json!({
            "notifier_name": self.name,
            "active": self.active,
            "send_all_events": self.send_all_events,
            "selected_events": selected,
            "notifier_type": self.kind,
            "notifier_type_data": self.type_data,
            "platform_name": self.kind,
        })
    }
}

/// What every default notifier has in common (computed once for many).
struct DefaultNotifier {
    platform_id: String,
    selected_event_ids: Vec<String>,
}

impl DefaultNotifier {
    fn new() -> Self {
        DefaultNotifier {
            platform_id: catalogue::catalogue_id("notification_platform", "email"),
            selected_event_ids: CRITICAL_EVENTS.iter().map(|n| event_type_id(n)).collect(),
        }
    }

    /// The default notifier of `app`: critical events and every alert, by
    /// e-mail to the owner.
    fn of(&self, app: &AppRecord, rng: &mut impl Rng) -> NotifierRecord {
        let type_data = NotifierTypeData::Email {
            user_ids: vec![app.owner_id.clone()],
            emails: Vec::new(),
        };
        NotifierRecord {
            id: ids::prefixed("no", rng),
            app_id: app.id.clone(),
            name: DEFAULT_NOTIFIER_NAME.to_owned(),
            platform_id: self.platform_id.clone(),
            kind: "email".to_owned(),
            active: true,
            send_all_events: false,
            send_all_alerts: true,
            selected_event_ids: self.selected_event_ids.clone(),
            type_data: type_data.to_map(),
            created_at: app.created_at,
            updated_at: app.created_at,
        }
    }
}

/// What a creation or an update asks for, read from the request. Each
/// field is `None` when it was not sent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NotifierFields {
    pub platform_id: Option<String>,
    pub name: Option<String>,
    pub active: Option<bool>,
    pub send_all_events: Option<bool>,
    pub send_all_alerts: Option<bool>,
    pub selected_event_ids: Option<Vec<String>>,
    pub type_data: Option<Map<String, Value>>,
}

impl Platform {
    pub fn notifiers_of<'a>(
        &'a self,
        app_id: &'a str,
    ) -> impl Iterator<Item = &'a NotifierRecord> + 'a {
        self.notifiers.iter().filter(move |n| n.app_id == app_id)
    }

    pub fn notifier(&self, app_id: &str, id: &str) -> ApiResult<&NotifierRecord> {
        self.notifiers
            .iter()
            .find(|n| n.app_id == app_id && n.id == id)
            .ok_or_else(|| ApiError::not_found("notifier"))
    }

    /// Gives the default notifier to every app that has no notifier at all
    /// (apps generated without one).
    pub fn add_default_notifiers(&mut self, rng: &mut impl Rng) {
        let notified: HashSet<&str> = self.notifiers.iter().map(|n| n.app_id.as_str()).collect();
        let default = DefaultNotifier::new();
        let added: Vec<NotifierRecord> = self
            .apps
            .iter()
            .filter(|app| !notified.contains(app.id.as_str()))
            .map(|app| default.of(app, rng))
            .collect();
        self.notifiers.extend(added);
    }

    /// Gives the app at `app_index` (a new one) its default notifier.
    pub fn add_default_notifier(&mut self, app_index: usize) {
        let notifier = DefaultNotifier::new().of(&self.apps[app_index], &mut rand::rng());
        self.notifiers.push(notifier);
    }

    /// The rules on what `record` would be: 422 for the fields, then 404
    /// `notification_platform` for a platform that does not exist (so an
    /// empty body gets the recorded 422 on `name` and `active`).
    fn check_notifier(&self, record: &NotifierRecord, active: Option<bool>) -> ApiResult<()> {
        let platform = catalogue::platform(&record.platform_id);
        let kind = NotifierKind::from(record.kind.clone());
        // Without a platform, the destination has no rules to break.
        let type_data = match &platform {
            Some(_) => NotifierTypeData::read(&kind, &record.type_data),
            None => NotifierTypeData::Other(Map::new()),
        };
        let mut errors = notifier_errors(&NotifierDraft {
            name: &record.name,
            active,
            type_data: &type_data,
        });
        if let Some(platform) = &platform {
            let unknown = record
                .selected_event_ids
                .iter()
                .any(|id| !platform.available_event_ids.contains(id));
            if unknown {
                errors.insert(
                    "selected_event_ids".to_owned(),
                    vec!["must be event types of the platform".to_owned()],
                );
            }
        }
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        if platform.is_none() {
            return Err(ApiError::not_found("notification_platform"));
        }
        Ok(())
    }

    /// `POST /apps/:app/notifiers`.
    pub fn add_notifier(
        &mut self,
        app_index: usize,
        user: &UserRecord,
        fields: &NotifierFields,
        now: Timestamp,
    ) -> ApiResult<NotifierRecord> {
        let platform_id = fields.platform_id.clone().unwrap_or_default();
        let kind = catalogue::platform(&platform_id)
            .map(|p| p.name)
            .unwrap_or_default();
        let record = NotifierRecord {
            id: ids::prefixed("no", &mut rand::rng()),
            app_id: self.apps[app_index].id.clone(),
            name: fields.name.clone().unwrap_or_default().trim().to_owned(),
            platform_id,
            kind,
            active: fields.active.unwrap_or_default(),
            send_all_events: fields.send_all_events.unwrap_or_default(),
            send_all_alerts: fields.send_all_alerts.unwrap_or_default(),
            selected_event_ids: fields.selected_event_ids.clone().unwrap_or_default(),
            type_data: fields.type_data.clone().unwrap_or_default(),
            created_at: now,
            updated_at: now,
        };
        self.check_notifier(&record, fields.active)?;
        self.notifiers.push(record.clone());
        self.push_event("new_notifier", app_index, user, record.event_data(), now);
        Ok(record)
    }

    /// `PATCH /apps/:app/notifiers/:id`: what is sent changes, the rest
    /// stays (its platform cannot change). 404 `notifier`, 422 on the
    /// rules as they would be after the change.
    pub fn update_notifier(
        &mut self,
        app_index: usize,
        user: &UserRecord,
        id: &str,
        fields: &NotifierFields,
        now: Timestamp,
    ) -> ApiResult<NotifierRecord> {
        let current = self.notifier(&self.apps[app_index].id, id)?.clone();
        let mut record = current.clone();
        if let Some(name) = &fields.name {
            record.name = name.trim().to_owned();
        }
        record.active = fields.active.unwrap_or(current.active);
        record.send_all_events = fields.send_all_events.unwrap_or(current.send_all_events);
        record.send_all_alerts = fields.send_all_alerts.unwrap_or(current.send_all_alerts);
        if let Some(selected) = &fields.selected_event_ids {
            record.selected_event_ids = selected.clone();
        }
        if let Some(type_data) = &fields.type_data {
            record.type_data = type_data.clone();
        }
        self.check_notifier(&record, Some(record.active))?;
        if record == current {
            return Ok(record);
        }
        record.updated_at = now;
        if let Some(slot) = self.notifiers.iter_mut().find(|n| n.id == id) {
            *slot = record.clone();
        }
        self.push_event("edit_notifier", app_index, user, record.event_data(), now);
        Ok(record)
    }

    /// `DELETE /apps/:app/notifiers/:id`: 404 `notifier`. Alerts stop
    /// sending to it (an alert may be left without a notifier; the
    /// platform's behaviour there is not documented).
    pub fn delete_notifier(
        &mut self,
        app_index: usize,
        user: &UserRecord,
        id: &str,
        now: Timestamp,
    ) -> ApiResult<()> {
        let removed = self.notifier(&self.apps[app_index].id, id)?.clone();
        self.notifiers.retain(|n| n.id != removed.id);
        for alert in self
            .alerts
            .iter_mut()
            .filter(|a| a.app_id == removed.app_id)
        {
            alert.notifiers.retain(|n| n != &removed.id);
        }
        self.push_event(
            "delete_notifier",
            app_index,
            user,
            removed.event_data(),
            now,
        );
        Ok(())
    }

    /// `POST /apps/:app/notifiers/:id/test`: 404 `notifier`; the
    /// notification is kept in `notifier_tests`.
    pub fn test_notifier(
        &mut self,
        app_index: usize,
        user: &UserRecord,
        id: &str,
        now: Timestamp,
    ) -> ApiResult<NotifierTestRecord> {
        let notifier = self.notifier(&self.apps[app_index].id, id)?.clone();
        let test = NotifierTestRecord {
            notifier_id: notifier.id,
            app_id: notifier.app_id,
            app_name: self.apps[app_index].name.clone(),
            notifier_name: notifier.name,
            kind: notifier.kind,
            type_data: notifier.type_data,
            active: notifier.active,
            sent_at: now,
            user_id: user.id.clone(),
        };
        self.notifier_tests.push(test.clone());
        let excess = self.notifier_tests.len().saturating_sub(TESTS_KEPT);
        self.notifier_tests.drain(..excess);
        Ok(test)
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

    fn webhook() -> String {
        catalogue::platform_named("webhook").unwrap().id
    }

    #[test]
    fn every_demo_app_has_its_default_notifier() {
        let (p, _, _) = platform();
        for app in &p.apps {
            let default = p
                .notifiers_of(&app.id)
                .find(|n| n.name == DEFAULT_NOTIFIER_NAME)
                .unwrap_or_else(|| panic!("{}", app.name));
            assert_eq!(default.kind, "email");
            assert_eq!(default.type_data["user_ids"], json!([app.owner_id]));
        }
    }

    #[test]
    fn the_recorded_422_then_the_platform() {
        let (mut p, index, ada) = platform();
        let now = time::now();
        let empty = p.add_notifier(index, &ada, &NotifierFields::default(), now);
        let body = serde_json::to_string(&*empty.unwrap_err().body).unwrap();
        assert_eq!(
            body,
            r#"{"errors":{"active":["can't be blank"],"name":["can't be blank"]}}"#
        );
        let unknown = p.add_notifier(
            index,
            &ada,
            &NotifierFields {
                platform_id: Some("nope".into()),
                name: Some("ops".into()),
                active: Some(true),
                ..NotifierFields::default()
            },
            now,
        );
        let error = unknown.unwrap_err();
        assert_eq!(error.status, 404);
        assert_eq!(
            error.body.resource.as_deref(),
            Some("notification_platform")
        );
    }

    #[test]
    fn changes_record_events_and_deletion_frees_alerts() {
        let (mut p, index, ada) = platform();
        let now = time::now();
        let mut type_data = Map::new();
        type_data.insert("webhook_url".into(), json!("https://hooks.example.com/a"));
        let created = p
            .add_notifier(
                index,
                &ada,
                &NotifierFields {
                    platform_id: Some(webhook()),
                    name: Some(" ops ".into()),
                    active: Some(true),
                    selected_event_ids: Some(vec![event_type_id("app_deployed")]),
                    type_data: Some(type_data),
                    ..NotifierFields::default()
                },
                now,
            )
            .unwrap();
        assert_eq!(created.name, "ops");
        assert_eq!(created.kind, "webhook");
        let event = p.events.last().unwrap();
        assert_eq!(event.kind, "new_notifier");
        assert_eq!(event.type_data["selected_events"], json!(["app_deployed"]));
        let mut bad = Map::new();
        bad.insert("webhook_url".into(), json!("javascript:alert(1)"));
        let refused = p.update_notifier(
            index,
            &ada,
            &created.id,
            &NotifierFields {
                type_data: Some(bad),
                ..NotifierFields::default()
            },
            now,
        );
        assert_eq!(
            refused.unwrap_err().body.field_messages("webhook_url"),
            ["must be an http:// or https:// URL"]
        );
        p.test_notifier(index, &ada, &created.id, now).unwrap();
        assert_eq!(p.notifier_tests.last().unwrap().notifier_name, "ops");
        p.delete_notifier(index, &ada, &created.id, now).unwrap();
        assert_eq!(p.events.last().unwrap().kind, "delete_notifier");
        assert_eq!(
            p.test_notifier(index, &ada, &created.id, now)
                .unwrap_err()
                .status,
            404
        );
    }
}
