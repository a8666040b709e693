//! A large demo for benchmarks (`--demo-apps N`): generated apps in the
//! default region, so that the demo user lists N apps there, the normal
//! demo included.
//!
//! Kept cheap, so that thousands start in a fraction of a second: a small
//! formation, a creation and a deployment event per app, the deployment's
//! record, and nothing else (no environment).
//! Logs, archives and metrics follow from those on demand, like for every
//! app.

use chrono::Duration;
use rand::{seq::IndexedRandom, Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use scalingo_api::{AppStatus, CollaboratorStatus};
use serde_json::{json, Map, Value};

use super::{Generator, DEMO_TOKEN};
use crate::domain::{
    catalogue::DEFAULT_REGION,
    ids,
    model::{
        AppRecord, CollaboratorRecord, ContainerRecord, ContainerTypeRecord, EventRecord, Platform,
        UserRecord,
    },
    platform::event_user,
    time::{self, Timestamp},
};

/// The generator stream of the large demo (see `secnum` for why streams).
const STREAM: u64 = 2;
/// Projects of the demo user that only the large demo has.
const PROJECTS: [&str; 4] = ["team-payments", "team-search", "team-data", "team-platform"];

/// Adds apps until the demo user sees `wanted` apps in the default region
/// (nothing when the normal demo already has that many).
pub fn add_load_apps(platform: &mut Platform, seed: u64, wanted: usize, now: Timestamp) {
    let Some(user) = platform.user_by_api_token(DEMO_TOKEN).cloned() else {
        return;
    };
    let visible = platform.visible_apps(DEFAULT_REGION, &user.id).count();
    let count = wanted.saturating_sub(visible);
    if count == 0 {
        return;
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(STREAM);
    let mut g = Generator { rng, now };

    for name in PROJECTS {
        let project = super::records::project(&mut g, &user, name, DEFAULT_REGION);
        platform.projects.push(project);
    }
    let own_projects: Vec<String> = platform
        .projects_of(DEFAULT_REGION, &user.id)
        .map(|p| p.id.clone())
        .collect();
    let others: Vec<(UserRecord, String)> = platform
        .users
        .iter()
        .filter(|u| u.id != user.id)
        .filter_map(|u| {
            let project = platform.default_project(DEFAULT_REGION, &u.id)?;
            Some((u.clone(), project.id.clone()))
        })
        .collect();
    let stacks: Vec<String> = platform
        .stacks
        .iter()
        .filter(|s| s.deprecated_at.is_none())
        .map(|s| s.id.clone())
        .collect();

    let width = count.to_string().len().max(4);
    platform.apps.reserve(count);
    platform.events.reserve(2 * count);
    for number in 1..=count {
        let name = format!("load-app-{number:0width$}");
        // Mostly the demo user's; the rest shared with them by others.
        let (owner, project_id) = match others.choose(&mut g.rng) {
            Some((other, project)) if g.rng.random_bool(0.25) => (other, project.clone()),
            _ => (
                &user,
                own_projects.choose(&mut g.rng).cloned().unwrap_or_default(),
            ),
        };
        let stack_id = stacks.choose(&mut g.rng).cloned().unwrap_or_default();
        let app = load_app(&mut g, &name, owner, project_id, stack_id);
        if owner.id != user.id {
            platform.collaborators.push(CollaboratorRecord {
                id: ids::object_id(&mut g.rng),
                app_id: app.id.clone(),
                email: user.email.clone(),
                user_id: Some(user.id.clone()),
                status: CollaboratorStatus::Accepted,
                is_limited: g.rng.random_bool(0.2),
                invitation_token: ids::token_chars(&mut g.rng, 40),
                created_at: g.between_then_and_now(app.created_at),
            });
        }
        let project_name = platform
            .project(&app.project_id)
            .map(|p| p.name.clone())
            .unwrap_or_default();
        push_events(&mut g, &mut platform.events, &app, owner, &project_name);
        platform.apps.push(app);
    }
    // Their deployment, from its event; their environment stays empty.
    super::records_from_history(&mut g, platform);
    platform.add_default_notifiers(&mut g.rng);
}

/// One generated app: mostly running, some stopped, crashed or new, with
/// one or two small process types.
fn load_app(
    g: &mut Generator,
    name: &str,
    owner: &UserRecord,
    project_id: String,
    stack_id: String,
) -> AppRecord {
    let created_at = g.days_ago((1, 900));
    let status = match g.rng.random_range(0..100) {
        0..78 => AppStatus::Running,
        78..88 => AppStatus::Stopped,
        88..94 => AppStatus::Crashed,
        _ => AppStatus::New,
    };
    let deployed_at = (status != AppStatus::New).then(|| g.between_then_and_now(created_at));
    let mut formation = Vec::new();
    let mut containers = Vec::new();
    if let Some(deployed_at) = deployed_at {
        let mut types = vec![("web", ""), ("worker", "bundle exec sidekiq")];
        if g.rng.random_bool(0.6) {
            types.pop();
        }
        for (kind, command) in types {
            let amount = match status {
                AppStatus::Stopped => 0,
                _ => g.rng.random_range(1..=2),
            };
            let size = *["S", "M"].choose(&mut g.rng).unwrap_or(&"M");
            formation.push(ContainerTypeRecord {
                id: ids::object_id(&mut g.rng),
                name: kind.to_owned(),
                amount,
                size: size.to_owned(),
                command: command.to_owned(),
                created_at: deployed_at,
            });
            let state = if status == AppStatus::Crashed {
                "crashed"
            } else {
                "running"
            };
            for index in 1..=amount {
                containers.push(ContainerRecord {
                    id: ids::object_id(&mut g.rng),
                    kind: kind.to_owned(),
                    type_index: u64::from(index),
                    state: state.to_owned(),
                    command: String::new(),
                    size: size.to_owned(),
                    created_at: (deployed_at + Duration::seconds(30)).min(g.now),
                    running_at: None,
                    stopping_at: None,
                    gone_at: None,
                });
            }
        }
    }
    AppRecord {
        id: ids::object_id(&mut g.rng),
        name: name.to_owned(),
        region: DEFAULT_REGION.to_owned(),
        owner_id: owner.id.clone(),
        project_id,
        stack_id,
        parent_app_name: String::new(),
        status,
        created_at,
        updated_at: deployed_at.unwrap_or(created_at),
        last_deployed_at: deployed_at,
        last_deployed_by: deployed_at.map(|_| owner.username.clone()),
        last_deployment_id: deployed_at.map(|_| ids::uuid(&mut g.rng)),
        git_source: None,
        force_https: g.rng.random_bool(0.5),
        sticky_session: false,
        router_logs: false,
        hds_resource: false,
        flags: Map::new(),
        limits: Map::new(),
        private_networks_ids: Vec::new(),
        data_access_consent: None,
        formation,
        containers,
        upcoming_containers: Vec::new(),
        last_one_off_index: 0,
        past_containers: Vec::new(),
        build_cache_reset: false,
    }
}

/// The app's creation, and its last deployment (what its timeline, logs
/// and metrics start from).
fn push_events(
    g: &mut Generator,
    events: &mut Vec<EventRecord>,
    app: &AppRecord,
    owner: &UserRecord,
    project_name: &str,
) {
    let mut event = |kind: &str, at: Timestamp, type_data: Value| EventRecord {
        id: ids::object_id(&mut g.rng),
        region: app.region.clone(),
        created_at: at,
        kind: kind.to_owned(),
        app_id: app.id.clone(),
        app_name: app.name.clone(),
        project_id: app.project_id.clone(),
        project_name: project_name.to_owned(),
        user: event_user(owner),
        type_data,
    };
    events.push(event(
        "new_app",
        app.created_at,
        json!({ "git_source": null }),
    ));
    if let (Some(at), Some(id)) = (app.last_deployed_at, &app.last_deployment_id) {
        let duration = 60 + at.timestamp_subsec_millis() % 120;
        let type_data = json!({
            "deployment_id": id,
            "deployment_uuid": id,
            "deployment_type": "deployment",
            "pusher": owner.username,
            "git_ref": format!("{}{}", app.id, &app.id[..16]),
            "git_ref_url": null,
            "status": "success",
            "duration": duration,
            "finished_at": time::format(&(at + Duration::seconds(i64::from(duration)))),
        });
        events.push(event("deployment", at, type_data));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::generate;

    #[test]
    fn the_demo_user_sees_the_wanted_count() {
        let now = time::now();
        let mut p = generate(42, now);
        let user = p.user_by_api_token(DEMO_TOKEN).unwrap().id.clone();
        let normal = p.visible_apps(DEFAULT_REGION, &user).count();
        add_load_apps(&mut p, 42, 3, now);
        assert_eq!(p.visible_apps(DEFAULT_REGION, &user).count(), normal);
        add_load_apps(&mut p, 42, 300, now);
        assert_eq!(p.visible_apps(DEFAULT_REGION, &user).count(), 300);
        let generated: Vec<&AppRecord> = p
            .apps
            .iter()
            .filter(|a| a.name.starts_with("load-app-"))
            .collect();
        assert_eq!(generated.len(), 300 - normal);
        assert!(generated.iter().any(|a| a.owner_id != user));
        for status in [AppStatus::Running, AppStatus::Stopped, AppStatus::New] {
            assert!(generated.iter().any(|a| a.status == status), "{status:?}");
        }
        for app in &generated {
            let total: u32 = app.formation.iter().map(|t| t.amount).sum();
            assert_eq!(total as usize, app.containers.len(), "{}", app.name);
            assert!(scalingo_api::is_valid_app_name(
                &app.name,
                scalingo_api::AppNameKind::App
            ));
        }
    }
}
