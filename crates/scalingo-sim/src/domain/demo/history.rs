//! The timeline of the demo apps: their creation, then over the last days
//! the deployments, scales, restarts and setting changes a team makes, so
//! that timelines and the event marks on charts have something to show.
//!
//! The history ends where the app is: the last deployment is the app's
//! `last_deployment_id`, the last scale of a type sets its current amount
//! and size, the last setting change sets the current value.

use chrono::Duration;
use rand::{seq::IndexedRandom, Rng};
use scalingo_api::{AppStatus, CollaboratorStatus, Stack};
use serde_json::{json, Value};

use super::Generator;
use crate::domain::{
    ids,
    model::{AppRecord, CollaboratorRecord, EventRecord, ProjectRecord, UserRecord},
    platform::event_user,
    time::{self, Timestamp},
};

/// How far back the generated activity goes.
const DAYS: i64 = 10;

/// What the history is made from.
pub(crate) struct History<'a> {
    pub(crate) apps: &'a [AppRecord],
    pub(crate) users: &'a [UserRecord],
    pub(crate) projects: &'a [ProjectRecord],
    pub(crate) stacks: &'a [Stack],
    pub(crate) collaborators: &'a [CollaboratorRecord],
}

/// Every event of the demo platform, oldest first.
pub(crate) fn events(g: &mut Generator, h: &History<'_>) -> Vec<EventRecord> {
    let mut events = Vec::new();
    for app in h.apps {
        let Some(owner) = h.users.iter().find(|u| u.id == app.owner_id) else {
            continue;
        };
        let mut type_data = json!({ "git_source": app.git_source });
        if app.is_child() {
            type_data["parent_app_name"] = json!(app.parent_app_name);
        }
        events.push(event(
            g,
            h,
            app,
            owner,
            "new_app",
            app.created_at,
            type_data,
        ));
        if app.last_deployed_at.is_some() {
            activity(g, h, app, owner, &mut events);
        }
    }
    events.sort_by_key(|e| e.created_at);
    events
}

fn event(
    g: &mut Generator,
    h: &History<'_>,
    app: &AppRecord,
    user: &UserRecord,
    kind: &str,
    at: Timestamp,
    type_data: Value,
) -> EventRecord {
    EventRecord {
        id: ids::object_id(&mut g.rng),
        region: app.region.clone(),
        created_at: at,
        kind: kind.to_owned(),
        app_id: app.id.clone(),
        app_name: app.name.clone(),
        project_id: app.project_id.clone(),
        project_name: h
            .projects
            .iter()
            .find(|p| p.id == app.project_id)
            .map(|p| p.name.clone())
            .unwrap_or_default(),
        user: event_user(user),
        type_data,
    }
}

/// The owner most of the time, otherwise a full collaborator.
fn actor<'a>(
    g: &mut Generator,
    h: &History<'a>,
    app: &AppRecord,
    owner: &'a UserRecord,
) -> &'a UserRecord {
    let team: Vec<&UserRecord> = h
        .collaborators
        .iter()
        .filter(|c| c.app_id == app.id && c.status == CollaboratorStatus::Accepted && !c.is_limited)
        .filter_map(|c| c.user_id.as_deref())
        .filter_map(|id| h.users.iter().find(|u| u.id == id))
        .collect();
    if team.is_empty() || g.rng.random_bool(0.6) {
        owner
    } else {
        team.choose(&mut g.rng).copied().unwrap_or(owner)
    }
}

/// `count` moments between `from` and `to`, oldest first.
fn moments(g: &mut Generator, from: Timestamp, to: Timestamp, count: usize) -> Vec<Timestamp> {
    let span = (to - from).num_milliseconds().max(1);
    let mut at: Vec<Timestamp> = (0..count)
        .map(|_| from + Duration::milliseconds(g.rng.random_range(0..span)))
        .collect();
    at.sort();
    at
}

fn activity(
    g: &mut Generator,
    h: &History<'_>,
    app: &AppRecord,
    owner: &UserRecord,
    events: &mut Vec<EventRecord>,
) {
    let from = app.created_at.max(g.now - Duration::days(DAYS));
    let until = g.now - Duration::minutes(10);
    if until <= from {
        return;
    }
    deployments(g, h, app, owner, from, events);
    scales(g, h, app, owner, from, until, events);
    restarts(g, h, app, owner, from, until, events);
    setting_changes(g, h, app, owner, from, until, events);
    if app.status == AppStatus::Crashed {
        let at = g.between_then_and_now(until - Duration::hours(6));
        let type_data = json!({
            "container_type": app.formation.first().map(|t| t.name.clone()),
            "crash_logs": "Error: Cannot find module './dist/server.js'\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1145:15)",
            "logs_url": "",
        });
        events.push(event(g, h, app, owner, "repeated_crash", at, type_data));
    }
}

fn sha(g: &mut Generator) -> String {
    let mut sha = ids::object_id(&mut g.rng);
    sha.push_str(&ids::object_id(&mut g.rng)[..16]);
    sha
}

fn deployments(
    g: &mut Generator,
    h: &History<'_>,
    app: &AppRecord,
    owner: &UserRecord,
    from: Timestamp,
    events: &mut Vec<EventRecord>,
) {
    let Some(last_at) = app.last_deployed_at else {
        return;
    };
    // A deployment under way has no event yet: the last finished one is
    // earlier.
    let last_finished = if app.status == AppStatus::Booting {
        (last_at - Duration::hours(g.rng.random_range(3..48))).max(app.created_at)
    } else {
        last_at
    };
    let earlier = g.rng.random_range(1..=4);
    let mut at = moments(
        g,
        from,
        last_finished.max(from + Duration::minutes(1)),
        earlier,
    );
    at.retain(|t| *t < last_finished);
    at.push(last_finished);
    let stack = h
        .stacks
        .iter()
        .find(|s| s.id == app.stack_id)
        .map(|s| s.name.clone());
    let count = at.len();
    for (n, created_at) in at.into_iter().enumerate() {
        let is_last = n + 1 == count;
        let pusher = match (&app.last_deployed_by, is_last) {
            (Some(name), true) => h
                .users
                .iter()
                .find(|u| &u.username == name)
                .unwrap_or(owner),
            _ => actor(g, h, app, owner),
        };
        let id = match (&app.last_deployment_id, is_last) {
            (Some(id), true) => id.clone(),
            _ => ids::uuid(&mut g.rng),
        };
        let status = if !is_last && g.rng.random_bool(0.2) {
            "build-error"
        } else {
            "success"
        };
        let duration = g.rng.random_range(45..260);
        let git_ref = sha(g);
        let git_ref_url = app
            .git_source
            .as_ref()
            .map(|source| format!("{source}/commit/{git_ref}"));
        let finished_at = (created_at + Duration::seconds(duration)).min(g.now);
        let type_data = json!({
            "deployment_id": id,
            "deployment_uuid": id,
            "deployment_type": "deployment",
            "pusher": pusher.username,
            "git_ref": git_ref,
            "git_ref_url": git_ref_url,
            "status": status,
            "stack": stack,
            "duration": duration,
            "finished_at": time::format(&finished_at),
        });
        events.push(event(
            g,
            h,
            app,
            pusher,
            "deployment",
            created_at,
            type_data,
        ));
    }
}

fn scale_value(amount: u32, size: &str) -> Value {
    Value::String(format!("{amount}:{size}"))
}

/// One process type scaled a few times, ending at its current amount and
/// size. A stopped app was scaled to zero last, all types at once.
fn scales(
    g: &mut Generator,
    h: &History<'_>,
    app: &AppRecord,
    owner: &UserRecord,
    from: Timestamp,
    until: Timestamp,
    events: &mut Vec<EventRecord>,
) {
    if app.status == AppStatus::Stopped {
        let at = g.between_then_and_now(from.max(until - Duration::days(3)));
        let at = at.min(until);
        let previous: serde_json::Map<String, Value> = app
            .formation
            .iter()
            .map(|t| (t.name.clone(), scale_value(1, &t.size)))
            .collect();
        let current: serde_json::Map<String, Value> = app
            .formation
            .iter()
            .map(|t| (t.name.clone(), scale_value(t.amount, &t.size)))
            .collect();
        let type_data = json!({ "previous_containers": previous, "containers": current });
        events.push(event(g, h, app, owner, "scale", at, type_data));
        return;
    }
    let Some(process) = app.formation.choose(&mut g.rng) else {
        return;
    };
    let count = g.rng.random_range(1..=3);
    let at = moments(g, from, until, count);
    let (mut amount, mut size) = (process.amount, process.size.clone());
    for created_at in at.into_iter().rev() {
        let previous_amount = loop {
            let candidate = g.rng.random_range(1..=(amount + 2).min(10));
            if candidate != amount || g.rng.random_bool(0.3) {
                break candidate;
            }
        };
        let previous_size = if previous_amount == amount {
            // Same amount: this scale changed the size.
            let sizes = ["S", "M", "L"];
            let other: Vec<&&str> = sizes.iter().filter(|s| **s != size).collect();
            other
                .choose(&mut g.rng)
                .map_or("M".to_owned(), |s| (**s).to_owned())
        } else {
            size.clone()
        };
        let type_data = json!({
            "previous_containers": { process.name.clone(): scale_value(previous_amount, &previous_size) },
            "containers": { process.name.clone(): scale_value(amount, &size) },
        });
        let user = actor(g, h, app, owner);
        events.push(event(g, h, app, user, "scale", created_at, type_data));
        amount = previous_amount;
        size = previous_size;
    }
}

fn restarts(
    g: &mut Generator,
    h: &History<'_>,
    app: &AppRecord,
    owner: &UserRecord,
    from: Timestamp,
    until: Timestamp,
    events: &mut Vec<EventRecord>,
) {
    let count = g.rng.random_range(1..=3);
    // One in the last two days, for charts of the default window.
    let mut at = moments(g, from, until, count - 1);
    at.push(
        g.between_then_and_now(from.max(until - Duration::days(2)))
            .min(until),
    );
    for created_at in at {
        let scope = if g.rng.random_bool(0.5) {
            Value::Null
        } else {
            app.formation
                .choose(&mut g.rng)
                .map_or(Value::Null, |t| json!([t.name]))
        };
        let type_data = json!({ "scope": scope, "reason": "user_restart" });
        let user = actor(g, h, app, owner);
        events.push(event(g, h, app, user, "restart", created_at, type_data));
    }
}

/// A setting switched, sometimes switched back, ending at its current value.
fn setting_changes(
    g: &mut Generator,
    h: &History<'_>,
    app: &AppRecord,
    owner: &UserRecord,
    from: Timestamp,
    until: Timestamp,
    events: &mut Vec<EventRecord>,
) {
    if g.rng.random_bool(0.3) {
        return;
    }
    let settings = [
        ("force_https", app.force_https),
        ("router_logs", app.router_logs),
        ("sticky_session", app.sticky_session),
    ];
    let Some(&(key, current)) = settings.choose(&mut g.rng) else {
        return;
    };
    let count = g.rng.random_range(1..=2);
    let at = moments(g, from, until, count);
    let mut value = current;
    for created_at in at.into_iter().rev() {
        let user = actor(g, h, app, owner);
        events.push(event(
            g,
            h,
            app,
            user,
            "edit_app",
            created_at,
            json!({ key: value }),
        ));
        value = !value;
    }
}
